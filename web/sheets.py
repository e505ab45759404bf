"""The rows of an XLSX export kept deflated in blocks of whole decrees, so the file asked right after a change is
written again only where the store changed.

Reading a whole jabatan level at 7,000 decrees (130,000 rows) and writing its
4.5 million cells took six to nine seconds on a busy machine, and an analyst
asking for the level just after an officer's correction waited for all of it.
A correction changes one decree's rows; an import adds or replaces the decrees
of its files. So the sheet's rows are kept as deflated sheet XML
(store.sheet_xml) in blocks of consecutive decrees in document order, with the
store state they were read at; bringing them to a later state keeps every
block whose decrees are unchanged and still side by side in that order, and
reads and writes again only the decrees of the others and any decree that
counts now and was in no block. An edit of the concept catalogue (a rename, a
merge, a split) or an import that places rows touches rows of any number of
decrees, so the sheet keeps where every row's concept stood (`Placed`) and
reads again only the decrees whose rows went to another concept. The concept
columns' cells refer to shared strings written with the file, so a renamed
concept changes those strings and no row.

A block holds about `BLOCK_BYTES` of XML: deflated on its own, a decree's few
rows (a few kilobytes) made a file half again as large as one deflated whole
and took longer, while a block of 128 KiB deflates within a tenth of the whole
and costs a correction the reading of a handful of decrees.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Concept, Correction, Decree, IndicatorRow, SourceFile
from store.queries import Filters, driver_rows, indicators_table
from store.sheet_xml import Deflated, Rows, workbook
from web.exports import COLUMNS, SHEET
from web.labels import field
from web.tallies import MARGIN

BLOCK_BYTES = 128 * 1024


@dataclass(frozen=True)
class Block:
    """Consecutive decrees in document order (with rows under the export's filters or not) and their rows."""

    decrees: tuple[int, ...]
    run: Deflated


@dataclass(frozen=True)
class Placed:
    """Every stored row's concept, and every concept's code and name, as they stood when a sheet was read."""

    rows: np.ndarray  # row id, decree id, concept id of every row that has a concept
    names: dict[int, tuple[str, str]]

    @staticmethod
    def of(session: Session) -> Placed:
        # the rows with a concept, in no order: the index on (concept, decree) holds all three columns
        query = select(IndicatorRow.id, IndicatorRow.decree_id, IndicatorRow.concept_id).where(
            IndicatorRow.concept_id.is_not(None))
        rows = np.array([row for batch in driver_rows(session, query) for row in batch], dtype=np.int64).reshape(-1, 3)
        return Placed(rows, {concept: (code, name) for concept, code, name in
                             session.execute(select(Concept.id, Concept.code, Concept.name))})

    def moved(self, now: Placed, by_name: bool) -> set[int]:
        """The decrees whose rows went to another concept between this and `now` (a row with a concept on one
        side only among them), and with `by_name` (rows chosen by the concept's name) those whose concept is
        named otherwise."""
        _, was_at, now_at = np.intersect1d(self.rows[:, 0], now.rows[:, 0], assume_unique=True,
                                           return_indices=True)
        kept_was, kept_now = self.rows[was_at], now.rows[now_at]
        renamed = [concept for concept, named in now.names.items() if by_name and self.names.get(concept) != named]
        touched = np.concatenate([
            kept_now[kept_was[:, 2] != kept_now[:, 2], 1],
            np.delete(self.rows, was_at, axis=0)[:, 1], np.delete(now.rows, now_at, axis=0)[:, 1],
            now.rows[np.isin(now.rows[:, 2], renamed), 1]])
        return set(np.unique(touched).tolist())


@dataclass(frozen=True)
class Sheet:
    """An export's rows at `state`: every decree that counted then, in blocks, in document order, and where the
    rows' concepts stood."""

    state: tuple
    blocks: tuple[Block, ...]
    placed: Placed


def _order(session: Session) -> list[int]:
    """The decrees that count, in the order v_indicators lists their rows (its first keys are theirs)."""
    return list(session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))
                                .order_by(Decree.kabupaten, Decree.kecamatan, Decree.tahun, Decree.id)))


CONCEPT_NAMES = {"concept_code": 0, "concept": 1}  # the columns said by the concept's shared strings, and where
_READ = tuple(dict.fromkeys("concept_id" if name in CONCEPT_NAMES else name for name in COLUMNS))


def _strings_of(concepts: pa.ChunkedArray, offset: int) -> pa.ChunkedArray:
    """Where a row's concept's code (offset 0) or name (1) stands among the shared strings (`concept_strings`)."""
    return pc.add(pc.multiply(concepts, len(CONCEPT_NAMES)), offset)


def concept_strings(names: dict[int, tuple[str, str]]) -> list[str]:
    """Every concept's code and name, at twice its id and the place after: the cells of an export's concept
    columns refer to them, so a renamed concept changes these strings and no row."""
    strings = [""] * (len(CONCEPT_NAMES) * (max(names, default=0) + 1))
    for concept, named in names.items():
        for offset, text in zip(CONCEPT_NAMES.values(), named, strict=True):
            strings[len(CONCEPT_NAMES) * concept + offset] = text
    return strings


class _Read:
    """The rows of some decrees under the filters, each decree's rows found by its id."""

    def __init__(self, session: Session, filters: Filters, decrees: Sequence[int] | None) -> None:
        read = indicators_table(session, filters, _READ, decrees)
        concepts = read["concept_id"]
        table = pa.table({name: _strings_of(concepts, CONCEPT_NAMES[name]) if name in CONCEPT_NAMES else read[name]
                          for name in COLUMNS})
        self.rows = Rows(table, frozenset(CONCEPT_NAMES))
        ids = table["decree_id"].to_numpy()
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], dtype=np.int64)
        ends = [*starts[1:].tolist(), len(ids)] if len(ids) else []  # none: the decrees have no rows here
        self.spans = {int(ids[start]): (int(start), end) for start, end in zip(starts, ends, strict=True)}

    def blocks(self, run: list[int]) -> list[Block]:
        """Consecutive decrees of the order, all read here, cut at decree boundaries into blocks."""
        found: list[Block] = []
        members: list[int] = []
        first: int | None = None  # the block's first row read (None: no rows yet)
        last = 0
        for decree in run:
            members.append(decree)
            span = self.spans.get(decree)
            if span is not None:
                first = span[0] if first is None else first
                last = span[1]
            if first is not None and self.rows.size(first, last) >= BLOCK_BYTES:
                found.append(Block(tuple(members), self.rows.deflated(first, last)))
                members, first = [], None
        if members:
            found.append(Block(tuple(members), self.rows.deflated(first, last) if first is not None
                               else self.rows.deflated(0, 0)))
        return found


def _laid_out(session: Session, filters: Filters, blocks: Sequence[Block], changed: set[int]) -> tuple[Block, ...]:
    """The blocks of the decrees that count now: those of `blocks` still whole and unchanged, the rest read."""
    order = _order(session)
    place = {decree: index for index, decree in enumerate(order)}
    intact: dict[int, Block] = {}
    for block in blocks:
        start = place.get(block.decrees[0])
        if start is not None and changed.isdisjoint(block.decrees) and all(
                place.get(decree) == start + offset for offset, decree in enumerate(block.decrees)):
            intact[start] = block
    covered = {decree for block in intact.values() for decree in block.decrees}
    read = _Read(session, filters, [decree for decree in order if decree not in covered] if intact else None)
    laid: list[Block] = []
    run: list[int] = []
    index = 0
    while index < len(order):
        whole = intact.get(index)
        if whole is None:
            run.append(order[index])
            index += 1
            continue
        laid += read.blocks(run)
        laid.append(whole)
        run = []
        index += len(whole.decrees)
    laid += read.blocks(run)
    return tuple(laid)


def read(session: Session, filters: Filters, state: tuple) -> Sheet:
    """Every row of the export, read at `state` (read by the caller before this; the concepts are read before the
    rows, so that a later edit is never taken for one the rows hold)."""
    placed = Placed.of(session)
    return Sheet(state, _laid_out(session, filters, (), set()), placed)


def _changed(session: Session, sheet: Sheet, filters: Filters, now: tuple, placed: Placed) -> set[int] | None:
    """The decrees whose rows may differ between the sheet's `workbooks.StoreState` and `now`, None when any may.

    A state is (last correction, files, last import, last concept event, concepts, last concept, corrections)."""
    was = sheet.state
    found = sheet.placed.moved(placed, filters.concept is not None) if was[3:6] != now[3:6] else set()
    if was[0] != now[0] or was[6] != now[6]:
        since = -1 if was[0] is None else was[0] - MARGIN  # one written earlier may commit after a later one
        found.update(session.scalars(select(Decree.id).join(Correction, Correction.source_file_id ==
                                                             Decree.source_file_id).where(Correction.id > since)))
    if was[1:3] != now[1:3]:
        if was[2] is None:
            return None
        found.update(session.scalars(select(Decree.id).join(SourceFile, SourceFile.id == Decree.source_file_id)
                                     .where(SourceFile.imported_at >= was[2])))
    return found


def updated(session: Session, sheet: Sheet, filters: Filters, state: tuple) -> Sheet:
    """`sheet` brought to `state` (read by the caller before this): the changed decrees read again."""
    if state == sheet.state:
        return sheet
    placed = Placed.of(session) if sheet.state[3:6] != state[3:6] else sheet.placed
    changed = _changed(session, sheet, filters, state, placed)
    if changed is None:
        return read(session, filters, state)
    return Sheet(state, _laid_out(session, filters, sheet.blocks, changed), placed)


def sheet_workbook(sheet: Sheet) -> bytes:
    """The .xlsx file of the sheet, headed in the language being served."""
    return workbook([field(name) for name in COLUMNS], (block.run for block in sheet.blocks), SHEET,
                    concept_strings(sheet.placed.names))
