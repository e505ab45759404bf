"""Paths shared by the test suite."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def sample_files() -> list[tuple[str, Path]]:
    with (SAMPLES / "index.csv").open(encoding="utf-8") as fh:
        return [(row["seed_stem"], SAMPLES / row["text_file"]) for row in csv.DictReader(fh)]


@pytest.fixture(scope="session")
def samples() -> list[tuple[str, Path]]:
    return sample_files()
