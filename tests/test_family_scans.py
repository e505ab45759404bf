"""Floors for the committed family's scans, photocopies and phone photos, scored with the project's scorer.

Every committed scan (image-only PDF, grey photocopy or colour scan, 150 or 200 dpi,
some pages turned) and phone photo is extracted, two files at a time, and scored
against its variant's gold; the floors sit a little under what extraction gives
today, so a change that loses cells on paper decrees fails here.
"""
from __future__ import annotations

import json
import shutil
import statistics
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.run import extract_file
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
FAMILY = SAMPLES / "family"
GOLD = {"scan": FAMILY / "gold", "photo": FAMILY / "gold-photo"}
FLOORS = {"scan": (0.90, 0.70), "photo": (0.85, 0.0)}  # (median, worst) cell F1


def _extract(path: Path, out: Path) -> str:
    record = extract_file(path)
    (out / f"{path.stem}.json").write_text(json.dumps(record.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path.stem


@cache
def scores(form: str, folder: str) -> dict[str, float]:
    files = sorted((FAMILY / form).iterdir())
    out, gold = Path(folder) / form, Path(folder) / f"gold-{form}"
    out.mkdir(parents=True)
    gold.mkdir()
    with ProcessPoolExecutor(2) as pool:
        done = list(pool.map(_extract, files, [out] * len(files)))
    for stem in done:
        shutil.copy(GOLD[form] / f"{stem}.gold.json", gold)
    return {stem: doc.cells.f1 for stem, doc in evaluate(gold, pred_dir=out).documents.items()}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("family-scans"))


@pytest.mark.parametrize("form", ["scan", "photo"])
def test_paper_forms_keep_their_cells(form: str, workdir: str) -> None:
    found = scores(form, workdir)
    assert len(found) == len(list((FAMILY / form).iterdir())) == 5
    median, worst = FLOORS[form]
    assert statistics.median(found.values()) >= median, found
    assert min(found.values()) >= worst, found
