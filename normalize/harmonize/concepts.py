"""Group the indicators of many decrees into concepts, so one measure can be compared across kecamatan.

Each distinct wording is read into a signature (signature.py) and compared
with others by closeness (similarity.py). Wordings first go to the curated
concept they fit best (an officer's alias of it word for word, or its name
or an alias closely enough); the rest are clustered with average linkage
(clustering.py), so that similar indicators from different kecamatan propose
one new concept together and a single loose resemblance cannot chain
unrelated indicators into one group. A cluster as close to a concept's
indicators as they are to one another joins that concept. Officers'
must-link and cannot-link decisions (decisions.py) bind all of it.

Candidate pairs are found by blocking on rare stems: each wording is compared
only with wordings that share one of its rarest stems, so the work grows with
the wordings that could be one measure, not with the square of the corpus.
Kecamatan copy their kabupaten's template, so thousands of decrees hold far
fewer distinct wordings; the work runs on distinct wordings, each weighted by
how many indicators use it, which gives the same averages as comparing every
indicator with every other.

The same procedure adds new decrees to concepts already formed
(`add_indicators`): the earlier indicators are the concepts' members, and the
new wordings join them or propose concepts of their own, without grouping the
earlier ones again.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from normalize.harmonize.catalogue import Catalogue, Concept, add, seed_catalogue
from normalize.harmonize.clustering import average_linkage
from normalize.harmonize.decisions import NONE, Decisions, Link, wording_key
from normalize.harmonize.signature import Signature, lead, read
from normalize.harmonize.similarity import SETTINGS, Weights
from normalize.harmonize.words import analyse, data_words, is_known, stem
from normalize.records import DecreeRecord

SAME_CONCEPT = SETTINGS.same_concept


@dataclass(frozen=True)
class ConceptAssignment:
    """One indicator of one decree and the concept it measures (`proposed`: the concept is new).

    `decided_by` names the officers' decisions that drove the assignment (an
    alias they gave, wordings they put together or apart).
    """

    source: str
    kecamatan: str | None
    position_index: int
    indicator_index: int
    jabatan: str | None
    level: str | None
    indikator: str
    formula: str | None
    target: str | None
    sumber_data: str | None
    concept: Concept
    score: float
    proposed: bool
    decided_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wording:
    """What grouping reads of an indicator; indicators worded alike are grouped as one."""

    indikator: str
    kind: str
    formula: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    target_unit: str | None = None

    @property
    def has_ratio(self) -> bool:
        return bool(self.numerator and self.denominator)


@dataclass(frozen=True)
class Member:
    """A wording already in a concept, as evidence for new wordings: its signature and how often it is used."""

    signature: Signature
    uses: int
    key: str


@dataclass(frozen=True)
class Placed:
    """Where one distinct wording went."""

    concept: Concept
    score: float
    proposed: bool
    decided_by: tuple[str, ...] = ()


@dataclass
class _Evidence:
    """Everything the comparisons of one run read.

    Wordings read into the same signature are one unit (a unit is compared
    once, however many spellings, cases and typos it stands for); `keys` are
    the units' wording keys, `wordings` which wordings each unit stands for.
    The concepts' own wordings (name and aliases) and their stored members
    are read too, with one set of IDF weights over all of them.
    """

    sigs: list[Signature]
    uses: list[int]
    keys: list[frozenset[str]]
    wordings: list[list[int]]
    named: list[tuple[Concept, Signature, str]]
    members: dict[str, list[Member]]
    weights: Weights
    index: dict[str, list[int]]


def _repair_choices(texts: Iterable[str]) -> list[str]:
    """Known words of the batch and of the data files, which a misspelt word may stand for."""
    words = {w for text in texts for w, _ in analyse(text).content if is_known(w)}
    return sorted(words | data_words())


def repairs_for(texts: list[str]) -> dict[str, str]:
    """Misspelt words of the texts -> the stem of the known word they stand for ("seklesai" -> "selesai")."""
    unknown = sorted({w for text in texts for w, _ in analyse(text).content
                      if len(w) >= SETTINGS.repair_length and w.isalpha() and not is_known(w)})
    if not unknown:
        return {}
    choices = _repair_choices(texts)
    repairs = {}
    for word in unknown:
        found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=SETTINGS.repair_score)
        if found:
            repairs[word] = stem(found[0])
    return repairs


def texts_of(wordings: Iterable[Wording]) -> list[str]:
    """Every text of the wordings that is read: the indicator, its numerator and denominator."""
    return [t for w in wordings for t in (w.indikator, w.numerator, w.denominator) if t]


def signatures(wordings: list[Wording], repairs: dict[str, str]) -> list[Signature]:
    return [read(w.kind, w.indikator, w.numerator, w.denominator, repairs) for w in wordings]


def _formula_parts(formula: str | None) -> tuple[str | None, str | None]:
    """Numerator and denominator of a catalogue formula written "A / B x 100"."""
    if not formula or "/" not in formula:
        return None, None
    numerator, denominator = formula.split("/", 1)
    return numerator, re.split(r"\s[x×]\s", denominator)[0]


def _named(catalogue: Catalogue, repairs: dict[str, str]) -> list[tuple[Concept, Signature, str]]:
    """Each curated concept's name and aliases as signatures, with their wording keys."""
    named = []
    for concept in catalogue.concepts:
        numerator, denominator = _formula_parts(concept.usual_formula)
        for text in concept.wordings:
            named.append((concept, read(concept.kind, text, numerator, denominator, repairs), wording_key(text)))
    return named


def rare_cap(weights: Weights) -> float:
    """How many indicators may share a stem for it still to find candidates."""
    return max(SETTINGS.block_share * weights.n, SETTINGS.block_minimum)


def block_keys(sig: Signature, weights: Weights) -> list[str]:
    """The rarest stems of a wording that few enough indicators share to block on (at least its rarest one).

    A stem no other indicator has finds nothing, so it is passed over.
    """
    cap = rare_cap(weights)
    ranked = sorted(sig.terms, key=lambda t: (weights.df.get(t, 0), t))
    keys = [t for t in ranked if 1 < weights.df.get(t, 0) <= cap][:SETTINGS.block_terms]
    return keys or ranked[:1]


def _index(sigs: Iterable[Signature]) -> dict[str, list[int]]:
    """Stem -> the signatures that have it."""
    index: dict[str, list[int]] = defaultdict(list)
    for n, sig in enumerate(sigs):
        for term in sig.terms:
            index[term].append(n)
    return index


def _scored_pairs(evidence: _Evidence, among: set[int]) -> dict[tuple[int, int], float]:
    """Closeness of the pairs of units `among` that share a rare stem of one of them, where it reaches
    the pair floor (lower closeness is kept as 0, which is what it weighs in any average that can merge).

    Each pair is scored once without keeping a set of the pairs seen: the
    unit found from a lower one's stems is scored there, unless the lower
    one is also found from its own stems.
    """
    weights, sigs = evidence.weights, evidence.sigs
    keys = {i: block_keys(sigs[i], weights) for i in among}
    score: dict[tuple[int, int], float] = {}
    for i in sorted(among):
        found = {j for key in keys[i] for j in evidence.index.get(key, ()) if j != i and j in among}
        terms = sigs[i].terms
        for j in found:
            if j < i and any(key in terms for key in keys[j]):
                continue
            pair = (i, j) if i < j else (j, i)
            value = weights.closeness(sigs[pair[0]], sigs[pair[1]])
            if value >= SETTINGS.pair_floor:
                score[pair] = value
    return score


class _Placing:
    """One run of placing units into concepts."""

    def __init__(self, evidence: _Evidence, decisions: Decisions, taken: set[str],
                 concepts: dict[str, Concept]) -> None:
        self.ev = evidence
        self.concepts = concepts
        self.score: dict[tuple[int, int], float] = {}
        self.decisions = decisions
        self.must = decisions.links(Link.MUST)
        self.cannot = decisions.links(Link.CANNOT)
        self.apart: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for (a, b), labels in self.cannot.items():
            self.apart[a][b] = labels
            self.apart[b][a] = labels
        self.taken = taken
        self.placed: dict[int, Placed] = {}
        self.concept_keys: dict[str, set[str]] = defaultdict(set)
        for concept, _, key in evidence.named:
            self.concept_keys[concept.code].add(key)
        for code, members in evidence.members.items():
            self.concept_keys[code] |= {m.key for m in members}

    def _blocked(self, keys: Iterable[str], code: str) -> list[str]:
        """Labels of the cannot-link decisions that keep a unit with these wording keys out of a concept."""
        inside = self.concept_keys[code]
        return [label for key in keys for other, labels in self.apart.get(key, {}).items() if other in inside
                for label in labels]

    def _put(self, n: int, concept: Concept, score: float, proposed: bool, labels: Iterable[str] = ()) -> None:
        self.placed[n] = Placed(concept, round(score, 3), proposed, tuple(dict.fromkeys(labels)))
        if not proposed:
            self.concept_keys[concept.code] |= self.ev.keys[n]

    def by_alias(self) -> None:
        """A wording an officer made a name or alias of a concept goes there, word for word."""
        exact: dict[str, Concept] = {}
        for concept, _, key in self.ev.named:
            exact.setdefault(key, concept)
        for n, keys in enumerate(self.ev.keys):
            found = sorted(key for key in keys if key in exact)
            if found:
                concept = exact[found[0]]
                label = self.decisions.alias_labels.get((concept.code, found[0]))
                self._put(n, concept, 1.0, False, [label] if label else [])

    def by_must_link(self) -> None:
        """A wording an officer put with a wording already placed (or a concept's member) goes with it."""
        where: dict[str, Concept] = {}
        for code, members in self.ev.members.items():
            if code in self.concepts:
                where.update({m.key: self.concepts[code] for m in members})
        for n, placed in self.placed.items():
            where.update(dict.fromkeys(self.ev.keys[n], placed.concept))
        partners: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for (a, b), labels in sorted(self.must.items()):
            partners[a].append((b, labels))
            partners[b].append((a, labels))
        for n, keys in enumerate(self.ev.keys):
            if n in self.placed:
                continue
            found = sorted((other, labels) for key in keys for other, labels in partners.get(key, ()) if other in where)
            if found:
                self._put(n, where[found[0][0]], 1.0, False, found[0][1])

    def by_catalogue(self) -> None:
        """Units closest to a curated concept's name or alias, when close enough."""
        weights = self.ev.weights
        by_term = _index(sig for _, sig, _ in self.ev.named)
        for n, sig in enumerate(self.ev.sigs):
            if n in self.placed:
                continue
            seen = {c for term in sig.terms for c in by_term.get(term, ())}
            best: tuple[float, str, Concept] | None = None
            for c in sorted(seen):
                concept, named, _ = self.ev.named[c]
                value = weights.closeness(sig, named, SETTINGS.named_detail)
                if value < SAME_CONCEPT or (best and (value, concept.code) <= best[:2]):
                    continue
                if not self._blocked(self.ev.keys[n], concept.code):
                    best = (value, concept.code, concept)
            if best:
                self._put(n, best[2], best[0], False)

    def cluster(self, rest: list[int]) -> list[list[int]]:
        """Average-linkage clusters of the units not placed yet, bound by the officers' links."""
        score = _scored_pairs(self.ev, set(rest))
        self.score = score
        at: dict[str, list[int]] = defaultdict(list)
        for n in rest:
            for key in self.ev.keys[n]:
                at[key].append(n)
        must = [(i, j) for a, b in self.must for i in at.get(a, ()) for j in at.get(b, ()) if i != j]
        cannot = [(i, j) for a, b in self.cannot for i in at.get(a, ()) for j in at.get(b, ()) if i != j]
        return average_linkage(rest, score, self.ev.uses, SAME_CONCEPT, must, cannot)

    def self_score(self, n: int) -> float:
        return self.ev.weights.closeness(self.ev.sigs[n], self.ev.sigs[n])

    def pair(self, i: int, j: int) -> float:
        if i == j:
            return self.self_score(i)
        return self.score.get((min(i, j), max(i, j)), 0.0)

    def centrality(self, n: int, members: list[int]) -> float:
        """Mean closeness of one indicator of unit `n` to the other indicators of its cluster (1.0 alone)."""
        uses = self.ev.uses
        others = sum(uses[m] for m in members) - 1
        if not others:
            return 1.0
        close = (uses[n] - 1) * self.self_score(n)
        if len(members) > 1:
            close += sum(uses[m] * self.pair(n, m) for m in members if m != n)
        return close / others

    def gather(self, sizes: dict[str, int]) -> None:
        """Each concept's indicators (stored members and the units placed in it so far), indexed by stem;
        `sizes` counts the stored indicators of concepts whose members are given in part."""
        ev = self.ev
        self.inside: list[tuple[str, Signature, int]] = []
        for code, stored in sorted(ev.members.items()):
            self.inside += [(code, m.signature, m.uses) for m in stored]
        for n, placed in sorted(self.placed.items()):
            if not placed.proposed:
                self.inside.append((placed.concept.code, ev.sigs[n], ev.uses[n]))
        self.sizes: Counter[str] = Counter()
        for code, _, used in self.inside:
            self.sizes[code] += used
        for code, size in sizes.items():
            self.sizes[code] += size - sum(m.uses for m in ev.members.get(code, ()))
        self.holding = _index(sig for _, sig, _ in self.inside)
        self.keyed: dict[str, list[int]] = defaultdict(list)  # stem -> members for which it is a rare stem
        for m, (_, sig, _) in enumerate(self.inside):
            for term in block_keys(sig, ev.weights):
                self.keyed[term].append(m)

    def join(self, members: list[int]) -> tuple[Concept, float] | None:
        """The concept a cluster belongs with: on average as close to its indicators as they are to one another.

        Only the concept's indicators that share a rare stem (of theirs or of
        the cluster's) with a member of the cluster are compared; the others
        count as 0, as unscored pairs do in clustering.
        """
        ev, weights = self.ev, self.ev.weights
        close: dict[str, float] = {}
        for i in members:
            sig = ev.sigs[i]
            found = {m for key in block_keys(sig, weights) for m in self.holding.get(key, ())}
            found |= {m for term in sig.terms for m in self.keyed.get(term, ())}
            for m in found:
                code, other, used = self.inside[m]
                close[code] = close.get(code, 0.0) + ev.uses[i] * used * weights.closeness(sig, other)
        size = sum(ev.uses[i] for i in members)
        keys = frozenset().union(*(ev.keys[i] for i in members))
        best: tuple[float, str] | None = None
        for code, total in sorted(close.items()):
            mean = total / (size * self.sizes[code])
            if mean >= SAME_CONCEPT and (best is None or (mean, code) > best) and not self._blocked(keys, code):
                best = (mean, code)
        if best is None or best[1] not in self.concepts:
            return None
        return self.concepts[best[1]], best[0]


def _slug(words: list[str], max_words: int = 6) -> str:
    """A readable code from a wording's first distinct content words."""
    parts = [re.sub(r"[^a-z0-9]+", "", w) for w in words]
    return "-".join(list(dict.fromkeys(p for p in parts if p))[:max_words]) or "konsep"


def _propose(cluster: list[int], wordings: list[Wording], uses: list[int], placing: _Placing) -> Concept:
    """A new concept for a cluster of units, named after its most frequent wording.

    Ties go to a wording that opens with a measure word ("Persentase ...")
    over one that does not (often a cut or garbled cell), then to the most
    central one.
    """
    sigs = placing.ev.sigs
    unit_of = {w: n for n in cluster for w in placing.ev.wordings[n]}
    texts = sorted(unit_of)

    def clean(w: int) -> str:
        return " ".join(wordings[w].indikator.split()).rstrip(". ")

    def tally(values: Iterable[tuple[int, object]]) -> Counter:
        counter: Counter = Counter()
        for w, value in values:
            counter[value] += uses[w]
        return counter

    frequency = tally((w, clean(w)) for w in texts)
    central = {n: placing.centrality(n, cluster) for n in cluster}
    best = min(texts, key=lambda w: (-frequency[clean(w)], lead(analyse(wordings[w].indikator).words)[0] is None,
                                     -central[unit_of[w]], w))
    name = clean(best)
    kinds = tally((w, sigs[unit_of[w]].kind) for w in texts if sigs[unit_of[w]].kind != "lainnya")
    units = tally((w, sigs[unit_of[w]].unit or wordings[w].target_unit) for w in texts
                  if sigs[unit_of[w]].unit or wordings[w].target_unit)
    formulas = tally((w, wordings[w].formula) for w in texts if wordings[w].formula and wordings[w].has_ratio)
    code = base = _slug([word for word, _ in analyse(wordings[best].indikator).content])
    suffix = 2
    while code in placing.taken:
        code, suffix = f"{base}-{suffix}", suffix + 1
    placing.taken.add(code)
    return Concept(
        code=code, name=name, kind=kinds.most_common(1)[0][0] if kinds else sigs[unit_of[best]].kind,
        unit=units.most_common(1)[0][0] if units else None,
        polarity="lower_is_better" if any(sigs[n].lower_is_better for n in cluster) else "higher_is_better",
        usual_formula=formulas.most_common(1)[0][0] if formulas else None, status="proposed",
        aliases=tuple(sorted({clean(w) for w in texts} - {name})),
    )


@dataclass(frozen=True)
class Placement:
    """Where each distinct wording went, and the signature it was read into."""

    placed: list[Placed]
    signatures: list[Signature]


def _units(sigs: list[Signature], uses: list[int], keys: list[str]) -> tuple[list[Signature], list[int],
                                                                          list[frozenset[str]], list[list[int]]]:
    """Wordings read into one signature, as one unit: its signature, uses, wording keys and wordings."""
    index: dict[Signature, int] = {}
    unit_uses: list[int] = []
    unit_keys: list[set[str]] = []
    members: list[list[int]] = []
    for w, sig in enumerate(sigs):
        n = index.setdefault(sig, len(index))
        if n == len(members):
            unit_uses.append(0)
            unit_keys.append(set())
            members.append([])
        unit_uses[n] += uses[w]
        unit_keys[n].add(keys[w])
        members[n].append(w)
    return list(index), unit_uses, [frozenset(k) for k in unit_keys], members


def place(wordings: list[Wording], uses: list[int], catalogue: Catalogue,
          members: dict[str, list[Member]] | None = None, known: dict[str, Concept] | None = None,
          decisions: Decisions = NONE, stored: Weights | None = None, taken: set[str] | None = None,
          sizes: dict[str, int] | None = None) -> Placement:
    """Where each distinct wording goes, given the curated catalogue and the concepts' current members.

    `members` (concept code -> wordings already in it) and `known` (code ->
    concept, for concepts outside the catalogue, such as earlier proposals)
    describe the concepts formed before; empty for a whole re-group.
    `stored` counts the stems of the indicators already stored, when only
    some of them are among the members; `taken`, codes a new concept may not
    take (by default those of the catalogue and of the concepts given);
    `sizes`, how many indicators each concept holds when only some of its
    members are given (the others count as 0 in averages).
    """
    members = members or {}
    repairs = repairs_for(texts_of(wordings))
    sigs = signatures(wordings, repairs)
    named = _named(catalogue, repairs)
    unit_sigs, unit_uses, unit_keys, unit_wordings = _units(sigs, uses, [wording_key(w.indikator) for w in wordings])
    weights = _weights(sigs, uses, named, members, stored)
    evidence = _Evidence(unit_sigs, unit_uses, unit_keys, unit_wordings, named, members, weights,
                         _index(unit_sigs))
    taken = set(taken or ()) | {c.code for c in catalogue.concepts} | set(catalogue.redirects) | set(members)
    taken |= set(known or {})
    placing = _Placing(evidence, decisions, taken, {**(known or {}), **{c.code: c for c in catalogue.concepts}})
    placing.by_alias()
    placing.by_must_link()
    placing.by_catalogue()
    rest = [n for n in range(len(unit_sigs)) if n not in placing.placed]
    placing.gather(sizes or {})
    proposed: dict[int, Placed] = {}
    for cluster in placing.cluster(rest):
        found = placing.join(cluster)
        if found:
            for n in cluster:
                placing._put(n, found[0], found[1], False)
            continue
        concept = _propose(cluster, wordings, uses, placing)
        for n in cluster:
            proposed[n] = Placed(concept, round(placing.centrality(n, cluster), 3), True)
    by_unit = [placing.placed.get(n) or proposed[n] for n in range(len(unit_sigs))]
    placed: list[Placed] = [by_unit[0]] * len(wordings) if wordings else []
    for n, group in enumerate(unit_wordings):
        for w in group:
            placed[w] = by_unit[n]
    return Placement(placed, sigs)


def _weights(sigs: list[Signature], uses: list[int], named: list[tuple[Concept, Signature, str]],
             members: dict[str, list[Member]], stored: Weights | None) -> Weights:
    """IDF over the new wordings, the concepts' own wordings and what is stored (or the members given)."""
    added = Weights.over([*sigs, *(s for _, s, _ in named)], [*uses, *([1] * len(named))])
    if stored is None:
        every = [m for group in members.values() for m in group]
        stored = Weights.over([m.signature for m in every], [m.uses for m in every])
    return Weights(added.df + stored.df, added.n + stored.n)


@dataclass(frozen=True)
class _Item:
    source: str
    kecamatan: str | None
    position_index: int
    indicator_index: int
    jabatan: str | None
    level: str | None
    wording: Wording
    target: str | None
    sumber_data: str | None


def _items(records: list[DecreeRecord]) -> list[_Item]:
    """Every indicator with a wording, in record, position and table order."""
    items = []
    for record in records:
        for p, position in enumerate(record.positions):
            for i, ind in enumerate(position.indicators):
                if ind.indikator and ind.indikator.strip():
                    wording = Wording(ind.indikator, ind.kind, ind.formula, ind.numerator, ind.denominator,
                                      ind.target_unit)
                    items.append(_Item(record.source, record.decree.kecamatan, p, i, position.jabatan, position.level,
                                       wording, ind.target, ind.sumber_data))
    return items


def distinct(wordings: Iterable[Wording]) -> tuple[list[Wording], list[int], list[int]]:
    """Distinct wordings, how often each is used, and which distinct wording each input is."""
    index: dict[Wording, int] = {}
    which = [index.setdefault(w, len(index)) for w in wordings]
    uses = [0] * len(index)
    for n in which:
        uses[n] += 1
    return list(index), uses, which


def _assignments(items: list[_Item], placed: list[Placed], which: list[int]) -> list[ConceptAssignment]:
    return [ConceptAssignment(it.source, it.kecamatan, it.position_index, it.indicator_index, it.jabatan, it.level,
                              it.wording.indikator, it.wording.formula, it.target, it.sumber_data,
                              placed[n].concept, placed[n].score, placed[n].proposed, placed[n].decided_by)
            for it, n in zip(items, which, strict=True)]


def group_indicators(records: list[DecreeRecord], catalogue: Catalogue | None = None,
                     decisions: Decisions = NONE) -> list[ConceptAssignment]:
    """The concept of every worded indicator of the records (indicators without a wording are left out)."""
    catalogue = seed_catalogue() if catalogue is None else catalogue
    items = _items(records)
    wordings, uses, which = distinct(it.wording for it in items)
    return _assignments(items, place(wordings, uses, catalogue, decisions=decisions).placed, which)


def members_of(assignments: list[ConceptAssignment], records: list[DecreeRecord]) -> dict[str, list[Member]]:
    """The wordings the assignments put in each concept, as members for adding further decrees."""
    items = _items(records)
    wordings, uses, which = distinct(it.wording for it in items)
    code_of = {}
    for a, n in zip(assignments, which, strict=True):
        code_of[n] = a.concept.code
    sigs = signatures(wordings, repairs_for(texts_of(wordings)))
    found: dict[str, list[Member]] = defaultdict(list)
    for n, code in sorted(code_of.items()):
        found[code].append(Member(sigs[n], uses[n], wording_key(wordings[n].indikator)))
    return dict(found)


def add_indicators(records: list[DecreeRecord], catalogue: Catalogue, previous: list[ConceptAssignment],
                   previous_records: list[DecreeRecord], decisions: Decisions = NONE) -> list[ConceptAssignment]:
    """The concepts of new decrees' indicators, added to the concepts earlier decrees were grouped into."""
    items = _items(records)
    wordings, uses, which = distinct(it.wording for it in items)
    known = {a.concept.code: a.concept for a in previous}
    placed = place(wordings, uses, catalogue, members_of(previous, previous_records), known, decisions).placed
    return _assignments(items, placed, which)


def grow_catalogue(catalogue: Catalogue, assignments: list[ConceptAssignment]) -> Catalogue:
    """The catalogue with the concepts the assignments proposed, awaiting confirmation."""
    for concept in {a.concept.code: a.concept for a in assignments if a.proposed}.values():
        catalogue = add(catalogue, concept)
    return catalogue
