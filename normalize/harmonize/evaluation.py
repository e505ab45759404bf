"""How well the grouping agrees with hand labels: pairwise precision and recall, on all decrees and held out.

Scoring all decrees together flatters rules written from those decrees: every
wording was seen while the data files were written. Leave-one-kecamatan-out
measures what a new office meets instead: the other kecamatan are grouped
first and their concepts kept, as the store keeps them; the held-out
kecamatan is then added the way a new decree is imported (assigned against
the kept concepts, proposing new ones for the rest), and only the pairs that
involve one of its indicators are scored.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

from normalize.harmonize.catalogue import Catalogue, seed_catalogue
from normalize.harmonize.concepts import ConceptAssignment, add_indicators, group_indicators
from normalize.records import DecreeRecord

Key = tuple[str, int, int]  # (source stem, position index, indicator index)


@dataclass(frozen=True)
class PairScore:
    """Pairs of indicators put in one concept, against the pairs the hand labels put together."""

    shared: int
    wrong: int
    missed: int

    @property
    def precision(self) -> float:
        found = self.shared + self.wrong
        return self.shared / found if found else 1.0

    @property
    def recall(self) -> float:
        truth = self.shared + self.missed
        return self.shared / truth if truth else 1.0

    def __add__(self, other: PairScore) -> PairScore:
        return PairScore(self.shared + other.shared, self.wrong + other.wrong, self.missed + other.missed)

    def describe(self) -> str:
        return (f"precision {self.precision:.3f} recall {self.recall:.3f} "
                f"({self.shared} shared pairs, {self.wrong} wrong, {self.missed} missed)")


def key_of(assignment: ConceptAssignment) -> Key:
    stem = assignment.source.rsplit(".", 1)[0] if assignment.source.endswith(".txt") else assignment.source
    return stem, assignment.position_index, assignment.indicator_index


def _pairs(labels: dict[Key, str], keys: Iterable[Key], involving: Callable[[Key], bool]) -> set[tuple[Key, Key]]:
    by_label: dict[str, list[Key]] = defaultdict(list)
    for key in sorted(keys):
        by_label[labels[key]].append(key)
    return {(a, b) for members in by_label.values() for a, b in combinations(members, 2)
            if involving(a) or involving(b)}


def pair_score(expected: dict[Key, str], predicted: dict[Key, str],
               involving: Callable[[Key], bool] = lambda _key: True) -> PairScore:
    """Pairwise agreement over the expected keys, counting only pairs with a member `involving` accepts."""
    truth = _pairs(expected, expected, involving)
    found = _pairs(predicted, expected, involving)
    return PairScore(len(truth & found), len(found - truth), len(truth - found))


def predicted_labels(assignments: Iterable[ConceptAssignment]) -> dict[Key, str]:
    return {key_of(a): a.concept.code for a in assignments}


def all_decrees(records: list[DecreeRecord], expected: dict[Key, str],
                catalogue: Catalogue | None = None) -> PairScore:
    """Every decree grouped at once, every pair scored."""
    return pair_score(expected, predicted_labels(group_indicators(records, catalogue)))


def _involving(stem: str) -> Callable[[Key], bool]:
    """Pairs that involve the held-out decree: its keys start with its stem."""
    return lambda key: key[0] == stem


def leave_one_kecamatan_out(records: list[DecreeRecord], expected: dict[Key, str],
                            catalogue: Catalogue | None = None) -> dict[str, PairScore]:
    """Per held-out kecamatan, the pairs involving its indicators when it is added to the others' concepts."""
    scores = {}
    for held in records:
        others = [r for r in records if r is not held]
        base = seed_catalogue() if catalogue is None else catalogue
        first = group_indicators(others, base)
        added = add_indicators([held], base, first, others)
        stem = key_of(added[0])[0] if added else held.source
        labels = predicted_labels([*first, *added])
        scores[held.decree.kecamatan or held.source] = pair_score(expected, labels, _involving(stem))
    return scores


def pooled(scores: dict[str, PairScore]) -> PairScore:
    total = PairScore(0, 0, 0)
    for score in scores.values():
        total = total + score
    return total
