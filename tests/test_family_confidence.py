"""Confidence on the committed layout family: it must rank the wrong rows first, and a decree with many wrong
rows must ask for review with its reasons.

A row is wrong when no gold row pairs with it or a scored field disagrees (pipeline.ranking). Floors are what
the shipped model reaches on this set, which it was not fitted on; they only ever rise. Scans are left to
the OCR tests' time budget.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from normalize.doubt import DoubtReason
from normalize.records import DecreeRecord
from pipeline.ranking import RowVerdict, auc, row_verdicts, share_in_lowest
from pipeline.run import extract_file
from store.enums import SourceStatus
from store.importer import file_status

FAMILY = Path(__file__).resolve().parents[1] / "samples" / "family"
FORMS = ("docx-pdf", "html-pdf", "layout-text", "reportlab-pdf", "xlsx")
POOLED_AUC, POOLED_LOWEST = 0.85, 0.6
WRONG_DECREE = 0.25


@pytest.fixture(scope="module")
def judged() -> list[tuple[str, str, DecreeRecord, list[RowVerdict]]]:
    files = [(form, path) for form in FORMS for path in sorted((FAMILY / form).iterdir())]
    with ThreadPoolExecutor(max_workers=2) as pool:
        records = list(pool.map(lambda item: extract_file(item[1]), files))
    out = []
    for (form, path), record in zip(files, records, strict=True):
        gold = json.loads((FAMILY / "gold" / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        out.append((form, path.stem, record, row_verdicts(gold, record.to_dict())))
    return out


def test_confidence_ranks_the_wrong_rows_first(judged):
    rows = [v for *_, verdicts in judged for v in verdicts]
    assert sum(v.wrong for v in rows) >= 20, "too few wrong rows to measure a ranking"
    found, lowest = auc(rows), share_in_lowest(rows)
    assert found is not None and found >= POOLED_AUC, found
    assert lowest is not None and lowest >= POOLED_LOWEST, lowest


def test_every_decree_with_many_wrong_rows_needs_review_and_says_why(judged):
    many = [(form, stem, record) for form, stem, record, verdicts in judged
            if sum(v.wrong for v in verdicts) > WRONG_DECREE * len(verdicts)]
    assert many, "no decree of the family has many wrong rows: the test measures nothing"
    for form, stem, record in many:
        assert file_status(record) is SourceStatus.NEEDS_REVIEW, (form, stem)
        assert record.doubts or record.warnings, (form, stem)


def test_a_layout_read_badly_is_doubted_with_its_reasons_and_a_clean_one_is_not(judged):
    records = {(form, stem[:3]): record for form, stem, record, _ in judged}
    bad = records[("layout-text", "004")]
    reasons = {doubt.reason for doubt in bad.doubts}
    assert {DoubtReason.DOUBTFUL_ROWS, DoubtReason.ALIGNED_ROWS} <= reasons, bad.doubts
    assert all(0.0 < doubt.share <= 1.0 for doubt in bad.doubts)
    assert file_status(bad) is SourceStatus.NEEDS_REVIEW
    clean = records[("docx-pdf", "004")]
    assert clean.doubts == [] and file_status(clean) is SourceStatus.IMPORTED
