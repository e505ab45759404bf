"""The analysts' pivot: kecamatan down, concepts across, each cell the kecamatan's own wording of the concept.

An empty cell is a kecamatan that lacks the concept; a column's header says
how many kecamatan word it and in how many ways (the distinct wordings
stored for it, store.concept_assignment's index). The columns are the top-N
concepts under the filters (searchable by name), the rows one page of the
decrees that count (store.twins), so a page reads its 50 decrees' rows of
the shown concepts. What sums over every row (the columns' counts, the facet
counts) comes from the rows held as integers (web.tallies), so a filter
combination never asked before is summed in milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from store.models import Decree, IndicatorRow, Position
from web.tallies import Filter, Sums, Tally

PAGE_SIZE = 50
DEFAULT_TOP = 12
MAX_TOP = 60
FACET_SIZE = 12


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

    def sum_filter(self) -> Filter:
        """What the sums depend on: the filters, not the page, the search of concepts or their number."""
        return Filter(self.kabupaten, self.tahun, self.kecamatan, self.level, self.kind)


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


def concept_columns(choice: PivotQuery, sums: Sums) -> list[ConceptColumn]:
    """The top concepts under the filters by the number of kecamatan that word them (ties by name)."""
    found = sums.concepts()
    if choice.q:
        found = [column for column in found if choice.q.lower() in column[1].lower()]
    found = sorted(found, key=lambda column: (-column[2], column[1]))[:min(max(choice.top, 1), MAX_TOP)]
    return [ConceptColumn(concept_id, name, count, sums.tally.wordings.get(concept_id, 0))
            for concept_id, name, count in found]


def _top(values: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    return sorted(values, key=lambda value: (-value[1], value[0]))[:FACET_SIZE]


def facets(sums: Sums) -> list[Facet]:
    """Counts of decrees per kabupaten and year, and of indicator rows per kind and level, under the filters."""
    tally = sums.tally
    return [
        Facet("kabupaten", _top(sums.decrees_by(tally.decree_kabupaten, tally.kabupaten))),
        Facet("tahun", _top(sums.years())),
        Facet("kind", _top(sums.rows_by(tally.row_kind, tally.kinds))),
        Facet("level", _top(sums.rows_by(tally.row_level, tally.levels))),
    ]


def _decrees(choice: PivotQuery) -> Select:
    query = select(Decree.id, Decree.kecamatan, Decree.kabupaten, Decree.tahun).where(*choice.decree_conditions())
    if choice.lacking is not None:
        query = query.where(~exists().where(IndicatorRow.decree_id == Decree.id,
                                            IndicatorRow.concept_id == choice.lacking,
                                            IndicatorRow.deleted.is_(False)))
    return query


def pivot(session: Session, choice: PivotQuery, tally: Tally) -> Pivot:
    """One page of the pivot: the sums from the tally (Tallies.get), the page's decrees and cells from the store."""
    sums = Sums(tally, choice.sum_filter())
    columns = concept_columns(choice, sums)
    facet_counts = facets(sums)
    decrees = sums.decree_count
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
        # the page's decrees meet the decree filters already, and level and kind are compared here: asked of the
        # database, a filter on the level could make it start from every row of the level instead of the page's;
        # the positions too are named by decree, or PostgreSQL may hash every position to join a few
        query = (select(IndicatorRow.decree_id, IndicatorRow.concept_id, IndicatorRow.row_key, IndicatorRow.indikator,
                        Position.jabatan, Position.level, IndicatorRow.kind)
                 .join(Position, Position.id == IndicatorRow.position_id)
                 .where(IndicatorRow.deleted.is_(False), IndicatorRow.decree_id.in_(list(rows)),
                        IndicatorRow.concept_id.in_(wanted), Position.decree_id.in_(list(rows))))
        for decree_id, concept_id, row_key, indikator, jabatan, level, kind in session.execute(
                query.order_by(IndicatorRow.decree_id, Position.ordinal, IndicatorRow.ordinal)):
            if choice.level and (level or "").lower() != choice.level.lower() or choice.kind and kind != choice.kind:
                continue
            assert concept_id is not None  # the query asks for some concepts
            cells = rows[decree_id].cells
            held = cells.get(concept_id)
            cells[concept_id] = Cell(row_key, indikator, jabatan) if held is None else Cell(
                held.row_key, held.indikator, held.jabatan, held.more + 1)
    return Pivot(columns, list(rows.values()), decrees, matching, number, count, facet_counts)
