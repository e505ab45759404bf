"""The committed layout family (samples/family: every sample drawn independently of our readers, one variant per
form) through `iki extract`, scored against each variant's gold.

Floors are what the pipeline reaches today on this set; they only ever rise. Scans and photos are scored by
their own test (OCR is slow).
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extract.layout import Table
from extract.reader import read_layout
from pipeline.evaluate import evaluate
from tests.conftest import SHARED

FAMILY = Path(__file__).resolve().parents[1] / "samples" / "family"
GOLD = FAMILY / "gold"
FLOORS = {  # form: (worst variant, median, overall)
    "docx": (0.99, 0.99, 0.99),
    "docx-pdf": (0.97, 0.99, 0.98),
    "html": (0.99, 0.99, 0.99),
    "html-pdf": (0.98, 0.99, 0.98),
    "reportlab-pdf": (0.98, 0.99, 0.99),
    "xlsx": (0.96, 0.99, 0.98),
    "layout-text": (0.80, 0.94, 0.92),
}


def _extract(path: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(path), "--out", str(out)], check=True,
                   capture_output=True)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def extracted(request, tmp_path_factory):
    form = request.param
    out = tmp_path_factory.mktemp(form)
    files = sorted((FAMILY / form).iterdir())
    assert len(files) == 5, f"the committed family lacks {form} files"
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda f: _extract(f, out), files))
    return form, out


def test_every_variant_holds_its_floor(extracted):
    form, out = extracted
    report = evaluate(GOLD, pred_dir=out)
    scores = [doc.cells.f1 for doc in report.documents.values()]
    worst, median, overall = FLOORS[form]
    assert len(scores) == 5
    assert min(scores) >= worst, (form, scores)
    assert statistics.median(scores) >= median, (form, scores)
    assert report.cells.f1 >= overall, form


def test_referee_agrees(extracted, tmp_path):
    form, out = extracted
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"referee scorer missing at {scorer}")
        pytest.skip("referee scorer not beside the repository")
    report_path = tmp_path / "report.json"
    subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD), "--pred", str(out), "--json",
                    str(report_path)], check=True, capture_output=True)
    referee = json.loads(report_path.read_text(encoding="utf-8"))
    assert referee["overall"]["cells"]["f1"] >= FLOORS[form][2]


def _sasaran_merged(variant: dict) -> bool:
    return variant["design"]["sasaran_layout"] == "merged"


@pytest.mark.parametrize("form", ["docx", "html", "xlsx", "docx-pdf", "html-pdf", "reportlab-pdf"])
def test_merged_sasaran_cells_come_through_as_spans(form):
    manifest = json.loads((FAMILY / "manifest.json").read_text(encoding="utf-8"))
    merged = [stem for stem, variant in manifest["variants"].items() if _sasaran_merged(variant)]
    assert merged, "the committed family has no variant with merged sasaran cells"
    for stem in merged:
        path = next((FAMILY / form).glob(f"{stem}.*"))
        tables = [b for b in read_layout(path).blocks if isinstance(b, Table)]
        assert any(cell.row_span > 1 for t in tables for r in t.rows for cell in r.cells), (form, stem)
