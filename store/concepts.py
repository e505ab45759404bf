"""Officers' edits of the concept catalogue, with their audit trail, and the concept views of the stored rows.

An edit (add, confirm, rename, merge, split) runs normalize's pure catalogue
function on the catalogue as stored, records a `ConceptEvent` (who, when,
the concepts before and after, why), saves the result with the concepts it
touched marked curated, and re-assigns the rows, so what `iki compare` shows
follows at once. Because edits live in the catalogue rather than on rows,
they survive every re-import and correction replay.

These functions work inside the caller's session and transaction.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from normalize.harmonize import catalogue as edits
from normalize.harmonize.catalogue import Catalogue, CatalogueError
from normalize.harmonize.catalogue import Concept as CatalogueConcept
from normalize.harmonize.compare import COLUMNS
from store.concept_assignment import assign_concepts
from store.concept_catalogue import load_catalogue, lock_catalogue, save_catalogue
from store.errors import StoreError
from store.models import ConceptEvent
from store.queries import indicators_frame


class ConceptEditError(StoreError):
    """An edit the catalogue refuses (unknown code, a code or wording that clashes)."""


def _snapshot(catalogue: Catalogue, codes: list[str]) -> list[dict[str, Any]]:
    return [{**asdict(catalogue.get(code)), "aliases": list(catalogue.get(code).aliases)}
            for code in dict.fromkeys(codes) if catalogue.has(code)]


def _edit(session: Session, action: str, codes: list[str], change: Any, *, who: str, why: str | None,
          arguments: dict[str, Any]) -> ConceptEvent:
    """Apply one pure catalogue edit, audit it, store the result and re-assign the rows."""
    lock_catalogue(session)
    before = load_catalogue(session)
    try:
        after = change(before)
    except CatalogueError as exc:
        raise ConceptEditError(", ".join(codes), str(exc)) from None
    touched = [after.get(code).code for code in codes if after.has(code)]
    event = ConceptEvent(at=datetime.now(UTC), who=who, action=action, codes=list(codes), why=why,
                         payload={"arguments": arguments, "before": _snapshot(before, codes),
                                  "after": _snapshot(after, touched)})
    session.add(event)
    save_catalogue(session, after, curated=set(touched))
    assign_concepts(session)
    return event


def add_concept(session: Session, concept: CatalogueConcept, *, who: str, why: str | None = None) -> ConceptEvent:
    """Enter a concept by hand (for a measure the data words too differently to be grouped)."""
    return _edit(session, "add", [concept.code], lambda c: edits.add(c, concept), who=who, why=why,
                 arguments={"concept": {**asdict(concept), "aliases": list(concept.aliases)}})


def confirm_concept(session: Session, code: str, *, who: str, why: str | None = None) -> ConceptEvent:
    return _edit(session, "confirm", [code], lambda c: edits.confirm(c, code), who=who, why=why,
                 arguments={"code": code})


def rename_concept(session: Session, code: str, name: str, *, who: str, why: str | None = None) -> ConceptEvent:
    return _edit(session, "rename", [code], lambda c: edits.rename(c, code, name), who=who, why=why,
                 arguments={"code": code, "name": name})


def merge_concepts(session: Session, codes: list[str], into: str, *, who: str,
                   why: str | None = None) -> ConceptEvent:
    return _edit(session, "merge", [into, *codes], lambda c: edits.merge(c, codes, into), who=who, why=why,
                 arguments={"codes": codes, "into": into})


def split_concept(session: Session, code: str, new_code: str, new_name: str, wordings: list[str], *, who: str,
                  why: str | None = None) -> ConceptEvent:
    return _edit(session, "split", [code, new_code], lambda c: edits.split(c, code, new_code, new_name, wordings),
                 who=who, why=why, arguments={"code": code, "new_code": new_code, "new_name": new_name,
                                              "wordings": wordings})


def concept_events(session: Session) -> list[ConceptEvent]:
    """The catalogue's audit trail, oldest first."""
    return list(session.scalars(select(ConceptEvent).order_by(ConceptEvent.id)))


def assignment_frame(session: Session) -> pd.DataFrame:
    """The stored rows that have a concept, in the columns of normalize's `assignment_frame`.

    So the same tables (`concepts_used`, `for_concept`, `for_jabatan`) serve
    stored decrees and record files alike.
    """
    frame = indicators_frame(session)
    frame = frame[frame["concept_code"].notna()]
    out = pd.DataFrame({
        "kecamatan": frame["kecamatan"].fillna(frame["source"]), "source": frame["source"],
        "position": frame["position_ordinal"], "jabatan": frame["jabatan"], "level": frame["level"],
        "jabatan_code": frame["canonical_jabatan"], "indicator": frame["ordinal"], "concept": frame["concept_code"],
        "concept_name": frame["concept"], "indikator": frame["indikator"], "formula": frame["formula"],
        "target": frame["target"], "sumber_data": frame["sumber_data"], "score": frame["concept_score"],
        "proposed": frame["concept_status"] == "proposed",
    })
    return out[COLUMNS].reset_index(drop=True)
