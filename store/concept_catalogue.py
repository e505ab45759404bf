"""The concept catalogue as kept in the database, read into and written from normalize's `Catalogue`.

The database is the catalogue's home once it exists: the shipped seed is
written on first use, and from then on officers' edits and the data's
proposals live in `concepts`, `concept_aliases` and `concept_redirects`, and
what the edits say about wordings in `concept_decisions`.
Writing goes by stable code, so a concept keeps its id (and the rows and
corrections that point at it) through every save.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from normalize.harmonize.catalogue import Catalogue, add, seed_catalogue
from normalize.harmonize.catalogue import Concept as CatalogueConcept
from normalize.harmonize.concepts import Placed
from normalize.harmonize.decisions import Decision, Decisions, Link, wording_key
from store.models import Concept, ConceptAlias, ConceptDecision, ConceptEvent, ConceptRedirect

MERGED = "merged"
_LOCK_KEY = 0x494B49  # one PostgreSQL advisory lock for the whole catalogue


def lock_catalogue(session: Session) -> None:
    """Let one transaction at a time rewrite the catalogue and the assignments.

    Two importers finishing together would otherwise insert the same new
    concept code twice; SQLite needs nothing, its writers already queue.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def _rows(session: Session, codes: AbstractSet[str] | None = None) -> list[Concept]:
    """The stored concepts (all, or those of `codes`) with their aliases, read at once: a save compares them."""
    query = select(Concept).options(selectinload(Concept.aliases)).order_by(Concept.id)
    if codes is not None:
        query = query.where(Concept.code.in_(codes))
    return list(session.scalars(query))


def ensure_seeded(session: Session) -> None:
    """Write the shipped seed catalogue the first time the database is used for concepts."""
    if session.scalars(select(Concept.id).where(Concept.curated.is_(True)).limit(1)).first() is None:
        seed = seed_catalogue()
        save_catalogue(session, seed, curated={c.code for c in seed.concepts})


def load_catalogue(session: Session, curated_only: bool = False) -> Catalogue:
    """The catalogue in the database (seeded on first use); `curated_only` leaves out the data's open proposals.

    Read as plain rows, not ORM objects: tens of thousands of aliases made
    objects cost half a second per read, and every edit and import reads it.
    """
    ensure_seeded(session)
    query = (select(Concept.id, Concept.code, Concept.name, Concept.kind, Concept.unit, Concept.polarity,
                    Concept.usual_formula, Concept.status).where(Concept.status != MERGED).order_by(Concept.id))
    if curated_only:
        query = query.where(Concept.curated.is_(True))
    rows = session.execute(query).all()
    aliases: dict[int, list[str]] = {}
    for concept_id, wording in session.execute(select(ConceptAlias.concept_id, ConceptAlias.wording)
                                               .join(Concept, Concept.id == ConceptAlias.concept_id)
                                               .where(Concept.status != MERGED)
                                               .order_by(ConceptAlias.concept_id, ConceptAlias.ordinal)):
        aliases.setdefault(concept_id, []).append(wording)
    redirects = {r.code: code for r, code in session.execute(
        select(ConceptRedirect, Concept.code).join(Concept, Concept.id == ConceptRedirect.concept_id)
        .order_by(ConceptRedirect.code))}
    return Catalogue(tuple(CatalogueConcept(code=code, name=name, kind=kind or "lainnya", unit=unit,
                                            polarity=polarity or "higher_is_better", usual_formula=formula,
                                            status=status, aliases=tuple(aliases.get(concept_id, ())))
                           for concept_id, code, name, kind, unit, polarity, formula, status in rows), redirects)


def current_concept(session: Session, code: str) -> Concept | None:
    """The stored concept a code names now (a merged-away code: the concept it went into), or None.

    One concept's screen asks this; reading the whole catalogue for it took
    most of a second at a few thousand concepts. Saved redirects point
    straight at the concept that remains (merges flatten them).
    """
    found = session.scalars(select(Concept).where(Concept.code == code, Concept.status != MERGED)).first()
    if found is not None:
        return found
    return session.scalars(select(Concept).join(ConceptRedirect, ConceptRedirect.concept_id == Concept.id)
                           .where(ConceptRedirect.code == code, Concept.status != MERGED)).first()


def _set_aliases(row: Concept, wordings: tuple[str, ...]) -> None:
    """Update aliases in place (ordinal by ordinal), so a save never briefly holds two aliases at one ordinal."""
    current = list(row.aliases)
    for ordinal, wording in enumerate(wordings, start=1):
        if ordinal <= len(current):
            current[ordinal - 1].wording = wording
        else:
            row.aliases.append(ConceptAlias(ordinal=ordinal, wording=wording))
    for surplus in current[len(wordings):]:
        row.aliases.remove(surplus)


def save_catalogue(session: Session, catalogue: Catalogue, curated: AbstractSet[str] = frozenset(),
                   only: AbstractSet[str] | None = None) -> dict[str, int]:
    """Write the catalogue; returns the id of every code written (merged-away codes give their target's id).

    Concepts in `curated` become curated (they stay curated). A concept the
    catalogue no longer has is kept as "merged" when a redirect names it and
    is otherwise left for `prune_proposals`. `only` limits the writing to
    those codes (an officer's edit touches a few concepts of thousands; the
    redirects are written whole either way).
    """
    wanted = None if only is None else set(only) | set(catalogue.redirects)
    existing = {row.code: row for row in _rows(session, wanted)}
    for concept in catalogue.concepts:
        if wanted is not None and concept.code not in wanted:
            continue
        row = existing.get(concept.code)
        if row is None:
            row = existing[concept.code] = Concept(code=concept.code, curated=False)
            session.add(row)
        row.name, row.kind, row.unit = concept.name, concept.kind, concept.unit
        row.polarity, row.usual_formula, row.status = concept.polarity, concept.usual_formula, concept.status
        row.curated = row.curated or concept.code in curated
        _set_aliases(row, concept.aliases)
    for code in catalogue.redirects:
        if code in existing:
            existing[code].status = MERGED
    session.flush()
    ids = {code: row.id for code, row in existing.items() if row.status != MERGED}
    targets = {catalogue.get(old).code for old in catalogue.redirects} - set(ids)
    if targets:
        ids.update(session.execute(select(Concept.code, Concept.id).where(Concept.code.in_(targets))).tuples().all())
    ids.update({old: ids[catalogue.get(old).code] for old in catalogue.redirects})
    session.execute(delete(ConceptRedirect))
    session.add_all(ConceptRedirect(code=old, concept_id=ids[old]) for old in sorted(catalogue.redirects))
    session.flush()
    return ids


def prune_proposals(session: Session, keep: set[str]) -> int:
    """Delete uncurated proposals outside `keep` (the data no longer proposes them); returns how many went."""
    stale = [row for row in _rows(session)
             if not row.curated and row.status != MERGED and row.code not in keep]
    for row in stale:
        session.delete(row)
    session.flush()
    return len(stale)


def add_proposals(catalogue: Catalogue, placed: Iterable[Placed]) -> Catalogue:
    """The catalogue with the concepts the data proposed, awaiting confirmation."""
    for concept in {p.concept.code: p.concept for p in placed if p.proposed}.values():
        catalogue = add(catalogue, concept)
    return catalogue


def decision_label(event: ConceptEvent | None) -> str:
    """Who decided what, and when, as an assignment shows it."""
    if event is None:
        return "an officer's decision"
    return f"{event.action} by {event.who} on {event.at:%Y-%m-%d} (event {event.id})"


_EVENT_OF_LABEL = re.compile(r"\(event (\d+)\)$")


def labelled_event(label: str) -> int | None:
    """The edit a `decision_label` names, so that a screen can say it in its own words and link it."""
    found = _EVENT_OF_LABEL.search(label)
    return int(found.group(1)) if found else None


def record_decisions(session: Session, event: ConceptEvent, aliases: Iterable[tuple[str, str]] = (),
                     cannot_link: Iterable[tuple[str, str]] = ()) -> None:
    """Keep what an edit says about wordings: (wording, concept code) aliases, (wording, wording) pairs kept apart."""
    for wording, code in dict.fromkeys(aliases):
        session.add(ConceptDecision(link="alias", wording=wording, wording_key=wording_key(wording), other=code,
                                    other_key=code, event=event))
    for first, second in dict.fromkeys(cannot_link):
        session.add(ConceptDecision(link=Link.CANNOT.value, wording=first, wording_key=wording_key(first),
                                    other=second, other_key=wording_key(second), event=event))
    session.flush()


def load_decisions(session: Session) -> Decisions:
    """The decisions in force: wording pairs, and the labels of the aliases officers gave (codes followed
    through merges)."""
    redirects = dict(session.execute(select(ConceptRedirect.code, Concept.code)
                                     .join(Concept, Concept.id == ConceptRedirect.concept_id)).all())
    pairs, labels = [], {}
    query = select(ConceptDecision).order_by(ConceptDecision.id)
    for decision in session.scalars(query):
        label = decision_label(decision.event)
        if decision.link == "alias":
            labels[(redirects.get(decision.other, decision.other), decision.wording_key)] = label
        else:
            pairs.append(Decision(Link(decision.link), decision.wording, decision.other, label))
    return Decisions(tuple(pairs), labels)
