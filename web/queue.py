"""The officers' queue at real volumes: every decree once (its other forms listed), failed files with their error,
paged, sorted by any column (lowest confidence first), filtered and searched in SQL.

Row counts come from the decrees' kept counts (store.decree_counts), so a page
of 7,000 decrees reads 50 decrees and their forms, never their rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from math import ceil
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from store import twins
from store.enums import SourceStatus
from store.models import Decree, SourceFile

PAGE_SIZE = 50
MAX_PAGE = 10**6
# the order of statuses when sorting by status: what needs an officer first
STATUS_ORDER = (SourceStatus.NEEDS_REVIEW, SourceStatus.FAILED, SourceStatus.IMPORTED, SourceStatus.NO_CONTENT,
                SourceStatus.REVIEWED)


class Column(StrEnum):
    """The queue's sortable columns."""

    STATUS = "status"
    KECAMATAN = "kecamatan"
    KABUPATEN = "kabupaten"
    TAHUN = "tahun"
    FILE = "file"
    ROWS = "rows"
    LOW = "low"
    CONFIRM = "confirm"
    CONFIDENCE = "confidence"
    IMPORTED = "imported"


SORTED_BY: dict[Column, Any] = {
    Column.STATUS: case({status.value: place for place, status in enumerate(STATUS_ORDER)}, value=SourceFile.status),
    Column.KECAMATAN: func.lower(Decree.kecamatan), Column.KABUPATEN: func.lower(Decree.kabupaten),
    Column.TAHUN: Decree.tahun, Column.FILE: func.lower(SourceFile.name), Column.ROWS: Decree.row_count,
    Column.LOW: Decree.low_count, Column.CONFIRM: Decree.unconfirmed_count, Column.CONFIDENCE: Decree.min_confidence,
    Column.IMPORTED: SourceFile.imported_at,
}


@dataclass(frozen=True)
class QueueQuery:
    """The queue's choices from the query string; empty means any."""

    status: str = ""
    kabupaten: str = ""
    tahun: int | None = None
    errors: bool = False
    q: str = ""
    sort: Column = Column.CONFIDENCE
    descending: bool = False
    page: int = 1

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [or_(Decree.id.is_(None), Decree.twin_of.is_(None))]
        if self.status in set(SourceStatus):
            found.append(SourceFile.status == self.status)
        if self.kabupaten:
            found.append(func.lower(Decree.kabupaten) == self.kabupaten.lower())
        if self.tahun is not None:
            found.append(Decree.tahun == self.tahun)
        if self.errors:
            found.append(or_(SourceFile.status == SourceStatus.FAILED, SourceFile.error.is_not(None)))
        if self.q:
            pattern = f"%{self.q.lower()}%"
            found.append(or_(func.lower(Decree.kecamatan).like(pattern), func.lower(SourceFile.name).like(pattern)))
        return found

    def sorted_by(self, column: Column) -> QueueQuery:
        """The same view sorted by `column`: ascending first, descending when it is already sorted so."""
        return replace(self, sort=column, descending=self.sort == column and not self.descending, page=1)


@dataclass
class QueueEntry:
    source_id: int
    name: str
    status: SourceStatus
    error: str | None
    decree_id: int | None
    kecamatan: str | None
    kabupaten: str | None
    tahun: int | None
    rows: int
    low_confidence: int
    unconfirmed: int
    min_confidence: float | None
    imported_at: Any
    forms: list[twins.Form] = field(default_factory=list)
    doubts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    total: int
    number: int
    count: int


def queue_page(session: Session, choice: QueueQuery) -> QueuePage:
    """One page of the queue under the choice's filters and order.

    The order is found over the files' ids and sort keys only, then the page's
    50 files and decrees are read by id: sorting whole rows (warnings, region
    candidates, fields as read) to keep 50 of 7,000 cost most of the page.
    """
    where = choice.conditions()
    joined = select(SourceFile.id).outerjoin(Decree, Decree.source_file_id == SourceFile.id).where(*where)
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    count = max(1, ceil(total / PAGE_SIZE))
    number = min(max(choice.page, 1), count)
    key = SORTED_BY[choice.sort]
    order = (key.desc() if choice.descending else key.asc()).nulls_last()
    ids = list(session.scalars(joined.order_by(order, SourceFile.id).offset((number - 1) * PAGE_SIZE)
                               .limit(PAGE_SIZE)))
    found = {source.id: (source, decree) for source, decree in session.execute(
        select(SourceFile, Decree).outerjoin(Decree, Decree.source_file_id == SourceFile.id)
        .where(SourceFile.id.in_(ids)))}
    entries = []
    for source, decree in (found[source_id] for source_id in ids if source_id in found):
        entries.append(QueueEntry(source.id, source.name, source.status, source.error,
                                  decree.id if decree else None, decree.kecamatan if decree else None,
                                  decree.kabupaten if decree else None, decree.tahun if decree else None,
                                  decree.row_count if decree else 0, decree.low_count if decree else 0,
                                  decree.unconfirmed_count if decree else 0, decree.min_confidence if decree else None,
                                  source.imported_at, doubts=list(source.doubts or [])))
    others = twins.forms_of(session, [entry.decree_id for entry in entries if entry.decree_id])
    for entry in entries:
        entry.forms = others.get(entry.decree_id or 0, [])
    return QueuePage(entries, total, number, count)


def choices(session: Session) -> dict[str, list]:
    """What the filters offer: the kabupaten and years of the decrees that count."""
    counting = Decree.twin_of.is_(None)
    return {
        "kabupaten": sorted(set(session.scalars(select(Decree.kabupaten).where(counting, Decree.kabupaten.is_not(None))
                                                .distinct()))),
        "tahun": sorted(set(session.scalars(select(Decree.tahun).where(counting, Decree.tahun.is_not(None))
                                            .distinct()))),
        "status": list(SourceStatus),
    }


def remove_failed(session: Session, source_id: int) -> str | None:
    """Forget a failed file that has no decree (it can be imported again); returns its name, None if not removable."""
    source = session.get(SourceFile, source_id)
    if source is None or source.status != SourceStatus.FAILED or source.decree is not None:
        return None
    name = source.name
    session.delete(source)
    return name
