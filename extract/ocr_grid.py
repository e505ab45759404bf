"""Ruling lines on a page image: table grids and fraction bars, found with OpenCV morphology.

Scans keep their tables only as drawn lines. Opening the binarised page with
long thin kernels leaves just the horizontal and vertical strokes; a table is a
connected set of them, its rows are the horizontal lines spanning its width and
each row's cells are cut by the vertical lines crossing that row. Short
horizontal strokes inside a table that touch no vertical line are fraction bars.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

PxBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Segment:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def length(self) -> int:
        return max(self.x1 - self.x0, self.y1 - self.y0)


@dataclass
class PageGrid:
    """Tables as rows of cell boxes, fraction bars as (x0, x1, y), and the mask of all ruling strokes (pixels)."""

    tables: list[list[list[PxBox]]]
    bars: list[tuple[int, int, int]]
    mask: np.ndarray


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, tolerant of uneven scan brightness."""
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def _strokes(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1) if horizontal else (1, 9))
    return cv2.morphologyEx(lines, cv2.MORPH_CLOSE, bridge)


def _segments(mask: np.ndarray) -> list[Segment]:
    """Bounding boxes of the mask's connected strokes (outer contours: cheap on a sparse mask)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = (cv2.boundingRect(c) for c in contours)
    return [Segment(x, y, x + w, y + h) for x, y, w, h in boxes]


def _merge_positions(values: list[int], tolerance: int) -> list[int]:
    merged: list[list[int]] = []
    for value in sorted(values):
        if merged and value - merged[-1][-1] <= tolerance:
            merged[-1].append(value)
        else:
            merged.append([value])
    return [int(round(sum(group) / len(group))) for group in merged]


def find_grid(grey: np.ndarray, dpi: int) -> PageGrid:
    """Tables and fraction bars on a deskewed grey page image."""
    ink = binarise(grey)
    unit = dpi / 72
    horizontal = _strokes(ink, int(14 * unit), True)
    vertical = _strokes(ink, int(14 * unit), False)
    mask = cv2.bitwise_or(horizontal, vertical)
    hsegs = _segments(horizontal)
    vsegs = [s for s in _segments(vertical) if s.y1 - s.y0 > 10 * unit]
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    tables: list[list[list[PxBox]]] = []
    bars: list[tuple[int, int, int]] = []
    tol = int(3 * unit)
    for region in sorted(_segments(joined), key=lambda r: (r.y0, r.x0)):
        x, y, w, h = region.x0, region.y0, region.x1 - region.x0, region.y1 - region.y0
        if w < 100 * unit or h < 20 * unit:
            continue
        inside_h = [s for s in hsegs if x - tol <= s.x0 and s.x1 <= x + w + tol and y - tol <= s.y0 <= y + h + tol]
        inside_v = [s for s in vsegs if x - tol <= s.x0 <= x + w + tol and y - tol <= s.y0 and s.y1 <= y + h + tol]
        rows_y = _merge_positions([(s.y0 + s.y1) // 2 for s in inside_h if s.length >= 0.9 * w], tol)
        if len(rows_y) < 2 or len(inside_v) < 2:
            continue
        table: list[list[PxBox]] = []
        for top, bottom in zip(rows_y, rows_y[1:], strict=False):
            band = bottom - top
            xs = _merge_positions([(s.x0 + s.x1) // 2 for s in inside_v
                                   if min(s.y1, bottom) - max(s.y0, top) >= 0.7 * band], tol)
            if len(xs) >= 2:
                table.append([(a, top, b, bottom) for a, b in zip(xs, xs[1:], strict=False)])
        if not table:
            continue
        tables.append(table)
        for s in inside_h:
            if s.length < 0.9 * w and not any(v.x0 - tol <= s.x0 <= v.x1 + tol or v.x0 - tol <= s.x1 <= v.x1 + tol
                                              for v in inside_v):
                bars.append((s.x0, s.x1, (s.y0 + s.y1) // 2))
    return PageGrid(tables, bars, mask)
