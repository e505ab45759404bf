"""A Layout into a DecreeRecord: metadata, position blocks, their tables rebuilt into indicators."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.errors import IkiError
from extract.layout import Layout, Line, RowKind, Span, Table
from normalize.classify import level_of
from normalize.columns import HeaderMap, map_header
from normalize.confidence import score
from normalize.doubt import doubts
from normalize.grid_rows import GridRow, grid_rows
from normalize.headers import (
    combine,
    complete,
    continues_header,
    folded,
    heading_line,
    heading_run,
    is_column_numbers,
    over_filled,
    refit,
    unheaded_target,
)
from normalize.metadata import TextLine, extract_decree
from normalize.placement import place
from normalize.positions import Block, detect_label, title_from_label
from normalize.records import DecreeRecord, Position, Provenance
from normalize.rows import RowAssembler
from normalize.text import clean

_NUMBER_CELL = re.compile(r"^\d{1,2}[.)]?$")
BANNER_SHARE = 0.75
HEADER_LINES = 5
_BLOCK_LABELS = ("jabatan", "unit", "tugas", "fungsi", "tugas_fungsi", "indicators")


class NormalizeError(IkiError):
    """The layout could not be turned into records."""


@dataclass(frozen=True)
class _Text:
    text: str
    span: Span


def _key_value(cells: list[str]) -> str | None:
    """A table row that is really a labelled line: 'JABATAN | : | X', '1. | Nama Jabatan | : | X', 'Tugas | X'.

    Position blocks are often typed as borderless tables; a row whose first cell (after a field number) is a
    block label reads as the line 'label : value', and a row of one cell that is a labelled line is that line.
    """
    filled = [c.strip() for c in cells if c.strip()]
    if filled and _NUMBER_CELL.match(filled[0]) and len(filled) >= 2:
        filled = [f"{filled[0]} {filled[1]}", *filled[2:]]
    if not filled:
        return None
    if len(filled) == 1:
        label = detect_label(filled[0], False)
        return filled[0] if label and label.kind in _BLOCK_LABELS and len(filled[0]) < 400 else None
    head = filled[0]
    if filled[1].startswith(":") or head.endswith(":"):
        return " ".join(filled)
    label = detect_label(f"{head} :", False)
    if label and label.kind in _BLOCK_LABELS and len(head.split()) <= 4:
        return f"{head} : {' '.join(filled[1:])}"
    return None


def _banner(row: GridRow) -> str | None:
    """A row whose one cell spans (nearly) the whole table is a title line, not a row of values."""
    own = [i for i, t in enumerate(row.texts) if t.strip()]
    if len(own) != 1 or len(row.texts) < 3:
        return None
    return row.texts[own[0]] if row.widths[own[0]] >= BANNER_SHARE * len(row.texts) else None


def _stream(layout: Layout) -> list[_Text | GridRow]:
    items: list[_Text | GridRow] = []
    for index, block in enumerate(layout.blocks):
        if isinstance(block, Line):
            items.append(_Text(block.text, block.span))
            continue
        assert isinstance(block, Table)
        for row in _headed(block, grid_rows(block, index)):
            text = None if map_header(list(row.heading)) else _key_value(list(row.texts)) or _banner(row)
            items.append(_Text(text, row.span) if text else row)
    return items


def _headed(table: Table, rows: list[GridRow]) -> list[GridRow]:
    """The rows with each header that takes several lines folded into one row: the heading lines the reader
    set above the body, or in a table read line by line, each run of lines of header words that together
    name the columns."""
    depth = table.header_rows
    lead = next((i for i in range(depth) if heading_line(rows, i, i)), depth)  # a line of text set close above
    if depth - lead > 1 and (head := folded(rows[lead:depth])) is not None:
        return [*rows[:lead], head, *rows[depth:]]
    if table.row_kind is not RowKind.LINE:
        return rows
    out, i = [], 0
    while i < len(rows):
        run = heading_run(rows, i)
        head = folded(rows[i:i + run]) if run > 1 else None
        out.append(head or rows[i])
        i += run if head else 1
    return out


@dataclass
class _HeaderState:
    """The header being read: its rows so far, how many more rows a spanning header cell still covers, and
    the line just above its first row."""

    texts: list[str]
    spanning: list[bool]
    rows_left: int
    table: int
    above: str | None


class _Reader:
    """Walks the stream once, opening a block at every position header."""

    def __init__(self, source: str, tables: dict[int, list[GridRow]]) -> None:
        self.source = source
        self.tables = tables
        self.blocks: list[Block] = []
        self.header_table: int | None = None
        self.heading: _HeaderState | None = None
        self.warnings: list[str] = []
        self.unknown_columns: str | None = None
        self.line_above: str | None = None

    @property
    def current(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def open_block(self, span: Span) -> Block:
        block = Block(span=span)
        self.blocks.append(block)
        self.header_table = None
        self.heading = None
        return block

    def text(self, item: _Text) -> None:
        self.heading = None
        self.line_above = item.text
        block = self.current
        label = detect_label(item.text, bool(block and block.sections.tugas_seen))
        if label and label.kind in ("jabatan", "unit"):
            title_from_label(label, self.open_block(item.span))
            return
        if block is None:
            return
        if label is None and block.take_title(item.text):
            return
        if label is None and block.rows and not block.awaiting_title:
            return
        if label and label.kind in ("tugas", "tugas_fungsi") and block.rows:
            block = self.open_block(item.span)
        block.span = block.span.merge(item.span) if block.span else item.span
        if label:
            block.awaiting_title = block.pending_paren = block.title_may_wrap = False
            block.sections.label(label)
        else:
            block.sections.text(item.text)

    def _set_header(self, block: Block, header: HeaderMap, row: GridRow) -> None:
        """The block's header, completed from a heading on the line above it; its unknown columns are reported
        once the header is whole (at the table's first row of values)."""
        header = complete(header, self.heading.above if self.heading else None)
        block.header = header
        self.header_table = row.table
        self.unknown_columns = None
        if header.unknown:
            where = f"line {row.span.line_start}, page {row.span.page}"
            self.unknown_columns = (
                f"{self.source}: unknown column(s) {', '.join(header.unknown)} at {where}; kept as extra fields")

    def _numbers_below(self, row: GridRow) -> bool:
        """Whether the table numbers its columns a few rows below this one: every row of the header down to
        the numbers is header, however its words broke over the lines. Numbers under a header that a row
        below opens again (a table repeating its header further down) belong to that header."""
        rows = self.tables.get(row.table, [])
        at = next((i for i, r in enumerate(rows) if r is row), None)
        for below in rows[at + 1:at + 1 + HEADER_LINES] if at is not None else []:
            if is_column_numbers(list(below.texts)):
                return True
            if map_header(list(below.heading)):
                return False
        return False

    def _placed(self, texts: list[str], row: GridRow) -> HeaderMap | None:
        """The header the headings of `row` name once each sits over the column the rows below it fill."""
        rows = self.tables.get(row.table, [])
        at = next((i for i, r in enumerate(rows) if r is row), len(rows))
        below = [list(r.texts) for r in rows[at + 1:]]
        placed = over_filled(texts, below)
        header = map_header(placed)
        return None if header is None else unheaded_target(header, placed, below)

    def _header_row(self, block: Block, row: GridRow) -> bool:
        """Whether the row belongs to the table's header (its first row, a sub-header, a wrapped heading line,
        column numbers, wherever a page repeats them); the header is updated from it."""
        if is_column_numbers(list(row.texts)):
            return True
        state = self.heading
        if state is not None and state.table == row.table and (
                state.rows_left > 0 or continues_header(list(row.texts)) or self._numbers_below(row)):
            state.rows_left -= 1
            texts = combine(state.texts, list(row.texts), state.spanning)
            header = self._placed(texts, row)
            if header is not None:
                self._set_header(block, header, row)
                state.texts = texts
            return True
        header = map_header(list(row.heading))
        if header is None:
            self.heading = None
            return False
        header = self._placed(list(row.heading), row) or header
        spanning = [w > 1 for w in row.widths]
        self.heading = _HeaderState(list(row.heading), spanning, row.depth - 1, row.table, self.line_above)
        self._set_header(block, header, row)
        return True

    def row(self, row: GridRow) -> None:
        block = self.current
        if block is None:
            return
        if self._header_row(block, row):
            return
        same_table = self.header_table == row.table
        fits = block.header is not None and abs(len(row.texts) - len(block.header.fields)) <= 1 and not row.lone
        self.line_above = None
        if block.header is not None and (same_table or fits):
            if self.unknown_columns:
                self.warnings.append(self.unknown_columns)
                self.unknown_columns = None
            if not same_table:
                block.header = refit(block.header, [list(r.texts) for r in self.tables.get(row.table, [])])
                self.header_table = row.table
            block.rows.append((block.header, row))
        elif row.filled:
            self.text(_Text(row.text(), row.span))


def _text_lines(item: _Text | GridRow) -> list[TextLine]:
    """Running text for the decree's metadata; a table row outside the indicator tables (a signature block,
    a title block typed as a table) reads as one line, or cell by cell when its cells hold several lines."""
    if isinstance(item, _Text):
        return [TextLine(clean(item.text), item.span.line_start)]
    if not any("\n" in t for t in item.filled):
        return [TextLine(clean(item.text()), item.span.line_start)] if item.filled else []
    return [TextLine(clean(line), item.span.line_start) for t in item.filled for line in t.split("\n") if line.strip()]


def _position(block: Block) -> Position:
    assembler = RowAssembler()
    for header, row in block.rows:
        assembler.feed(header, row)
    tugas = block.sections.tugas
    fungsi = [re.sub(r"\s+;$", "", f) for f in block.sections.fungsi]
    level = level_of(block.title, " ".join([tugas or "", *fungsi]))
    jabatan = clean(block.title) or None
    indicators = assembler.indicators()
    if jabatan is None:
        for indicator in indicators:
            indicator.signals["no_jabatan"] = 1.0
    return Position(
        jabatan=jabatan, level=level, tugas=tugas, fungsi=fungsi,
        indicators=indicators, provenance=Provenance.of(block.span) if block.span else None,
    )


def _reads_as_values(row: GridRow, cells: int = 3) -> bool:
    """A table row that looks like a row of indicator values: several filled cells, neither a heading nor the
    column numbers under one."""
    return len(row.filled) >= cells and not map_header(list(row.heading)) and not is_column_numbers(list(row.texts))


def normalize_layout(layout: Layout) -> DecreeRecord:
    """The canonical record of one document; status says when no IKI content was found."""
    try:
        stream = _stream(layout)
        tables: dict[int, list[GridRow]] = {}
        for item in stream:
            if isinstance(item, GridRow):
                tables.setdefault(item.table, []).append(item)
        reader = _Reader(layout.source, tables)
        for item in stream:
            if isinstance(item, _Text):
                reader.text(item)
            else:
                reader.row(item)
        in_tables = {id(row) for block in reader.blocks for _, row in block.rows}
        text_lines = [line for i in stream if id(i) not in in_tables for line in _text_lines(i)]
        all_lines = text_lines + [
            TextLine(clean(t), i.span.line_start) for i in stream if isinstance(i, GridRow) and id(i) in in_tables
            for t in i.filled
        ]
        record = DecreeRecord(source=layout.source, media_type=layout.media_type, method=layout.method,
                              decree=extract_decree(text_lines, all_lines), pages=layout.pages,
                              warnings=list(layout.warnings) + reader.warnings)
        record.warnings.extend(place(record.decree, layout.source))
        record.positions.extend(_position(block) for block in reader.blocks)
        score(record)
        candidates = [i for i in stream if isinstance(i, GridRow) and _reads_as_values(i)]
        record.doubts = doubts(layout, record, len(candidates), sum(id(i) not in in_tables for i in candidates))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        raise NormalizeError(layout.source, f"could not normalise the layout ({type(exc).__name__}: {exc})") from exc
    if not record.indicators:
        record.status = "no_content"
        record.warnings.append(f"{layout.source}: no IKI content found (no indicator table under a position)")
    return record
