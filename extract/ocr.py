"""OCR of page images: render, deskew, clean, find the table grid, one Tesseract call per page.

Tesseract runs once per page (never per cell) and returns word boxes with
confidences; words are then placed in the grid's cells by position, so a page
costs about what the bare `tesseract` command costs. Ruling lines are erased
before recognition because strokes touching letters are read as 'l' or '|'.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import pytesseract

from extract.errors import ExtractError, InputRefused
from extract.ocr_grid import find_grid
from extract.ocr_repair import repair_colons, repair_column_numbers, repair_glyphs, repair_row_numbers
from extract.ocr_settings import OCR
from extract.ocr_strips import stack
from extract.page_prep import PreparedPage, Turn, prepare
from extract.pdf_blocks import PageContent
from extract.pdf_words import BoxTuple, Rule, Word
from extract.pdfium_lock import PDFIUM, rendered

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from extract.reader import ReaderOptions


# Per document (by name, forgotten at its page 1), the turn its first sideways page needed: its other sideways
# pages take it untested, as a feeder turns every page of a batch alike.
_LAST_TURN: dict[str, Turn] = {}


def render_pdf_page(page: pdfium.PdfPage, number: int, source: Path, options: ReaderOptions) -> np.ndarray:
    """The page as an RGB image at options.dpi (colour tells stamps and pen from print), refused before
    rendering if it would be too large."""
    with PDFIUM:
        width, height = page.get_size()
        scale = options.dpi / 72
        pixels = width * scale * height * scale
        if pixels > options.max_image_pixels:
            raise InputRefused(source.name, f"page {number} would render to {pixels:,.0f} pixels at {options.dpi} "
                                            f"dpi, over the limit of {options.max_image_pixels:,}")
        return np.array(rendered(page, scale))


def estimate_skew(grey: np.ndarray) -> float:
    """Skew angle in degrees, from the rotation that makes text lines and rules most sharply horizontal.

    Rows of a correctly rotated page alternate between ink and paper, so the
    variance of the row sums of the ink peaks there; searched coarse then fine
    on a reduced image, which keeps it to a few milliseconds.
    """
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        rotated = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    best = max(np.arange(-3.0, 3.01, 0.25), key=score)
    return float(max(np.arange(best - 0.25, best + 0.26, 0.05), key=score))


def deskewed(page: PreparedPage) -> PreparedPage:
    """The page rotated so that its text lines run level (left as it is when they nearly do)."""
    angle = estimate_skew(page.grey)
    if abs(angle) < 0.05:
        return page
    h, w = page.grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(page.grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    back = np.vstack([cv2.invertAffineTransform(matrix), [0.0, 0.0, 1.0]])
    return page.then(rotated, back, f"deskewed by {angle:.2f} degrees")


def _to_source(page: PreparedPage, source_dpi: float) -> Callable[[BoxTuple], BoxTuple] | None:
    """Maps a box in points on the prepared page back onto the page as the user holds it (None: the same)."""
    if not page.steps:
        return None
    factor = page.dpi / 72
    back = page.to_source

    def transform(box: BoxTuple) -> BoxTuple:
        x0, y0, x1, y1 = (v * factor for v in box)
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64) @ back.T
        xs, ys = corners[:, 0] / corners[:, 2] * 72 / source_dpi, corners[:, 1] / corners[:, 2] * 72 / source_dpi
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    return transform


def run_tesseract(image: np.ndarray, dpi: int, lang: str, source: str,
                  timeout: float = OCR.tesseract_timeout_s) -> dict[str, list]:
    """One Tesseract call for the whole page, single-threaded so parallel pages don't oversubscribe cores.

    The image goes to Tesseract as an uncompressed PGM file: pytesseract would otherwise
    PNG-encode it, which costs a good part of a second per page. Tesseract is
    stopped after `timeout` seconds (TimeoutError): the page's limit, or what is left of the document's.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="iki-ocr-") as tmp:
        path = Path(tmp) / "page.pgm"
        cv2.imwrite(str(path), image)
        try:
            return pytesseract.image_to_data(str(path), lang=lang, config=f"{OCR.tesseract_config} --dpi {dpi}",
                                             output_type=pytesseract.Output.DICT, timeout=timeout)
        except pytesseract.TesseractNotFoundError as exc:
            raise ExtractError(source, "OCR needs the tesseract program, which is not installed") from exc
        except RuntimeError as exc:  # TesseractError is one; a timeout is a plain one
            if isinstance(exc, pytesseract.TesseractError) or "timeout" not in str(exc):
                raise ExtractError(source, f"OCR failed ({exc})") from exc
            raise TimeoutError(timeout) from exc


def _recognised(canvas: np.ndarray, dpi: int, number: int, options: ReaderOptions, source: str) -> dict[str, list]:
    """Tesseract's reading of the page, refused with the limit that stopped it: the page's or the document's."""
    left = options.seconds_left(source)
    try:
        return run_tesseract(canvas, dpi, options.ocr_lang, source, min(OCR.tesseract_timeout_s, left))
    except TimeoutError as exc:
        if left < OCR.tesseract_timeout_s:
            raise InputRefused(source, f"reading took longer than the limit of {options.max_seconds:g} s per "
                                       "document") from exc
        raise InputRefused(source, f"OCR of page {number} took longer than the limit of "
                                   f"{OCR.tesseract_timeout_s} s per page") from exc


def ocr_image(image: np.ndarray, number: int, dpi: float, options: ReaderOptions, source: str) -> PageContent:
    """Words, grid and fraction bars of one page image (grey or RGB, at `dpi`), in points on the prepared page;
    the content's `to_page` puts them back on the image as given."""
    if number == 1:
        _LAST_TURN.pop(source, None)
    prepared = prepare(image, int(round(dpi)), options.dpi, options.max_image_pixels, options.ocr_lang,
                       known_turn=_LAST_TURN.get(source))
    if prepared.turn in (Turn.LEFT, Turn.RIGHT):
        _LAST_TURN[source] = prepared.turn
    if prepared.blank:
        return PageContent(number, [], to_page=_to_source(prepared, dpi), ocr=True)
    page = deskewed(prepared)
    upright = cv2.medianBlur(page.grey, 3)
    grid = find_grid(upright, page.dpi)
    erase = cv2.dilate(grid.mask, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    clean = upright.copy()
    clean[erase > 0] = 255
    canvas, strips = stack(clean, grid, page.dpi)
    data = _recognised(canvas, page.dpi, number, options, source)
    pt = 72 / page.dpi
    words = []
    previous = ""
    for text, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                    data["width"], data["height"], strict=True):
        text, previous = repair_glyphs(text.strip(), previous), text.strip() or previous
        strip = next((s for s in strips if s.contains(left + width / 2, top + height / 2)), None)
        if text and float(conf) >= OCR.min_word_confidence and strip is not None:
            x, y = strip.to_page(left, top)
            words.append(Word(text, x * pt, y * pt, (x + width) * pt, (y + height) * pt, round(float(conf) / 100, 3)))
    grids = [[(a * pt, b * pt, c * pt, d * pt) for a, b, c, d in table] for table in grid.tables]
    words = repair_colons(repair_column_numbers(repair_row_numbers(words, grids), grids))
    rules = [Rule(x0 * pt, x1 * pt, y * pt) for x0, x1, y in grid.bars]
    return PageContent(number, words, grids, rules, _to_source(page, dpi), ocr=True)


def ocr_pdf_page(pdf: pdfium.PdfDocument, number: int, source: Path, options: ReaderOptions) -> PageContent:
    """OCR of page `number` of a PDF, a page that has no usable text layer (pdfium renders it under its lock;
    Tesseract reads it outside)."""
    with PDFIUM:
        page = pdf[number - 1]
        try:
            image = render_pdf_page(page, number, source, options)
        finally:
            page.close()
    return ocr_image(image, number, options.dpi, options, source.name)
