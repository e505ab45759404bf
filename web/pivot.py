"""The analysts' pivot: kecamatan down, concepts across, each cell the kecamatan's own wording of the concept.

An empty cell is a kecamatan that lacks the concept; a column's header says
how many kecamatan word it and in how many ways (the distinct wordings
stored for it, store.concept_assignment's index). The columns are the top-N
concepts under the filters (searchable by name), the rows one page of the
decrees that count (store.twins), so a page reads its 50 decrees' rows of
the shown concepts. What sums over every row (the columns' counts, the facet
counts) is kept per view (`SumCache`): the same view asked again is
answered at once, its sums refreshed behind it when the store has changed.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from math import ceil
from threading import Lock, Thread
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from store.models import (
    Concept,
    ConceptEvent,
    ConceptWording,
    Correction,
    Decree,
    IndicatorRow,
    Position,
    SourceFile,
)

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
        found: list[ColumnElement[bool]] = [Decree.twin_of.is_(None), *self._decree_filters()]
        return found

    def _decree_filters(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.kabupaten:
            found.append(func.lower(Decree.kabupaten) == self.kabupaten.lower())
        if self.tahun is not None:
            found.append(Decree.tahun == self.tahun)
        if self.kecamatan:
            found.append(func.lower(Decree.kecamatan).like(f"%{self.kecamatan.lower()}%"))
        return found

    def rows(self, *columns: Any) -> Select:
        """Live rows of the decrees that count under every filter, selecting `columns`.

        Without a decree filter the few forms that do not count are left out by
        their ids, so the sums read only the covering indexes of the rows.
        """
        query = select(*columns).select_from(IndicatorRow).where(IndicatorRow.deleted.is_(False))
        decree_filters = self._decree_filters()
        if decree_filters or any(getattr(column, "table", None) is Decree.__table__ for column in columns):
            query = query.join(Decree, Decree.id == IndicatorRow.decree_id).where(*self.decree_conditions())
        else:
            query = query.where(IndicatorRow.decree_id.not_in(select(Decree.id).where(Decree.twin_of.is_not(None))))
        if self.level:
            query = query.where(IndicatorRow.position_id.in_(
                select(Position.id).where(func.lower(Position.level) == self.level.lower())))
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
    """The latest sums per filters, kept with the store state they were summed at.

    Sums over 300,000 rows take a few hundred milliseconds, and every cell an
    officer saves changes the store's state; so a view asked for again is
    answered with its last sums at once, and if the store has changed since,
    they are summed again in the background for the next asker (one summing
    per view at a time). A view never asked for is summed while it waits.
    """

    def __init__(self, factory: sessionmaker[Session], size: int = CACHE_SIZE) -> None:
        self._factory = factory
        self._found: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._running: set[tuple] = set()
        self._size = size
        self._lock = Lock()

    def get(self, key: tuple, state: tuple, compute: Callable[[Session], Any], session: Session) -> Any:
        with self._lock:
            held = self._found.get(key)
            if held is not None:
                self._found.move_to_end(key)
                if held[0] != state and key not in self._running:
                    self._running.add(key)
                    Thread(target=self._refresh, args=(key, state, compute), daemon=True).start()
                return held[1]
        value = compute(session)
        self._keep(key, state, value)
        return value

    def _keep(self, key: tuple, state: tuple, value: Any) -> None:
        with self._lock:
            self._found[key] = (state, value)
            while len(self._found) > self._size:
                self._found.popitem(last=False)

    def _refresh(self, key: tuple, state: tuple, compute: Callable[[Session], Any]) -> None:
        try:
            with self._factory() as session:
                self._keep(key, state, compute(session))
        finally:
            with self._lock:
                self._running.discard(key)


def concept_columns(session: Session, choice: PivotQuery) -> list[ConceptColumn]:
    """The top concepts under the filters by the number of kecamatan that word them."""
    kecamatan = func.count(func.distinct(IndicatorRow.decree_id))
    counted = (choice.rows(IndicatorRow.concept_id.label("concept_id"), kecamatan.label("kecamatan"))
               .where(IndicatorRow.concept_id.is_not(None)).group_by(IndicatorRow.concept_id).subquery())
    query = (select(counted.c.concept_id, Concept.name, counted.c.kecamatan)
             .join(Concept, Concept.id == counted.c.concept_id)
             .order_by(counted.c.kecamatan.desc(), Concept.name).limit(min(max(choice.top, 1), MAX_TOP)))
    if choice.q:
        query = query.where(func.lower(Concept.name).like(f"%{choice.q.lower()}%"))
    found = session.execute(query).all()
    wordings = dict(session.execute(select(ConceptWording.concept_id, func.count(ConceptWording.id))
                                    .where(ConceptWording.concept_id.in_([row[0] for row in found]))
                                    .group_by(ConceptWording.concept_id)).all())
    return [ConceptColumn(concept_id, name, int(count), int(wordings.get(concept_id, 0)))
            for concept_id, name, count in found]


def facets(session: Session, choice: PivotQuery) -> list[Facet]:
    """Counts of decrees per kabupaten and year, and of indicator rows per kind and level, under the filters."""
    def top(column: Any, counted: Any, query: Select) -> list[tuple[Any, int]]:
        grouped = query.group_by(column).order_by(counted.desc(), column).limit(FACET_SIZE)
        return [(value, int(count)) for value, count in session.execute(grouped) if value is not None]

    decrees = func.count(Decree.id)
    rows = func.count()
    per_position = (choice.rows(IndicatorRow.position_id.label("position_id"), rows.label("rows"))
                    .group_by(IndicatorRow.position_id).subquery())
    level_rows = func.sum(per_position.c.rows)
    by_level = select(Position.level, level_rows).join(per_position, per_position.c.position_id == Position.id)
    return [
        Facet("kabupaten", top(Decree.kabupaten, decrees, select(Decree.kabupaten, decrees)
                                .where(*choice.decree_conditions()))),
        Facet("tahun", top(Decree.tahun, decrees, select(Decree.tahun, decrees).where(*choice.decree_conditions()))),
        Facet("kind", top(IndicatorRow.kind, rows, choice.rows(IndicatorRow.kind, rows))),
        Facet("level", top(Position.level, level_rows, by_level)),
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
    state, key = Generation.of(session), choice.aggregate_key()
    columns = sums.get(("columns", *key), state, lambda held: concept_columns(held, choice), session)
    facet_counts = sums.get(("facets", *key), state, lambda held: facets(held, choice), session)
    decrees = sums.get(("decrees", *key), state, lambda held: held.scalar(
        select(func.count(Decree.id)).where(*choice.decree_conditions())) or 0, session)
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
        query = query.join(Position, Position.id == IndicatorRow.position_id)
        for decree_id, concept_id, row_key, indikator, jabatan in session.execute(
                query.order_by(IndicatorRow.decree_id, Position.ordinal, IndicatorRow.ordinal)):
            cells = rows[decree_id].cells
            held = cells.get(concept_id)
            cells[concept_id] = Cell(row_key, indikator, jabatan) if held is None else Cell(
                held.row_key, held.indikator, held.jabatan, held.more + 1)
    return Pivot(columns, list(rows.values()), decrees, matching, number, count, facet_counts)
