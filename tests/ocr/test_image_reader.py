"""Image decrees: each TIFF frame is a page read through the same OCR path as scanned PDFs."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageSequence

from extract.layout import Line, Table
from extract.reader import read_layout
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
TIFF = SAMPLES / "images" / "004_b962c9f166388f5e.tiff"


def test_multi_page_tiff_reads_every_frame_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "dua_halaman.tiff"
    with Image.open(TIFF) as image:
        frames = [frame.copy() for _, frame in zip(range(2), ImageSequence.Iterator(image), strict=False)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200), compression="tiff_deflate")
    layout = read_layout(path)
    assert layout.method == "ocr" and layout.media_type == "image/tiff" and layout.pages == 2
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert tables[0].rows[0].texts == ["JABATAN", ":", "SEKRETARIS CAMAT"]
    assert {r.span.page for t in tables for r in t.rows} == {1, 2}
    assert any(b.text.startswith("INDIKATOR KINERJA INDIVIDU") for b in layout.blocks if isinstance(b, Line))
    for table in tables:
        for row in table.rows:
            assert all(0 <= c.confidence <= 1 and c.span.box is not None for c in row.cells)


def test_png_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "halaman.png"
    with Image.open(TIFF) as image:
        image.crop((0, 0, image.width, image.height // 3)).save(path, dpi=(200, 200))
    layout = read_layout(path)
    assert layout.media_type == "image/png"
    table = next(b for b in layout.blocks if isinstance(b, Table))
    assert table.rows[0].texts == ["JABATAN", ":", "SEKRETARIS CAMAT"]


def test_pdf_page_without_text_layer_is_ocred_alongside_text_pages(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    for source, index in ((SAMPLES / "pdf" / "004_b962c9f166388f5e.pdf", 0),
                          (SAMPLES / "scan" / "004_b962c9f166388f5e.pdf", 1)):
        donor = pdfium.PdfDocument(str(source))
        mixed.import_pages(donor, [index])
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
    assert any(c.text == "Sub Bagian Keuangan" for c in ocr_cells)
