"""One image per page for Tesseract in which every table cell stands on its own.

Read as a page, a table's cells sit side by side with lines at different
heights, and Tesseract's line finder merges them into garbled lines. Cutting
the page into strips — the text outside tables, each cell's content, and the
multiplier beside each fraction bar — and stacking them with blank space
between keeps one Tesseract call per page while every strip reads as plain
lines. Each strip remembers where it came from, so word boxes map back to the
page exactly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extract.ocr_grid import PageGrid, PxBox, binarise

PAD = 20
MAX_HEIGHT = 32_000


@dataclass(frozen=True)
class Strip:
    """A region of the page (src, pixels) and where its top-left went on the stacked image."""

    src: PxBox
    dst_x: int
    dst_y: int

    def contains(self, x: float, y: float) -> bool:
        w, h = self.src[2] - self.src[0], self.src[3] - self.src[1]
        return self.dst_x <= x <= self.dst_x + w and self.dst_y <= y <= self.dst_y + h

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        return x - self.dst_x + self.src[0], y - self.dst_y + self.src[1]


def _tight(ink: np.ndarray, box: PxBox, pad: int) -> PxBox | None:
    """The box shrunk to the ink inside it (plus `pad`), or None when it holds no ink."""
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
    if rows.size == 0 or region.sum() < 255 * 12:
        return None
    h, w = ink.shape
    return (max(x0 + int(cols[0]) - pad, 0), max(y0 + int(rows[0]) - pad, 0),
            min(x0 + int(cols[-1]) + 1 + pad, w), min(y0 + int(rows[-1]) + 1 + pad, h))


def _regions(shape: tuple[int, ...], grid: PageGrid, dpi: int) -> tuple[list[PxBox], list[PxBox]]:
    """Source boxes (text bands, cells, multiplier zones) and the zones, which are blanked in their cells."""
    h, w = shape[:2]
    unit = dpi / 72
    inset = int(2 * unit)
    tables = [(min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
              for t in grid.tables]
    boxes: list[PxBox] = []
    y = 0
    for tx0, ty0, tx1, ty1 in sorted(tables, key=lambda b: b[1]):
        if ty0 > y:
            boxes.append((0, y, w, ty0))
        boxes += [(0, ty0, tx0, ty1), (tx1, ty0, w, ty1)]
        y = max(y, ty1)
    if y < h:
        boxes.append((0, y, w, h))
    blanks: list[PxBox] = []
    line = int(7 * unit)
    for table in grid.tables:
        for x0, y0, x1, y1 in table:
            boxes.append((x0 + inset, y0 + inset, x1 - inset, y1 - inset))
            for bx0, bx1, by in grid.bars:
                if x0 <= bx0 and bx1 <= x1 and y0 < by < y1:
                    zone = (bx1 + inset, max(by - line, y0 + inset), x1 - inset, min(by + line, y1 - inset))
                    boxes.append(zone)
                    blanks.append(zone)
    return boxes, blanks


def stack(clean: np.ndarray, grid: PageGrid, dpi: int) -> tuple[np.ndarray, list[Strip]]:
    """The stacked image for Tesseract and the strips that map its word boxes back onto the page.

    Falls back to the page itself when the stack would exceed Tesseract's image height limit.
    """
    boxes, zones = _regions(clean.shape, grid, dpi)
    ink = binarise(clean)
    masked, masked_ink = clean.copy(), ink.copy()
    for x0, y0, x1, y1 in zones:
        masked[y0:y1, x0:x1] = 255
        masked_ink[y0:y1, x0:x1] = 0
    placed: list[tuple[Strip, np.ndarray]] = []
    y = PAD
    gap = int(10 * dpi / 72)
    for box in boxes:
        source, source_ink = (clean, ink) if box in zones else (masked, masked_ink)
        tight = _tight(source_ink, box, 6)
        if tight is None:
            continue
        x0, y0, x1, y1 = tight
        placed.append((Strip(tight, PAD, y), source[y0:y1, x0:x1]))
        y += (y1 - y0) + gap
    if y + PAD > MAX_HEIGHT:
        h, w = clean.shape
        return clean, [Strip((0, 0, w, h), 0, 0)]
    width = max((crop.shape[1] for _, crop in placed), default=1) + 2 * PAD
    canvas = np.full((y + PAD, width), 255, dtype=np.uint8)
    for strip, crop in placed:
        canvas[strip.dst_y:strip.dst_y + crop.shape[0], strip.dst_x:strip.dst_x + crop.shape[1]] = crop
    return canvas, [strip for strip, _ in placed]
