"""Page content (words, table grids, rules) assembled into the Layout the text reader would give.

Both the PDF text layer and OCR end here: words inside a ruled grid become that
table's cells, the other words become lines in reading order, and lines whose
words fall into aligned columns (key/value blocks drawn without borders) become
a table too. Tables continued on the next page under a repeated header are
joined, and lines are numbered across the document so provenance stays usable.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from extract.errors import ExtractError
from extract.layout import Block, Box, Cell, Layout, Line, Row, Span, Table
from extract.pdf_cells import cell_text
from extract.pdf_words import (
    BoxTuple,
    Rule,
    Word,
    bounds,
    group_lines,
    inside,
    line_text,
    mean_conf,
    repair_bullet,
    starts_item,
    typical_height,
)

Grid = list[list[BoxTuple]]
DECREE_WORDS = ("indikator", "kinerja", "jabatan", "sasaran", "keputusan", "camat")


@dataclass
class PageContent:
    """What a reader found on one page, all in points from the page's top-left."""

    page: int
    words: list[Word]
    grids: list[Grid] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    to_page: Callable[[BoxTuple], BoxTuple] | None = None


@dataclass
class Piece:
    """A line or a cell before line numbering: text, box, confidence, and how many visual lines."""

    text: str
    box: BoxTuple
    conf: float
    lines: int


@dataclass
class PageTable:
    """A table on one page; `row_pages` grows when a continuation on later pages is joined to it."""

    rows: list[list[Piece]]
    box: BoxTuple
    columns: list[float]
    page: int
    row_pages: list[int] = field(default_factory=list)

    def page_of(self, index: int) -> int:
        return self.row_pages[index] if index < len(self.row_pages) else self.page


@dataclass
class PageLine:
    piece: Piece
    page: int


def _table_from_grid(grid: Grid, content: PageContent) -> PageTable:
    rows: list[list[Piece]] = []
    for row in grid:
        cells = []
        for box in row:
            words = [w for w in content.words if inside(w, box)]
            cell = cell_text(words, content.rules, box)
            cells.append(Piece(cell.text, box, mean_conf(words), max(cell.lines, 1)))
        rows.append(cells)
    all_boxes = [b for row in grid for b in row]
    box = (min(b[0] for b in all_boxes), min(b[1] for b in all_boxes),
           max(b[2] for b in all_boxes), max(b[3] for b in all_boxes))
    return PageTable(rows, box, [b[0] for b in grid[0]], content.page)


def _segments(line: list[Word], gap: float) -> list[list[Word]]:
    """A line cut where the space between two words is wider than `gap` (column gutters)."""
    segs = [[line[0]]]
    for word in line[1:]:
        if word.x0 - segs[-1][-1].x1 > gap:
            segs.append([word])
        else:
            segs[-1].append(word)
    return segs


def _piece(words: list[Word]) -> Piece:
    return Piece(line_text(words), bounds(words), mean_conf(words), 1)


def _union(a: BoxTuple, b: BoxTuple) -> BoxTuple:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def word_gap(lines: list[list[Word]]) -> float:
    """The page's typical space between words, from gaps that are clearly not column gutters."""
    gaps = sorted(b.x0 - a.x1 for ln in lines for a, b in zip(ln, ln[1:], strict=False)
                  if 0 < b.x0 - a.x1 < 2 * a.height)
    return gaps[len(gaps) // 2] if gaps else 3.0


def _borderless_tables(lines: list[list[Word]], page: int) -> list[PageLine | PageTable]:
    """Lines as PageLines, except runs whose words sit in aligned columns, which become tables.

    A run starts at a line cut into two or more segments by wide gaps; the next
    such line must start its segments at the same x positions. A single-segment
    line that starts at one of the run's later columns continues that cell (a
    wrapped value or the next list item).
    """
    out: list[PageLine | PageTable] = []
    table: PageTable | None = None
    gutter = max(2.0 * word_gap(lines), 5.0)
    for line in lines:
        height = typical_height(line)
        segs = _segments(line, gutter)
        tol = max(height * 0.6, 5.0)
        if len(segs) >= 2:
            starts = [s[0].x0 for s in segs]
            if table and len(starts) <= len(table.columns) and all(
                    any(abs(x - c) < tol for c in table.columns) for x in starts):
                _, top, _, bottom = bounds(line)
                row = [Piece("", (c, top, c, bottom), 1.0, 1) for c in table.columns]
                for seg in segs:
                    col = min(range(len(table.columns)), key=lambda i: abs(table.columns[i] - seg[0].x0))
                    row[col] = _piece(seg)
                table.rows.append(row)
                continue
            table = PageTable([[_piece(s) for s in segs]], bounds(line), starts, page)
            out.append(table)
            continue
        if table and len(table.columns) >= 2 and segs[0][0].x0 >= table.columns[1] - tol:
            col = max(i for i, c in enumerate(table.columns) if c <= segs[0][0].x0 + tol)
            cell = table.rows[-1][col]
            joiner = "\n" if starts_item(segs[0]) else " "
            text = cell.text + joiner + line_text(segs[0]) if cell.text else line_text(segs[0])
            conf = (cell.conf + mean_conf(segs[0])) / 2 if cell.text else mean_conf(segs[0])
            table.rows[-1][col] = Piece(text, _union(cell.box, bounds(segs[0])), conf, cell.lines + bool(cell.text))
            continue
        table = None
        out.append(PageLine(_piece(line), page))
    return [_colons(b) if isinstance(b, PageTable) and len(b.rows) >= 2 else
            _flatten(b) if isinstance(b, PageTable) else b for b in out]


def _colons(table: PageTable) -> PageTable:
    """In a column of colons (label : value blocks), OCR's '1.', '|' or ';' for a colon become ':' again."""
    for col in range(len(table.columns)):
        texts = [row[col].text for row in table.rows if row[col].text]
        if texts and texts.count(":") * 2 >= len(texts) and all(len(t) <= 2 for t in texts):
            for row in table.rows:
                if row[col].text:
                    row[col] = Piece(":", row[col].box, row[col].conf, row[col].lines)
    return table


def _flatten(table: PageTable) -> PageLine:
    """A one-row 'table' is just a line with wide spaces (a tab stop)."""
    cells = [c for c in table.rows[0] if c.text]
    box = cells[0].box
    for cell in cells[1:]:
        box = _union(box, cell.box)
    conf = round(sum(c.conf for c in cells) / len(cells), 3)
    return PageLine(Piece(" ".join(c.text for c in cells), box, conf, 1), table.page)


def assemble_page(content: PageContent) -> list[PageLine | PageTable]:
    """One page's blocks in reading order: ruled tables, borderless tables and lines, top to bottom."""
    tables = [_table_from_grid(g, content) for g in content.grids if g and g[0]]
    free = [w for w in content.words if not any(inside(w, t.box, 1.0) for t in tables)]
    lines = [repair_bullet(line) for line in group_lines(free)]
    blocks: list[PageLine | PageTable] = [*tables, *_borderless_tables(lines, content.page)]
    return sorted(blocks, key=lambda b: b.box[1] if isinstance(b, PageTable) else b.piece.box[1])


def _same_row(a: list[Piece], b: list[Piece]) -> bool:
    ta, tb = " ".join(p.text for p in a), " ".join(p.text for p in b)
    return len(a) == len(b) and ratio(ta, tb) >= 85


def _continues(prev: PageLine | PageTable | None, table: PageTable) -> bool:
    """Whether `table`, opening a page, carries on the table that closed the previous page."""
    if not isinstance(prev, PageTable) or prev.page != table.page - 1:
        return False
    if len(prev.columns) != len(table.columns):
        return False
    aligned = all(abs(a - b) < 6 for a, b in zip(prev.columns, table.columns, strict=True))
    return aligned or _same_row(prev.rows[0], table.rows[0])


def _merge_pages(pages: list[list[PageLine | PageTable]]) -> list[PageLine | PageTable]:
    merged: list[PageLine | PageTable] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            prev = merged[-1] if merged else None
            if i == 0 and isinstance(block, PageTable) and isinstance(prev, PageTable) and _continues(prev, block):
                rows = block.rows[1:] if _same_row(prev.rows[0], block.rows[0]) else block.rows
                prev.row_pages = [prev.page_of(k) for k in range(len(prev.rows))] + [block.page] * len(rows)
                prev.rows.extend(rows)
                prev.page = block.page
                continue
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
    pages = [assemble_page(c) for c in contents]
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
                               p.conf) for p in row)
            row_box = _box(page, (min(p.box[0] for p in row), min(p.box[1] for p in row),
                                  max(p.box[2] for p in row), max(p.box[3] for p in row)), by_page)
            rows.append(Row(cells, Span(counter, counter + height - 1, page, row_box)))
            counter += height
        first_page = [r.span.box for r in rows if r.span.page == rows[0].span.page]
        box = first_page[0]
        for other in first_page[1:]:
            box = box.union(other)
        blocks.append(Table(tuple(rows), Span(rows[0].span.line_start, rows[-1].span.line_end, rows[0].span.page, box)))
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
