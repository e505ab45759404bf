"""OCR of the family's scans: deskew, table grid, one Tesseract pass placed into cells and lines.

The scan is the family's image-only print of its Word PDF (manifest `source`), so what the scan
must give back is what that PDF's text layer, its drawn rules and the variant's gold hold.
"""
from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from rapidfuzz.fuzz import partial_ratio

from extract.ocr import estimate_skew, ocr_pdf_page, render_pdf_page
from extract.ocr_grid import find_grid
from extract.pdf_blocks import PageContent, PageLine, PageTable, assemble_page
from extract.reader import ReaderOptions
from tests.conftest import FAMILY, family_file, family_gold, family_variant
from tests.ocr.scan_source import TEXT_PDF, source_lines

pytestmark = pytest.mark.slow
SCAN = family_file("scan")
DESIGN = family_variant()["design"]
TABLE_PAGE = 3  # the lampiran's first page: the position block, the indicator table's header, stacked ratios


def clean_page(number: int, dpi: int = 150) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(TEXT_PDF))
    try:
        rgb = render_pdf_page(pdf[number - 1], number, TEXT_PDF, ReaderOptions(dpi=dpi))
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    finally:
        pdf.close()


@cache
def scanned_table_page() -> PageContent:
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        return ocr_pdf_page(pdf, TABLE_PAGE, SCAN, ReaderOptions())
    finally:
        pdf.close()


@pytest.mark.parametrize("angle", [-1.3, 0.8])
def test_skew_is_estimated_from_text_lines(angle: float) -> None:
    page = clean_page(1)
    h, w = page.shape
    skewed = cv2.warpAffine(page, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
    assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.1)


def drawn_rules(number: int) -> tuple[list[list[tuple[float, float, float, float]]], int]:
    """The PDF's own vector rules on a page: each table's cells (points) and the strokes lying inside one cell."""
    with pdfplumber.open(str(TEXT_PDF)) as pdf:
        page = pdf.pages[number - 1]
        tables = [[c for c in t.cells if c is not None] for t in page.find_tables()]
        cells = [c for t in tables for c in t]
        strokes = [s for s in page.lines + page.rects if abs(s["top"] - s["bottom"]) < 1]
        bars = [s for s in strokes if sum(x0 < s["x0"] and s["x1"] < x1 and y0 + 0.5 < s["top"] < y1 - 0.5
                                          for x0, y0, x1, y1 in cells) == 1]
        return tables, len(bars)


@pytest.mark.parametrize("number", [TABLE_PAGE, TABLE_PAGE + 1])
def test_grid_and_fraction_bars_are_the_rules_the_pdf_draws(number: int) -> None:
    grid = find_grid(clean_page(number), 150)
    tables, bars = drawn_rules(number)
    assert tables and [len(t) for t in grid.tables] == [len(t) for t in tables]
    for found, drawn in zip(grid.tables, tables, strict=True):
        for cell in drawn:
            px = np.array(cell) * 150 / 72
            assert min(np.abs(np.array(box) - px).max() for box in found) < 4, cell
    assert len(grid.bars) == bars


def test_scanned_page_gives_the_indicator_table_with_its_header_and_the_position_titles() -> None:
    blocks = assemble_page(scanned_table_page())
    tables = [b for b in blocks if isinstance(b, PageTable)]
    lines = [b.piece.text for b in blocks if isinstance(b, PageLine)]
    header = [DESIGN["headers"][column] for column in DESIGN["columns"]]
    assert [[c.text for c in t.rows[0]] for t in tables if len(t.rows[0]) > 2] == [header]
    titles = [t for t in source_lines(TABLE_PAGE) if t.startswith(DESIGN["labels"]["jabatan"] + " :")]
    assert len(titles) >= 2
    for title in titles:
        assert any(partial_ratio(title, t) >= 90 for t in lines), title


def test_scanned_fraction_is_read_as_a_ratio() -> None:
    cells = [c.text for b in assemble_page(scanned_table_page()) if isinstance(b, PageTable)
             for r in b.rows for c in r]
    on_page = "".join("".join(source_lines(TABLE_PAGE)).split())
    ratios = [i["formula"] for p in family_gold(SCAN)["positions"] for i in p["indicators"]
              if i["denominator"] and "".join(i["indikator"].split()) in on_page]
    assert ratios
    for formula in ratios:
        assert any(partial_ratio(formula, t) >= 85 for t in cells), formula


def test_words_carry_confidence_and_boxes_in_page_points() -> None:
    content = scanned_table_page()
    assert len(content.words) > 200
    pdf = pdfium.PdfDocument(str(SCAN))
    width, height = pdf[TABLE_PAGE - 1].get_size()
    pdf.close()
    assert all(0 < w.conf <= 1 and 0 <= w.x0 < w.x1 <= width and 0 <= w.top < w.bottom <= height
               for w in content.words)
    assert content.to_page is not None
    x0, y0, x1, y1 = content.to_page((100.0, 100.0, 200.0, 120.0))
    assert abs(x0 - 100) < 8 and abs(y1 - 120) < 8


def test_family_scans_are_image_only() -> None:
    scans = sorted((FAMILY / "scan").glob("*.pdf"))
    assert len(scans) == 5
    for scan in scans:
        with pdfplumber.open(str(scan)) as pdf:
            assert all(not page.chars and page.images for page in pdf.pages), scan.name
