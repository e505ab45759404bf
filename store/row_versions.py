"""Row versions that only grow, for the whole life of a row key: across edits, replays and re-extractions.

An officer's edit carries the version they read and is refused if the row
has moved on. That only protects them if a version is never handed out
twice for the same row: replay drops and rebuilds the rows corrections
added, and a re-extraction replaces every row, so rebuilt rows continue
above their decree's `row_version_floor` (the highest version any dropped
row reached) instead of starting again at 1. An ORM change to a row that
really changes a value adds one (`bump_versions`, on every flush); a value
set back to what it was changes nothing, so replaying the same corrections
leaves untouched rows at their version.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, event, func, select
from sqlalchemy.orm import Session

from store.models import Decree, IndicatorRow


def raise_floor(session: Session, decree: Decree, dropping: ColumnElement[bool]) -> int:
    """Lift the decree's floor to the highest version of the rows about to be dropped; returns the floor."""
    highest = session.scalar(select(func.max(IndicatorRow.version)).where(dropping)) or 0
    decree.row_version_floor = max(decree.row_version_floor or 0, highest)
    return decree.row_version_floor


@event.listens_for(Session, "before_flush")
def bump_versions(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.dirty:
        if isinstance(obj, IndicatorRow) and session.is_modified(obj):
            obj.version += 1
