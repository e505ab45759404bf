"""Image decrees: each TIFF frame is a page read through the same OCR path as scanned PDFs.

The page images are those of the family's scan (the pictures its image-only PDF holds), and what
they must give back is what the PDF the scan was printed from shows on the same page, and the gold.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from rapidfuzz.fuzz import partial_ratio

from extract.layout import Line, Table
from extract.reader import read_layout
from tests.conftest import family_file, family_gold, family_variant
from tests.ocr.scan_source import TEXT_PDF, source_lines

pytestmark = pytest.mark.slow
SCAN = family_file("scan")
SCAN_DPI = family_variant()["forms"]["scan"]["choices"]["dpi"]
DESIGN = family_variant()["design"]
TABLE_PAGES = (3, 4)  # the lampiran's first two pages: position blocks and the indicator table, one page each


@cache
def page_image(number: int) -> Image.Image:
    """The scanned picture of page `number`, as the scan's image-only PDF holds it."""
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        (picture,) = pdf[number - 1].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        return picture.get_bitmap().to_pil().convert("RGB")
    finally:
        pdf.close()


def texts(layout) -> list[str]:
    return [b.text for b in layout.blocks if isinstance(b, Line)] + \
        [c.text for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]


def test_multi_page_tiff_reads_every_frame_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "dua_halaman.tiff"
    first, *rest = [page_image(n) for n in TABLE_PAGES]
    first.save(path, save_all=True, append_images=rest, dpi=(SCAN_DPI, SCAN_DPI), compression="tiff_deflate")
    layout = read_layout(path)
    assert layout.method == "ocr" and layout.media_type == "image/tiff" and layout.pages == 2
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    header = [DESIGN["headers"][column] for column in DESIGN["columns"]]
    assert header in [t.rows[0].texts for t in tables]
    assert {r.span.page for t in tables for r in t.rows} == {1, 2}
    lines = [b for b in layout.blocks if isinstance(b, Line)]
    for page, number in enumerate(TABLE_PAGES, start=1):
        titles = [t for t in source_lines(number) if t.startswith(DESIGN["labels"]["jabatan"] + " :")]
        assert titles
        for title in titles:
            assert any(partial_ratio(title, b.text) >= 90 and b.span.page == page for b in lines), title
    for table in tables:
        for row in table.rows:
            assert all(0 <= c.confidence <= 1 and c.span.box is not None for c in row.cells)


def test_png_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "halaman.png"
    image = page_image(TABLE_PAGES[0])
    image.crop((0, 0, image.width, image.height * 2 // 5)).save(path, dpi=(SCAN_DPI, SCAN_DPI))
    layout = read_layout(path)
    assert layout.media_type == "image/png"
    decree = family_gold(SCAN)["decree"]
    read = texts(layout)
    assert any(partial_ratio(decree["nomor"], t) >= 90 for t in read), read
    first_title = next(t for t in source_lines(TABLE_PAGES[0]) if t.startswith(DESIGN["labels"]["jabatan"] + " :"))
    assert any(partial_ratio(first_title, t) >= 90 for t in read), read


def test_pdf_page_without_text_layer_is_ocred_alongside_text_pages(tmp_path: Path) -> None:
    text_page, scanned_page = TABLE_PAGES
    mixed = pdfium.PdfDocument.new()
    for source, number in ((TEXT_PDF, text_page), (SCAN, scanned_page)):
        donor = pdfium.PdfDocument(str(source))
        mixed.import_pages(donor, [number - 1])
        donor.close()
    path = tmp_path / "campuran.pdf"
    mixed.save(str(path))
    mixed.close()
    layout = read_layout(path)
    assert layout.method == "pdf-text+ocr" and "1 page(s)" in layout.warnings[0]
    pages = {b.span.page: b for b in layout.blocks}
    assert set(pages) == {1, 2}
    ocr_cells = [c for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells
                 if c.span.page == 2 and c.text]
    assert ocr_cells and all(c.confidence < 1 for c in ocr_cells)
    on_page = "".join("".join(source_lines(scanned_page)).split())
    indikator = [i["indikator"] for p in family_gold(SCAN)["positions"] for i in p["indicators"]
                 if "".join(i["indikator"].split()) in on_page]
    assert indikator
    for wording in indikator:
        assert any(partial_ratio(wording, c.text) >= 90 for c in ocr_cells), wording
