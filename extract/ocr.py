"""OCR of page images: render, deskew, clean, find the table grid, one Tesseract call per page.

Tesseract runs once per page (never per cell) and returns word boxes with
confidences; words are then placed in the grid's cells by position, so a page
costs about what the bare `tesseract` command costs. Ruling lines are erased
before recognition because strokes touching letters are read as 'l' or '|'.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import pytesseract

from extract.errors import ExtractError, InputRefused
from extract.ocr_grid import find_grid
from extract.ocr_strips import stack
from extract.pdf_blocks import PageContent
from extract.pdf_words import BoxTuple, Rule, Word

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from extract.reader import ReaderOptions

TESSERACT_CONFIG = "--psm 6 --oem 1"
TESSERACT_TIMEOUT = 180
MIN_CONFIDENCE = 10
PERCENT_MISREADS = {"Yo", "yo", "%o", "Jo", "%6", "9%", "°%"}
PERCENT_GLUED = re.compile(r"(\d+)(?:Yo|yo|%o)")


def render_pdf_page(page: pdfium.PdfPage, number: int, source: Path, options: ReaderOptions) -> np.ndarray:
    """The page as a grey image at options.dpi, refused before rendering if it would be too large."""
    width, height = page.get_size()
    scale = options.dpi / 72
    pixels = width * scale * height * scale
    if pixels > options.max_image_pixels:
        raise InputRefused(source.name, f"page {number} would render to {pixels:,.0f} pixels at {options.dpi} dpi, "
                                        f"over the limit of {options.max_image_pixels:,}")
    bitmap = page.render(scale=scale, grayscale=True)
    return np.asarray(bitmap.to_pil().convert("L")).copy()


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


def _rotate(grey: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return rotated, cv2.invertAffineTransform(matrix)


def _unrotate(inverse: np.ndarray, dpi: int) -> Callable[[BoxTuple], BoxTuple]:
    """Maps a box in points on the deskewed image back onto the page as scanned."""
    factor = dpi / 72

    def transform(box: BoxTuple) -> BoxTuple:
        x0, y0, x1, y1 = (v * factor for v in box)
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64)
        mapped = corners @ inverse.T / factor
        return (float(mapped[:, 0].min()), float(mapped[:, 1].min()),
                float(mapped[:, 0].max()), float(mapped[:, 1].max()))

    return transform


def run_tesseract(image: np.ndarray, dpi: int, lang: str, source: str,
                  timeout: float = TESSERACT_TIMEOUT) -> dict[str, list]:
    """One Tesseract call for the whole page, single-threaded so parallel pages don't oversubscribe cores.

    The image goes to Tesseract as an uncompressed PGM file: pytesseract would otherwise
    PNG-encode it, which costs a good part of a second per page. Tesseract is
    stopped after `timeout` seconds: the page's limit, or what is left of the document's.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="iki-ocr-") as tmp:
        path = Path(tmp) / "page.pgm"
        cv2.imwrite(str(path), image)
        try:
            return pytesseract.image_to_data(str(path), lang=lang, config=f"{TESSERACT_CONFIG} --dpi {dpi}",
                                             output_type=pytesseract.Output.DICT, timeout=timeout)
        except pytesseract.TesseractNotFoundError as exc:
            raise ExtractError(source, "OCR needs the tesseract program, which is not installed") from exc
        except RuntimeError as exc:  # TesseractError is one; a timeout is a plain one
            if isinstance(exc, pytesseract.TesseractError) or "timeout" not in str(exc):
                raise ExtractError(source, f"OCR failed ({exc})") from exc
            raise InputRefused(source, f"OCR stopped after {timeout:.0f} s, the time left for this page and "
                                       "document") from exc


def repair_percent(text: str, previous: str) -> str:
    """Tesseract's usual reading of '%' after a number ('Yo', '%o') turned back into '%'."""
    if text in PERCENT_MISREADS and previous[-1:].isdigit():
        return "%"
    match = PERCENT_GLUED.fullmatch(text)
    return f"{match.group(1)}%" if match else text


def ocr_image(grey: np.ndarray, number: int, dpi: int, lang: str, source: str,
              timeout: float = TESSERACT_TIMEOUT) -> PageContent:
    """Words, grid and fraction bars of one grey page image, in points on the deskewed page."""
    angle = estimate_skew(grey)
    upright, inverse = _rotate(grey, angle) if abs(angle) >= 0.05 else (grey, None)
    upright = cv2.medianBlur(upright, 3)
    grid = find_grid(upright, dpi)
    erase = cv2.dilate(grid.mask, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    clean = upright.copy()
    clean[erase > 0] = 255
    canvas, strips = stack(clean, grid, dpi)
    data = run_tesseract(canvas, dpi, lang, source, timeout)
    pt = 72 / dpi
    words = []
    previous = ""
    for text, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                    data["width"], data["height"], strict=True):
        text, previous = repair_percent(text.strip(), previous), text.strip() or previous
        strip = next((s for s in strips if s.contains(left + width / 2, top + height / 2)), None)
        if text and float(conf) >= MIN_CONFIDENCE and strip is not None:
            x, y = strip.to_page(left, top)
            words.append(Word(text, x * pt, y * pt, (x + width) * pt, (y + height) * pt, round(float(conf) / 100, 3)))
    grids = [[(a * pt, b * pt, c * pt, d * pt) for row in table for a, b, c, d in row] for table in grid.tables]
    rules = [Rule(x0 * pt, x1 * pt, y * pt) for x0, x1, y in grid.bars]
    return PageContent(number, words, grids, rules, _unrotate(inverse, dpi) if inverse is not None else None, ocr=True)


def ocr_pdf_page(page: pdfium.PdfPage, number: int, source: Path, options: ReaderOptions) -> PageContent:
    """OCR of one PDF page that has no usable text layer."""
    grey = render_pdf_page(page, number, source, options)
    return ocr_image(grey, number, options.dpi, options.ocr_lang, source.name, page_timeout(options, source.name))


def page_timeout(options: ReaderOptions, source: str) -> float:
    """Seconds one OCR call may take: the page's limit, or less when the document's budget runs short."""
    return min(TESSERACT_TIMEOUT, options.seconds_left(source))
