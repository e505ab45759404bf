"""What the pivot's and charts' sums read: every live indicator row of the decrees that count, as small integers.

Summing 300,000 rows in SQL under a filter combination never asked before
took from a few hundred milliseconds (SQLite) to three seconds (PostgreSQL)
per view, and every view has its own combination. The sums depend on four
things per row only: its decree (whose kabupaten, tahun and kecamatan the
filters read), its concept, its position's level and its kind. Held as
integer arrays (a few megabytes at 7,000 decrees), any combination is summed
in milliseconds; the rows are sorted by concept and decree once, so counting
the decrees that word each concept is one pass.

The arrays are brought up to date when the store changes (`Generation`):
after officers' corrections only the corrected decrees' rows are read again,
after anything else (an import, a concept edit) every row. The screens answer
from the arrays they hold meanwhile, and one reading at a time runs behind
them, so a view lags the store by one reading and never waits for it, except
the very first.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from threading import Lock, Thread
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from store.marks import store_marks
from store.models import (
    Concept,
    ConceptWording,
    Correction,
    Decree,
    IndicatorRow,
    Position,
)

NONE = -1  # the code of a missing value (no concept, no level, no year)
CHUNK = 500  # decrees per statement when the rows of some decrees are read again
MARGIN = 50  # corrections read again below the last one seen: one written earlier may commit after a later one
_ROWS = (select(IndicatorRow.decree_id, IndicatorRow.concept_id, Position.level, IndicatorRow.kind)
         .join(Position, Position.id == IndicatorRow.position_id)
         .join(Decree, Decree.id == IndicatorRow.decree_id)
         .where(IndicatorRow.deleted.is_(False), Decree.twin_of.is_(None)))


class Generation:
    """A cheap fingerprint of the store's state: it changes with every import, correction and concept edit."""

    @staticmethod
    def of(session: Session) -> tuple:
        return tuple(store_marks(session))


class _Codes:
    """Distinct values in the order met, each value's code its place (None is NONE); extended as values come."""

    def __init__(self, values: list[Any] | None = None) -> None:
        self.values: list[Any] = list(values or [])
        self._place = {value: index for index, value in enumerate(self.values)}

    def of(self, values: list[Any]) -> np.ndarray:
        place = self._place

        def code(value: Any) -> int:
            if value is None:
                return NONE
            found = place.get(value)
            if found is None:
                found = place[value] = len(self.values)
                self.values.append(value)
            return found

        return np.fromiter((code(value) for value in values), dtype=np.int32, count=len(values))


def _lowered(names: list[Any]) -> np.ndarray:
    return np.array([name.lower() if isinstance(name, str) else None for name in names], dtype=object)


@dataclass(frozen=True)
class Tally:
    """The decrees that count and their live rows, coded.

    Decrees: `decree_ids`, and per decree the code of its kabupaten (into
    `kabupaten`), its year (NONE when unknown) and its lowered kecamatan. Rows,
    sorted by concept then decree: the decree's place, the concept's code (into
    `concept_ids`, NONE without one), the level's code (into `levels`) and the
    kind's code (into `kinds`). `wordings`: the distinct wordings stored per concept.
    """

    decree_ids: np.ndarray
    decree_kabupaten: np.ndarray
    decree_tahun: np.ndarray
    decree_kecamatan: list[str]
    kabupaten: list[str]
    row_decree: np.ndarray
    row_concept: np.ndarray
    row_level: np.ndarray
    row_kind: np.ndarray
    concept_ids: np.ndarray
    concept_names: list[str]
    levels: list[str]
    kinds: list[str]
    wordings: dict[int, int]

    @cached_property
    def choices(self) -> dict[str, list]:
        """What the pivot's and charts' filters offer: the kabupaten, years, levels and kinds some live row has."""
        decrees = np.unique(self.row_decree)
        return {
            "kabupaten": sorted({self.kabupaten[code] for code in np.unique(self.decree_kabupaten[decrees])
                                 if code != NONE}),
            "tahun": sorted(int(year) for year in np.unique(self.decree_tahun[decrees]) if year != NONE),
            "level": sorted({self.levels[code] for code in np.unique(self.row_level) if code != NONE}),
            "kind": sorted({self.kinds[code] for code in np.unique(self.row_kind) if code != NONE}),
        }

    @staticmethod
    def read(session: Session) -> Tally:
        """Every live row of the decrees that count."""
        rows = session.execute(_ROWS).all()
        kinds, levels = _Codes(), _Codes()
        return Tally._made(session, np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
                           np.fromiter((NONE if row[1] is None else row[1] for row in rows), dtype=np.int64,
                                       count=len(rows)),
                           levels.of([row[2] for row in rows]), levels, kinds.of([row[3] for row in rows]), kinds)

    def updated(self, session: Session, changed: set[int]) -> Tally:
        """This tally with the rows of the `changed` decrees read again (and the decrees' own fields)."""
        held = self.decree_ids[self.row_decree]
        counting = set(session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))))
        # a decree that counts now and did not (another form made the one that counts) is read as well
        changed = changed | (counting - set(self.decree_ids.tolist()))
        keep = np.isin(held, list(counting - changed))
        wanted = sorted(changed & counting)
        rows = [row for start in range(0, len(wanted), CHUNK)
                for row in session.execute(_ROWS.where(IndicatorRow.decree_id.in_(wanted[start:start + CHUNK])))]
        levels, kinds = _Codes(self.levels), _Codes(self.kinds)
        concepts = np.append(self.concept_ids, NONE)[self.row_concept[keep]]
        return Tally._made(
            session, np.concatenate([held[keep], np.array([row[0] for row in rows], dtype=np.int64)]),
            np.concatenate([concepts, np.array([NONE if row[1] is None else row[1] for row in rows], dtype=np.int64)]),
            np.concatenate([self.row_level[keep], levels.of([row[2] for row in rows])]), levels,
            np.concatenate([self.row_kind[keep], kinds.of([row[3] for row in rows])]), kinds)

    @staticmethod
    def _made(session: Session, row_decree_ids: np.ndarray, row_concept_ids: np.ndarray, row_level: np.ndarray,
              levels: _Codes, row_kind: np.ndarray, kinds: _Codes) -> Tally:
        """The tally of these rows (decree ids, concept ids, coded levels and kinds) and of the decrees that count."""
        decrees = session.execute(select(Decree.id, Decree.kabupaten, Decree.tahun, Decree.kecamatan)
                                  .where(Decree.twin_of.is_(None)).order_by(Decree.id)).all()
        decree_ids = np.fromiter((row[0] for row in decrees), dtype=np.int64, count=len(decrees))
        kabupaten = _Codes()
        decree_kabupaten = kabupaten.of([row[1] for row in decrees])
        decree_tahun = np.fromiter((NONE if row[2] is None else row[2] for row in decrees), dtype=np.int32,
                                   count=len(decrees))
        place = np.searchsorted(decree_ids, row_decree_ids)
        # a row whose decree stopped counting since the rows were read is left out
        live = (place < len(decree_ids)) & (decree_ids[np.minimum(place, len(decree_ids) - 1)] == row_decree_ids)
        present = np.unique(row_concept_ids[row_concept_ids != NONE]).tolist()
        named = dict(session.execute(select(Concept.id, Concept.name).where(Concept.id.in_(present))).all())
        known = np.array([concept for concept in present if concept in named], dtype=np.int64)
        # a concept gone since the rows were read is no column: its rows count as rows without a concept
        code = np.searchsorted(known, row_concept_ids)
        found = (code < len(known)) & (known[np.minimum(code, max(len(known) - 1, 0))] == row_concept_ids) \
            if len(known) else np.zeros(len(row_concept_ids), dtype=bool)
        row_concept = np.where(found, code, NONE).astype(np.int32)
        wordings = {concept: int(count) for concept, count in session.execute(
            select(ConceptWording.concept_id, func.count(ConceptWording.id)).group_by(ConceptWording.concept_id))
            if concept is not None}
        row_place = place.astype(np.int32)
        order = np.lexsort((row_place, row_concept))
        order = order[live[order]]
        return Tally(decree_ids, decree_kabupaten, decree_tahun, [(row[3] or "").lower() for row in decrees],
                     kabupaten.values, row_place[order], row_concept[order], row_level[order].astype(np.int32),
                     row_kind[order].astype(np.int32), known, [named[int(c)] for c in known], levels.values,
                     kinds.values, wordings)


@dataclass(frozen=True)
class Filter:
    """The filters the sums depend on; empty means any. Names match case-blind, kecamatan by a part of it."""

    kabupaten: str = ""
    tahun: int | None = None
    kecamatan: str = ""
    level: str = ""
    kind: str = ""


class Sums:
    """The sums of one Tally under one filter: decree and row masks made once, each sum a numpy pass."""

    def __init__(self, tally: Tally, choice: Filter) -> None:
        self.tally = tally
        decrees = np.ones(len(tally.decree_ids), dtype=bool)
        if choice.kabupaten:
            wanted = [code for code, name in enumerate(_lowered(tally.kabupaten)) if name == choice.kabupaten.lower()]
            decrees &= np.isin(tally.decree_kabupaten, wanted)
        if choice.tahun is not None:
            decrees &= tally.decree_tahun == choice.tahun
        if choice.kecamatan:
            part = choice.kecamatan.lower()
            decrees &= np.fromiter((part in name for name in tally.decree_kecamatan), dtype=bool,
                                   count=len(tally.decree_kecamatan))
        rows = decrees[tally.row_decree]
        if choice.level:
            wanted = [code for code, name in enumerate(_lowered(tally.levels)) if name == choice.level.lower()]
            rows &= np.isin(tally.row_level, wanted)
        if choice.kind:
            rows &= np.isin(tally.row_kind, [code for code, name in enumerate(tally.kinds) if name == choice.kind])
        self.decrees = decrees
        self.rows = rows

    @property
    def decree_count(self) -> int:
        return int(self.decrees.sum())

    def concepts(self) -> list[tuple[int, str, int]]:
        """(concept id, name, decrees wording it) of every concept some chosen row has."""
        chosen = self.rows & (self.tally.row_concept != NONE)
        concept, decree = self.tally.row_concept[chosen], self.tally.row_decree[chosen]
        first = np.ones(len(concept), dtype=bool)  # the rows are sorted by concept and decree
        first[1:] = (concept[1:] != concept[:-1]) | (decree[1:] != decree[:-1])
        counts = np.bincount(concept[first], minlength=len(self.tally.concept_ids))
        return [(int(self.tally.concept_ids[code]), self.tally.concept_names[code], int(counts[code]))
                for code in np.flatnonzero(counts)]

    def decrees_by(self, values: np.ndarray, names: list[Any]) -> list[tuple[Any, int]]:
        """Chosen decrees per value of a coded decree field (missing values left out)."""
        counts = np.bincount(values[self.decrees & (values != NONE)], minlength=len(names))
        return [(names[code], int(counts[code])) for code in np.flatnonzero(counts)]

    def years(self) -> list[tuple[int, int]]:
        tahun = self.tally.decree_tahun[self.decrees & (self.tally.decree_tahun != NONE)]
        values, counts = np.unique(tahun, return_counts=True)
        return [(int(value), int(count)) for value, count in zip(values, counts, strict=True)]

    def rows_by(self, values: np.ndarray, names: list[Any]) -> list[tuple[Any, int]]:
        """Chosen rows per value of a coded row field (missing values left out)."""
        counts = np.bincount(values[self.rows & (values != NONE)], minlength=len(names))
        return [(names[code], int(counts[code])) for code in np.flatnonzero(counts)]

    def rows_by_kabupaten_and_kind(self) -> list[tuple[str, str, int]]:
        kabupaten = self.tally.decree_kabupaten[self.tally.row_decree]
        chosen = self.rows & (kabupaten != NONE) & (self.tally.row_kind != NONE)
        width = max(len(self.tally.kinds), 1)
        counts = np.bincount(kabupaten[chosen] * width + self.tally.row_kind[chosen],
                             minlength=len(self.tally.kabupaten) * width)
        return [(self.tally.kabupaten[code // width], self.tally.kinds[code % width], int(counts[code]))
                for code in np.flatnonzero(counts)]


class Tallies:
    """The latest Tally with the store state it was read at; read again behind the screens when the store changes."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._held: tuple[tuple, Tally] | None = None
        self._reading = False
        self._lock = Lock()

    def get(self, session: Session, state: tuple | None = None) -> Tally:
        state = Generation.of(session) if state is None else state
        with self._lock:
            held = self._held
            if held is not None:
                if held[0] != state and not self._reading:
                    self._reading = True
                    Thread(target=self._refresh, daemon=True).start()
                return held[1]
        tally = Tally.read(session)
        self._keep(state, tally)
        return tally

    def read_now(self) -> None:
        """Read every row again in this thread and hold the tally: for work behind the screens that moved rows
        between concepts without leaving a mark a fingerprint sees, so that the screens it says it has
        finished show its effect."""
        with self._factory() as session:
            state = Generation.of(session)
            self._keep(state, Tally.read(session))

    def _keep(self, state: tuple, tally: Tally) -> None:
        with self._lock:
            self._held = (state, tally)

    def _next(self, session: Session, state: tuple) -> Tally:
        """The held tally brought to `state`: only the corrected decrees read again when nothing but corrections
        came since (the common case: officers' edits), else everything."""
        assert self._held is not None
        held_state, held = self._held
        if held_state[1:] != state[1:] or held_state[0] is None or state[0] is None:
            return Tally.read(session)
        changed = set(session.scalars(select(Decree.id).join(Correction, Correction.source_file_id ==
                                                              Decree.source_file_id)
                                      .where(Correction.id > held_state[0] - MARGIN)))
        return held.updated(session, changed)

    def _refresh(self) -> None:
        try:
            with self._factory() as session:
                state = Generation.of(session)  # the state the reading starts at, not the one that asked for it
                self._keep(state, self._next(session, state))
        finally:
            with self._lock:
                self._reading = False
