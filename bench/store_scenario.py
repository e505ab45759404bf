"""End-to-end check of the store on the sample decrees.

Imports the sample decrees, corrects 10 fields in 3 decrees, re-imports them
as a newer extractor version would, exports, and checks that the export holds
all 10 corrected values and the audit trail 10 entries.

    python -m bench.store_scenario [--db URL] [--seeds DIR]

Without --db it works in a temporary SQLite file; without --seeds it reads
samples/text. Exit status 1 if a check fails.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from pipeline.run import expand_inputs, extract_file
from pipeline.version import extractor_version
from store import corrections
from store.db import make_engine, open_store, upgrade
from store.exports import write_frame
from store.importer import load_record
from store.models import Correction
from store.queries import Filters, find_decree, indicators_frame

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "text"
# (kecamatan, row number in the decree, field, new value)
EDITS = [
    ("Ponggok", 0, "target", "100 %"),
    ("Ponggok", 0, "target_value", "100"),
    ("Ponggok", 0, "target_unit", "%"),
    ("Ponggok", 1, "indikator", "Persentase Sarana dan Prasarana aparatur dengan kondisi layak fungsi"),
    ("Camplong", 2, "sumber_data", "Laporan Kecamatan"),
    ("Camplong", 3, "kind", "jumlah"),
    ("Camplong", 4, "target", "12 dokumen"),
    ("Kapongan", 0, "formula", "Jumlah desa yang dibina / jumlah desa x 100"),
    ("Kapongan", 5, "multiplier", "100"),
    ("Kapongan", 7, "reviewed", "true"),
]


def import_all(factory, paths: list[Path], version: str) -> list[str]:
    outcomes = []
    for path in paths:
        record = extract_file(path)
        record.extractor_version = version
        outcomes.append(load_record(factory, record).outcome)
    return outcomes


def correct(factory) -> list[tuple[int, str, str]]:
    """Apply EDITS; returns (correction id, field, value as stored) for each."""
    done = []
    with factory.begin() as session:
        for kecamatan, number, field, value in EDITS:
            decree = find_decree(session, kecamatan)
            key = indicators_frame(session, Filters(decree_id=decree.id)).row_key[number]
            entry = corrections.set_field(session, decree, key, field, value, who="scenario",
                                          why="checked against the signed decree")
            done.append((entry.id, field, entry.new))
            print(f"  correction {entry.id}: {kecamatan} row {key} {field}: {entry.old!r} -> {entry.new!r}")
    return done


def found_in_export(export: list[dict], factory, done: list[tuple[int, str, str]]) -> int:
    """How many corrections have their value, as recorded in the audit trail, in the exported row."""
    found = 0
    with factory() as session:
        for correction_id, field, value in done:
            entry = session.get_one(Correction, correction_id)
            rows = [row for row in export
                    if row["row_key"] in entry.applied_row_keys and row["source"] == entry.source_file.name]
            found += len(rows) == 1 and corrections.render_value(rows[0][field]) == value
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--seeds", type=Path, default=SAMPLES)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="iki-scenario-"))
    url = args.db or f"sqlite:///{workdir / 'iki.db'}"
    upgrade(make_engine(url))
    factory = open_store(url)
    paths = expand_inputs([args.seeds])

    print(f"1. import {len(paths)} sample decrees: {import_all(factory, paths, extractor_version())}")
    print(f"2. correct {len(EDITS)} fields in {len({e[0] for e in EDITS})} decrees")
    done = correct(factory)
    newer = f"{extractor_version()}.rescan"
    print(f"3. re-import with extractor version {newer}: {import_all(factory, paths, newer)}")
    with factory() as session:
        statuses = [c.status for c in session.scalars(select(Correction).order_by(Correction.id))]
        trail = session.scalar(select(func.count()).select_from(Correction))
        export = indicators_frame(session)
    out = workdir / "indicators.json"
    write_frame(export, "json", out)
    exported = json.loads(out.read_text(encoding="utf-8"))
    print(f"4. export: {len(exported)} rows to {out}")
    found = found_in_export(exported, factory, done)
    print(f"corrections after re-import: {statuses}")
    print(f"{found} of {len(done)} corrections are in the export; the audit trail has {trail} entries")
    ok = found == len(done) == len(EDITS) and trail == len(EDITS)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
