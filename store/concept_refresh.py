"""The one way every caller brings concepts and canonical jabatan up to date, and the mark of decrees that wait.

A decree is stored (or re-extracted) with `concepts_pending` set; assigning
clears the mark of the decrees that were waiting when it began, in the same
transaction, so a process killed in between leaves them waiting for the next
run and nothing is lost. Decrees stored by another importer while this one
assigns keep their mark. Imports, corrections, reverts and uploads all come
through here, so how assignment is done (today: all decrees again) can change
in one place.
"""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.concept_assignment import AssignmentSummary, assign_concepts
from store.models import Decree

__all__ = ["AssignmentSummary", "assign_pending", "pending_decrees", "refresh_concepts"]


def pending_decrees(session: Session) -> list[int]:
    """Ids of the decrees stored or re-extracted since concepts were last assigned to them."""
    return list(session.scalars(select(Decree.id).where(Decree.concepts_pending.is_(True)).order_by(Decree.id)))


def refresh_concepts(session: Session) -> AssignmentSummary:
    """Assign concepts and canonical jabatan now (after a correction changed rows), inside the caller's transaction."""
    return _assign(session, pending_decrees(session))


def assign_pending(session: Session) -> AssignmentSummary | None:
    """Assign concepts if any decree waits for them (the end of an import or upload); None when none waits."""
    waiting = pending_decrees(session)
    return _assign(session, waiting) if waiting else None


def _assign(session: Session, waiting: list[int]) -> AssignmentSummary:
    summary = assign_concepts(session)
    if waiting:
        session.execute(update(Decree).where(Decree.id.in_(waiting)).values(concepts_pending=False))
    return summary
