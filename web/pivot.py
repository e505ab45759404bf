"""The analysts' pivot: kecamatan down, concepts across, each cell the kecamatan's own wording of the concept.

An empty cell is a kecamatan that lacks the concept; a column's header says
how many kecamatan word it and in how many ways. The columns are the top-N
concepts under the filters (searchable by name), the rows one page of the
decrees that count (store.twins), so a page reads its 50 decrees' rows of
the shown concepts. What sums over every row (the columns' counts, the facet
counts) is kept per state of the store (`Generation`): the same view asked
again costs one small query until the next import, edit or concept change.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from math import ceil
from threading import Lock
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from store.models import Concept, ConceptEvent, Correction, Decree, IndicatorRow, Position, SourceFile

PAGE_SIZE = 50
DEFAULT_TOP = 12
MAX_TOP = 60
FACET_SIZE = 12
CACHE_SIZE = 128


@dataclass(frozen=True)
class PivotQuery:
    """The pivot's choices; empty means any. `lacking` keeps only the kecamatan without that concept."""

    kabupaten: str = ""
    tahun: int | None = None
    level: str = ""
    kind: str = ""
    q: str = ""
    kecamatan: str = ""
    lacking: int | None = None
    top: int = DEFAULT_TOP
    page: int = 1

    def decree_conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [Decree.twin_of.is_(None)]
        if self.kabupaten:
            found.append(func.lower(Decree.kabupaten) == self.kabupaten.lower())
        if self.tahun is not None:
            found.append(Decree.tahun == self.tahun)
        if self.kecamatan:
            found.append(func.lower(Decree.kecamatan).like(f"%{self.kecamatan.lower()}%"))
        return found

    def rows(self, *columns: Any) -> Select:
        """Live rows of the decrees that count under every filter, selecting `columns`."""
        query = (select(*columns).select_from(IndicatorRow).join(Decree, Decree.id == IndicatorRow.decree_id)
                 .where(IndicatorRow.deleted.is_(False), *self.decree_conditions()))
        if self.level:
            query = query.join(Position, Position.id == IndicatorRow.position_id).where(
                func.lower(Position.level) == self.level.lower())
        if self.kind:
            query = query.where(IndicatorRow.kind == self.kind)
        return query

    def aggregate_key(self) -> tuple:
        """What the sums depend on: the filters, not the page."""
        return (self.kabupaten.lower(), self.tahun, self.level.lower(), self.kind, self.q.lower(),
                self.kecamatan.lower(), self.top)


@dataclass(frozen=True)
class ConceptColumn:
    concept_id: int
    name: str
    kecamatan: int
    wordings: int


@dataclass(frozen=True)
class Cell:
    row_key: str
    indikator: str | None
    jabatan: str | None
    more: int = 0


@dataclass(frozen=True)
class PivotRow:
    decree_id: int
    kecamatan: str | None
    kabupaten: str | None
    tahun: int | None
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Facet:
    name: str
    values: list[tuple[Any, int]]


@dataclass(frozen=True)
class Pivot:
    columns: list[ConceptColumn]
    rows: list[PivotRow]
    decrees: int
    matching: int
    number: int
    count: int
    facets: list[Facet]


class Generation:
    """A cheap fingerprint of the store's state: it changes with every import, correction and concept edit."""

    @staticmethod
    def of(session: Session) -> tuple:
        return tuple(session.execute(select(
            select(func.max(Correction.id)).scalar_subquery(), select(func.count(SourceFile.id)).scalar_subquery(),
            select(func.max(SourceFile.imported_at)).scalar_subquery(),
            select(func.max(ConceptEvent.id)).scalar_subquery(), select(func.count(Concept.id)).scalar_subquery(),
            select(func.max(Concept.id)).scalar_subquery())).one())


class SumCache:
    """The latest sums per (store state, filters), least recently used dropped first."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._found: OrderedDict[tuple, Any] = OrderedDict()
        self._size = size
        self._lock = Lock()

    def get(self, key: tuple, compute: Any) -> Any:
        with self._lock:
            if key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
        value = compute()
        with self._lock:
            self._found[key] = value
            while len(self._found) > self._size:
                self._found.popitem(last=False)
        return value


def concept_columns(session: Session, choice: PivotQuery) -> list[ConceptColumn]:
    """The top concepts under the filters by the number of kecamatan that word them."""
    kecamatan = func.count(func.distinct(IndicatorRow.decree_id))
    query = (choice.rows(IndicatorRow.concept_id, Concept.name, kecamatan,
                         func.count(func.distinct(func.lower(IndicatorRow.indikator))))
             .join(Concept, Concept.id == IndicatorRow.concept_id)
             .group_by(IndicatorRow.concept_id, Concept.name).order_by(kecamatan.desc(), Concept.name)
             .limit(min(max(choice.top, 1), MAX_TOP)))
    if choice.q:
        query = query.where(func.lower(Concept.name).like(f"%{choice.q.lower()}%"))
    return [ConceptColumn(concept_id, name, int(count), int(wordings))
            for concept_id, name, count, wordings in session.execute(query)]


def facets(session: Session, choice: PivotQuery) -> list[Facet]:
    """Counts of decrees per kabupaten and year, and of indicator rows per kind and level, under the filters."""
    def top(column: Any, counted: Any, query: Select) -> list[tuple[Any, int]]:
        grouped = query.group_by(column).order_by(counted.desc(), column).limit(FACET_SIZE)
        return [(value, int(count)) for value, count in session.execute(grouped) if value is not None]

    decrees = func.count(Decree.id)
    rows = func.count(IndicatorRow.id)
    by_level = choice.rows(Position.level, rows)
    if not choice.level:
        by_level = by_level.join(Position, Position.id == IndicatorRow.position_id)
    return [
        Facet("kabupaten", top(Decree.kabupaten, decrees, select(Decree.kabupaten, decrees)
                                .where(*choice.decree_conditions()))),
        Facet("tahun", top(Decree.tahun, decrees, select(Decree.tahun, decrees).where(*choice.decree_conditions()))),
        Facet("kind", top(IndicatorRow.kind, rows, choice.rows(IndicatorRow.kind, rows))),
        Facet("level", top(Position.level, rows, by_level)),
    ]


def _decrees(choice: PivotQuery) -> Select:
    query = select(Decree.id, Decree.kecamatan, Decree.kabupaten, Decree.tahun).where(*choice.decree_conditions())
    if choice.lacking is not None:
        query = query.where(~exists().where(IndicatorRow.decree_id == Decree.id,
                                            IndicatorRow.concept_id == choice.lacking,
                                            IndicatorRow.deleted.is_(False)))
    return query


def pivot(session: Session, choice: PivotQuery, sums: SumCache) -> Pivot:
    """One page of the pivot."""
    key = (Generation.of(session), choice.aggregate_key())
    columns = sums.get(("columns", *key), lambda: concept_columns(session, choice))
    facet_counts = sums.get(("facets", *key), lambda: facets(session, choice))
    decrees = sums.get(("decrees", *key), lambda: session.scalar(
        select(func.count(Decree.id)).where(*choice.decree_conditions())) or 0)
    listed = _decrees(choice)
    matching = decrees if choice.lacking is None else session.scalar(
        select(func.count()).select_from(listed.subquery())) or 0
    count = max(1, ceil(matching / PAGE_SIZE))
    number = min(max(choice.page, 1), count)
    page = session.execute(listed.order_by(func.lower(Decree.kecamatan), Decree.tahun, Decree.id)
                           .offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    rows = {decree_id: PivotRow(decree_id, kecamatan, kabupaten, tahun)
            for decree_id, kecamatan, kabupaten, tahun in page}
    wanted = [column.concept_id for column in columns]
    if rows and wanted:
        query = (choice.rows(IndicatorRow.decree_id, IndicatorRow.concept_id, IndicatorRow.row_key,
                             IndicatorRow.indikator, Position.jabatan)
                 .where(IndicatorRow.decree_id.in_(list(rows)), IndicatorRow.concept_id.in_(wanted)))
        if not choice.level:
            query = query.join(Position, Position.id == IndicatorRow.position_id)
        for decree_id, concept_id, row_key, indikator, jabatan in session.execute(
                query.order_by(IndicatorRow.decree_id, Position.ordinal, IndicatorRow.ordinal)):
            cells = rows[decree_id].cells
            held = cells.get(concept_id)
            cells[concept_id] = Cell(row_key, indikator, jabatan) if held is None else Cell(
                held.row_key, held.indikator, held.jabatan, held.more + 1)
    return Pivot(columns, list(rows.values()), decrees, matching, number, count, facet_counts)
