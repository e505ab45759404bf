"""Canonical records of one decree: the contract between normalize/ and store/.

Field names follow ../shared/gold/GUIDELINES.md so that `to_dict()` is the
gold files' shape; provenance, confidence and codes are extra keys.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from extract.layout import Span


class Level(StrEnum):
    """A position's level in the kecamatan office, as GUIDELINES.md defines it; values are the records' strings."""

    CAMAT = "camat"
    SEKRETARIS = "sekretaris"
    KASUBAG = "kasubag"
    KASI = "kasi"
    PELAKSANA = "pelaksana"


class Kind(StrEnum):
    """What an indicator measures, as GUIDELINES.md defines it; values are the records' strings."""

    PERSENTASE = "persentase"
    JUMLAH = "jumlah"
    INDEKS = "indeks"
    RATA_RATA = "rata-rata"
    ANGKA = "angka"
    NILAI = "nilai"
    TINGKAT = "tingkat"
    LAINNYA = "lainnya"


LEVELS = tuple(level.value for level in Level)
KINDS = tuple(kind.value for kind in Kind)


@dataclass
class Provenance:
    """Where a record sits in its source: line range, page and box (page points).

    `boxes` holds one (page, x0, y0, x1, y1) per page the record touches, in page order; the first is
    `page` and `box`, the rest are where a row went on after a page break.
    """

    line_start: int
    line_end: int
    page: int = 1
    box: tuple[float, float, float, float] | None = None
    boxes: tuple[tuple[int, float, float, float, float], ...] = ()

    @classmethod
    def of(cls, span: Span) -> Provenance:
        box = (span.box.x0, span.box.y0, span.box.x1, span.box.y1) if span.box else None
        boxes = tuple((b.page, b.x0, b.y0, b.x1, b.y1) for b in span.boxes)
        return cls(span.line_start, span.line_end, span.page, box, boxes)


@dataclass
class Decree:
    kecamatan: str | None = None
    kabupaten: str | None = None
    tahun: int | None = None
    nomor: str | None = None
    tanggal: str | None = None
    penandatangan: str | None = None
    nip: str | None = None
    kabupaten_type: str | None = None
    provinsi: str | None = None
    kecamatan_code: str | None = None
    kabupaten_code: str | None = None
    provinsi_code: str | None = None
    region_status: str | None = None
    region_candidates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Indicator:
    sasaran: str | None = None
    indikator: str | None = None
    kind: str = "lainnya"
    formula: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    multiplier: int | None = None
    sumber_data: str | None = None
    target: str | None = None
    target_value: float | int | None = None
    target_unit: str | None = None
    confidence: float = 1.0
    provenance: Provenance | None = None
    notes: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Position:
    jabatan: str | None = None
    level: str | None = None
    tugas: str | None = None
    fungsi: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    provenance: Provenance | None = None


@dataclass
class Doubt:
    """One reason to review a whole decree (normalize.doubt.DoubtReason), with the share of rows or pages it
    concerns and, for pages, which."""

    reason: str
    share: float
    pages: list[int] = field(default_factory=list)


@dataclass
class DecreeRecord:
    """Everything normalisation knows about one source document."""

    source: str
    media_type: str
    method: str
    decree: Decree = field(default_factory=Decree)
    positions: list[Position] = field(default_factory=list)
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    status: str = "ok"
    sha256: str | None = None
    extractor_version: str | None = None

    @property
    def indicators(self) -> list[Indicator]:
        return [ind for pos in self.positions for ind in pos.indicators]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def record_from_dict(data: dict[str, Any]) -> DecreeRecord:
    """Rebuild a record from `to_dict()` output (JSON files written by `iki extract`)."""

    def prov(value: dict | None) -> Provenance | None:
        if not value:
            return None
        box = tuple(value["box"]) if value.get("box") else None
        boxes = tuple(tuple(b) for b in value.get("boxes", ()))
        return Provenance(value["line_start"], value["line_end"], value.get("page", 1), box, boxes)

    positions = []
    for pos in data.get("positions", []):
        inds = [Indicator(**{**ind, "provenance": prov(ind.get("provenance"))}) for ind in pos.get("indicators", [])]
        positions.append(Position(**{**pos, "indicators": inds, "provenance": prov(pos.get("provenance"))}))
    return DecreeRecord(
        source=data["source"], media_type=data.get("media_type", "text/plain"), method=data.get("method", "text"),
        decree=Decree(**data.get("decree", {})), positions=positions, pages=data.get("pages", 1),
        warnings=list(data.get("warnings", [])), status=data.get("status", "ok"),
        doubts=[Doubt(**d) for d in data.get("doubts", [])],
        sha256=data.get("sha256"), extractor_version=data.get("extractor_version"),
    )
