"""Grids with spans built the two ways sources give them: cells in markup order, or cell boxes on a page.

Markup (HTML, a word processor's table, a spreadsheet) lists each row's cells
left to right and says how far each spans; a cell then takes the first slot
that no spanning cell from an earlier row already covers. A page gives only
boxes, so the grid's lines are the distinct cell edges, and a box that reaches
past several of them spans that many rows or columns.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.layout import Cell, Row, RowKind, Span, Table

BoxTuple = tuple[float, float, float, float]
_RULE = re.compile(r"^[-\s|=_]*$")


def is_rule_row(texts: Sequence[str]) -> bool:
    """A row drawn only of dashes: how converters write a table's rule, not content."""
    return all(_RULE.match(t) for t in texts)


@dataclass(frozen=True)
class CellSpec:
    """A cell as a reader meets it, before its slot in the grid is known."""

    text: str
    span: Span
    confidence: float = 1.0
    row_span: int = 1
    col_span: int = 1


def _row_span_of(cells: Sequence[Cell], fallback: Span) -> Span:
    spans = [c.span for c in cells]
    if not spans:
        return fallback
    merged = spans[0]
    for other in spans[1:]:
        merged = merged.merge(other)
    return merged


def place_rows(rows: Sequence[Sequence[CellSpec]], span: Span,
               row_kind: RowKind = RowKind.SOURCE) -> Table:
    """A Table from rows of cells in reading order, each cell in the first slot left free by spans above."""
    covered: set[tuple[int, int]] = set()
    out: list[Row] = []
    last = len(rows)
    previous = span
    for r, specs in enumerate(rows):
        col = 0
        cells: list[Cell] = []
        for spec in specs:
            while (r, col) in covered:
                col += 1
            row_span = max(1, min(spec.row_span, last - r))
            col_span = max(1, spec.col_span)
            cells.append(Cell(spec.text, spec.span, spec.confidence, r, col, row_span, col_span))
            covered.update((r + dr, col + dc) for dr in range(row_span) for dc in range(col_span))
            col += col_span
        previous = _row_span_of(cells, previous)
        out.append(Row(tuple(cells), previous))
    return Table(tuple(out), span, row_kind)


def edges(values: Sequence[float], tolerance: float) -> list[float]:
    """Distinct positions among `values`, those closer than `tolerance` taken as one (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


@dataclass(frozen=True)
class Slot:
    """Where a box sits in the grid its table's edges draw."""

    row: int
    col: int
    row_span: int
    col_span: int


def slots_of_boxes(boxes: Sequence[BoxTuple], tolerance: float) -> tuple[list[Slot], list[float], list[float]]:
    """Each box's slot, and the grid's column and row edges (x and y)."""
    xs = edges([v for b in boxes for v in (b[0], b[2])], tolerance)
    ys = edges([v for b in boxes for v in (b[1], b[3])], tolerance)
    slots = []
    for x0, top, x1, bottom in boxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        slots.append(Slot(r0, c0, max(1, r1 - r0), max(1, c1 - c0)))
    return slots, xs, ys


def uncovered(slots: Sequence[Slot], rows: int, columns: int) -> list[Slot]:
    """The parts of a rows x columns grid no slot covers, each column's consecutive free slots as one."""
    taken = {(s.row + dr, s.col + dc) for s in slots for dr in range(s.row_span) for dc in range(s.col_span)}
    holes = []
    for col in range(columns):
        row = 0
        while row < rows:
            if (row, col) in taken:
                row += 1
                continue
            start = row
            while row < rows and (row, col) not in taken:
                row += 1
            holes.append(Slot(start, col, row - start, 1))
    return holes


def stacked(upper: Table, lower: Table) -> Table:
    """One table of two that follow each other, the lower one's rows under the upper one's."""
    offset = len(upper.rows)
    rows = [*upper.rows, *(Row(tuple(replace(c, row=c.row + offset) for c in r.cells), r.span) for r in lower.rows)]
    return Table(tuple(rows), upper.span.merge(lower.span), upper.row_kind)
