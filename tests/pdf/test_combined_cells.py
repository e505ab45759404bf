"""Cells that list several indicators, rows cut by page breaks and words broken by narrow columns, in the three
PDF forms of one drawn decree (tests/data/combined_cells)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from extract.layout import Table
from extract.pdf_runs import page_words
from extract.reader import read_layout
from normalize.records import DecreeRecord

DATA = Path(__file__).resolve().parents[1] / "data" / "combined_cells"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))


@cache
def _record(form: str) -> DecreeRecord:
    from pipeline.run import extract_file

    return extract_file(DATA / f"{form}.pdf")


def _gold(name: str) -> list[list[str | None]]:
    return [[ind[name] for ind in pos["indicators"]] for pos in GOLD["positions"]]


def _read(record: DecreeRecord, name: str) -> list[list[str | None]]:
    return [[getattr(ind, name) for ind in pos.indicators] for pos in record.positions]


def test_bullets_drawn_as_shapes_come_back_one_per_indicator() -> None:
    layout = read_layout(DATA / "html-pdf.pdf")
    indikator_column = 2
    bullets = sum(c.text.count("•") for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells
                  if c.col == indikator_column)
    assert bullets == sum(len(p) for p in _gold("indikator"))


@pytest.mark.parametrize("form", ["html-pdf", "docx-pdf", "reportlab-pdf"])
def test_every_listed_indicator_is_its_own_row_under_its_sasaran(form: str) -> None:
    record = _record(form)
    assert [len(p) for p in _read(record, "indikator")] == [len(p) for p in _gold("indikator")]
    assert _read(record, "sasaran") == _gold("sasaran")


@pytest.mark.parametrize("form", ["html-pdf", "reportlab-pdf"])
def test_indicators_read_whole_over_page_breaks_and_broken_words(form: str) -> None:
    assert _read(_record(form), "indikator") == _gold("indikator")


def test_a_word_overflowing_its_cell_is_not_glued_to_the_next_cells_text() -> None:
    with pdfplumber.open(DATA / "html-pdf.pdf") as pdf:
        texts = {w.text for page in pdf.pages for w in page_words(page)}
    assert {"Kegiatan", "Register"} <= texts, "the Satuan cell's 'Kegiatan' runs into the Sumber cell's 'Register'"
    assert not any("KegiatanRegister" in t for t in texts)
