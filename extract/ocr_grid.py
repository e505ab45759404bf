"""Ruling lines on a page image: table cells with their spans, and fraction bars, found with OpenCV morphology.

Scans keep their tables only as drawn lines. Opening the binarised page with
long thin kernels leaves just the horizontal and vertical strokes; a table is a
connected set of them. Its column edges are where vertical rules stand and its
row edges where horizontal rules reaching a vertical one lie, so a rule drawn
across only some columns (under each indicator, but not under the sasaran that
spans them) still makes a row edge. Each slot of that grid is joined to its
neighbour wherever the rule between them is missing, and each group of joined
slots is one cell: the sasaran cell then spans its indicator rows. Collinear
pieces of a rule broken by faint toner are one rule, and doubled rules one
edge. Short horizontal strokes inside a table that touch no vertical rule are
fraction bars.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.ocr_settings import GRID, GridSettings

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

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class PageGrid:
    """Tables as lists of cell boxes (a spanning cell is one box), fraction bars as (x0, x1, y), and the mask of
    the tables' ruling strokes (pixels), which are erased before recognition."""

    tables: list[list[PxBox]]
    bars: list[tuple[int, int, int]]
    mask: np.ndarray


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, tolerant of uneven scan brightness."""
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def _strokes(ink: np.ndarray, length: int, bridge: int, horizontal: bool) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    gap = cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1) if horizontal else (1, bridge))
    return cv2.morphologyEx(lines, cv2.MORPH_CLOSE, gap)


def _segments(mask: np.ndarray) -> list[Segment]:
    """Bounding boxes of the mask's connected strokes (outer contours: cheap on a sparse mask)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = (cv2.boundingRect(c) for c in contours)
    return [Segment(x, y, x + w, y + h) for x, y, w, h in boxes]


def _rules_only(strokes: np.ndarray, ink: np.ndarray, grey: np.ndarray, palest: float, s: GridSettings,
                unit: float, horizontal: bool) -> np.ndarray:
    """Only the strokes that are rules: dark, thin for their length, with paper along at least one side.

    A blurred line of print also holds long runs of ink (its letters run
    together), but as a band as tall as its letters, or with the letters' bodies
    right above and below it, where a rule is a few pixels thick with the cell's
    padding beside it. A copier's toner streak runs down the whole page, but only
    a little darker than the paper, where even a faded rule is nearer the print's
    grey than the paper's white.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
    on = strokes > 0
    shade = np.bincount(labels[on], weights=grey[on], minlength=count) / np.maximum(stats[:, cv2.CC_STAT_AREA], 1)
    keep = np.zeros(count, dtype=bool)
    side = max(2, int(s.rule_side_pt * unit))
    height, width = ink.shape
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        length = w if horizontal else h
        if area > s.max_rule_thickness_pt * unit * length or shade[i] > palest:
            continue
        if horizontal:
            before, after = ink[max(y - side, 0):y, x:x + w], ink[y + h:min(y + h + side, height), x:x + w]
        else:
            before, after = ink[y:y + h, max(x - side, 0):x], ink[y:y + h, x + w:min(x + w + side, width)]
        shares = [float(band.mean()) / 255 if band.size else 0.0 for band in (before, after)]
        keep[i] = min(shares) <= s.rule_side_ink
    out = np.zeros_like(strokes)
    out[on] = np.where(keep[labels[on]], 255, 0)
    return out


def _merge_positions(values: list[float], tolerance: float) -> list[int]:
    merged: list[list[float]] = []
    for value in sorted(values):
        if merged and value - merged[-1][-1] <= tolerance:
            merged[-1].append(value)
        else:
            merged.append([value])
    return [int(round(sum(group) / len(group))) for group in merged]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """The share of [start, end] that the union of `spans` covers."""
    if end <= start:
        return 0.0
    total, reach = 0, start
    for a, b in sorted(spans):
        a, b = max(a, reach), min(b, end)
        if b > a:
            total += b - a
            reach = b
    return total / (end - start)


def _joined(segments: list[Segment], gap: int, horizontal: bool, tolerance: int) -> list[Segment]:
    """Collinear pieces of one rule (broken where the toner was faint) joined when the gap between them is short."""
    key = (lambda s: (s.cy, s.x0)) if horizontal else (lambda s: (s.cx, s.y0))
    out: list[Segment] = []
    for seg in sorted(segments, key=key):
        for i in range(len(out) - 1, max(len(out) - 8, -1), -1):
            prev = out[i]
            if horizontal and abs(prev.cy - seg.cy) <= tolerance and 0 <= seg.x0 - prev.x1 <= gap:
                out[i] = Segment(prev.x0, min(prev.y0, seg.y0), max(prev.x1, seg.x1), max(prev.y1, seg.y1))
                break
            if not horizontal and abs(prev.cx - seg.cx) <= tolerance and 0 <= seg.y0 - prev.y1 <= gap:
                out[i] = Segment(min(prev.x0, seg.x0), prev.y0, max(prev.x1, seg.x1), max(prev.y1, seg.y1))
                break
        else:
            out.append(seg)
    return out


def _touches(h: Segment, verticals: list[Segment], tol: int) -> bool:
    """Whether a horizontal stroke meets a vertical rule at one of its ends or crosses one."""
    return any(v.y0 - tol <= h.cy <= v.y1 + tol and h.x0 - tol <= v.cx <= h.x1 + tol for v in verticals)


class _Slots:
    """Union-find over the slots of a rows x columns grid."""

    def __init__(self, rows: int, cols: int) -> None:
        self.cols = cols
        self.parent = list(range(rows * cols))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _cells(xs: list[int], ys: list[int], hsegs: list[Segment], vsegs: list[Segment], tol: int,
           s: GridSettings) -> list[PxBox]:
    """The cells of one table: grid slots joined across every missing rule, each group one box."""
    rows, cols = len(ys) - 1, len(xs) - 1
    h_at = [[(h.x0, h.x1) for h in hsegs if abs(h.cy - y) <= tol] for y in ys]
    v_at = [[(v.y0, v.y1) for v in vsegs if abs(v.cx - x) <= tol] for x in xs]
    slots = _Slots(rows, cols)
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and _covered(v_at[c + 1], ys[r], ys[r + 1]) < s.rule_cover:
                slots.join(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and _covered(h_at[r + 1], xs[c], xs[c + 1]) < s.rule_cover:
                slots.join(r * cols + c, (r + 1) * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(slots.find(r * cols + c), []).append((r, c))
    boxes = []
    for members in groups.values():
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
        c0, c1 = min(c for _, c in members), max(c for _, c in members)
        boxes.append((xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    return sorted(set(boxes), key=lambda b: (b[1], b[0]))


def _open_ends(rules: list[Segment], verticals: list[Segment], tol: int) -> list[Segment]:
    """Rules to close a table that a page break left open: where three or more column rules start above the
    first rule (or end below the last) together, a row went on from the page before (or onto the next) and
    the converter drew no border there."""
    if not rules or not verticals:
        return []
    left, right = min(v.cx for v in verticals), max(v.cx for v in verticals)
    closing = []
    top, bottom = min(r.cy for r in rules), max(r.cy for r in rules)
    for end, beyond in ((min(v.y0 for v in verticals), lambda y: y < top - 2 * tol),
                        (max(v.y1 for v in verticals), lambda y: y > bottom + 2 * tol)):
        together = [v for v in verticals if abs((v.y0 if end < top else v.y1) - end) <= tol]
        if beyond(end) and len(together) >= 3:
            closing.append(Segment(int(left), int(end), int(right), int(end)))
    return closing


def _band_height(ink: np.ndarray, x0: int, x1: int, y: int, solid: float) -> int:
    """Rows around y over [x0, x1] that are nearly all ink: a drawn bar's thickness, or a blurred word's height."""
    share = ink[:, x0:x1].mean(axis=1) / 255 if x1 > x0 else np.zeros(ink.shape[0])
    top = bottom = y
    while top > 0 and share[top - 1] > solid:
        top -= 1
    while bottom + 1 < share.size and share[bottom + 1] > solid:
        bottom += 1
    return bottom - top + 1


def _is_bar(ink: np.ndarray, h: Segment, unit: float, s: GridSettings) -> bool:
    """A short stroke in a cell is a fraction bar only when its solid band is thin: in a blurred photo a bold
    word's letters run into a horizontal band that passes the stroke tests, and taken for a bar it would be
    erased and cut its cell."""
    return _band_height(ink, h.x0, h.x1, int(h.cy), s.bar_band_ink) <= s.max_bar_band_pt * unit


def find_grid(grey: np.ndarray, dpi: int, s: GridSettings = GRID) -> PageGrid:
    """Tables (cells with spans) and fraction bars on a deskewed grey page image."""
    ink = binarise(grey)
    unit = dpi / 72
    length, bridge = int(s.min_rule_pt * unit), max(3, int(s.bridge_pt * unit))
    print_shade = float(np.median(grey[ink > 0])) if np.any(ink) else 0.0
    palest = print_shade + s.max_rule_paleness * (255.0 - print_shade)
    horizontal = _rules_only(_strokes(ink, length, bridge, True), ink, grey, palest, s, unit, True)
    vertical = _rules_only(_strokes(ink, length, bridge, False), ink, grey, palest, s, unit, False)
    mask = cv2.bitwise_or(horizontal, vertical)
    tol = int(s.edge_tolerance_pt * unit)
    gap = int(s.broken_rule_gap_pt * unit)
    hsegs = _joined(_segments(horizontal), gap, True, tol)
    vsegs = _joined([v for v in _segments(vertical)], gap, False, tol)
    vsegs = [v for v in vsegs if v.y1 - v.y0 > s.min_vertical_pt * unit]
    reach = gap // 2 * 2 + 1
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    tables: list[list[PxBox]] = []
    bars: list[tuple[int, int, int]] = []
    in_tables = np.zeros_like(mask)
    for region in sorted(_segments(joined), key=lambda r: (r.y0, r.x0)):
        if region.x1 - region.x0 < s.min_table_width_pt * unit or region.y1 - region.y0 < s.min_table_height_pt * unit:
            continue
        inside_h = [h for h in hsegs if region.x0 - tol <= h.x0 and h.x1 <= region.x1 + tol
                    and region.y0 - tol <= h.cy <= region.y1 + tol]
        inside_v = [v for v in vsegs if region.x0 - tol <= v.cx <= region.x1 + tol
                    and region.y0 - tol <= v.y0 and v.y1 <= region.y1 + tol]
        rules = [h for h in inside_h if _touches(h, inside_v, tol)]
        rules += _open_ends(rules, inside_v, tol)
        xs = _merge_positions([v.cx for v in inside_v], tol)
        ys = _merge_positions([h.cy for h in rules], tol)
        if len(xs) < 2 or len(ys) < 2:
            continue
        tables.append(_cells(xs, ys, rules, inside_v, tol, s))
        for h in inside_h:
            if _touches(h, inside_v, tol):
                continue
            if _is_bar(ink, h, unit, s):
                bars.append((h.x0, h.x1, int(h.cy)))
            else:
                mask[h.y0:h.y1 + 1, h.x0:h.x1 + 1] = 0
        in_tables[region.y0:region.y1, region.x0:region.x1] = 255
    return PageGrid(tables, bars, cv2.bitwise_and(mask, in_tables))
