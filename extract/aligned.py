"""Tables without rules, found from the alignment of words: columns are where every line leaves a gutter.

Borderless position blocks ("JABATAN | : | X"), tables in layout text
(`pdftotext -layout`) and tables whose rules a scan lost only show their
columns as runs of blank space. Lines cut into two or more segments by wide
gaps open a run; the run goes on through lines that stay inside its columns
(a wrapped cell's next line, a list item); its columns are the segment starts
that many lines share and that no line's text crosses. Every line of a run is
a row of the table: which lines make one source row is for normalisation to
judge, from what the rows say.
"""
from __future__ import annotations

from dataclasses import dataclass

from extract.grid import edges
from extract.pdf_words import Word, bounds, line_text, mean_conf, typical_height


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of column finding, in multiples of the page's typical word gap or text height."""

    gutter_gaps: float = 2.0
    min_gutter: float = 5.0
    start_tolerance: float = 0.6
    min_start_tolerance: float = 4.0
    crossing_share: float = 0.15


ALIGN = AlignSettings()


@dataclass
class AlignedCell:
    text: str
    box: tuple[float, float, float, float]
    conf: float
    col: int
    col_span: int = 1


@dataclass
class AlignedRow:
    cells: list[AlignedCell]
    box: tuple[float, float, float, float]


@dataclass
class AlignedTable:
    rows: list[AlignedRow]
    columns: list[float]

    @property
    def box(self) -> tuple[float, float, float, float]:
        boxes = [r.box for r in self.rows]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))


def word_gap(lines: list[list[Word]]) -> float:
    """The page's typical space between words, from gaps that are clearly not column gutters."""
    gaps = sorted(b.x0 - a.x1 for ln in lines for a, b in zip(ln, ln[1:], strict=False)
                  if 0 < b.x0 - a.x1 < 2 * a.height)
    return gaps[len(gaps) // 2] if gaps else 3.0


def segments(line: list[Word], gutter: float) -> list[list[Word]]:
    """A line cut where the space between two words is at least `gutter` wide."""
    segs = [[line[0]]]
    for word in line[1:]:
        if word.x0 - segs[-1][-1].x1 >= gutter:
            segs.append([word])
        else:
            segs[-1].append(word)
    return segs


def _tolerance(line: list[Word]) -> float:
    return max(typical_height(line) * ALIGN.start_tolerance, ALIGN.min_start_tolerance)


def _fits(segs: list[list[Word]], columns: list[float], margin: float, tol: float) -> bool:
    """Whether a one-segment line stays in the run's columns: indented into a later column, or inside the
    first column's width (a wrapped first cell), not a paragraph across the page."""
    x0, _, x1, _ = bounds(segs[0])
    if len(columns) < 2:
        return False
    if x0 >= columns[1] - tol:
        return True
    return abs(x0 - margin) < tol * 3 and x1 < columns[1] - tol


def _columns(run: list[list[list[Word]]], tol: float) -> list[float]:
    """Segment starts that two or more lines share and that few lines' text runs across."""
    starts = [seg[0].x0 for segs in run for seg in segs]
    columns = []
    for start in edges(starts, tol):
        support = sum(1 for x in starts if abs(x - start) < tol)
        if support < 2 and columns:
            continue
        crossing = sum(1 for segs in run for seg in segs if seg[0].x0 < start - tol and seg[-1].x1 > start + tol)
        if crossing <= ALIGN.crossing_share * len(run):
            columns.append(start)
    return columns


def _row(segs: list[list[Word]], columns: list[float], tol: float) -> AlignedRow:
    cells: list[AlignedCell] = []
    for seg in segs:
        x0, _, x1, _ = bounds(seg)
        col = max((i for i, c in enumerate(columns) if c <= x0 + tol), default=0)
        last = max((i for i, c in enumerate(columns) if c < x1 - tol), default=col)
        if cells and cells[-1].col == col:
            prev = cells[-1]
            merged = [*seg]
            cells[-1] = AlignedCell(f"{prev.text} {line_text(merged)}", _union(prev.box, bounds(seg)),
                                    round((prev.conf + mean_conf(seg)) / 2, 3), col, max(prev.col_span, last - col + 1))
            continue
        cells.append(AlignedCell(line_text(seg), bounds(seg), mean_conf(seg), col, max(1, last - col + 1)))
    return AlignedRow(cells, bounds([w for seg in segs for w in seg]))


def _union(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> tuple[float, ...]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def aligned_blocks(lines: list[list[Word]]) -> list[list[Word] | AlignedTable]:
    """The lines in order, runs of aligned lines turned into tables."""
    if not lines:
        return []
    gutter = max(ALIGN.gutter_gaps * word_gap(lines), ALIGN.min_gutter)
    cut = [segments(line, gutter) for line in lines]
    out: list[list[Word] | AlignedTable] = []
    i = 0
    while i < len(lines):
        if len(cut[i]) < 2:
            out.append(lines[i])
            i += 1
            continue
        tol = _tolerance(lines[i])
        run = [cut[i]]
        margin = cut[i][0][0].x0
        j = i + 1
        while j < len(lines):
            columns = _columns(run, tol)
            if len(cut[j]) >= 2 or _fits(cut[j], columns, margin, tol):
                run.append(cut[j])
                j += 1
                continue
            break
        columns = _columns(run, tol)
        if len(run) < 2 or len(columns) < 2:
            out.append(lines[i])
            i += 1
            continue
        out.append(AlignedTable([_row(segs, columns, tol) for segs in run], columns))
        i = j
    return out
