"""Fixing one wrong value everywhere: find the rows, show them, then correct each with its own audit record."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import corrections
from store.errors import EditConflict
from store.models import Decree, IndicatorRow, SourceFile

BULK_FIELDS = ("sasaran", "indikator", "formula", "sumber_data", "target", "target_unit")
MODES = ("whole", "part")


@dataclass(frozen=True)
class Change:
    decree_id: int
    kecamatan: str | None
    source: str
    row_key: str
    version: int
    old: str
    new: str


def _replaced(value: str, find: str, replace: str, mode: str) -> str | None:
    if mode == "whole":
        return replace if value.strip() == find.strip() else None
    return value.replace(find, replace) if find in value else None


def preview(session: Session, field_name: str, find: str, replace: str, mode: str = "whole",
            decree_id: int | None = None) -> list[Change]:
    """The rows whose `field_name` holds `find` (the whole value, or part of it) and what each would become."""
    if field_name not in BULK_FIELDS or mode not in MODES or not find:
        return []
    column = getattr(IndicatorRow, field_name)
    query = (select(IndicatorRow, Decree, SourceFile).join(Decree, Decree.id == IndicatorRow.decree_id)
             .join(SourceFile).where(IndicatorRow.deleted.is_(False), column.is_not(None)))
    if decree_id is not None:
        query = query.where(Decree.id == decree_id)
    changes = []
    for row, decree, source in session.execute(query.order_by(Decree.id, IndicatorRow.ordinal, IndicatorRow.id)):
        old = getattr(row, field_name)
        new = _replaced(old, find, replace, mode)
        if new is not None and new != old:
            changes.append(Change(decree.id, decree.kecamatan, source.name, row.row_key, row.version, old, new))
    return changes


def apply(session: Session, field_name: str, planned: list[Change], *, who: str, why: str | None) -> int:
    """Correct every previewed row; a row changed since the preview stops the whole batch (EditConflict)."""
    decrees: dict[int, Decree] = {}
    for change in planned:
        decree = decrees.setdefault(change.decree_id, session.get_one(Decree, change.decree_id))
        current = session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree.id,
                                                             IndicatorRow.row_key == change.row_key)).one()
        if getattr(current, field_name) != change.old:
            raise EditConflict(f"row {change.row_key}", "its value changed since the preview; preview again")
        corrections.set_field(session, decree, change.row_key, field_name, change.new, who=who, why=why,
                              expected_version=change.version)
    return len(planned)
