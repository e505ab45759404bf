"""The hand-made gold records, read as what a variant must draw, and the gold of each variant.

The renderings are drawn from these records alone (never from what our readers make
of the seed texts), so a variant's gold is the source record with exactly the
fields the variant leaves out set to null.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent.parent
GOLD_DIR = SAMPLES / "gold"
FORMULA_FIELDS = ("formula", "numerator", "denominator", "multiplier")
TARGET_FIELDS = ("target", "target_value", "target_unit")


@dataclass(frozen=True)
class Decree:
    kecamatan: str
    kabupaten: str
    tahun: int
    nomor: str | None
    tanggal: date | None
    penandatangan: str | None
    nip: str | None


@dataclass(frozen=True)
class Indicator:
    sasaran: str | None
    indikator: str | None
    formula: str | None
    numerator: str | None
    denominator: str | None
    multiplier: int | None
    sumber_data: str | None
    target: str | None
    kind: str


@dataclass(frozen=True)
class Position:
    jabatan: str | None
    tugas: str | None
    fungsi: tuple[str, ...]
    indicators: tuple[Indicator, ...]

    @property
    def tugas_items(self) -> list[str]:
        """Tugas kept as "\\n"-joined items (GUIDELINES) is drawn as a list; one sentence as one line."""
        return self.tugas.split("\n") if self.tugas else []


@dataclass(frozen=True)
class Record:
    stem: str
    decree: Decree
    positions: tuple[Position, ...]
    raw: dict[str, Any]

    @property
    def has_targets(self) -> bool:
        return any(i.target for p in self.positions for i in p.indicators)


class GoldError(ValueError):
    """A gold file that cannot be drawn: names the file and the problem."""


def _indicator(data: dict[str, Any]) -> Indicator:
    return Indicator(data.get("sasaran"), data.get("indikator"), data.get("formula"), data.get("numerator"),
                     data.get("denominator"), data.get("multiplier"), data.get("sumber_data"), data.get("target"),
                     data.get("kind") or "lainnya")


def _position(data: dict[str, Any]) -> Position:
    return Position(data.get("jabatan"), data.get("tugas"), tuple(data.get("fungsi") or ()),
                    tuple(_indicator(i) for i in data.get("indicators") or ()))


def load_record(path: Path) -> Record:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        d = raw["decree"]
        decree = Decree(d["kecamatan"], d["kabupaten"], int(d["tahun"]), d.get("nomor"),
                        date.fromisoformat(d["tanggal"]) if d.get("tanggal") else None,
                        d.get("penandatangan"), d.get("nip"))
        positions = tuple(_position(p) for p in raw["positions"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"{path}: not a usable gold record ({exc})") from exc
    if not positions:
        raise GoldError(f"{path}: the record has no positions to draw")
    return Record(path.name[: -len(".gold.json")], decree, positions, raw)


def load_records(gold_dir: Path = GOLD_DIR, stems: list[str] | None = None) -> list[Record]:
    paths = sorted(gold_dir.glob("*.gold.json"))
    if stems:
        known = {p.name[: -len(".gold.json")]: p for p in paths}
        unknown = [s for s in stems if s not in known]
        if unknown:
            raise GoldError(f"{gold_dir}: no gold record for {', '.join(unknown)}")
        paths = [known[s] for s in stems]
    return [load_record(p) for p in paths]


def variant_gold(record: Record, variant_id: str, *, formula: bool, target: bool,
                 positions: list[int] | None = None, decree_fields: set[str] | None = None) -> dict[str, Any]:
    """The source gold as drawn: columns left out become null, only the positions and decree fields shown stay."""
    gold = copy.deepcopy(record.raw)
    gold["source"] = variant_id
    if positions is not None:
        gold["positions"] = [gold["positions"][i] for i in positions]
    if decree_fields is not None:
        gold["decree"] = {k: (v if k in decree_fields else None) for k, v in gold["decree"].items()}
    dropped = (FORMULA_FIELDS if not formula else ()) + (TARGET_FIELDS if not target else ())
    for pos in gold["positions"]:
        for ind in pos["indicators"]:
            ind.update(dict.fromkeys(dropped))
    return gold
