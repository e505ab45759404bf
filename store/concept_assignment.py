"""Give every stored indicator row its concept and every position its canonical jabatan.

Two entries, one procedure (`normalize.harmonize.concepts.place`):

- `assign_concepts` re-groups the whole database: every distinct wording is
  placed afresh against the curated catalogue (seed and officers' edits) and
  the officers' decisions, and the index of stored wordings is rebuilt. It
  depends only on the data, the catalogue and the decisions: decrees are read
  in a fixed order (source name, then content hash), and a row is written
  only when its value changes, so running it twice changes nothing.
- `assign_new_rows` (after an import) and `assign_edited_rows` (after an
  officer saves a cell) place only the rows given, against the concepts
  already stored: a wording already in the index takes its concept; a new one
  is compared with the stored wordings that share a rare stem with it, joins
  their concept or proposes a new one. Nothing else is re-grouped, so a cell
  save stays fast at thousands of decrees (bench/ measures it). How often
  each stored wording is used is kept as the rows were when last indexed,
  which only shifts weights until the next full re-group.

A concept an officer set on a row by hand (a correction of `concept_id`)
wins over the grouping and becomes curated.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Row, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from normalize.harmonize.catalogue import Catalogue
from normalize.harmonize.catalogue import Concept as CatalogueConcept
from normalize.harmonize.concepts import (
    Member,
    Placed,
    Placement,
    Wording,
    block_keys,
    distinct,
    place,
    repairs_for,
    signatures,
    texts_of,
)
from normalize.harmonize.decisions import wording_key
from normalize.harmonize.jabatan import JabatanMatch, map_jabatan
from normalize.harmonize.signature import Signature
from normalize.harmonize.similarity import SETTINGS, Weights
from store.concept_catalogue import (
    MERGED,
    add_proposals,
    load_catalogue,
    load_decisions,
    lock_catalogue,
    prune_proposals,
    save_catalogue,
)
from store.marks import StoreMarks, store_marks
from store.models import (
    Concept,
    ConceptTermUse,
    ConceptWording,
    ConceptWordingTerm,
    Correction,
    Decree,
    IndicatorRow,
    Position,
    PositionFunction,
    SourceFile,
)

WORDING_FIELDS = ("indikator", "kind", "formula", "numerator", "denominator", "target_unit")
_STREAM_ROWS = 10_000  # rows read per round trip while re-grouping
_MEMBERS_PER_STEM = 300  # stored wordings read per rare stem, most used first (the rest weigh as 0 in averages)


@dataclass(frozen=True)
class AssignmentSummary:
    """What one assignment run did."""

    rows: int
    changed_rows: int
    concepts: int
    proposed: int
    positions_mapped: int
    seconds: float


_ROWS, _DECREES, _SOURCES = (model.__table__ for model in (IndicatorRow, Decree, SourceFile))
_WORDINGS, _TERMS, _USES = ConceptWording.__table__, ConceptWordingTerm.__table__, ConceptTermUse.__table__
_EVERY = ""  # the term of concept_term_uses that counts every indexed indicator
ROW_COLUMNS = (_ROWS.c.id, _ROWS.c.row_key, _ROWS.c.deleted, _ROWS.c.concept_id, _ROWS.c.concept_score,
               _DECREES.c.source_file_id, *(_ROWS.c[name] for name in WORDING_FIELDS))


def _ordered(query):
    return (query.join(_DECREES, _DECREES.c.id == _ROWS.c.decree_id)
            .join(_SOURCES, _SOURCES.c.id == _DECREES.c.source_file_id)
            .order_by(_SOURCES.c.name, _SOURCES.c.sha256, _ROWS.c.position_id, _ROWS.c.ordinal, _ROWS.c.row_key))


class RowState(NamedTuple):
    """What a re-group keeps of a row while it works: its keys and current concept, not its text."""

    id: int
    row_key: str
    deleted: bool
    concept_id: int | None
    concept_score: float | None
    source_file_id: int


def rows_to_group(session: Session) -> Iterator[Row]:
    """Every stored row with what grouping reads, in a fixed order (source name, content hash, table order).

    Streamed as plain, narrow rows of the tables, not ORM objects and not all
    at once: at thousands of decrees holding them would cost more memory
    than the grouping itself.
    """
    query = _ordered(select(*ROW_COLUMNS)).execution_options(yield_per=_STREAM_ROWS)
    yield from session.connection().execute(query)


def _wording(row: Row) -> Wording | None:
    """What grouping reads of a live row with a wording (None for deleted or empty rows)."""
    if row.deleted or not (row.indikator and row.indikator.strip()):
        return None
    return Wording(row.indikator, row.kind or "lainnya", row.formula, row.numerator, row.denominator, row.target_unit)


def digest(wording: Wording) -> str:
    """A stable name of a wording (every field grouping reads), for the index of stored wordings."""
    fields = [wording.indikator, wording.kind, wording.formula, wording.numerator, wording.denominator,
              wording.target_unit]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _officer_concepts(session: Session) -> dict[tuple[int, str], tuple[int | None, int]]:
    """(source file, row key) -> (the concept id an officer's live correction set on that row, the correction)."""
    query = (select(Correction)
             .where(Correction.action == "set", Correction.field == "concept_id", Correction.reverted.is_(False),
                    Correction.status != "conflict")
             .order_by(Correction.id))
    chosen = {}
    for correction in session.scalars(query):
        for key in correction.applied_row_keys:
            chosen[(correction.source_file_id, key)] = (int(correction.new) if correction.new else None, correction.id)
    return chosen


def _by_officer(session: Session, rows: Iterable[Row | RowState],
                officer: dict[tuple[int, str], tuple[int | None, int]] | None = None
                ) -> dict[int, tuple[int | None, int]]:
    """Row id -> (officer's concept id, correction id) for the rows an officer set a concept on."""
    officer = _officer_concepts(session) if officer is None else officer
    found = {row.id: officer[(row.source_file_id, row.row_key)] for row in rows
             if (row.source_file_id, row.row_key) in officer and not row.deleted}
    ids = {concept_id for concept_id, _ in found.values()} - {None}
    for concept in session.scalars(select(Concept).where(Concept.id.in_(ids))):
        concept.curated = True
    return found


def _resolved(session: Session, concept_id: int | None, catalogue: Catalogue, ids: dict[str, int]) -> int | None:
    """An officer's concept, followed through merges."""
    concept = session.get(Concept, concept_id) if concept_id is not None else None
    if concept is None or concept.status != MERGED:
        return concept_id
    return ids[catalogue.get(concept.code).code]


def _write_concepts(session: Session, rows: Iterable[Row | RowState],
                    chosen: dict[int, tuple[int | None, float | None]], untouched_absent: bool = True) -> int:
    """Store each row's concept and score where they changed; returns how many rows changed.

    Rows absent from `chosen` lose their concept when `untouched_absent` (a
    full re-group decides every row). Written past the ORM so that the rows'
    version stays: the version guards officers' edits against each other, and
    a derived concept is not one.
    """
    changes = []
    count = 0
    statement = (update(_ROWS).where(_ROWS.c.id == bindparam("row_id"))
                 .values(concept_id=bindparam("concept_id"), concept_score=bindparam("concept_score")))
    for row in rows:
        if row.id not in chosen and not untouched_absent:
            continue
        concept_id, score = (None, None) if row.deleted else chosen.get(row.id, (None, None))
        if (row.concept_id, row.concept_score) != (concept_id, score):
            changes.append({"row_id": row.id, "concept_id": concept_id, "concept_score": score})
        if len(changes) >= _STREAM_ROWS:
            session.execute(statement, changes)
            count, changes = count + len(changes), []
    if changes:
        session.execute(statement, changes)
        count += len(changes)
    if count:
        _expire_loaded(session, IndicatorRow, ["concept_id", "concept_score", "concept"])
    return count


def _expire_loaded(session: Session, model: type, names: list[str]) -> None:
    """Make objects the caller already holds read again the columns written past the ORM."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model):
            session.expire(obj, names)


def _map_positions(session: Session) -> int:
    """Give a canonical jabatan to every position that has none yet; returns how many positions have one.

    A position's mapping depends only on its own title, tugas and fungsi,
    which no correction changes, so a position is mapped once (a re-import
    makes new positions). Positions worded alike are mapped once.
    """
    table = Position.__table__
    waiting = session.execute(select(table.c.id, table.c.jabatan, table.c.level, table.c.tugas)
                              .where(table.c.canonical_jabatan.is_(None)).order_by(table.c.id)).all()
    fungsi: dict[int, list[str]] = defaultdict(list)
    query = (select(PositionFunction.position_id, PositionFunction.text)
             .where(PositionFunction.position_id.in_(select(table.c.id).where(table.c.canonical_jabatan.is_(None))))
             .order_by(PositionFunction.position_id, PositionFunction.ordinal))
    for position_id, text in session.execute(query):
        fungsi[position_id].append(text)
    matches: dict[tuple, JabatanMatch] = {}
    changes = []
    for position_id, jabatan, level, tugas in waiting:
        key = (jabatan, level, tugas, tuple(fungsi[position_id]))
        if key not in matches:
            matches[key] = map_jabatan(jabatan, level, tugas, list(key[3]))
        match = matches[key]
        if match.code:
            changes.append({"position_id": position_id, "code": match.code, "score": match.score})
    if changes:
        session.execute(update(table).where(table.c.id == bindparam("position_id"))
                        .values(canonical_jabatan=bindparam("code"), jabatan_score=bindparam("score")), changes)
        _expire_loaded(session, Position, ["canonical_jabatan", "jabatan_score"])
    return session.scalar(select(func.count()).select_from(table).where(table.c.canonical_jabatan.is_not(None))) or 0


@dataclass
class _IndexEntry:
    wording: Wording
    signature: Signature
    concept_id: int | None
    score: float | None
    uses: int
    decided_by: tuple[str, ...]


def _write_index(session: Session, entries: dict[str, _IndexEntry]) -> None:
    """Insert index entries (wordings and their stems) by digest."""
    if not entries:
        return
    session.execute(insert(_WORDINGS), [
        {"digest": key, "indikator": e.wording.indikator, "wording_key": wording_key(e.wording.indikator),
         "signature": e.signature.to_dict(), "concept_id": e.concept_id, "score": e.score, "uses": e.uses,
         "decided_by": list(e.decided_by)} for key, e in entries.items()])
    ids = dict(session.execute(select(_WORDINGS.c.digest, _WORDINGS.c.id)
                               .where(_WORDINGS.c.digest.in_(list(entries)))).all())
    terms = [{"term": term, "wording_id": ids[key]} for key, e in entries.items() for term in sorted(e.signature.terms)]
    if terms:
        session.execute(insert(_TERMS), terms)
    _count_terms(session, entries.values())


def _chunks(values: list, size: int = 900) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


@dataclass
class Regroup:
    """A re-grouping worked out from what the store held (`state`), not yet written.

    Working it out reads the store and takes most of the time (a minute and
    a half at 7,000 decrees); made in a reading session, it leaves officers
    free to save meanwhile, and only `write_regroup` holds the write lock.
    """

    marks: StoreMarks
    rows: list[RowState]
    which: list[int]
    wordings: list[Wording]
    uses: list[int]
    by_officer: dict[int, tuple[int | None, int]]
    base: Catalogue
    placement: Placement
    seconds: float


def plan_regroup(session: Session) -> Regroup:
    """Every row's grouping worked out from the store as it is, without writing anything."""
    started = time.perf_counter()
    marks = store_marks(session)
    officer = _officer_concepts(session)
    rows: list[RowState] = []
    which: list[int] = []
    index: dict[Wording, int] = {}
    for row in rows_to_group(session):
        rows.append(RowState(row.id, row.row_key, row.deleted, row.concept_id, row.concept_score,
                             row.source_file_id))
        wording = None if (row.source_file_id, row.row_key) in officer else _wording(row)
        which.append(-1 if wording is None else index.setdefault(wording, len(index)))
    wordings = list(index)
    del index
    uses = [0] * len(wordings)
    for n in which:
        if n >= 0:
            uses[n] += 1
    by_officer = _by_officer(session, rows, officer)
    base = load_catalogue(session, curated_only=True)
    placement = place(wordings, uses, base, decisions=load_decisions(session))
    return Regroup(marks, rows, which, wordings, uses, by_officer, base, placement, time.perf_counter() - started)


def outdated(session: Session, plan: Regroup) -> bool:
    """Whether the store took decrees or catalogue edits since the plan was worked out. Corrections and the
    proposals the data made meanwhile do not outdate it: corrected rows can be placed again after it, and
    the plan starts from the curated catalogue, which is compared as well."""
    now, then = store_marks(session), plan.marks
    return ((now.files, now.last_import, now.last_catalogue_edit) != (then.files, then.last_import,
                                                                       then.last_catalogue_edit)
            or load_catalogue(session, curated_only=True) != plan.base)


def write_regroup(session: Session, plan: Regroup) -> AssignmentSummary:
    """Write a re-grouping, inside the caller's writing transaction, which holds the catalogue's lock
    (`lock_catalogue`)."""
    started = time.perf_counter()
    rows, which, wordings, uses, placement = plan.rows, plan.which, plan.wordings, plan.uses, plan.placement
    grown = add_proposals(plan.base, placement.placed)
    ids = save_catalogue(session, grown)

    chosen: dict[int, tuple[int | None, float | None]] = {}
    for state, n in zip(rows, which, strict=True):
        if n >= 0:
            chosen[state.id] = (ids[placement.placed[n].concept.code], placement.placed[n].score)
    for row_id, (concept_id, _) in plan.by_officer.items():
        chosen[row_id] = (_resolved(session, concept_id, grown, ids), None)
    changed = _write_concepts(session, rows, chosen)
    del chosen
    prune_proposals(session, keep={c.code for c in grown.concepts})
    session.execute(delete(_TERMS))
    session.execute(delete(_WORDINGS))
    session.execute(delete(_USES))
    for start in range(0, len(wordings), _STREAM_ROWS):
        _write_index(session, {digest(w): _IndexEntry(w, placement.signatures[n], ids[p.concept.code], p.score,
                                                      uses[n], p.decided_by)
                               for n in range(start, min(start + _STREAM_ROWS, len(wordings)))
                               for w, p in ((wordings[n], placement.placed[n]),)})
    mapped = _map_positions(session)
    session.flush()
    live = sum(not row.deleted for row in rows)
    return AssignmentSummary(live, changed, len(grown.concepts), len(grown.concepts) - len(plan.base.concepts),
                             mapped, round(plan.seconds + time.perf_counter() - started, 3))


def assign_concepts(session: Session) -> AssignmentSummary:
    """Re-group every row and map new positions' canonical jabatan, inside the caller's transaction."""
    lock_catalogue(session)
    session.flush()
    return write_regroup(session, plan_regroup(session))


def _stored_weights(session: Session, terms: set[str]) -> Weights:
    """How many stored indicators use each of these stems, and how many there are: the IDF the store gives."""
    df: Counter[str] = Counter()
    for chunk in _chunks(sorted(terms | {_EVERY})):
        df.update(dict(session.execute(select(_USES.c.term, _USES.c.uses).where(_USES.c.term.in_(chunk))).all()))
    return Weights(df, df.pop(_EVERY, 0))


def _count_terms(session: Session, entries: Iterable[_IndexEntry]) -> None:
    """Add the entries' uses to the stems' document frequencies (and to the count of every indicator)."""
    added: Counter[str] = Counter()
    for entry in entries:
        added[_EVERY] += entry.uses
        for term in entry.signature.terms:
            added[term] += entry.uses
    known: set[str] = set()
    for chunk in _chunks(sorted(added)):
        known |= set(session.scalars(select(_USES.c.term).where(_USES.c.term.in_(chunk))))
    if known:
        statement = update(_USES).where(_USES.c.term == bindparam("key")).values(uses=_USES.c.uses + bindparam("more"))
        session.execute(statement, [{"key": term, "more": added[term]} for term in sorted(known)])
    fresh = [{"term": term, "uses": count} for term, count in sorted(added.items()) if term not in known]
    if fresh:
        session.execute(insert(_USES), fresh)


@dataclass(frozen=True)
class _Candidates:
    """The stored evidence new wordings are placed against."""

    members: dict[str, list[Member]]
    sizes: dict[str, int]
    known: dict[str, CatalogueConcept]
    weights: Weights


def _candidate_members(session: Session, signatures: list[Signature], catalogue: Catalogue) -> _Candidates:
    """The stored wordings that share a rare stem with one of the new wordings, the concepts they are in, and
    how many indicators each of those concepts holds.

    Only those wordings are read (by the new wordings' rarest stems, the most
    used first, and by any of their stems few enough indicators have): the
    others of their concepts count as 0 in the averages (as unscored pairs
    do), so the concepts' sizes are enough, and a cell save reads a bounded
    number of wordings whatever the size of the database.
    """
    stems = set().union(*(s.terms for s in signatures)) if signatures else set()
    weights = _stored_weights(session, stems)
    keys = {t for t in stems if weights.df.get(t, 0) <= SETTINGS.block_minimum}
    for sig in signatures:
        keys |= set(block_keys(sig, weights))
    members: dict[str, list[Member]] = defaultdict(list)
    member_stems: set[str] = set()
    seen: set[int] = set()
    columns = (_WORDINGS.c.id, Concept.code, _WORDINGS.c.signature, _WORDINGS.c.uses, _WORDINGS.c.wording_key)
    base = (select(*columns).join(_TERMS, _TERMS.c.wording_id == _WORDINGS.c.id)
            .join(Concept, Concept.id == _WORDINGS.c.concept_id).where(Concept.status != MERGED))
    rare = sorted(t for t in keys if weights.df.get(t, 0) <= SETTINGS.block_minimum)
    queries = [base.where(_TERMS.c.term.in_(chunk)) for chunk in _chunks(rare)]
    queries += [base.where(_TERMS.c.term == term).order_by(_WORDINGS.c.uses.desc(), _WORDINGS.c.id)
                .limit(_MEMBERS_PER_STEM) for term in sorted(keys - set(rare))]
    for query in queries:
        for wording_id, code, signature, uses, key in session.execute(query):
            if wording_id in seen:
                continue
            seen.add(wording_id)
            sig = Signature.from_dict(signature)
            members[code].append(Member(sig, max(uses, 1), key))
            member_stems |= sig.terms
    sizes: dict[str, int] = {}
    known: dict[str, CatalogueConcept] = {}
    for chunk in _chunks(sorted(members)):
        query = (select(Concept.code, func.sum(_WORDINGS.c.uses)).join(_WORDINGS, _WORDINGS.c.concept_id == Concept.id)
                 .where(Concept.code.in_(chunk)).group_by(Concept.code))
        sizes.update({code: max(int(total or 0), 1) for code, total in session.execute(query)})
        for concept in session.scalars(select(Concept).where(Concept.code.in_(chunk))):
            known[concept.code] = catalogue.get(concept.code) if catalogue.has(concept.code) else CatalogueConcept(
                concept.code, concept.name, concept.kind or "lainnya", concept.unit,
                concept.polarity or "higher_is_better", concept.usual_formula, concept.status)
    more = _stored_weights(session, member_stems - stems)
    weights.df.update(more.df)
    return _Candidates(dict(members), sizes, known, Weights(weights.df, weights.n))


def _assign_rows(session: Session, rows: list[Row]) -> int:
    """Place the given rows against the stored concepts; returns how many rows changed."""
    by_officer = _by_officer(session, rows)
    placing = [(row, w) for row in rows if row.id not in by_officer and (w := _wording(row)) is not None]
    wordings, uses, which = distinct(w for _, w in placing)
    digests = [digest(w) for w in wordings]
    stored: dict[str, tuple[int, int | None, float | None]] = {}
    for chunk in _chunks(digests):
        query = select(_WORDINGS.c.digest, _WORDINGS.c.id, _WORDINGS.c.concept_id, _WORDINGS.c.score).where(
            _WORDINGS.c.digest.in_(chunk), _WORDINGS.c.concept_id.is_not(None))
        stored.update({d: (i, c, s) for d, i, c, s in session.execute(query)})
    new = [n for n, d in enumerate(digests) if d not in stored]
    chosen: dict[int, tuple[int | None, float | None]] = {}
    concept_of: dict[int, tuple[int | None, float | None]] = {n: stored[d][1:] for n, d in enumerate(digests)
                                                            if d in stored}
    if new:
        catalogue = load_catalogue(session, curated_only=True)
        fresh = [wordings[n] for n in new]
        read = signatures(fresh, repairs_for(texts_of(fresh)))
        found = _candidate_members(session, read, catalogue)
        taken = set(session.scalars(select(Concept.code))) | set(catalogue.redirects)
        placement = place(fresh, [uses[n] for n in new], catalogue, found.members, found.known,
                          load_decisions(session), found.weights, taken, found.sizes)
        ids = _concept_ids(session, catalogue, found.known, placement.placed)
        entries = {}
        for n, p, sig in zip(new, placement.placed, placement.signatures, strict=True):
            concept_of[n] = (ids[p.concept.code], p.score)
            entries[digests[n]] = _IndexEntry(wordings[n], sig, ids[p.concept.code], p.score, uses[n], p.decided_by)
        _write_index(session, entries)
    for d, n in ((digests[n], n) for n in range(len(wordings)) if n not in new):
        session.execute(update(_WORDINGS).where(_WORDINGS.c.digest == d).values(uses=_WORDINGS.c.uses + uses[n]))
    for (row, _), n in zip(placing, which, strict=True):
        chosen[row.id] = concept_of[n]
    for row_id, (concept_id, _) in by_officer.items():
        chosen[row_id] = (concept_id, None)
    return _write_concepts(session, rows, chosen, untouched_absent=False)


def _concept_ids(session: Session, catalogue: Catalogue, known: dict[str, CatalogueConcept],
                 placed: list[Placed]) -> dict[str, int]:
    """Ids of the concepts the wordings went to, inserting the concepts they proposed."""
    codes = {p.concept.code for p in placed}
    ids = dict(session.execute(select(Concept.code, Concept.id).where(Concept.code.in_(codes))).all())
    for p in placed:
        if p.proposed and p.concept.code not in ids:
            concept = p.concept
            row = Concept(code=concept.code, name=concept.name, kind=concept.kind, unit=concept.unit,
                          polarity=concept.polarity, usual_formula=concept.usual_formula, status="proposed",
                          curated=False)
            session.add(row)
            session.flush()
            ids[concept.code] = row.id
    for code in codes - set(ids):
        ids[code] = ids[catalogue.get(code).code]
    return ids


def assign_new_rows(session: Session) -> AssignmentSummary:
    """Place the live rows that have no concept yet (a new or re-imported decree's) against the stored concepts,
    and map new positions' canonical jabatan; nothing already placed is re-grouped."""
    started = time.perf_counter()
    lock_catalogue(session)
    session.flush()
    if session.scalar(select(func.count()).select_from(_WORDINGS)) == 0:
        return assign_concepts(session)
    query = _ordered(select(*ROW_COLUMNS).where(_ROWS.c.concept_id.is_(None), _ROWS.c.deleted.is_(False)))
    rows = list(session.connection().execute(query))
    changed = _assign_rows(session, rows)
    mapped = _map_positions(session)
    session.flush()
    concepts = session.scalar(select(func.count()).select_from(Concept).where(Concept.status != MERGED)) or 0
    proposed = session.scalar(select(func.count()).select_from(Concept).where(Concept.curated.is_(False),
                                                                              Concept.status != MERGED)) or 0
    return AssignmentSummary(len(rows), changed, concepts, proposed, mapped, round(time.perf_counter() - started, 3))


def assign_edited_rows(session: Session, decree_id: int, row_keys: list[str]) -> int:
    """Place the rows an officer just edited (new or corrected wording) against the stored concepts.

    What the review screen's cell save calls instead of re-grouping the whole
    database; returns how many rows changed concept.
    """
    lock_catalogue(session)
    session.flush()
    query = _ordered(select(*ROW_COLUMNS).where(_ROWS.c.decree_id == decree_id, _ROWS.c.row_key.in_(row_keys)))
    return _assign_rows(session, list(session.connection().execute(query)))


def forget_concepts(session: Session, concept_ids: set[int]) -> None:
    """Drop the rows and the index entries of these concepts, so the next `assign_new_rows` places them anew."""
    if not concept_ids:
        return
    session.flush()
    ids = sorted(concept_ids)
    for chunk in _chunks(ids):
        session.execute(update(_ROWS).where(_ROWS.c.concept_id.in_(chunk)).values(concept_id=None, concept_score=None))
        wordings = select(_WORDINGS.c.id).where(_WORDINGS.c.concept_id.in_(chunk))
        session.execute(delete(_TERMS).where(_TERMS.c.wording_id.in_(wordings)))
        session.execute(delete(_WORDINGS).where(_WORDINGS.c.concept_id.in_(chunk)))
    _expire_loaded(session, IndicatorRow, ["concept_id", "concept_score", "concept"])
