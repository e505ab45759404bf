"""The rows of an XLSX export kept deflated per decree, so the file asked right after a change is written again
only where the store changed.

Reading a whole jabatan level at 7,000 decrees (130,000 rows) and writing its
4.5 million cells took six to nine seconds on a busy machine, and an analyst
asking for the level just after an officer's correction waited for all of it.
A correction changes one decree's rows; an import adds or replaces the decrees
of its files. So the sheet's rows are kept per decree, as deflated sheet XML
(store.sheet_xml), with the store state they were read at and the decrees
that counted then in document order; bringing them to a later state reads
again only the decrees corrected or imported since, and any decree that
counts now and was not met before, and the workbook is laid out of the runs.
A change of concepts touches any number of rows: then every row is read.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Correction, Decree, SourceFile
from store.queries import Filters, indicators_table
from store.sheet_xml import Deflated, row_xml, runs, workbook
from web.exports import COLUMNS, SHEET
from web.labels import field
from web.tallies import MARGIN


@dataclass(frozen=True)
class Sheet:
    """An export's rows at `state`: `order`, the decrees that counted, in document order; `runs`, the deflated
    rows of each of them with rows under the export's filters."""

    state: tuple
    order: tuple[int, ...]
    runs: dict[int, Deflated]


def _order(session: Session) -> tuple[int, ...]:
    """The decrees that count, in the order v_indicators lists their rows (its first keys are theirs)."""
    return tuple(session.scalars(select(Decree.id).where(Decree.twin_of.is_(None))
                                 .order_by(Decree.kabupaten, Decree.kecamatan, Decree.tahun, Decree.id)))


def _read(session: Session, filters: Filters, decrees: Sequence[int] | None) -> dict[int, Deflated]:
    table = indicators_table(session, filters, COLUMNS, decrees)
    ids = table["decree_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], dtype=np.int64)
    return {int(ids[start]): run for start, run in zip(starts, runs(row_xml(table), starts.tolist()), strict=True)}


def read(session: Session, filters: Filters, state: tuple) -> Sheet:
    """Every row of the export, read at `state` (read by the caller before this)."""
    return Sheet(state, _order(session), _read(session, filters, None))


def _changed(session: Session, was: tuple, now: tuple) -> set[int] | None:
    """The decrees whose rows may differ between two `workbooks.StoreState`s, None when any may.

    A state is (last correction, files, last import, last concept event, concepts, last concept, corrections)."""
    if was[3:6] != now[3:6]:
        return None
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
    changed = _changed(session, sheet.state, state)
    if changed is None:
        return read(session, filters, state)
    order = _order(session)
    again = sorted((changed | (set(order) - set(sheet.order))) & set(order))
    kept = {decree: run for decree, run in sheet.runs.items() if decree not in changed}
    if again:
        kept.update(_read(session, filters, again))
    return Sheet(state, order, kept)


def sheet_workbook(sheet: Sheet) -> bytes:
    """The .xlsx file of the sheet, headed in the language being served."""
    return workbook([field(name) for name in COLUMNS],
                    (sheet.runs[decree] for decree in sheet.order if decree in sheet.runs), SHEET)
