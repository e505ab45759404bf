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

import cv2
import numpy as np

from extract.ocr_grid import PageGrid, PxBox, binarise
from extract.ocr_settings import OCR, STRIPS, StripSettings

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


def despeckled(ink: np.ndarray, min_area: int) -> np.ndarray:
    """Ink without the specks a scanner or copier scatters (blobs smaller than the dot of an 'i'): left in, each
    empty cell would become a strip of blank paper for Tesseract to read, and every strip would reach out
    to a speck at its edge. Blobs are measured on a half-size copy, which is four times cheaper and tells a
    speck from a dot as well."""
    small = (cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) > 63).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(small, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= max(1, min_area // 2)
    keep[0] = False
    kept = keep.astype(np.uint8)[labels] * 255
    return cv2.bitwise_and(ink, cv2.resize(kept, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST))


def _tight(ink: np.ndarray, box: PxBox, pad: int, min_ink: int) -> PxBox | None:
    """The box shrunk to the ink inside it (plus `pad`), or None when it holds (almost) no ink."""
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
    if rows.size == 0 or np.count_nonzero(region) < min_ink:
        return None
    h, w = ink.shape
    return (max(x0 + int(cols[0]) - pad, 0), max(y0 + int(rows[0]) - pad, 0),
            min(x0 + int(cols[-1]) + 1 + pad, w), min(y0 + int(rows[-1]) + 1 + pad, h))


@dataclass(frozen=True)
class Regions:
    """What goes onto the stack: source boxes in reading order, the multiplier zones (blanked in their cells),
    and narrow cells to be set beside the cell on their right (box -> that cell's box)."""

    boxes: list[PxBox]
    zones: list[PxBox]
    beside: dict[PxBox, PxBox]


def _regions(shape: tuple[int, ...], grid: PageGrid, dpi: int, s: StripSettings = STRIPS) -> Regions:
    h, w = shape[:2]
    unit = dpi / 72
    inset = int(s.cell_inset_pt * unit)
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
    zones: list[PxBox] = []
    beside: dict[PxBox, PxBox] = {}
    line = int(s.multiplier_reach_pt * unit)
    for table in grid.tables:
        inner = {cell: (cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset) for cell in table}
        for cell, box in inner.items():
            boxes.append(box)
            x0, y0, x1, y1 = cell
            right = [c for c in table if abs(c[0] - x1) <= inset and abs(c[1] - y0) <= inset]
            if x1 - x0 <= OCR.row_number_column_pt * unit and right:
                beside[box] = inner[right[0]]
            for bx0, bx1, by in grid.bars:
                if x0 <= bx0 and bx1 <= x1 and y0 < by < y1:
                    zone = (bx1 + inset, max(by - line, y0 + inset), x1 - inset, min(by + line, y1 - inset))
                    boxes.append(zone)
                    zones.append(zone)
    return Regions(boxes, zones, beside)


def _first_line(ink: np.ndarray, tight: PxBox, line: int) -> PxBox | None:
    """The tight box cut down to its first line of ink when that line holds nearly all of it (a row number
    with a speck or a rule's stub below it), else None."""
    x0, y0, x1, y1 = tight
    profile = np.count_nonzero(ink[y0:y1, x0:x1], axis=1)
    rows = np.flatnonzero(profile)
    if rows.size == 0:
        return None
    end = rows[0]
    while end + 1 < profile.size and (profile[end + 1] or np.any(profile[end + 1:end + 1 + line // 4])):
        end += 1
    if end - rows[0] > line or profile[end + 1:].sum() > 0.3 * profile.sum():
        return None
    return x0, y0, x1, min(y1, y0 + int(end) + 1 + int(rows[0]))


def _rows(tights: dict[PxBox, PxBox], regions: Regions, ink: np.ndarray, line: int) -> list[list[PxBox]]:
    """Source boxes grouped into rows of the stack: a narrow cell holding one line of ink (the row number)
    goes beside the cell on its right, so that Tesseract reads it within a line of text; alone, a short
    token like "1." is often read as ':' or 'a:'. Its tight box is cut to that line."""
    glued: dict[PxBox, list[PxBox]] = {}
    for narrow, partner in regions.beside.items():
        first = _first_line(ink, tights[narrow], line) if narrow in tights else None
        if first is not None and partner in tights:
            tights[narrow] = first
            glued.setdefault(partner, []).append(narrow)
    placed = {narrow for group in glued.values() for narrow in group}
    return [[*glued.get(box, []), box] for box in regions.boxes if box in tights and box not in placed]


def stack(clean: np.ndarray, grid: PageGrid, dpi: int, s: StripSettings = STRIPS) -> tuple[np.ndarray, list[Strip]]:
    """The stacked image for Tesseract and the strips that map its word boxes back onto the page.

    Falls back to the page itself when the stack would exceed Tesseract's image height limit.
    """
    unit = dpi / 72
    regions = _regions(clean.shape, grid, dpi, s)
    ink = despeckled(binarise(clean), int(s.speck_pt ** 2 * unit * unit))
    masked, masked_ink = clean.copy(), ink.copy()
    for x0, y0, x1, y1 in regions.zones:
        masked[y0:y1, x0:x1] = 255
        masked_ink[y0:y1, x0:x1] = 0
    zones = set(regions.zones)
    tights = {}
    for box in regions.boxes:
        tight = _tight(masked_ink if box not in zones else ink, box, s.pad_px, int(s.min_ink_pt2 * unit * unit))
        if tight is not None:
            tights[box] = tight
    placed: list[tuple[Strip, np.ndarray]] = []
    y = PAD
    gap, beside_gap = int(s.gap_pt * unit), int(s.beside_gap_pt * unit)
    for row in _rows(tights, regions, masked_ink, int(s.one_line_pt * unit)):
        x, height = PAD, 0
        for box in row:
            x0, y0, x1, y1 = tights[box]
            source = clean if box in zones else masked
            placed.append((Strip(tights[box], x, y), source[y0:y1, x0:x1]))
            x += (x1 - x0) + beside_gap
            height = max(height, y1 - y0)
        y += height + gap
    if y + PAD > MAX_HEIGHT:
        h, w = clean.shape
        return clean, [Strip((0, 0, w, h), 0, 0)]
    width = max((strip.dst_x + crop.shape[1] for strip, crop in placed), default=1) + PAD
    canvas = np.full((y + PAD, width), 255, dtype=np.uint8)
    for strip, crop in placed:
        canvas[strip.dst_y:strip.dst_y + crop.shape[0], strip.dst_x:strip.dst_x + crop.shape[1]] = crop
    return canvas, [strip for strip, _ in placed]
