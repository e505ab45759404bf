"""Stale edits are refused: row versions only grow, across replays and re-extractions, and decrees keep their ids."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from normalize.records import DecreeRecord
from store import corrections
from store.errors import EditConflict
from store.importer import load_record
from store.models import Correction, Decree, IndicatorRow, SourceFile

WHO = "siti"


def _decree(session, record: DecreeRecord) -> Decree:
    return session.scalars(select(Decree).join(SourceFile).where(SourceFile.sha256 == record.sha256)).one()


def _versions(factory, record: DecreeRecord) -> dict[str, int]:
    with factory() as session:
        decree = _decree(session, record)
        return dict(session.execute(select(IndicatorRow.row_key, IndicatorRow.version)
                                    .where(IndicatorRow.decree_id == decree.id)).all())


def _reextract(factory, record: DecreeRecord, version: str = "9.9.9") -> None:
    record.extractor_version = version
    assert load_record(factory, record).outcome == "updated"


def test_an_edit_read_before_an_unrelated_revert_is_refused(imported, seed_records):
    """Replay rebuilds the rows corrections added; one rebuilt at its first version would take the stale edit."""
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        position = decree.positions[0].position_key
        added = corrections.add_row(session, decree, position, {"indikator": "Jumlah laporan"}, who=WHO)
        other = next(row.row_key for row in decree.rows if row.origin == "extracted")
    key = f"c{added.id}"
    read_by_budi = _versions(imported, record)[key]
    with imported.begin() as session:
        corrections.set_field(session, _decree(session, record), key, "target", "12 laporan", who=WHO,
                              expected_version=read_by_budi)
        unrelated = corrections.set_field(session, _decree(session, record), other, "target", "1", who=WHO)
    with imported.begin() as session:
        corrections.revert(session, unrelated.id, who=WHO)
    assert _versions(imported, record)[key] > read_by_budi + 1
    with imported.begin() as session, pytest.raises(EditConflict, match="changed by someone else"):
        corrections.set_field(session, _decree(session, record), key, "target", "0", who="budi",
                              expected_version=read_by_budi)
    with imported() as session:
        row = session.scalars(select(IndicatorRow).where(IndicatorRow.row_key == key)).one()
        assert row.target == "12 laporan"


def test_an_edit_read_before_a_reextraction_is_refused_and_the_decree_keeps_its_id(imported, seed_records):
    record = seed_records[1]
    with imported() as session:
        decree_id = _decree(session, record).id
    before = _versions(imported, record)
    key = next(iter(before))
    with imported.begin() as session:
        corrections.set_field(session, _decree(session, record), key, "target", "90 %", who=WHO,
                              expected_version=before[key])
    _reextract(imported, record)
    after = _versions(imported, record)
    assert set(after) == set(before) and all(after[k] > before[k] for k in before)
    with imported() as session:
        assert _decree(session, record).id == decree_id
    with imported.begin() as session, pytest.raises(EditConflict):
        corrections.set_field(session, _decree(session, record), key, "target", "80 %", who="budi",
                              expected_version=before[key] + 1)
    _reextract(imported, record, "9.9.10")
    again = _versions(imported, record)
    assert all(again[k] > after[k] for k in after)


def test_reviewed_is_in_the_audit_trail_and_survives_reextraction_until_undone(imported, seed_records):
    record = seed_records[2]
    with imported.begin() as session:
        entry = corrections.mark_reviewed(session, _decree(session, record), who=WHO, why="checked the signed copy")
    _reextract(imported, record)
    with imported() as session:
        decree = _decree(session, record)
        assert decree.source_file.status == "reviewed"
        (logged,) = corrections.history(session, decree)
        assert (logged.id, logged.action, logged.who, logged.why) == (entry.id, "reviewed", WHO,
                                                                    "checked the signed copy")
    with imported.begin() as session:
        corrections.revert(session, entry.id, who="budi", why="not yet")
    _reextract(imported, record, "9.9.10")
    with imported() as session:
        decree = _decree(session, record)
        assert decree.source_file.status != "reviewed"
        actions = [c.action for c in session.scalars(select(Correction).order_by(Correction.id))]
        assert actions == ["reviewed", "revert"]
