"""How surely two wordings are one measure, weighing each piece of evidence of their signatures on its own.

Words are weighted by how rare they are in the corpus being grouped (IDF: a
shared "kepuasan" says more than a shared "kegiatan"). What is measured is
compared three ways and the strongest counts: the wordings alone; the
wordings together with what their formulas' numerators count (a numerator
often says exactly what is measured); and the formulas alone, numerator and
denominator both, which may meet where the wordings differ. Measure type,
what is counted, head and scope then scale that closeness: a count is not a
percentage, a count of documents is not a count of people, "Koordinasi
musrenbang" is not "Musrenbang", and a wording that names only some of the
objects another coordinates measures less than it does.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from normalize.harmonize.signature import Signature


@dataclass(frozen=True)
class Settings:
    """Thresholds of grouping, named in one place."""

    same_concept: float = 0.6  # closeness from which two wordings (or a wording and a concept) are one measure
    two_sided: float = 3.0  # weight of the smaller difference when both wordings name something the other lacks
    detail: float = 0.6  # weight of words one wording only adds to the other's, about the same head ...
    named_detail: float = 0.35  # ... and to a concept's name or alias, which officers settled as the measure
    head_differs: float = 0.7  # a wording whose head the other does not name measures something else
    narrower_scope: float = 0.8  # one wording names only some of the objects the other coordinates
    counts_differ: float = 0.0  # a count of one kind of thing against a count of another
    part_covered: float = 0.5  # share of a coordinated object's own stems the other wording must name
    formula_floor: float = 0.2  # wording closeness below which matching formulas do not make one measure
    pair_floor: float = 0.25  # closeness below which a pair is kept as 0, as pairs never compared are
    block_terms: int = 3  # a wording is compared with the wordings that share one of its rarest stems ...
    block_share: float = 0.02  # ... among stems used by at most this share of the indicators ...
    block_minimum: int = 50  # ... or by at most this many, in a small corpus (else its rarest alone)
    repair_score: float = 80  # rapidfuzz ratio from which an unknown word is read as a known word ...
    repair_length: int = 4  # ... of at least this many letters


SETTINGS = Settings()
_EPSILON = 1e-9  # weights summed in two orders differ by rounding


class Weights:
    """IDF weight of each stem over the wordings being compared, each counted as often as it is used.

    `df` counts, per stem, the indicators whose wording has it; `n` counts the
    indicators. Built from signatures, or from the store's counts when new
    wordings are added to stored ones.
    """

    def __init__(self, df: Counter[str], n: int) -> None:
        self.n = n
        self.df = df
        unseen = math.log(n + 1) + 1.0
        self.idf: defaultdict[str, float] = defaultdict(lambda: unseen)
        self.idf.update({term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()})
        self._totals: dict[frozenset[str], float] = {}

    @classmethod
    def over(cls, signatures: Iterable[Signature], uses: Iterable[int]) -> Weights:
        df: Counter[str] = Counter()
        n = 0
        for sig, count in zip(signatures, uses, strict=True):
            n += count
            for term in sig.terms:
                df[term] += count
        return cls(df, n)

    def weight(self, terms: Iterable[str]) -> float:
        return sum(map(self.idf.__getitem__, terms))

    def _total(self, terms: frozenset[str]) -> float:
        total = self._totals.get(terms)
        if total is None:
            total = self._totals[terms] = self.weight(terms)
        return total

    def jaccard(self, a: frozenset[str], b: frozenset[str], detail: float = 1.0) -> float:
        """IDF-weighted Jaccard in which a difference on both sides weighs more than one on a single side.

        A wording that only adds detail to another ("IKM" / "IKM pelayanan
        kantor camat") may still be the same measure; two wordings that each
        name something the other lacks ("laporan ... kecamatan" / "laporan ...
        desa") measure different things.
        """
        if not a or not b:
            return 0.0
        inter = self.weight(a & b)
        if not inter:
            return 0.0
        only_a, only_b = self._total(a) - inter, self._total(b) - inter
        small, large = (only_a, only_b) if only_a < only_b else (only_b, only_a)
        if small > _EPSILON:
            detail = 1.0
        return inter / (inter + detail * large + SETTINGS.two_sided * max(small, 0.0))

    def _covered(self, part: frozenset[str], others: frozenset[str], text: frozenset[str]) -> bool:
        own = part - others or part
        return self.weight(own & text) > SETTINGS.part_covered * self.weight(own)

    def _narrower(self, a: Signature, b: Signature) -> bool:
        """Whether b leaves out an object a coordinates (a names two or more, b not all of them)."""
        if len(a.parts) < 2:
            return False
        for i, part in enumerate(a.parts):
            others = frozenset().union(*(p for j, p in enumerate(a.parts) if j != i))
            if not self._covered(part, others, b.terms):
                return True
        return False

    def scope(self, a: Signature, b: Signature) -> float:
        if self._narrower(a, b) != self._narrower(b, a):
            return SETTINGS.narrower_scope
        return 1.0

    @staticmethod
    def head(a: Signature, b: Signature) -> float:
        if a.head and b.head and a.head != b.head and (a.head not in b.terms or b.head not in a.terms):
            return SETTINGS.head_differs
        return 1.0

    @staticmethod
    def measure(a: Signature, b: Signature) -> float:
        """Type of measure and what is counted: the same scale or no closeness at all."""
        if a.family != b.family and "any" not in (a.family, b.family):
            return 0.0
        if a.counts and b.counts and a.counts != b.counts:
            return SETTINGS.counts_differ
        return 1.0

    def formula(self, a: Signature, b: Signature) -> float:
        """Numerators (what is counted) weigh twice the denominators (what it is counted out of)."""
        return (2 * self.jaccard(a.numerator, b.numerator) + self.jaccard(a.denominator, b.denominator)) / 3

    def closeness(self, a: Signature, b: Signature, detail: float = SETTINGS.detail) -> float:
        """How surely two signatures are one measure (0..1); `detail` weighs the words one only adds."""
        if not a.text or not b.text:
            return 0.0
        measure = self.measure(a, b)
        if not measure:
            return 0.0
        scope = self.scope(a, b)
        detail = detail if a.head and a.head == b.head and scope == 1.0 else 1.0
        text = self.jaccard(a.text, b.text, detail)
        qualified = scope * self.head(a, b)
        best = text * qualified
        if a.numerator or b.numerator:
            best = max(best, self.jaccard(a.text | a.numerator, b.text | b.numerator, detail) * qualified)
        if a.has_formula and b.has_formula and text >= SETTINGS.formula_floor:
            best = max(best, self.formula(a, b) * scope)
        return best * measure
