"""The five sample decrees through `iki extract`, scored by the referee scorer.

Floors are what the pipeline reaches today; they only ever rise.
"""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import evaluate
from tests.conftest import SAMPLES, referee_report

CELL_F1_FLOOR = {
    "000_0cea4872b926cf0e": 1.0,
    "001_821f072a5aa436a8": 1.0,
    "002_1fe229fdf80bfc91": 1.0,
    "003_82fb6ffd05021492": 0.975,
    "004_b962c9f166388f5e": 1.0,
}
ROWS_F1_FLOOR = 0.99
DECREE_FIELDS_FLOOR = 33


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, samples):
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("out")
    for stem, path in samples:
        shutil.copy(path, src / f"{stem}.txt")
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_sample_written(extracted, samples):
    for stem, _ in samples:
        record = json.loads((extracted / f"{stem}.json").read_text(encoding="utf-8"))
        assert record["positions"] and record["status"] == "ok"
        for position in record["positions"]:
            for indicator in position["indicators"]:
                assert indicator["provenance"]["line_start"] >= 1
                assert 0.0 <= indicator["confidence"] <= 1.0


def test_referee_figures_hold_their_floor(extracted, tmp_path):
    report = referee_report(extracted, tmp_path)
    for stem, floor in CELL_F1_FLOOR.items():
        assert report["documents"][stem]["cells"]["f1"] >= floor, stem
    assert report["overall"]["rows"]["f1"] >= ROWS_F1_FLOOR
    assert report["overall"]["cells"]["f1"] >= 0.95
    assert report["decree"][0] >= DECREE_FIELDS_FLOOR


def test_own_evaluation_agrees_with_floors(extracted):
    report = evaluate(SAMPLES / "gold", pred_dir=extracted)
    for stem, floor in CELL_F1_FLOOR.items():
        assert report.documents[stem].cells.f1 >= floor, stem
    assert report.rows.f1 >= ROWS_F1_FLOOR
