"""Group the indicators of many decrees into concepts, so one measure can be compared across kecamatan.

An indicator is read as (kind of measure, what it counts, what is measured,
what its formula counts): the lead words ("Persentase", "Jumlah", "Indeks")
give the kind; the noun right after them ("Jumlah *dokumen* ...") what is
counted; the remaining lemmas (spelling variants, abbreviations and synonyms
resolved by the spaCy pipeline, misspellings repaired against the known
vocabulary) what is measured; numerator and denominator what the formula
counts. Two indicators are close when their kinds share a scale, they count
the same kind of thing, and their words overlap, each word weighted by how
rare it is in the batch (IDF-weighted Jaccard: a shared "kepuasan" says more
than a shared "kegiatan"). A wording that only adds detail to another may be
the same measure; two wordings that each name something the other lacks
("laporan ... kecamatan" / "laporan ... desa") are penalised harder. Where
both have a formula, a formula that counts the same things lets wordings that
differ more still meet.

Indicators first go to the catalogue concept they fit best; the rest are
clustered with average linkage, so that similar indicators from different
kecamatan propose one new concept together and a single loose resemblance
cannot chain unrelated indicators into one group. A cluster as close to a
catalogue concept's indicators as they are to one another joins that concept.

Kecamatan copy their kabupaten's template, so thousands of decrees hold a few
thousand distinct wordings. The work runs on distinct wordings, each weighted
by how many indicators use it, which gives the same averages as comparing
every indicator with every other at a cost that grows with the wordings, not
with the decrees.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
from rapidfuzz import fuzz, process

from normalize.harmonize import lexicon
from normalize.harmonize.catalogue import Catalogue, Concept, add, seed_catalogue
from normalize.harmonize.nlp import Analysis, analyse, analyse_many, is_known, lemma, lexicon_words
from normalize.records import DecreeRecord

SAME_CONCEPT = 0.6  # closeness from which two indicators (or an indicator and a concept) are one measure
_REPAIR_SCORE = 85  # rapidfuzz ratio from which an unknown word is read as a known word
_MIN_REPAIR_LENGTH = 4
_TWO_SIDED = 3.0  # weight of the smaller difference when both wordings name something the other lacks
_RATIO_KINDS = {"persentase", "tingkat", "rata-rata"}
_SCORE_KINDS = {"indeks", "nilai"}


@dataclass(frozen=True)
class ConceptAssignment:
    """One indicator of one decree and the concept it measures (`proposed`: the concept is new)."""

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


@dataclass(frozen=True)
class _Signature:
    """What an indicator (or a concept wording) measures, as weighed in comparisons."""

    kind: str
    text: frozenset[str]
    formula: frozenset[str]
    unit: str | None
    counts: str | None
    lower_is_better: bool


@cache
def _lead_phrases() -> tuple[tuple[tuple[str, ...], str, str | None], ...]:
    """Lead word sequences (canonical words) with their kind and what they count, longest first."""
    leads = [(tuple(analyse(lead).words or (lead,)), kind, counts)
             for lead, (kind, counts) in lexicon.measures().items()]
    return tuple(sorted(leads, key=lambda item: -len(item[0])))


def _lead(words: tuple[str, ...]) -> tuple[str | None, str | None, int]:
    """Kind and counted thing named by the opening words, and how many words open (lead words may repeat)."""
    kind, counts, used = None, None, 0
    while True:
        for phrase, phrase_kind, phrase_counts in _lead_phrases():
            if words[used:used + len(phrase)] == phrase:
                kind, counts = kind or phrase_kind, counts or phrase_counts
                used += len(phrase)
                break
        else:
            return kind, counts, used


def _family(kind: str) -> str:
    return lexicon.kind_families().get(kind, "any")


def _compatible(a: str, b: str) -> bool:
    fa, fb = _family(a), _family(b)
    return fa == fb or "any" in (fa, fb)


def _counted_unit(analysis: Analysis, lead_words: int) -> str | None:
    """The unit named right after the lead words ("Jumlah *dokumen* ..."), which is what is counted."""
    if lead_words == 0 or lead_words >= len(analysis.words):
        return None
    return lexicon.units().get(analysis.words[lead_words])


def _unit(kind: str, counted: str | None) -> str | None:
    """The unit (satuan) a measure is expressed in."""
    return kind if kind in _SCORE_KINDS else counted


def _signature(kind: str | None, indikator: Analysis, numerator: Analysis, denominator: Analysis,
               repairs: dict[str, str]) -> _Signature:
    """Read an indicator: the record's kind wins over the lead words, which are then left out of the wording."""
    lead_kind, lead_counts, lead_words = _lead(indikator.words)
    lead_terms = {term for word, term in indikator.content if word in indikator.words[:lead_words]}
    fillers = lexicon.fillers()

    def terms(content: Iterable[tuple[str, str]]) -> frozenset[str]:
        return frozenset(t for t in (repairs.get(word, term) for word, term in content) if t not in fillers)

    text = terms((w, t) for w, t in indikator.content if t not in lead_terms)
    formula = terms((*numerator.content, *denominator.content))
    kind = kind if kind and kind != "lainnya" else lead_kind or "lainnya"
    counted = "%" if kind in _RATIO_KINDS else _counted_unit(indikator, lead_words)
    counts = lexicon.unit_counts().get(counted or "", lead_counts)
    lower = lexicon.lower_is_better()
    return _Signature(kind, text, formula, _unit(kind, counted), counts,
                      bool(lower & (text | {w for w, _ in indikator.content})))


@cache
def _repair_choices() -> tuple[str, ...]:
    return tuple(sorted(lexicon_words()))


def _repairs(analyses: list[Analysis]) -> dict[str, str]:
    """Misspelt words of the batch -> the lemma of the known word they stand for ("seklesai" -> "selesai")."""
    unknown = {word for analysis in analyses for word, term in analysis.content
               if len(word) >= _MIN_REPAIR_LENGTH and not (is_known(word) or is_known(term))}
    repairs = {}
    for word in sorted(unknown):
        found = process.extractOne(word, _repair_choices(), scorer=fuzz.ratio, score_cutoff=_REPAIR_SCORE)
        if found:
            repairs[word] = lemma(found[0])
    return repairs


class _Weights:
    """IDF weight of each term over the signatures being compared."""

    def __init__(self, signatures: list[_Signature], uses: list[int]) -> None:
        df: Counter[str] = Counter()
        for sig, count in zip(signatures, uses, strict=True):
            for term in sig.text | sig.formula:
                df[term] += count
        n = sum(uses)
        self.idf = {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}

    def _weight(self, terms: Iterable[str]) -> float:
        return sum(self.idf.get(t, 1.0) for t in terms)

    def jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        """IDF-weighted Jaccard in which a difference on both sides weighs more than one on a single side.

        A wording that only adds detail to another ("musrenbang" / "musrenbang
        kecamatan") may still be the same measure; two wordings that each name
        something the other lacks ("laporan ... kecamatan" / "laporan ... desa")
        measure different things.
        """
        inter, only_a, only_b = self._weight(a & b), self._weight(a - b), self._weight(b - a)
        total = inter + max(only_a, only_b) + _TWO_SIDED * min(only_a, only_b)
        return inter / total if total else 0.0

    def closeness(self, a: _Signature, b: _Signature) -> float:
        """How surely two signatures are one measure (0..1): wording, and formula where both have one."""
        if not a.text or not b.text or not _compatible(a.kind, b.kind):
            return 0.0
        if a.counts and b.counts and a.counts != b.counts:
            return 0.0
        text = self.jaccard(a.text, b.text)
        if a.formula and b.formula:
            return max(text, (text + self.jaccard(a.formula, b.formula)) / 2)
        return text


def _formula_parts(formula: str | None) -> tuple[str | None, str | None]:
    """Numerator and denominator of a catalogue formula written "A / B x 100"."""
    if not formula or "/" not in formula:
        return None, None
    numerator, denominator = formula.split("/", 1)
    return numerator, re.split(r"\s[x×]\s", denominator)[0]


def _concept_signatures(catalogue: Catalogue, repairs: dict[str, str]) -> list[tuple[Concept, _Signature]]:
    pairs = []
    for concept in catalogue.concepts:
        numerator, denominator = _formula_parts(concept.usual_formula)
        num, den = analyse(numerator), analyse(denominator)
        for wording in concept.wordings:
            pairs.append((concept, _signature(concept.kind, analyse(wording), num, den, repairs)))
    return pairs


def _clusters(indices: list[int], score: dict[tuple[int, int], float], uses: list[int]) -> list[list[int]]:
    """Average-linkage clusters of wordings, merged while the mean closeness of their indicators stays at
    SAME_CONCEPT or above.

    Only pairs at SAME_CONCEPT or above can start a merge, so the work runs per
    connected component of that graph, which keeps it small.
    """
    parent = {i: i for i in indices}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for (i, j), value in score.items():
        if value >= SAME_CONCEPT:
            parent[root(i)] = root(j)
    components: dict[int, list[int]] = defaultdict(list)
    for i in indices:
        components[root(i)].append(i)
    result = []
    for members in components.values():
        result += _average_linkage(sorted(members), score, uses)
    return sorted(result, key=lambda group: group[0])


def _average_linkage(members: list[int], score: dict[tuple[int, int], float], uses: list[int]) -> list[list[int]]:
    """Merge the two groups whose indicators are closest on average, first pair on ties, until none reach
    SAME_CONCEPT.

    `total[a, b]` holds the summed closeness of every indicator of group a to
    every indicator of group b, so a merge only adds two rows; a wording used n
    times counts n times, and its uses are as close to one another as
    `score[(i, i)]` says.
    """
    size = len(members)
    weight = np.array([uses[i] for i in members], dtype=float)
    total = np.zeros((size, size))
    for a, i in enumerate(members):
        for b in range(a, size):
            total[a, b] = total[b, a] = score.get((i, members[b]), 0.0) * weight[a] * weight[b]
    groups: list[list[int] | None] = [[i] for i in members]
    upper = np.triu(np.ones((size, size), dtype=bool), k=1)
    while True:
        mean = np.where(upper, total / np.outer(weight, weight), -1.0)
        a, b = divmod(int(np.argmax(mean)), size)
        if mean[a, b] < SAME_CONCEPT:
            break
        groups[a] = sorted(groups[a] + groups[b])
        groups[b] = None
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        weight[a] += weight[b]
        weight[b] = 1.0
        total[b, :] = total[:, b] = 0.0
        upper[b, :] = upper[:, b] = False
    return [group for group in groups if group is not None]


def _slug(words: list[str], max_words: int = 6) -> str:
    """A readable code from a wording's first distinct content words."""
    parts = [re.sub(r"[^a-z0-9]+", "", w) for w in words]
    return "-".join(list(dict.fromkeys(p for p in parts if p))[:max_words]) or "konsep"


def _centrality(n: int, members: list[int], score: dict[tuple[int, int], float], uses: list[int]) -> float:
    """Mean closeness of one indicator of wording `n` to the other indicators of its cluster (1.0 when alone)."""
    others = sum(uses[m] for m in members) - 1
    if not others:
        return 1.0
    close = (uses[n] - 1) * score.get((n, n), 0.0)
    close += sum(uses[m] * score.get((min(n, m), max(n, m)), 0.0) for m in members if m != n)
    return close / others


def _propose(members: list[int], wordings: list[_Wording], texts: list[Analysis], sigs: list[_Signature],
             score: dict[tuple[int, int], float], uses: list[int], taken: set[str]) -> Concept:
    """A new concept for a cluster, named after its most frequent wording.

    Ties go to a wording that opens with a measure word ("Persentase ...")
    over one that does not (often a cut or garbled cell), then to the most
    central one.
    """
    def clean(n: int) -> str:
        return " ".join(wordings[n].indikator.split()).rstrip(". ")

    def tally(values: Iterable[tuple[int, object]]) -> Counter:
        counter: Counter = Counter()
        for n, value in values:
            counter[value] += uses[n]
        return counter

    frequency = tally((n, clean(n)) for n in members)
    best = min(members, key=lambda n: (-frequency[clean(n)], _lead(texts[n].words)[0] is None,
                                       -_centrality(n, members, score, uses), n))
    name = clean(best)
    kinds = tally((n, sigs[n].kind) for n in members if sigs[n].kind != "lainnya")
    units = tally((n, sigs[n].unit or wordings[n].target_unit) for n in members
                  if sigs[n].unit or wordings[n].target_unit)
    formulas = tally((n, wordings[n].formula) for n in members if wordings[n].formula and wordings[n].has_ratio)
    code = base = _slug([w for w, _ in texts[best].content])
    suffix = 2
    while code in taken:
        code, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(code)
    return Concept(
        code=code, name=name, kind=kinds.most_common(1)[0][0] if kinds else sigs[best].kind,
        unit=units.most_common(1)[0][0] if units else None,
        polarity="lower_is_better" if any(sigs[n].lower_is_better for n in members) else "higher_is_better",
        usual_formula=formulas.most_common(1)[0][0] if formulas else None, status="proposed",
        aliases=tuple(sorted({clean(n) for n in members} - {name})),
    )


@dataclass(frozen=True)
class _Wording:
    """What grouping reads of an indicator; indicators worded alike are grouped as one."""

    indikator: str
    kind: str
    formula: str | None
    numerator: str | None
    denominator: str | None
    target_unit: str | None

    @property
    def has_ratio(self) -> bool:
        return bool(self.numerator and self.denominator)


@dataclass(frozen=True)
class _Item:
    source: str
    kecamatan: str | None
    position_index: int
    indicator_index: int
    jabatan: str | None
    level: str | None
    wording: _Wording
    target: str | None
    sumber_data: str | None


def _items(records: list[DecreeRecord]) -> list[_Item]:
    """Every indicator with a wording, in record, position and table order."""
    items = []
    for record in records:
        for p, position in enumerate(record.positions):
            for i, ind in enumerate(position.indicators):
                if ind.indikator and ind.indikator.strip():
                    wording = _Wording(ind.indikator, ind.kind, ind.formula, ind.numerator, ind.denominator,
                                       ind.target_unit)
                    items.append(_Item(record.source, record.decree.kecamatan, p, i, position.jabatan, position.level,
                                       wording, ind.target, ind.sumber_data))
    return items


def _match_catalogue(sigs: list[_Signature], concept_sigs: list[tuple[Concept, _Signature]],
                     weights: _Weights) -> dict[int, tuple[Concept, float]]:
    """Indicators that fit a catalogue concept's name, an alias or its usual formula, with how well."""
    assigned = {}
    for n, sig in enumerate(sigs):
        scored = [(weights.closeness(sig, csig), concept.code, concept) for concept, csig in concept_sigs]
        best = max(scored, key=lambda s: (s[0], s[1]), default=None)
        if best and best[0] >= SAME_CONCEPT:
            assigned[n] = (best[2], best[0])
    return assigned


def _pair_scores(indices: list[int], sigs: list[_Signature], weights: _Weights) -> dict[tuple[int, int], float]:
    """Closeness of every pair of wordings that share at least one term (others are 0), and of each to itself."""
    by_term: dict[str, list[int]] = defaultdict(list)
    for n in indices:
        for term in sigs[n].text | sigs[n].formula:
            by_term[term].append(n)
    score: dict[tuple[int, int], float] = {(n, n): weights.closeness(sigs[n], sigs[n]) for n in indices}
    for members in by_term.values():
        for a, i in enumerate(members):
            for j in members[a + 1:]:
                if (i, j) not in score:
                    score[(i, j)] = weights.closeness(sigs[i], sigs[j])
    return score


def _joined_concept(members: list[int], by_concept: dict[Concept, list[int]], sigs: list[_Signature],
                    weights: _Weights, uses: list[int]) -> tuple[Concept, float] | None:
    """The catalogue concept a cluster belongs with: on average as close to its indicators as they are to one
    another (a wording that fits none of the concept's wordings may still fit how kecamatan write it).

    A concept none of whose wordings shares a term with the cluster cannot
    reach SAME_CONCEPT, so it is not weighed.
    """
    terms = frozenset().union(*(sigs[i].text | sigs[i].formula for i in members))
    size = sum(uses[i] for i in members)
    best: tuple[float, str, Concept] | None = None
    for concept, others in by_concept.items():
        if not any(terms & (sigs[j].text | sigs[j].formula) for j in others):
            continue
        close = sum(uses[i] * uses[j] * weights.closeness(sigs[i], sigs[j]) for i in members for j in others)
        mean = close / (size * sum(uses[j] for j in others))
        if mean >= SAME_CONCEPT and (best is None or (mean, concept.code) > best[:2]):
            best = (mean, concept.code, concept)
    return (best[2], best[0]) if best else None


def group_indicators(records: list[DecreeRecord], catalogue: Catalogue | None = None) -> list[ConceptAssignment]:
    """The concept of every worded indicator of the records (indicators without a wording are left out).

    Indicators that fit a catalogue concept get it; the others are clustered
    among themselves, a cluster as close to a catalogue concept's indicators
    as they are to one another joins it, and every other cluster proposes one
    new concept.
    """
    catalogue = seed_catalogue() if catalogue is None else catalogue
    items = _items(records)
    index: dict[_Wording, int] = {}
    wording_of = [index.setdefault(it.wording, len(index)) for it in items]
    wordings = list(index)
    uses = [0] * len(wordings)
    for n in wording_of:
        uses[n] += 1
    flat = analyse_many([t for w in wordings for t in (w.indikator, w.numerator, w.denominator)])
    texts = flat[0::3]
    repairs = _repairs(flat)
    sigs = [_signature(w.kind, flat[3 * n], flat[3 * n + 1], flat[3 * n + 2], repairs)
            for n, w in enumerate(wordings)]
    concept_sigs = _concept_signatures(catalogue, repairs)
    weights = _Weights(sigs + [sig for _, sig in concept_sigs], uses + [1] * len(concept_sigs))

    assigned = _match_catalogue(sigs, concept_sigs, weights)
    rest = [n for n in range(len(wordings)) if n not in assigned]
    score = _pair_scores(rest, sigs, weights)
    taken = {c.code for c in catalogue.concepts} | set(catalogue.redirects)
    by_concept: dict[Concept, list[int]] = defaultdict(list)
    for n, (concept, _) in sorted(assigned.items()):
        by_concept[concept].append(n)
    proposed: dict[int, tuple[Concept, float]] = {}
    joined: dict[int, tuple[Concept, float]] = {}
    for members in _clusters(rest, score, uses):
        found = _joined_concept(members, by_concept, sigs, weights, uses)
        if found:
            joined.update({n: found for n in members})
            continue
        concept = _propose(members, wordings, texts, sigs, score, uses, taken)
        proposed.update({n: (concept, _centrality(n, members, score, uses)) for n in members})
    assigned.update(joined)

    result = []
    for it, n in zip(items, wording_of, strict=True):
        concept, value = assigned.get(n) or proposed[n]
        result.append(ConceptAssignment(it.source, it.kecamatan, it.position_index, it.indicator_index, it.jabatan,
                                        it.level, it.wording.indikator, it.wording.formula, it.target,
                                        it.sumber_data, concept,
                                        round(value, 3), n in proposed))
    return result


def grow_catalogue(catalogue: Catalogue, assignments: list[ConceptAssignment]) -> Catalogue:
    """The catalogue with the concepts the assignments proposed, awaiting confirmation."""
    for concept in {a.concept.code: a.concept for a in assignments if a.proposed}.values():
        catalogue = add(catalogue, concept)
    return catalogue


def add_indicators(records: list[DecreeRecord], catalogue: Catalogue,
                   previous: list[ConceptAssignment]) -> list[ConceptAssignment]:
    """The concepts of new decrees' indicators, given the concepts earlier decrees were grouped into."""
    return group_indicators(records, grow_catalogue(catalogue, previous))
