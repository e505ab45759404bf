"""Page content (words, table grids, rules) assembled into the Layout the text reader would give.

Both the PDF text layer and OCR end here: words inside a ruled grid become that
table's cells, the other words become lines in reading order, and lines whose
words fall into aligned columns (key/value blocks drawn without borders) become
a table too. Tables continued on the next page under a repeated header are
joined, and lines are numbered across the document so provenance stays usable.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from extract.aligned import AlignedTable, aligned_blocks
from extract.errors import ExtractError
from extract.grid import slots_of_boxes, uncovered
from extract.layout import Block, Box, Cell, Layout, Line, Row, RowKind, Span, Table
from extract.pdf_cells import cell_text
from extract.pdf_words import (
    BoxTuple,
    Rule,
    Word,
    bounds,
    group_lines,
    inner_words,
    inside,
    line_text,
    mean_conf,
    repair_bullet,
)

Grid = list[BoxTuple]
GRID_TOLERANCE = 3.0
COLUMN_SLACK = 6.0
PAGE_NUMBER = re.compile(r"^\W*(?:hal(?:aman)?\.?\s*)?\d{1,3}(?:\s*(?:/|dari|of)\s*\d{1,3})?\W*$", re.I)
DECREE_WORDS = ("indikator", "kinerja", "jabatan", "sasaran", "keputusan", "camat")


@dataclass
class PageContent:
    """What a reader found on one page, all in points from the page's top-left."""

    page: int
    words: list[Word]
    grids: list[Grid] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    to_page: Callable[[BoxTuple], BoxTuple] | None = None
    ocr: bool = False


@dataclass
class Piece:
    """A line or a cell before line numbering: text, box, confidence, how many visual lines, and for a cell
    its column and how far it spans."""

    text: str
    box: BoxTuple
    conf: float
    lines: int
    col: int = 0
    row_span: int = 1
    col_span: int = 1


@dataclass
class PageTable:
    """A table on one page; `row_pages` grows when a continuation on later pages is joined to it."""

    rows: list[list[Piece]]
    box: BoxTuple
    columns: list[float]
    page: int
    row_kind: RowKind
    row_pages: list[int] = field(default_factory=list)

    def page_of(self, index: int) -> int:
        return self.row_pages[index] if index < len(self.row_pages) else self.page


@dataclass
class PageLine:
    piece: Piece
    page: int


def _table_from_grid(grid: Grid, content: PageContent, whole: frozenset[str]) -> PageTable:
    """A ruled table from its cell boxes: rows and columns from the boxes' edges, spans where a box reaches
    past several. A part of the grid no box covers (a merged cell whose closing rule is on the next page) is
    a cell too, so its words are not lost."""
    slots, xs, ys = slots_of_boxes(grid, GRID_TOLERANCE)
    holes = uncovered(slots, len(ys) - 1, len(xs) - 1)
    boxes = [*grid, *((xs[h.col], ys[h.row], xs[h.col + 1], ys[h.row + h.row_span]) for h in holes)]
    slots = [*slots, *holes]
    rows: list[list[Piece]] = [[] for _ in range(max(len(ys) - 1, 1))]
    for box, slot in sorted(zip(boxes, slots, strict=True), key=lambda pair: (pair[1].row, pair[1].col)):
        words = [w for w in content.words if inside(w, box)]
        cell = cell_text(words, content.rules, box, whole)
        rows[slot.row].append(Piece(cell.text, box, mean_conf(words), max(cell.lines, 1), slot.col, slot.row_span,
                                    slot.col_span))
    box = (min(b[0] for b in grid), min(b[1] for b in grid), max(b[2] for b in grid), max(b[3] for b in grid))
    kept = [row for row in rows if row]
    return PageTable(kept, box, xs[:-1], content.page, RowKind.SOURCE)


def _piece(words: list[Word]) -> Piece:
    return Piece(line_text(words), bounds(words), mean_conf(words), 1)


def _page_table(table: AlignedTable, page: int) -> PageTable:
    rows = [[Piece(c.text, c.box, c.conf, 1, c.col, 1, c.col_span) for c in row.cells] for row in table.rows]
    return _colons(PageTable(rows, table.box, table.columns, page, RowKind.LINE))


def _colons(table: PageTable) -> PageTable:
    """In a column of colons (label : value blocks), OCR's '1.', '|' or ';' for a colon become ':' again."""
    for col in range(len(table.columns)):
        pieces = [p for row in table.rows for p in row if p.col == col and p.text]
        texts = [p.text for p in pieces]
        if texts and texts.count(":") * 2 >= len(texts) and all(len(t) <= 2 for t in texts):
            for piece in pieces:
                piece.text = ":"
    return table


def _bands(lines: list[list[Word]], tables: list[PageTable]) -> list[list[list[Word]]]:
    """The lines between one ruled table and the next: aligned columns never run across a table."""
    cuts = sorted(t.box[1] for t in tables)
    bands: list[list[list[Word]]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        top = min(w.top for w in line)
        bands[sum(1 for c in cuts if c <= top)].append(line)
    return [band for band in bands if band]


def assemble_page(content: PageContent, whole: frozenset[str] | None = None) -> list[PageLine | PageTable]:
    """One page's blocks in reading order: ruled tables, borderless tables and lines, top to bottom. `whole`
    holds the words the document writes whole (the page's own words when not given)."""
    whole = inner_words(content.words) if whole is None else whole
    tables = [_table_from_grid(g, content, whole) for g in content.grids if g and g[0]]
    free = [w for w in content.words if not any(inside(w, t.box, 1.0) for t in tables)]
    lines = [repair_bullet(line) for line in group_lines(free)]
    blocks: list[PageLine | PageTable] = list(tables)
    for band in _bands(lines, tables):
        for found in aligned_blocks(band):
            blocks.append(_page_table(found, content.page) if isinstance(found, AlignedTable)
                          else PageLine(_piece(found), content.page))
    return sorted(blocks, key=lambda b: b.box[1] if isinstance(b, PageTable) else b.piece.box[1])


def _same_row(a: list[Piece], b: list[Piece]) -> bool:
    ta, tb = " ".join(p.text for p in a), " ".join(p.text for p in b)
    return len(a) == len(b) and ratio(ta, tb) >= 85


def _continues(prev: PageLine | PageTable | None, table: PageTable) -> bool:
    """Whether `table`, opening a page, carries on the table that closed the previous page: the same columns,
    or for ruled tables the same outline with the columns of one among those of the other (a header cell
    that spans two columns on one page and is all that page shows of them)."""
    if not isinstance(prev, PageTable) or prev.page != table.page - 1:
        return False
    if len(prev.columns) == len(table.columns):
        aligned = all(abs(a - b) < COLUMN_SLACK for a, b in zip(prev.columns, table.columns, strict=True))
        return aligned or _same_row(prev.rows[0], table.rows[0])
    if RowKind.LINE in (prev.row_kind, table.row_kind):
        return False
    small, large = sorted((prev.columns, table.columns), key=len)
    same_outline = abs(prev.box[0] - table.box[0]) < COLUMN_SLACK and abs(prev.box[2] - table.box[2]) < COLUMN_SLACK
    return same_outline and all(any(abs(x - y) < COLUMN_SLACK for y in large) for x in small)


def _regrid(table: PageTable, columns: list[float]) -> None:
    """A ruled table's cells placed in a finer set of columns, by their boxes."""
    for row in table.rows:
        for piece in row:
            start = min(range(len(columns)), key=lambda i: abs(columns[i] - piece.box[0]))
            end = sum(1 for c in columns if c < piece.box[2] - COLUMN_SLACK)
            piece.col, piece.col_span = start, max(1, end - start)
    table.columns = list(columns)


def _repeated_rows(prev: PageTable, table: PageTable) -> int:
    """How many of the table's first rows repeat the previous page's first rows (a header over one or more
    rows, column numbers)."""
    count = 0
    while (count < len(table.rows) - 1 and count < len(prev.rows)
           and _same_row(prev.rows[count], table.rows[count])):
        count += 1
    return count


def _merge_pages(pages: list[list[PageLine | PageTable]]) -> list[PageLine | PageTable]:
    """Blocks of all pages in order, a table that opens a page (below its page number, if any) joined to
    the table that closed the page before."""
    merged: list[PageLine | PageTable] = []
    for blocks in pages:
        opening = True
        for block in blocks:
            prev = merged[-1] if merged else None
            if opening and isinstance(block, PageLine) and PAGE_NUMBER.match(block.piece.text):
                continue
            if opening and isinstance(block, PageTable) and isinstance(prev, PageTable) and _continues(prev, block):
                if len(prev.columns) != len(block.columns):
                    finer = max(prev.columns, block.columns, key=len)
                    _regrid(prev, finer)
                    _regrid(block, finer)
                rows = block.rows[_repeated_rows(prev, block):]
                prev.row_pages = [prev.page_of(k) for k in range(len(prev.rows))] + [block.page] * len(rows)
                prev.rows.extend(rows)
                prev.page = block.page
                opening = False
                continue
            opening = False
            merged.append(block)
    return merged


def _box(page: int, box: BoxTuple, content: dict[int, PageContent]) -> Box:
    transform = content[page].to_page if page in content else None
    x0, y0, x1, y1 = transform(box) if transform else box
    return Box(page, round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))


def to_layout(contents: list[PageContent], source: str, media_type: str, method: str,
              warnings: list[str] | None = None) -> Layout:
    """The document's Layout: pages assembled, continued tables joined, lines numbered from 1."""
    by_page = {c.page: c for c in contents}
    whole = frozenset().union(*(inner_words(c.words) for c in contents))
    pages = [assemble_page(c, whole) for c in contents]
    blocks: list[Block] = []
    counter = 1
    for block in _merge_pages(pages):
        if isinstance(block, PageLine):
            span = Span(counter, counter, block.page, _box(block.page, block.piece.box, by_page))
            blocks.append(Line(block.piece.text, span, block.piece.conf))
            counter += 1
            continue
        rows = []
        for index, row in enumerate(block.rows):
            page = block.page_of(index)
            height = max(p.lines for p in row)
            cells = tuple(Cell(p.text, Span(counter, counter + max(p.lines, 1) - 1, page, _box(page, p.box, by_page)),
                               p.conf, index, p.col, p.row_span, p.col_span) for p in row)
            row_box = _box(page, (min(p.box[0] for p in row), min(p.box[1] for p in row),
                                  max(p.box[2] for p in row), max(p.box[3] for p in row)), by_page)
            rows.append(Row(cells, Span(counter, counter + height - 1, page, row_box)))
            counter += height
        first_page = [r.span.box for r in rows if r.span.page == rows[0].span.page and r.span.box is not None]
        box = first_page[0]
        for other in first_page[1:]:
            box = box.union(other)
        blocks.append(Table(tuple(rows), Span(rows[0].span.line_start, rows[-1].span.line_end, rows[0].span.page, box),
                            block.row_kind))
    layout = Layout(source=source, media_type=media_type, method=method, blocks=blocks, pages=len(contents),
                    warnings=list(warnings or []))
    _check_decree(layout)
    return layout


def _check_decree(layout: Layout) -> None:
    """Refuse documents with no text, or none of the words every IKI decree carries."""
    texts = [b.text for b in layout.blocks if isinstance(b, Line)]
    texts += [c.text for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    joined = " ".join(texts).lower()
    if not joined.strip():
        raise ExtractError(layout.source, "no text found on any page (blank or unreadable document)")
    if not any(word in joined for word in DECREE_WORDS):
        raise ExtractError(layout.source, "does not look like an IKI decree (no INDIKATOR, JABATAN, SASARAN, "
                                          "KEPUTUSAN or CAMAT anywhere)")
