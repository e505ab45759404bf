"""What the concept catalogue's screens show: the concepts with how many decrees and rows word each, one concept
with its wordings, aliases, the decisions behind them and its edits.

The list's counts come from the tallies the pivot sums (every live row's
concept), so a catalogue of thousands of concepts over 7,000 decrees is
listed without a query per concept; names, statuses and aliases are read
from the catalogue as stored, so an edit shows at once even while the
list's counts catch up. One concept's page counts its own rows, fresh.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from math import ceil

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from normalize.harmonize.catalogue import STATUSES
from store import concepts as stored
from store.concept_catalogue import current_concept, labelled_event
from store.models import Concept, ConceptAlias, ConceptEvent, Decree, IndicatorRow
from web.tallies import Filter, Sums, Tally

PAGE_CONCEPTS = 50


class Order(StrEnum):
    """How the list is sorted: most used first (the concepts worth an officer's look), or by name."""

    USED = "used"
    NAME = "name"


@dataclass(frozen=True)
class ConceptQuery:
    q: str = ""
    status: str = ""
    order: Order = Order.USED
    page: int = 1


@dataclass(frozen=True)
class ConceptLine:
    code: str
    name: str
    status: str
    kind: str | None
    unit: str | None
    curated: bool
    aliases: int
    decrees: int
    rows: int


@dataclass(frozen=True)
class ConceptPage:
    lines: list[ConceptLine]
    count: int
    number: int
    pages: int


@dataclass(frozen=True)
class Wording:
    """A wording of the stored rows; `edits` are the catalogue edits whose decisions placed it (none: the grouping)."""

    text: str
    indicators: int
    edits: list[int]


@dataclass(frozen=True)
class Decision:
    link: str
    wording: str
    other: str
    edit: int | None


@dataclass(frozen=True)
class ConceptDetail:
    line: ConceptLine
    polarity: str | None
    usual_formula: str | None
    aliases: list[str]
    wordings: list[Wording]
    decisions: list[Decision]
    events: list[ConceptEvent]


def _uses(tally: Tally) -> tuple[dict[int, int], dict[int, int]]:
    """Decrees and live rows per concept id."""
    sums = Sums(tally, Filter())
    decrees = {concept_id: count for concept_id, _, count in sums.concepts()}
    rows = dict(sums.rows_by(tally.row_concept, [int(i) for i in tally.concept_ids]))
    return decrees, rows


def _alias_counts(session: Session, ids: list[int]) -> dict[int, int]:
    return dict(session.execute(select(ConceptAlias.concept_id, func.count(ConceptAlias.id))
                                .where(ConceptAlias.concept_id.in_(ids)).group_by(ConceptAlias.concept_id)).tuples().all())


def _line(concept: Concept, aliases: int, decrees: int, rows: int) -> ConceptLine:
    return ConceptLine(concept.code, concept.name, concept.status, concept.kind, concept.unit, concept.curated,
                       aliases, decrees, rows)


def listing(session: Session, query: ConceptQuery, tally: Tally) -> ConceptPage:
    """The concepts the query names (a part of the name, code or an alias; a status), one page of them."""
    chosen = select(Concept).where(Concept.status.in_(STATUSES))
    if query.status in STATUSES:
        chosen = chosen.where(Concept.status == query.status)
    if query.q:
        part = f"%{query.q}%"
        chosen = chosen.where(or_(Concept.name.ilike(part), Concept.code.ilike(part),
                                  Concept.id.in_(select(ConceptAlias.concept_id)
                                                 .where(ConceptAlias.wording.ilike(part)))))
    concepts = list(session.scalars(chosen))
    decrees, rows = _uses(tally)
    if query.order is Order.NAME:
        concepts.sort(key=lambda c: (c.name.casefold(), c.code))
    else:
        concepts.sort(key=lambda c: (-decrees.get(c.id, 0), -rows.get(c.id, 0), c.name.casefold()))
    pages = max(1, ceil(len(concepts) / PAGE_CONCEPTS))
    number = min(max(query.page, 1), pages)
    shown = concepts[(number - 1) * PAGE_CONCEPTS:number * PAGE_CONCEPTS]
    aliases = _alias_counts(session, [c.id for c in shown])
    return ConceptPage([_line(c, aliases.get(c.id, 0), decrees.get(c.id, 0), rows.get(c.id, 0)) for c in shown],
                       len(concepts), number, pages)


def current_code(session: Session, code: str) -> str | None:
    """The code a concept goes by now (a merged-away code names the concept it went into); None if unknown."""
    concept = current_concept(session, code)
    return None if concept is None else concept.code


def _counted(session: Session, concept_id: int) -> tuple[int, int]:
    """Decrees and live rows of one concept, read now: the page an edit lands on shows its effect at once."""
    decrees, rows = session.execute(
        select(func.count(distinct(IndicatorRow.decree_id)), func.count(IndicatorRow.id)).join(Decree)
        .where(IndicatorRow.concept_id == concept_id, IndicatorRow.deleted.is_(False), Decree.twin_of.is_(None))).one()
    return decrees, rows


def detail(session: Session, code: str) -> ConceptDetail:
    """One concept (by its current code) with everything the officer weighs before editing it."""
    concept = session.scalars(select(Concept).where(Concept.code == code)).one()
    aliases = [alias.wording for alias in concept.aliases]
    decrees, rows = _counted(session, concept.id)
    wordings = _shown(stored.concept_wordings(session, code).itertuples(index=False, name=None))
    decisions = [Decision(link, wording, other, labelled_event(by)) for link, wording, other, by
                 in stored.concept_decisions(session, code).itertuples(index=False, name=None)]
    events = list(reversed(stored.concept_events(session, code)))
    return ConceptDetail(_line(concept, len(aliases), decrees, rows), concept.polarity, concept.usual_formula,
                         aliases, wordings, decisions, events)


def _shown(stored_wordings: Iterable[tuple[str, int, float, str]]) -> list[Wording]:
    """The wordings as an officer reads them: stored wordings that differ only in spacing are one line."""
    lines: dict[str, Wording] = {}
    for text, uses, _score, decided_by in stored_wordings:
        key = " ".join(text.split())
        held = lines.get(key)
        edits = _edits(decided_by)
        lines[key] = Wording(key, int(uses), edits) if held is None else \
            Wording(key, held.indicators + int(uses), sorted(set(held.edits) | set(edits)))
    return sorted(lines.values(), key=lambda w: (-w.indicators, w.text))


def _edits(labels: str) -> list[int]:
    found = (labelled_event(label) for label in labels.split("; ") if label)
    return [edit for edit in found if edit is not None]


def catalogue_log(session: Session) -> list[ConceptEvent]:
    """Every edit of the catalogue, newest first."""
    return list(reversed(stored.concept_events(session)))
