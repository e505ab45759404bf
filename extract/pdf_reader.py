"""Reader for PDF decrees: the text layer through pdfplumber, image-only pages through OCR.

pypdfium2 opens the file first because it fails fast and clearly on encrypted,
corrupt and truncated files and counts pages cheaply, so limits are enforced
before any page is parsed or rendered.
"""
from __future__ import annotations

import io
import logging
import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2 as pdfium

from extract.errors import ExtractError, InputRefused
from extract.grid import edges as edges_of
from extract.layout import Layout
from extract.pdf_blocks import PageContent, to_layout
from extract.pdf_marks import drawn_bullets
from extract.pdf_runs import page_words
from extract.pdf_words import Rule
from extract.pdfium_lock import PDFIUM

if TYPE_CHECKING:
    from extract.reader import ReaderOptions

MIN_TEXT_CHARS = 20
OPEN_END_TOLERANCE = 2.0
MIN_OPEN_COLUMN = 10.0
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "intersection_tolerance": 3}

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def open_checked(path: Path, options: ReaderOptions) -> pdfium.PdfDocument:
    """The document opened with pdfium, refused if encrypted, corrupt or over the page limit."""
    with PDFIUM:
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


def _covered(horizontals: list[dict], y: float, x0: float, x1: float) -> float:
    return sum(max(0.0, min(float(e["x1"]), x1) - max(float(e["x0"]), x0)) for e in horizontals
               if abs(float(e["top"]) - y) <= OPEN_END_TOLERANCE)


def open_ends(edges: list[dict]) -> list[dict]:
    """Rules to close a table where a page break left it open: three or more column rules that start at the
    page's first rule or end at its last with no rule across them (a browser draws no border where a row
    breaks over pages). Mid-page, rules ending without one across are merged cells, and stay as they are.
    Two rules closer than any column that holds text are a frame drawn down the margin beside the table's
    edge, not a column to close."""
    verticals = [e for e in edges if e["orientation"] == "v" and float(e["bottom"]) - float(e["top"]) > 5]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    closing: list[dict] = []
    if not verticals:
        return closing
    for end, y in (("top", min(float(e["top"]) for e in verticals)),
                   ("bottom", max(float(e["bottom"]) for e in verticals))):
        xs = edges_of([float(e["x0"]) for e in verticals if abs(float(e[end]) - y) <= OPEN_END_TOLERANCE],
                      OPEN_END_TOLERANCE)
        if len(xs) < 3:
            continue
        for left, right in zip(xs, xs[1:], strict=False):
            if right - left >= MIN_OPEN_COLUMN and _covered(horizontals, y, left, right) < 0.5 * (right - left):
                closing.append({"object_type": "line", "x0": left, "x1": right, "top": y, "bottom": y,
                                "width": right - left, "height": 0.0})
    return closing


def _text_layer(page: pdfplumber.page.Page, number: int) -> PageContent:
    """Words, ruled table grids and short horizontal rules from the page's text layer."""
    words = page_words(page)
    words += drawn_bullets(page.curves + page.rects, words)
    settings = {**TABLE_SETTINGS, "explicit_horizontal_lines": open_ends(page.edges)}
    grids = [[(float(x0), float(top), float(x1), float(bottom)) for x0, top, x1, bottom in table.cells]
             for table in page.find_tables(settings) if len(table.cells) > 1]
    rules = [Rule(float(e["x0"]), float(e["x1"]), (float(e["top"]) + float(e["bottom"])) / 2)
             for e in page.edges if e["orientation"] == "h"]
    return PageContent(number, words, grids, rules)


def text_direction(page: pdfplumber.page.Page) -> int:
    """The direction most of the page's text runs, in degrees counter-clockwise from left-to-right (0, 90,
    180 or 270), from the characters' matrices as displayed."""
    votes: Counter[int] = Counter()
    for char in page.chars:
        a, b = char["matrix"][0], char["matrix"][1]
        if a or b:
            votes[int(round(math.degrees(math.atan2(b, a)) / 90)) % 4 * 90] += 1
    return votes.most_common(1)[0][0] if votes else 0


def _upright_copy(pdfium_doc: pdfium.PdfDocument, turns: dict[int, int]) -> io.BytesIO:
    """The document with the given pages' display rotation changed so that their text runs left to right."""
    buffer = io.BytesIO()
    with PDFIUM:
        for index, rotation in turns.items():
            page = pdfium_doc[index]
            page.set_rotation(rotation)
            page.close()
        pdfium_doc.save(buffer)
    buffer.seek(0)
    return buffer


def _read_pages(source: str | io.BytesIO, path: Path, pdfium_doc: pdfium.PdfDocument, options: ReaderOptions,
                contents: list[PageContent]) -> dict[int, int]:
    """Every page's content into `contents`; returns the rotations that would turn sideways pages upright
    (nothing is read then)."""
    turns: dict[int, int] = {}
    with pdfplumber.open(source) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            options.seconds_left(path.name)
            check_page_pixels(path, page, options)
            if has_text_layer(page):
                direction = text_direction(page)
                if direction:
                    turns[number - 1] = (page.rotation + direction) % 360
                if not turns:
                    contents.append(_text_layer(page, number))
                continue
            if turns:
                continue
            from extract.ocr import ocr_pdf_page

            contents.append(ocr_pdf_page(pdfium_doc, number, path, options))
    return turns


def read_pdf(path: Path, options: ReaderOptions) -> Layout:
    """Read a decree PDF; pages without a usable text layer are OCR'd, which the Layout's method records.
    Pages whose text runs sideways or upside down are turned upright first, as a reader turns the paper."""
    pdfium_doc = open_checked(path, options)
    contents: list[PageContent] = []
    try:
        turns = _read_pages(str(path), path, pdfium_doc, options, contents)
        if turns:
            contents.clear()
            _read_pages(_upright_copy(pdfium_doc, turns), path, pdfium_doc, options, contents)
    except ExtractError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on malformed content
        raise ExtractError(path.name, f"cannot parse PDF content ({type(exc).__name__}: {exc})") from exc
    finally:
        with PDFIUM:
            pdfium_doc.close()
    ocr_pages = sum(1 for c in contents if c.ocr)
    method = "pdf-text" if not ocr_pages else ("ocr" if ocr_pages == len(contents) else "pdf-text+ocr")
    warnings = [f"{path.name}: {ocr_pages} page(s) without a text layer were read by OCR"] if ocr_pages else []
    if turns:
        warnings.append(f"{path.name}: {len(turns)} page(s) turned to read their text upright")
    return to_layout(contents, path.name, "application/pdf", method, warnings)
