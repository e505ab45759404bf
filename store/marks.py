"""A cheap fingerprint of the store: what changes with every import, correction and edit of the catalogue.

The screens hold sums and files made at one fingerprint and make them again
when it moves; a re-grouping worked out without the write lock checks it
before writing. One query of six aggregates, each answered from an index.
"""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Concept, ConceptEvent, Correction, SourceFile


class StoreMarks(NamedTuple):
    last_correction: int | None
    files: int
    last_import: datetime | None
    last_catalogue_edit: int | None
    concepts: int
    last_concept: int | None


def store_marks(session: Session) -> StoreMarks:
    return StoreMarks(*session.execute(select(
        select(func.max(Correction.id)).scalar_subquery(), select(func.count(SourceFile.id)).scalar_subquery(),
        select(func.max(SourceFile.imported_at)).scalar_subquery(),
        select(func.max(ConceptEvent.id)).scalar_subquery(), select(func.count(Concept.id)).scalar_subquery(),
        select(func.max(Concept.id)).scalar_subquery())).one())
