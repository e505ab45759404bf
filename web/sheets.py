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
counts now and was in no block. The concept columns' cells refer to shared
strings written with the file (`web.sheet_concepts`), so an edit of the
concept catalogue re-reads only the decrees of rows that left their concept.

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

from store.models import Correction, Decree, SourceFile
from store.queries import Filters, indicators_table
from store.sheet_xml import Deflated, Rows, workbook
from web.exports import COLUMNS, SHEET
from web.labels import field
from web.sheet_concepts import NONE, TEXTS, Concepts, Slots, concept_names, realigned
from web.tallies import MARGIN

BLOCK_BYTES = 128 * 1024


@dataclass(frozen=True)
class Block:
    """Consecutive decrees in document order (with rows under the export's filters or not), their rows, and
    each row's id, decree and concept slot (NONE: no concept)."""

    decrees: tuple[int, ...]
    run: Deflated
    rows: np.ndarray


@dataclass(frozen=True)
class Sheet:
    """An export's rows at `state`: every decree that counted then, in blocks, in document order, and what
    their concept cells say."""

    state: tuple
    blocks: tuple[Block, ...]
    slots: Slots
    names: dict[int, tuple[str, str]]

    def written(self) -> np.ndarray:
        return np.concatenate([block.rows for block in self.blocks]) if self.blocks else np.zeros((0, 3), np.int64)


def _order(session: Session) -> list[int]:
    """The decrees that count, in the order v_indicators lists their rows (its first keys are theirs)."""
    return list(session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))
                                .order_by(Decree.kabupaten, Decree.kecamatan, Decree.tahun, Decree.id)))


CONCEPT_NAMES = {"concept_code": 0, "concept": 1}  # the columns the slot's strings say, at these offsets
_READ = tuple(dict.fromkeys(["row_id", *("concept_id" if name in CONCEPT_NAMES else name for name in COLUMNS)]))


class _Read:
    """The rows of some decrees under the filters, each decree's rows found by its id."""

    def __init__(self, session: Session, filters: Filters, decrees: Sequence[int] | None, slots: Slots) -> None:
        read = indicators_table(session, filters, _READ, decrees)
        concepts = slots.of(pc.fill_null(read["concept_id"], NONE).to_numpy())
        slotted = pa.array(concepts, mask=concepts == NONE)
        table = pa.table({name: pc.add(pc.multiply(slotted, TEXTS), CONCEPT_NAMES[name]) if name in CONCEPT_NAMES
                          else read[name] for name in COLUMNS})
        self.rows = Rows(table, frozenset(CONCEPT_NAMES))
        ids = table["decree_id"].to_numpy()
        self.written = np.stack([read["row_id"].to_numpy(), ids, concepts], axis=1).reshape(-1, 3)
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], dtype=np.int64)
        ends = [*starts[1:].tolist(), len(ids)] if len(ids) else []  # none: the decrees have no rows here
        self.spans = {int(ids[start]): (int(start), end) for start, end in zip(starts, ends, strict=True)}

    def _block(self, members: list[int], first: int | None, last: int) -> Block:
        if first is None:
            return Block(tuple(members), self.rows.deflated(0, 0), self.written[:0])
        return Block(tuple(members), self.rows.deflated(first, last), self.written[first:last])

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
                found.append(self._block(members, first, last))
                members, first = [], None
        if members:
            found.append(self._block(members, first, last))
        return found


def _laid_out(session: Session, filters: Filters, blocks: Sequence[Block], changed: set[int],
              slots: Slots) -> tuple[Block, ...]:
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
    read = _Read(session, filters, [decree for decree in order if decree not in covered] if intact else None, slots)
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
    """Every row of the export, read at `state` (read by the caller before this; the concepts' names are read
    before the rows, so that a later edit is never taken for one the rows hold)."""
    names = concept_names(session)
    slots = Slots({})
    return Sheet(state, _laid_out(session, filters, (), set(), slots), slots, names)


def _changed(session: Session, was: tuple, now: tuple) -> set[int] | None:
    """The decrees whose rows may differ between two `workbooks.StoreState`s besides their concepts, None when
    any may.

    A state is (last correction, files, last import, last concept event, concepts, last concept, corrections)."""
    found: set[int] = set()
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
    slots, names = sheet.slots, sheet.names
    changed = _changed(session, sheet.state, state)
    if sheet.state[3:6] != state[3:6] and changed is not None:
        if filters.concept is not None:  # the rows chosen by a concept's name: a rename changes which
            return read(session, filters, state)
        now = Concepts.of(session)
        slots, left = realigned(sheet.written(), slots, now)
        changed.update(left.tolist())
        names = now.names
    if changed is None:
        return read(session, filters, state)
    slots = Slots(slots.meaning)  # the sheet's own stay as they were
    return Sheet(state, _laid_out(session, filters, sheet.blocks, changed, slots), slots, names)


def sheet_workbook(sheet: Sheet) -> bytes:
    """The .xlsx file of the sheet, headed in the language being served."""
    return workbook([field(name) for name in COLUMNS], (block.run for block in sheet.blocks), SHEET,
                    sheet.slots.strings(sheet.names))
