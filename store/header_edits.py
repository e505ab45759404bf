"""Officers' edits of a position (jabatan, level, tugas, fungsi) and of the decree's own fields.

They are corrections like the edits of indicator rows (store.corrections
records, replays and reverts them): the values as read stay in the
position's and the decree's `extracted`, so a replay starts from them. A
position whose title or duties change is mapped to its canonical jabatan
again; a decree whose kecamatan or kabupaten changes is placed in the
administrative tree again, by the same gazetteer the extraction uses.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from normalize.harmonize.jabatan import map_jabatan
from normalize.placement import place
from normalize.records import Decree as DecreeRecord
from normalize.records import Level
from store.errors import BadValue, InvalidCorrection, reason
from store.models import Decree, Position, PositionFunction
from store.twins import identity_key, link

POSITION_FIELDS = ("jabatan", "level", "tugas", "fungsi")
DECREE_FIELDS = ("kecamatan", "kabupaten", "tahun", "nomor", "tanggal", "penandatangan", "nip")
REGION_FIELDS = ("kecamatan", "kabupaten")
IDENTITY_FIELDS = ("kecamatan", "tahun", "nomor")
EARLIEST_YEAR, LATEST_YEAR = 1945, 2100


def _text(value: str) -> str | None:
    return value.strip() or None


def _level(value: str) -> str:
    try:
        return Level(value.strip().lower()).value
    except ValueError:
        raise BadValue("choose a level: %(choices)s", choices=", ".join(Level)) from None


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _year(value: str) -> int:
    year = int(value.strip())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise BadValue("tahun must lie between %(first)s and %(last)s", first=EARLIEST_YEAR, last=LATEST_YEAR)
    return year


def _nip(value: str) -> str:
    digits = value.replace(" ", "")
    if not digits.isascii() or not digits.isdigit():
        raise BadValue("a NIP holds digits only")
    return value.strip()


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadValue("expected a date (YYYY-MM-DD)") from None


PARSERS: dict[str, Callable[[str], Any]] = {
    "jabatan": _text, "level": _level, "tugas": _text, "fungsi": _lines,
    "kecamatan": _text, "kabupaten": _text, "tahun": _year, "nomor": _text,
    "tanggal": _date, "penandatangan": _text, "nip": _nip,
}


def parse(field_name: str, text: str | None, allowed: tuple[str, ...]) -> Any:
    """The value an officer typed for a position's or the decree's field; empty clears it (fungsi: no items)."""
    if field_name not in allowed:
        raise InvalidCorrection(field_name, "not a field that can be corrected here; choose one of %(fields)s",
                                fields=", ".join(allowed))
    if text is None or not text.strip():
        return [] if field_name == "fungsi" else None
    try:
        return PARSERS[field_name](text)
    except ValueError as exc:
        raise InvalidCorrection(field_name, "%(text)r is not a valid value: %(reason)s", text=text,
                                reason=reason(exc)) from None


def render(value: Any) -> str | None:
    """A field's value as the audit trail keeps it: fungsi items one a line, dates as ISO dates."""
    if value is None:
        return None
    if isinstance(value, list):
        return "\n".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def position_value(position: Position, field_name: str) -> Any:
    return [item.text for item in position.fungsi] if field_name == "fungsi" else getattr(position, field_name)


def position_snapshot(jabatan: str | None, level: str | None, tugas: str | None, fungsi: list[str]) -> dict[str, Any]:
    return {"jabatan": jabatan, "level": level, "tugas": tugas, "fungsi": list(fungsi)}


def set_position(position: Position, field_name: str, value: Any) -> None:
    """Change one field of a position and map it to its canonical jabatan again."""
    if field_name == "fungsi":
        if [item.text for item in position.fungsi] != value:
            position.fungsi = [PositionFunction(ordinal=number, text=text) for number, text in enumerate(value, 1)]
    else:
        setattr(position, field_name, value)
    match = map_jabatan(position.jabatan, position.level, position.tugas, [item.text for item in position.fungsi])
    position.canonical_jabatan, position.jabatan_score = match.code, match.score if match.code else None


def set_decree(decree: Decree, field_name: str, value: Any) -> None:
    """Change one of the decree's fields; a new kecamatan or kabupaten places it again, new keys regroup its forms."""
    setattr(decree, field_name, value)
    if field_name in REGION_FIELDS:
        _place(decree)
    if field_name in IDENTITY_FIELDS:
        decree.identity_key = identity_key(decree.kecamatan, decree.tahun, decree.nomor)


def _place(decree: Decree) -> None:
    record = DecreeRecord(kecamatan=decree.kecamatan, kabupaten=decree.kabupaten,
                          kabupaten_type=decree.kabupaten_type)
    place(record, f"decree {decree.id}")
    decree.kabupaten = record.kabupaten
    for name in ("kabupaten_type", "provinsi", "kecamatan_code", "kabupaten_code", "provinsi_code", "region_status",
                 "region_candidates"):
        setattr(decree, name, getattr(record, name))


def restore(decree: Decree, positions: list[Position]) -> None:
    """Put the decree's and its positions' fields back as read (fields an officer never edited stay untouched)."""
    for name, value in (decree.extracted or {}).items():
        read = date.fromisoformat(value) if name == "tanggal" and value else value
        if getattr(decree, name) != read:
            set_decree(decree, name, read)
    for position in positions:
        for name, value in (position.extracted or {}).items():
            if position_value(position, name) != value:
                set_position(position, name, value)


def regroup(session: Session, decree: Decree) -> None:
    """After an edit of kecamatan, tahun or nomor: join the forms it now matches, or leave those it no longer does."""
    session.flush()
    link(session, decree)
