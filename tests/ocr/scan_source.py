"""The text PDF the committed family's first scan was printed from: what its scanned pages should read as."""
from __future__ import annotations

import pypdfium2 as pdfium

from tests.conftest import family_file, family_variant

TEXT_PDF = family_file(family_variant()["forms"]["scan"]["choices"]["source"])


def source_lines(number: int) -> list[str]:
    """The text layer's lines of page `number` (1-based) of the PDF the scan was printed from."""
    pdf = pdfium.PdfDocument(str(TEXT_PDF))
    try:
        return pdf[number - 1].get_textpage().get_text_range().splitlines()
    finally:
        pdf.close()
