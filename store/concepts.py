"""Officers' edits of the concept catalogue, with their audit trail, and the concept views of the stored rows.

An edit (add, confirm, rename, merge, split) runs normalize's pure catalogue
function on the catalogue as stored, records a `ConceptEvent` (who, when,
the concepts before and after, why), keeps what it says about wordings as
decisions (this wording names that concept; these wordings are not one
measure), saves the result with the concepts it touched marked curated, and
places the touched concepts' rows again, so what `iki compare` shows follows
at once without re-grouping the database. Because edits live in the
catalogue and the decisions rather than on rows, they survive every
re-import and correction replay, and every later import obeys them.

These functions work inside the caller's session and transaction.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from normalize.harmonize import catalogue as edits
from normalize.harmonize.catalogue import Catalogue, CatalogueError
from normalize.harmonize.catalogue import Concept as CatalogueConcept
from normalize.harmonize.compare import COLUMNS
from normalize.harmonize.decisions import wording_key
from store.concept_assignment import assign_new_rows, forget_concepts
from store.concept_catalogue import (
    current_concept,
    decision_label,
    load_catalogue,
    lock_catalogue,
    record_decisions,
    save_catalogue,
)
from store.errors import StoreError
from store.models import Concept, ConceptDecision, ConceptEvent, ConceptRedirect, ConceptWording
from store.queries import indicators_frame


class ConceptEditError(StoreError):
    """An edit the catalogue refuses (unknown code, a code or wording that clashes)."""


def _snapshot(catalogue: Catalogue, codes: list[str]) -> list[dict[str, Any]]:
    return [{**asdict(catalogue.get(code)), "aliases": list(catalogue.get(code).aliases)}
            for code in dict.fromkeys(codes) if catalogue.has(code)]


Aliases = list[tuple[str, str]]
Pairs = list[tuple[str, str]]


def _edit(session: Session, action: str, codes: list[str], change: Any, *, who: str, why: str | None,
          arguments: dict[str, Any],
          decisions: Any = lambda before, after: ([], [])) -> ConceptEvent:
    """Apply one pure catalogue edit, audit it, keep its decisions, store the result and place the touched rows.

    `decisions(before, after)` gives the (wording, code) aliases and the
    (wording, wording) cannot-link pairs the edit stands for.
    """
    lock_catalogue(session)
    before = load_catalogue(session)
    try:
        after = change(before)
    except CatalogueError as exc:
        raise ConceptEditError(", ".join(codes), exc.message.template, **exc.message.values) from None
    touched = [after.get(code).code for code in codes if after.has(code)]
    event = ConceptEvent(at=datetime.now(UTC), who=who, action=action, codes=list(codes), why=why,
                         payload={"arguments": arguments, "before": _snapshot(before, codes),
                                  "after": _snapshot(after, touched)})
    session.add(event)
    aliases, apart = decisions(before, after)
    record_decisions(session, event, aliases, apart)
    save_catalogue(session, after, curated=set(touched), only=set(codes) | set(touched))
    _place_again(session, set(codes), [wording for wording, _ in aliases] + [w for pair in apart for w in pair])
    return event


def _place_again(session: Session, codes: set[str], wordings: list[str]) -> None:
    """Place again the rows of the edited concepts and of any concept holding a wording the edit names."""
    keys = {wording_key(w) for w in wordings}
    ids = set(session.scalars(select(Concept.id).where(Concept.code.in_(codes))))
    if keys:
        ids |= set(session.scalars(select(ConceptWording.concept_id).where(ConceptWording.wording_key.in_(keys),
                                                                           ConceptWording.concept_id.is_not(None))))
    forget_concepts(session, ids)
    assign_new_rows(session)


def _named(catalogue: Catalogue, code: str) -> Aliases:
    concept = catalogue.get(code)
    return [(wording, concept.code) for wording in concept.wordings]


def add_concept(session: Session, concept: CatalogueConcept, *, who: str, why: str | None = None) -> ConceptEvent:
    """Enter a concept by hand (for a measure the data words too differently to be grouped)."""
    return _edit(session, "add", [concept.code], lambda c: edits.add(c, concept), who=who, why=why,
                 arguments={"concept": {**asdict(concept), "aliases": list(concept.aliases)}},
                 decisions=lambda before, after: (_named(after, concept.code), []))


def confirm_concept(session: Session, code: str, *, who: str, why: str | None = None) -> ConceptEvent:
    """Confirm a proposed concept: every wording it holds now names it for later imports too."""
    return _edit(session, "confirm", [code], lambda c: edits.confirm(c, code), who=who, why=why,
                 arguments={"code": code}, decisions=lambda before, after: (_named(after, code), []))


def rename_concept(session: Session, code: str, name: str, *, who: str, why: str | None = None) -> ConceptEvent:
    return _edit(session, "rename", [code], lambda c: edits.rename(c, code, name), who=who, why=why,
                 arguments={"code": code, "name": name},
                 decisions=lambda before, after: ([(before.get(code).name, after.get(code).code),
                                                   (name, after.get(code).code)], []))


def merge_concepts(session: Session, codes: list[str], into: str, *, who: str,
                   why: str | None = None) -> ConceptEvent:
    """Merge concepts: their wordings name the remaining concept from now on."""
    def decided(before: Catalogue, after: Catalogue) -> tuple[Aliases, Pairs]:
        target = after.get(into).code
        return [(w, target) for code in codes for w, _ in _named(before, code)], []

    return _edit(session, "merge", [into, *codes], lambda c: edits.merge(c, codes, into), who=who, why=why,
                 arguments={"codes": codes, "into": into}, decisions=decided)


def split_concept(session: Session, code: str, new_code: str, new_name: str, wordings: list[str], *, who: str,
                  why: str | None = None) -> ConceptEvent:
    """Split wordings off a concept: they name the new concept and are kept apart from the ones that stay."""
    def decided(before: Catalogue, after: Catalogue) -> tuple[Aliases, Pairs]:
        moved = [new_name, *wordings]
        kept = [w for w, _ in _named(after, code)]
        return [(w, new_code) for w in moved], [(m, k) for m in moved for k in kept]

    return _edit(session, "split", [code, new_code], lambda c: edits.split(c, code, new_code, new_name, wordings),
                 who=who, why=why, arguments={"code": code, "new_code": new_code, "new_name": new_name,
                                              "wordings": wordings}, decisions=decided)


def _named_now(session: Session, code: str) -> Concept:
    concept = current_concept(session, code)
    if concept is None:
        raise ConceptEditError(code, "no such concept; `iki concepts` lists them")
    return concept


def concept_wordings(session: Session, code: str) -> pd.DataFrame:
    """The stored wordings of one concept (followed through merges), most used first, with the officers'
    decisions that drove each there, and the decisions that name the concept."""
    concept = _named_now(session, code)
    query = (select(ConceptWording.indikator, ConceptWording.uses, ConceptWording.score, ConceptWording.decided_by)
             .where(ConceptWording.concept_id == concept.id)
             .order_by(ConceptWording.uses.desc(), ConceptWording.indikator))
    rows = [(indikator, uses, score, "; ".join(decided or [])) for indikator, uses, score, decided in
            session.execute(query)]
    return pd.DataFrame(rows, columns=["wording", "indicators", "score", "decided by"])


def concept_decisions(session: Session, code: str) -> pd.DataFrame:
    """The officers' decisions that name a concept or one of its wordings (aliases, wordings kept apart)."""
    concept = current_concept(session, code)
    codes = {code} if concept is None else {concept.code} | set(
        session.scalars(select(ConceptRedirect.code).where(ConceptRedirect.concept_id == concept.id)))
    keys = set() if concept is None else set(
        session.scalars(select(ConceptWording.wording_key).where(ConceptWording.concept_id == concept.id)))
    query = (select(ConceptDecision).where(or_(ConceptDecision.other.in_(codes), ConceptDecision.wording_key.in_(keys),
                                               ConceptDecision.other_key.in_(keys)))
             .order_by(ConceptDecision.id))
    rows = [(d.link, d.wording, d.other, decision_label(d.event)) for d in session.scalars(query)]
    return pd.DataFrame(rows, columns=["decision", "wording", "with", "by"])


def concept_events(session: Session, code: str | None = None) -> list[ConceptEvent]:
    """The catalogue's audit trail, oldest first; with `code`, the edits that named that concept."""
    events = list(session.scalars(select(ConceptEvent).order_by(ConceptEvent.id)))
    if code is None:
        return events
    return [e for e in events if code in e.codes or any(c["code"] == code for c in e.payload.get("after", []))]


def event_change(event: ConceptEvent) -> str:
    """What an edit changed, in the concepts' names: "old -> new" for a merge or rename, else the concepts after."""
    before = {c["code"]: c["name"] for c in event.payload.get("before", [])}
    after = {c["code"]: c["name"] for c in event.payload.get("after", [])}
    if event.action in ("merge", "rename"):
        return f"{' + '.join(before.values())} -> {' + '.join(after.values())}"
    return ", ".join(f"{c}: {n}" for c, n in after.items())


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
