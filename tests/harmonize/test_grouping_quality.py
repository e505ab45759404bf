"""Grouping of the sample indicators against the hand-made concept labels (samples/gold/concepts.csv)."""
from __future__ import annotations

import time
from itertools import combinations

from normalize.harmonize.concepts import group_indicators
from normalize.harmonize.nlp import get_nlp
from tests.harmonize.conftest import expected_rows

Key = tuple[str, int, int]


def same_concept_pairs(labels: dict[Key, str]) -> set[tuple[Key, Key]]:
    return {(a, b) for a, b in combinations(sorted(labels), 2) if labels[a] == labels[b]}


def test_pairwise_precision_and_recall_against_hand_labels(gold_records):
    expected = {(r["source"], int(r["position"]), int(r["indicator"])): r["concept"]
                for r in expected_rows("concepts.csv")}
    predicted = {(a.source.removesuffix(".txt"), a.position_index, a.indicator_index): a.concept.code
                 for a in group_indicators(gold_records)}
    assert set(predicted) == set(expected), "every worded indicator is grouped, and only those"

    truth, found = same_concept_pairs(expected), same_concept_pairs(predicted)
    precision = len(truth & found) / len(found)
    recall = len(truth & found) / len(truth)
    print(f"\npairwise precision {precision:.3f} recall {recall:.3f} "
          f"({len(truth & found)} shared pairs, {len(found - truth)} wrong, {len(truth - found)} missed)")
    assert precision >= 0.95
    assert recall >= 0.85


def test_grouping_the_samples_is_fast_and_deterministic(gold_records):
    get_nlp()
    start = time.perf_counter()
    first = group_indicators(gold_records)
    elapsed = time.perf_counter() - start
    second = group_indicators(gold_records)
    print(f"\ngrouped {len(first)} indicators in {elapsed:.2f}s")
    assert elapsed < 2.0
    assert [(a.concept.code, a.score) for a in first] == [(a.concept.code, a.score) for a in second]
