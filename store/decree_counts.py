"""Each decree's row counts, kept on the decree and brought up to date by every write of its rows.

The queue sorts, filters and pages thousands of decrees by rows, low-confidence
rows, rows waiting for confirmation and lowest confidence; counting them from
the rows on every page view would read every indicator row of the database.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, func, not_, or_, select, update
from sqlalchemy.orm import Session

from store.models import Decree, IndicatorRow

CHUNK = 500
REVIEW_CONFIDENCE = 0.7  # below it a row's reading is doubtful: it waits for an officer's confirmation


def needs_confirmation_sql():
    """The SQL of `waits_for_confirmation`: a live row not confirmed whose confidence is low or that has notes."""
    return and_(not_(IndicatorRow.reviewed), or_(IndicatorRow.confidence < REVIEW_CONFIDENCE,
                                                 func.json_array_length(IndicatorRow.notes) > 0))


def waits_for_confirmation(row: IndicatorRow) -> bool:
    """A row the program filled in (its notes say so) or read with low confidence, not yet confirmed by an officer."""
    return not row.reviewed and (row.confidence < REVIEW_CONFIDENCE or bool(row.notes))


def refresh_counts(session: Session, decree_ids: Iterable[int]) -> None:
    """Recount the live rows of these decrees (one statement per chunk of decrees)."""
    session.flush()
    wanted = sorted(set(decree_ids))
    live = and_(IndicatorRow.decree_id == Decree.id, IndicatorRow.deleted.is_(False))

    def counted(*condition) -> object:
        return select(func.count()).select_from(IndicatorRow).where(live, *condition).scalar_subquery()

    values = dict(
        row_count=counted(),
        low_count=counted(IndicatorRow.confidence < REVIEW_CONFIDENCE),
        unconfirmed_count=counted(needs_confirmation_sql()),
        min_confidence=select(func.min(IndicatorRow.confidence)).where(live).scalar_subquery(),
    )
    for start in range(0, len(wanted), CHUNK):
        session.execute(update(Decree).where(Decree.id.in_(wanted[start:start + CHUNK])).values(**values),
                        execution_options={"synchronize_session": False})
    for held in list(session.identity_map.values()):
        if isinstance(held, Decree) and held.id in wanted:
            session.expire(held, list(values))
