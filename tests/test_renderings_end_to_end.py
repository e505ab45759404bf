"""The sample decrees rendered as text PDFs and as scans, through `iki extract`, scored by the referee.

Floors are what the pipeline reaches today; they only ever rise.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from tests.conftest import SAMPLES, referee_report

FLOORS = {
    "pdf": {"000_0cea4872b926cf0e": 1.0, "001_821f072a5aa436a8": 1.0, "002_1fe229fdf80bfc91": 1.0,
            "003_82fb6ffd05021492": 0.975, "004_b962c9f166388f5e": 1.0},
    "scan": {"000_0cea4872b926cf0e": 0.99, "001_821f072a5aa436a8": 0.99, "002_1fe229fdf80bfc91": 0.99,
             "003_82fb6ffd05021492": 0.97, "004_b962c9f166388f5e": 0.99},
}
OVERALL = {"pdf": 0.95, "scan": 0.85}


def _extract(path: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(path), "--out", str(out)], check=True,
                   capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


@pytest.fixture(scope="module", params=["pdf", "scan"])
def rendered(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    files = sorted((SAMPLES / request.param).glob("*.pdf"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_extract, files, [out] * len(files)))
    return request.param, out


def test_referee_figures_hold_their_floor(rendered, tmp_path):
    kind, out = rendered
    report = referee_report(out, tmp_path)
    for stem, floor in FLOORS[kind].items():
        assert report["documents"][stem]["cells"]["f1"] >= floor, (kind, stem)
    assert report["overall"]["cells"]["f1"] >= OVERALL[kind]


def test_rows_carry_page_and_box(rendered):
    _, out = rendered
    for path in out.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        rows = [i for p in record["positions"] for i in p["indicators"]]
        assert rows and all(i["provenance"]["box"] and i["provenance"]["page"] >= 1 for i in rows), path.name


def test_own_evaluation_agrees(rendered):
    kind, out = rendered
    report = evaluate(SAMPLES / "gold", pred_dir=out)
    assert report.cells.f1 >= OVERALL[kind]
