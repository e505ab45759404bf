"""Paths shared by the test suite."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD_DIR = SAMPLES / "gold"
SHARED = ROOT.parent / "shared"  # only the referee scorer is read from here


def sample_files() -> list[tuple[str, Path]]:
    with (SAMPLES / "index.csv").open(encoding="utf-8") as fh:
        return [(row["seed_stem"], SAMPLES / row["text_file"]) for row in csv.DictReader(fh)]


@pytest.fixture(scope="session")
def samples() -> list[tuple[str, Path]]:
    return sample_files()


def referee_report(pred_dir: Path, tmp_path: Path) -> dict:
    """The referee scorer's JSON report on a folder of records against the repository's gold files.

    The scorer is the one file read from beside the repository: missing, it fails the test under CI, else skips it.
    """
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"referee scorer missing at {scorer}")
        pytest.skip("referee scorer not beside the repository")
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD_DIR), "--pred", str(pred_dir),
                    "--json", str(report)], check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))
