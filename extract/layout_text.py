"""Text laid out in columns with spaces, as `pdftotext -layout` and similar converters write a page.

Such text keeps a page's geometry in character positions: a table's columns
are runs of blank space down the lines and every cell wraps over several lines
inside its column. Each word therefore gets a box in character units and goes
through the same column finding as the words of a PDF page; form feeds are page
breaks, and two blank lines or more end a table (converters leave them between
blocks, seldom inside one). Line numbers stay those of the file.
"""
from __future__ import annotations

import re

from extract.aligned import AlignedTable, aligned_blocks
from extract.layout import Block, Cell, Layout, Line, Row, RowKind, Span, Table
from extract.layout_columns import carried_on, group_headings, headed_tables, numbered_tables, numbers_apart
from extract.pdf_words import Word

CHAR_WIDTH = 6.0
LINE_HEIGHT = 12.0
WIDE_GAP = re.compile(r"\S {3,}\S")
LAYOUT_SHARE = 0.15
BLOCK_GAP = 2
SHIFT_CHARS = 3  # how far pdftotext may set one line's cells off the columns of the lines around it


def is_layout_text(lines: list[str]) -> bool:
    """Whether the text aligns columns with runs of spaces: page breaks, or many lines with wide gaps inside."""
    filled = [ln for ln in lines if ln.strip()]
    if not filled:
        return False
    if any("\f" in ln for ln in lines):
        return True
    return sum(1 for ln in filled if WIDE_GAP.search(ln.strip())) >= LAYOUT_SHARE * len(filled)


def _words(line: str, number: int) -> list[Word]:
    top = number * LINE_HEIGHT
    return [Word(m.group(0), m.start() * CHAR_WIDTH, top, m.end() * CHAR_WIDTH, top + LINE_HEIGHT * 0.8)
            for m in re.finditer(r"\S+", line)]


def _line_of(word: Word) -> int:
    return int(round(word.top / LINE_HEIGHT))


def _table(found: AlignedTable, pages: dict[int, int]) -> Table:
    rows = []
    for r, row in enumerate(found.rows):
        number = int(round(row.box[1] / LINE_HEIGHT))
        span = Span(number, number, pages[number])
        rows.append(Row(tuple(Cell(c.text, span, c.conf, r, c.col, 1, c.col_span) for c in row.cells), span))
    return Table(tuple(rows), rows[0].span.merge(rows[-1].span), RowKind.LINE, found.head)


def parse_layout_text(lines: list[str], source: str, media_type: str) -> Layout:
    """The lines and column tables of layout text, page by page: a converter lays out each page on its own,
    so the same column may start at another position on the next page."""
    blocks: list[Block] = []
    pages: dict[int, int] = {}
    pending: list[list[Word]] = []

    def flush() -> None:
        shift = SHIFT_CHARS * CHAR_WIDTH
        found_blocks = headed_tables(aligned_blocks(pending, shift), 2 * CHAR_WIDTH, LINE_HEIGHT)
        numbered = numbered_tables(found_blocks, CHAR_WIDTH, 2 * CHAR_WIDTH, LINE_HEIGHT)
        for found in carried_on(numbered, shift, LINE_HEIGHT):
            if isinstance(found, AlignedTable):
                blocks.append(_table(group_headings(numbers_apart(found), CHAR_WIDTH), pages))
            else:
                number = _line_of(found[0])
                blocks.append(Line(" ".join(w.text for w in found), Span(number, number, pages[number])))
        pending.clear()

    blank, page = 0, 1
    for number, raw in enumerate(lines, start=1):
        if "\f" in raw:
            flush()
            page += raw.count("\f")
        text = raw.replace("\f", "")
        if not text.strip():
            blank += 1
            continue
        if blank >= BLOCK_GAP:
            flush()
        blank = 0
        pages[number] = page
        pending.append(_words(text.rstrip(), number))
    flush()
    count = max((b.span.page for b in blocks), default=1)
    return Layout(source=source, media_type=media_type, method="layout-text", blocks=blocks, pages=count)
