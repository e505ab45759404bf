"""What a variant draws, before any file format: paragraphs, lists, fractions and tables with spans.

Each writer (DOCX, HTML, reportlab, XLSX) renders this one model with its own
native means (Word numbering and vMerge, rowspan, SPAN, merged ranges), so all
forms of a variant show the same content and differ only in how a format draws it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from samples.render.fonts import Font


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class Marker(Enum):
    """How list items are marked: a. b. c., 1. 2. 3., bullets or dashes."""

    LETTER = "letter"
    NUMBER = "number"
    BULLET = "bullet"
    DASH = "dash"

    def label(self, index: int) -> str:
        if self is Marker.LETTER:
            return f"{chr(ord('a') + index % 26)}."
        if self is Marker.NUMBER:
            return f"{index + 1}."
        return "•" if self is Marker.BULLET else "-"


class TableRole(Enum):
    INDICATORS = "indicators"
    FIELDS = "fields"
    PREAMBLE = "preamble"


@dataclass(frozen=True)
class Para:
    """One paragraph; a "\\t" in the text jumps to the next of `tabs_mm` (measured from the left margin)."""

    text: str
    bold: bool = False
    underline: bool = False
    align: Align = Align.LEFT
    size_delta: float = 0.0
    indent_mm: float = 0.0
    hanging_mm: float = 0.0
    tabs_mm: tuple[float, ...] = ()
    space_before_pt: float = 0.0
    rule_below: bool = False


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    marker: Marker
    indent_mm: float = 0.0


@dataclass(frozen=True)
class Fraction:
    """A ratio drawn stacked: numerator over a rule over denominator, `suffix` ("x 100%") beside."""

    numerator: str
    denominator: str
    suffix: str


Piece = Para | ItemList | Fraction


@dataclass(frozen=True)
class Cell:
    """An anchor cell; with `rule_below` off the rule under it is not drawn, so a value written once over
    blank cells looks merged without being merged."""

    row: int
    col: int
    pieces: tuple[Piece, ...]
    row_span: int = 1
    col_span: int = 1
    header: bool = False
    rule_below: bool = True


@dataclass
class Grid:
    """A table as a grid of anchor cells; the slots a span covers have no cell of their own."""

    n_cols: int
    widths: tuple[float, ...]
    cells: list[Cell]
    role: TableRole
    header_rows: int = 0
    borders: bool = True
    repeat_header: bool = False
    rows_can_split: bool = True
    size_delta: float = 0.0

    @property
    def n_rows(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    def anchors(self) -> Iterator[Cell]:
        yield from sorted(self.cells, key=lambda c: (c.row, c.col))

    def rows(self) -> list[list[Cell]]:
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.anchors():
            out[cell.row].append(cell)
        return out


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | ItemList | Grid | PageBreak


@dataclass
class Section:
    """A run of pages with one orientation; a new section always starts a new page."""

    landscape: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    paper_mm: tuple[float, float]
    margins_mm: tuple[float, float, float, float]
    font: Font
    font_pt: float
    sections: list[Section]
    title: str

    def page_mm(self, landscape: bool) -> tuple[float, float]:
        w, h = self.paper_mm
        return (h, w) if landscape else (w, h)

    def text_width_mm(self, landscape: bool) -> float:
        top, right, bottom, left = self.margins_mm
        return self.page_mm(landscape)[0] - left - right


def piece_lines(pieces: tuple[Piece, ...]) -> list[str]:
    lines: list[str] = []
    for piece in pieces:
        if isinstance(piece, Para):
            lines.append(piece.text)
        elif isinstance(piece, ItemList):
            lines.extend(f"{piece.marker.label(i)} {item}" for i, item in enumerate(piece.items))
        else:
            lines.extend([piece.numerator, piece.denominator + (f" {piece.suffix}" if piece.suffix else "")])
    return lines
