"""The layout every reader produces, whatever the source format.

Normalisation only ever sees these records, so a text file, a PDF text layer
and an OCR'd scan are interchangeable for it. Every piece keeps where it came
from (line numbers for text, page and box for PDFs and scans) because data
officers review extracted rows against the source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in PDF points from the page's top-left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box | None) -> Box:
        """The rectangle around both; a box on another page is no part of this one (a Span keeps it apart)."""
        if other is None or other.page != self.page:
            return self
        return Box(self.page, min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class Span:
    """Where a piece of text came from: source lines (1-based, inclusive) and an optional box.

    A piece that a page break cuts (a table row whose cells go on over the page) keeps one box per page:
    `box` on its first page and `more` on the pages after it, so the reviewer sees every part of it.
    """

    line_start: int
    line_end: int
    page: int = 1
    box: Box | None = None
    more: tuple[Box, ...] = ()

    @property
    def boxes(self) -> tuple[Box, ...]:
        """Every page's box in page order, the first page's first."""
        return ((self.box,) if self.box else ()) + self.more

    def merge(self, other: Span | None) -> Span:
        if other is None:
            return self
        by_page: dict[int, Box] = {}
        for box in self.boxes + other.boxes:
            by_page[box.page] = box.union(by_page.get(box.page))
        boxes = [by_page[page] for page in sorted(by_page)]
        return Span(min(self.line_start, other.line_start), max(self.line_end, other.line_end),
                    min(self.page, other.page), boxes[0] if boxes else None, tuple(boxes[1:]))


@dataclass(frozen=True)
class Line:
    """One line of running text (outside tables)."""

    text: str
    span: Span
    confidence: float = 1.0


class RowKind(StrEnum):
    """What a table's rows are, which tells normalisation how far to trust a row boundary.

    SOURCE rows are the rows of the source's own table (a word processor's, a spreadsheet's or a web page's
    table, or one drawn with rules); LINE rows are lines as a converter or the alignment of words gave them,
    so one source row may have become several.
    """

    SOURCE = "source"
    LINE = "line"


@dataclass(frozen=True)
class Cell:
    """One cell of a grid: its top-left slot (row, col) and how many rows and columns it covers."""

    text: str
    span: Span
    confidence: float = 1.0
    row: int = 0
    col: int = 0
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class Row:
    """The cells whose top-left slot lies in one grid row, left to right."""

    cells: tuple[Cell, ...]
    span: Span

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    """A grid: rows of cells that may span rows and columns; the first row is not assumed to be a header."""

    rows: tuple[Row, ...]
    span: Span
    row_kind: RowKind = RowKind.SOURCE
    header_rows: int = 0  # first rows the source sets apart as the table's heading; 0 when it does not say

    @cached_property
    def columns(self) -> int:
        return max((c.col + c.col_span for r in self.rows for c in r.cells), default=0)

    @cached_property
    def slots(self) -> tuple[tuple[Cell | None, ...], ...]:
        """Every (row, column) slot holding the cell that covers it, None where no cell does."""
        grid: list[list[Cell | None]] = [[None] * self.columns for _ in self.rows]
        for row in self.rows:
            for cell in row.cells:
                for r in range(cell.row, min(cell.row + cell.row_span, len(grid))):
                    for c in range(cell.col, cell.col + cell.col_span):
                        grid[r][c] = cell
        return tuple(tuple(r) for r in grid)


Block = Line | Table


@dataclass
class Layout:
    """A whole document as read: blocks in reading order plus what the reader noticed."""

    source: str
    media_type: str
    method: str
    blocks: list[Block] = field(default_factory=list)
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
