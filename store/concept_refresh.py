"""The one way every caller brings concepts and canonical jabatan up to date, and the mark of decrees that wait.

A decree is stored (or re-extracted) with `concepts_pending` set; assigning
clears the mark of the decrees that were waiting when it began, in the same
transaction, so a process killed in between leaves them waiting for the next
run and nothing is lost. Decrees stored by another importer while this one
assigns keep their mark. Imports, corrections, reverts and uploads all come
through here: an import places only the rows that have no concept yet against
the stored concepts, an officer's edit re-places only the rows it touched, and
a full re-group of every row runs only when asked for.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.concept_assignment import (
    AssignmentSummary,
    Regroup,
    assign_concepts,
    assign_edited_rows,
    assign_new_rows,
    outdated,
    plan_regroup,
    write_regroup,
)
from store.concept_catalogue import lock_catalogue
from store.db import Store
from store.models import Correction, Decree

__all__ = ["AssignmentSummary", "assign_pending", "edited_by", "finish_regroup", "pending_decrees",
           "refresh_concepts", "regroup_concepts", "regroup_in_steps"]


def pending_decrees(session: Session) -> list[int]:
    """Ids of the decrees stored or re-extracted since concepts were last assigned to them."""
    return list(session.scalars(select(Decree.id).where(Decree.concepts_pending.is_(True)).order_by(Decree.id)))


def edited_by(session: Session, done: Iterable[Correction]) -> dict[int, set[str]]:
    """The rows corrections touched, as decree id -> row keys."""
    edited: dict[int, set[str]] = {}
    for correction in done:
        decree_id = session.scalar(select(Decree.id).where(Decree.source_file_id == correction.source_file_id))
        if decree_id is not None:
            keys = {correction.target_row_key, *(correction.applied_row_keys or [])} - {None}
            edited.setdefault(decree_id, set()).update(k for k in keys if k)
    return edited


def refresh_concepts(session: Session, edited: Mapping[int, Iterable[str]]) -> AssignmentSummary:
    """After an officer's edit, inside the caller's transaction: the edited rows (decree id -> row keys) are
    placed again against the stored concepts, and rows that have none yet (added or split rows) get one."""
    for decree_id, row_keys in edited.items():
        assign_edited_rows(session, decree_id, list(row_keys))
    return _done(session, pending_decrees(session), assign_new_rows(session))


def regroup_concepts(session: Session) -> AssignmentSummary:
    """Re-group every stored row, inside the caller's transaction (asked for explicitly, or after edits whose
    rows are not known)."""
    return _done(session, pending_decrees(session), assign_concepts(session))


def finish_regroup(session: Session, plan: Regroup) -> AssignmentSummary:
    """Write a plan worked out in a reading session, in the caller's writing transaction. Rows corrected while
    it was worked out are placed again after it, as after any correction; decrees imported or catalogue
    edits made meanwhile outdate it, and it is worked out again here, under the lock."""
    lock_catalogue(session)
    session.flush()
    if outdated(session, plan):
        return regroup_concepts(session)
    summary = write_regroup(session, plan)
    later = list(session.scalars(select(Correction).where(Correction.id > (plan.marks.last_correction or 0))))
    for decree_id, row_keys in edited_by(session, later).items():
        assign_edited_rows(session, decree_id, list(row_keys))
    return _done(session, pending_decrees(session), summary)


def regroup_in_steps(factory: Store) -> AssignmentSummary:
    """`regroup_concepts` in two steps: the plan worked out in a reading session (a minute and more at 7,000
    decrees, officers saving meanwhile), then written in one transaction, which on SQLite holds the write
    lock for the writing only."""
    with factory() as session:
        plan = plan_regroup(session)
    with factory.begin() as session:
        return finish_regroup(session, plan)


def assign_pending(session: Session) -> AssignmentSummary | None:
    """Place the rows of the decrees that wait (the end of an import or upload); None when none waits."""
    waiting = pending_decrees(session)
    return _done(session, waiting, assign_new_rows(session)) if waiting else None


def _done(session: Session, waiting: list[int], summary: AssignmentSummary) -> AssignmentSummary:
    if waiting:
        session.execute(update(Decree).where(Decree.id.in_(waiting)).values(concepts_pending=False))
    return summary
