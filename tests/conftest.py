"""Paths shared by the test suite."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from copy import deepcopy
from functools import cache
from pathlib import Path

import pytest

from normalize.records import DecreeRecord

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD_DIR = SAMPLES / "gold"
SHARED = ROOT.parent / "shared"  # only the referee scorer is read from here
# Renderings drawn from the gold files alone (`python -m samples.render`), with each variant's own gold.
FAMILY = SAMPLES / "family"
FAMILY_GOLD = FAMILY / "gold"
FAMILY_PHOTO_GOLD = FAMILY / "gold-photo"
FIRST_SAMPLE = "000_0cea4872b926cf0e"


@cache
def family_variant(sample: str = FIRST_SAMPLE) -> dict:
    """The committed family's manifest entry for the sample's variant: its design and, per form, file and choices."""
    variants = json.loads((FAMILY / "manifest.json").read_text(encoding="utf-8"))["variants"]
    (entry,) = (e for e in variants.values() if e["sample"] == sample)
    return entry


def family_file(form: str, sample: str = FIRST_SAMPLE) -> Path:
    """The committed family's rendering of the sample in `form` (docx-pdf, reportlab-pdf, scan, photo, ...)."""
    return FAMILY / family_variant(sample)["forms"][form]["file"]


# The Word rendering of this sample breaks its tables over pages inside rows: cells go on at the next page's top.
PAGE_BREAK_SAMPLE = "003_82fb6ffd05021492"


@cache
def _page_break_record() -> DecreeRecord:
    from pipeline.run import extract_file  # the extraction stack, only for the tests that ask for this record

    return extract_file(family_file("docx-pdf", PAGE_BREAK_SAMPLE))


def page_break_record() -> DecreeRecord:
    """The record of the docx-pdf rendering whose rows cross page breaks; each caller gets its own copy."""
    return deepcopy(_page_break_record())


def family_gold(path: Path) -> dict:
    """The gold record a family rendering was drawn from (a photo's gold holds only its page's rows)."""
    folder = FAMILY_PHOTO_GOLD if path.parent.name == "photo" else FAMILY_GOLD
    return json.loads((folder / f"{path.stem}.gold.json").read_text(encoding="utf-8"))


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
