"""Grouping of the sample indicators against the hand-made concept labels (samples/gold/concepts.csv).

Two figures: all five decrees grouped at once, and leave-one-kecamatan-out
(four grouped, the fifth added to their concepts as a new import is, only the
pairs involving the fifth scored), which is what an unseen office meets.
"""
from __future__ import annotations

import time

from bench.grouping_eval import hand_labels
from normalize.harmonize.concepts import group_indicators
from normalize.harmonize.evaluation import all_decrees, key_of, leave_one_kecamatan_out, pooled


def test_every_worded_indicator_is_grouped_and_only_those(gold_records):
    assert {key_of(a) for a in group_indicators(gold_records)} == set(hand_labels())


def test_pairwise_precision_and_recall_on_all_samples(gold_records):
    score = all_decrees(gold_records, hand_labels())
    print(f"\nall samples: {score.describe()}")
    assert score.precision >= 0.95
    assert score.recall >= 0.90


def test_pairwise_precision_and_recall_leaving_one_kecamatan_out(gold_records):
    scores = leave_one_kecamatan_out(gold_records, hand_labels())
    for kecamatan, score in scores.items():
        print(f"\n  held out {kecamatan}: {score.describe()}")
    total = pooled(scores)
    print(f"\nleave-one-kecamatan-out, pooled: {total.describe()}")
    assert total.precision >= 0.95
    assert total.recall >= 0.85


def test_grouping_the_samples_is_fast_and_deterministic(gold_records):
    group_indicators(gold_records[:1])
    start = time.perf_counter()
    first = group_indicators(gold_records)
    elapsed = time.perf_counter() - start
    second = group_indicators(gold_records)
    print(f"\ngrouped {len(first)} indicators in {elapsed:.2f}s")
    assert elapsed < 2.0
    assert [(a.concept.code, a.score) for a in first] == [(a.concept.code, a.score) for a in second]
