"""OCR of the scanned samples: deskew, table grid, one Tesseract pass placed into cells and lines."""
from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from rapidfuzz.fuzz import partial_ratio

from extract.ocr import estimate_skew, ocr_pdf_page, render_pdf_page
from extract.ocr_grid import find_grid
from extract.pdf_blocks import PageContent, PageLine, PageTable, assemble_page
from extract.reader import ReaderOptions
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
SCAN = SAMPLES / "scan" / "000_0cea4872b926cf0e.pdf"
TEXT_PDF = SAMPLES / "pdf" / "000_0cea4872b926cf0e.pdf"


def clean_page(number: int, dpi: int = 150) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(TEXT_PDF))
    try:
        rgb = render_pdf_page(pdf[number - 1], number, TEXT_PDF, ReaderOptions(dpi=dpi))
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    finally:
        pdf.close()


@cache
def scanned_page_three() -> PageContent:
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        return ocr_pdf_page(pdf[2], 3, SCAN, ReaderOptions())
    finally:
        pdf.close()


@pytest.mark.parametrize("angle", [-1.3, 0.8])
def test_skew_is_estimated_from_text_lines(angle: float) -> None:
    page = clean_page(1)
    h, w = page.shape
    skewed = cv2.warpAffine(page, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
    assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.1)


def test_grid_and_fraction_bars_are_found_from_ruling_lines() -> None:
    grid = find_grid(clean_page(3), 150)
    assert [len(t) for t in grid.tables] == [20, 12]
    assert len(grid.bars) == 3


def test_scanned_page_gives_tables_with_headers_and_the_position_titles() -> None:
    blocks = assemble_page(scanned_page_three())
    tables = [b for b in blocks if isinstance(b, PageTable)]
    lines = [b.piece.text for b in blocks if isinstance(b, PageLine)]
    assert len(tables) == 2
    for table in tables:
        header = [c.text for c in table.rows[0]]
        assert header[:3] == ["SASARAN PROGRAM", "INDIKATOR KINERJA", "PENJELASAN / FORMULASI PERHITUNGAN"]
    assert any(partial_ratio("JABATAN : Kepala Seksi PELAYANAN PUBLIK", t) >= 90 for t in lines)
    assert any(partial_ratio("JABATAN : Kepala Seksi PEMBERDAYAAN MASYARAKAT & DESA", t) >= 90 for t in lines)


def test_scanned_fraction_is_read_as_a_ratio() -> None:
    cells = [c.text for b in assemble_page(scanned_page_three()) if isinstance(b, PageTable)
             for r in b.rows for c in r]
    assert any(partial_ratio("Σ Aparatur yang puas / Σ Aparatur x 100", t) >= 85 for t in cells)


def test_words_carry_confidence_and_boxes_in_page_points() -> None:
    content = scanned_page_three()
    assert len(content.words) > 200
    assert all(0 < w.conf <= 1 and 0 <= w.x0 < w.x1 <= 596 and 0 <= w.top < w.bottom <= 842 for w in content.words)
    assert content.to_page is not None
    x0, y0, x1, y1 = content.to_page((100.0, 100.0, 200.0, 120.0))
    assert abs(x0 - 100) < 8 and abs(y1 - 120) < 8


def test_sample_scan_is_image_only() -> None:
    import pdfplumber

    with pdfplumber.open(str(SCAN)) as pdf:
        assert not pdf.pages[0].chars and pdf.pages[0].images


def test_sample_renderings_exist_for_every_seed() -> None:
    stems = {p.stem for p in (SAMPLES / "pdf").glob("*.pdf")}
    assert stems == {p.stem for p in (SAMPLES / "scan").glob("*.pdf")} and len(stems) == 5
