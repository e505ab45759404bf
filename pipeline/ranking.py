"""How well row confidence ranks the wrong rows first, measured against hand-made gold.

Officers review what the program says it is unsure of, so confidence is judged as a ranking: a row is wrong
when no gold row pairs with it or any scored field disagrees with its gold row (pairing and agreement as in
pipeline.evaluate). Three figures follow: the ROC AUC of (1 - confidence) for wrong rows, the share of the
wrong rows found among the lowest-confidence fifth of the rows (ties shared out evenly, so a constant
confidence scores what a random order would), and the observed correctness per confidence bin.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.evaluate import ROW_FIELDS, _row_key, _rows, agree, pair_in_order

LOWEST_SHARE = 0.2
BINS = 10


@dataclass(frozen=True)
class RowVerdict:
    """One extracted row: its confidence and whether it disagrees with the gold."""

    confidence: float
    wrong: bool
    signals: dict[str, float]


def row_verdicts(gold: dict, pred: dict) -> list[RowVerdict]:
    """Every predicted row of one decree, in order, judged against the decree's gold record."""
    gr, pr = _rows(gold), _rows(pred)
    paired = dict((j, i) for i, j in pair_in_order([_row_key(r) for r in gr], [_row_key(r) for r in pr]))
    out = []
    for j, row in enumerate(pr):
        i = paired.get(j)
        wrong = i is None or not all(agree(gr[i].get(name), row.get(name)) for name in ROW_FIELDS)
        out.append(RowVerdict(float(row.get("confidence", 1.0)), wrong, dict(row.get("signals") or {})))
    return out


def auc(verdicts: Sequence[RowVerdict]) -> float | None:
    """ROC AUC of (1 - confidence) as a score for wrong rows (ties count half); None without both kinds."""
    wrong = sorted(v.confidence for v in verdicts if v.wrong)
    right = sorted(v.confidence for v in verdicts if not v.wrong)
    if not wrong or not right:
        return None
    pairs = 0.0
    lo = hi = 0
    for c in wrong:
        while lo < len(right) and right[lo] < c:
            lo += 1
        hi = max(hi, lo)
        while hi < len(right) and right[hi] <= c:
            hi += 1
        pairs += (len(right) - hi) + 0.5 * (hi - lo)
    return pairs / (len(wrong) * len(right))


def share_in_lowest(verdicts: Sequence[RowVerdict], share: float = LOWEST_SHARE) -> float | None:
    """The expected share of the wrong rows among the lowest-confidence `share` of the rows; rows tied at the
    cut count in proportion, as if the tie were broken at random. None when no row is wrong."""
    total_wrong = sum(v.wrong for v in verdicts)
    if not total_wrong:
        return None
    budget = share * len(verdicts)
    found = 0.0
    ordered = sorted(verdicts, key=lambda v: v.confidence)
    i = 0
    while i < len(ordered) and budget > 0:
        j = i
        while j < len(ordered) and ordered[j].confidence == ordered[i].confidence:
            j += 1
        group = ordered[i:j]
        take = min(1.0, budget / len(group))
        found += take * sum(v.wrong for v in group)
        budget -= len(group)
        i = j
    return found / total_wrong


def reliability(verdicts: Sequence[RowVerdict], bins: int = BINS) -> list[tuple[float, float, int]]:
    """Per confidence bin [k/bins, (k+1)/bins): (mean confidence, observed share right, rows); empty bins left out."""
    groups: list[list[RowVerdict]] = [[] for _ in range(bins)]
    for v in verdicts:
        groups[min(int(v.confidence * bins), bins - 1)].append(v)
    return [(sum(v.confidence for v in g) / len(g), sum(not v.wrong for v in g) / len(g), len(g))
            for g in groups if g]
