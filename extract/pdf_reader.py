"""Reader for PDF decrees: the text layer through pdfplumber, image-only pages through OCR.

pypdfium2 opens the file first because it fails fast and clearly on encrypted,
corrupt and truncated files and counts pages cheaply, so limits are enforced
before any page is parsed or rendered.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2 as pdfium

from extract.errors import ExtractError, InputRefused
from extract.layout import Layout
from extract.pdf_blocks import PageContent, to_layout
from extract.pdf_words import Rule, Word

if TYPE_CHECKING:
    from extract.reader import ReaderOptions

MIN_TEXT_CHARS = 20
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "intersection_tolerance": 3}

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def open_checked(path: Path, options: ReaderOptions) -> pdfium.PdfDocument:
    """The document opened with pdfium, refused if encrypted, corrupt or over the page limit."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise ExtractError(path.name, "PDF is encrypted (password protected); remove the password "
                                          "and try again") from exc
        raise ExtractError(path.name, f"not a readable PDF (corrupt or truncated: {message})") from exc
    pages = len(pdf)
    if pages == 0:
        pdf.close()
        raise ExtractError(path.name, "PDF has no pages")
    if pages > options.max_pages:
        pdf.close()
        raise InputRefused(path.name, f"PDF has {pages} pages, over the limit of {options.max_pages}")
    return pdf


def check_page_pixels(path: Path, page: pdfplumber.page.Page, options: ReaderOptions) -> None:
    """Refuse pages or embedded images whose pixel count would exhaust memory when decoded or rendered."""
    scale = options.dpi / 72
    rendered = float(page.width) * scale * float(page.height) * scale
    if rendered > options.max_image_pixels:
        raise InputRefused(path.name, f"page {page.page_number} would render to {rendered:,.0f} pixels at "
                                      f"{options.dpi} dpi, over the limit of {options.max_image_pixels:,}")
    for image in page.images:
        width, height = image.get("srcsize") or (0, 0)
        if width * height > options.max_image_pixels:
            raise InputRefused(path.name, f"page {page.page_number} embeds a {width}x{height} image, over the "
                                          f"limit of {options.max_image_pixels:,} pixels (decompression bomb?)")


def has_text_layer(page: pdfplumber.page.Page) -> bool:
    """Whether the page carries enough real text; glyphs without a Unicode mapping ('(cid:12)') don't count."""
    chars = page.chars
    unmapped = sum(c["text"].startswith("(cid:") or c["text"] == "\ufffd" for c in chars)
    return len(chars) - unmapped >= MIN_TEXT_CHARS and unmapped <= 0.3 * len(chars)


def _text_layer(page: pdfplumber.page.Page, number: int) -> PageContent:
    """Words, ruled table grids and short horizontal rules from the page's text layer."""
    words = [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
             for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
    grids = []
    for table in page.find_tables(TABLE_SETTINGS):
        rows = [[cell for cell in row.cells if cell is not None] for row in table.rows]
        rows = [row for row in rows if row]
        if rows and (len(rows) > 1 or len(rows[0]) > 1):
            grids.append(rows)
    rules = [Rule(float(e["x0"]), float(e["x1"]), (float(e["top"]) + float(e["bottom"])) / 2)
             for e in page.edges if e["orientation"] == "h"]
    return PageContent(number, words, grids, rules)


def read_pdf(path: Path, options: ReaderOptions) -> Layout:
    """Read a decree PDF; pages without a usable text layer are OCR'd, which the Layout's method records."""
    pdfium_doc = open_checked(path, options)
    contents: list[PageContent] = []
    ocr_pages = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                options.seconds_left(path.name)
                check_page_pixels(path, page, options)
                if has_text_layer(page):
                    contents.append(_text_layer(page, number))
                    continue
                from extract.ocr import ocr_pdf_page

                contents.append(ocr_pdf_page(pdfium_doc[number - 1], number, path, options))
                ocr_pages += 1
    except ExtractError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on malformed content
        raise ExtractError(path.name, f"cannot parse PDF content ({type(exc).__name__}: {exc})") from exc
    finally:
        pdfium_doc.close()
    method = "pdf-text" if not ocr_pages else ("ocr" if ocr_pages == len(contents) else "pdf-text+ocr")
    warnings = [f"{path.name}: {ocr_pages} page(s) without a text layer were read by OCR"] if ocr_pages else []
    return to_layout(contents, path.name, "application/pdf", method, warnings)
