"""A Layout into a DecreeRecord: metadata, position blocks, their tables rebuilt into indicators."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.errors import IkiError
from extract.layout import Layout, Line, Row, Span, Table
from normalize.classify import level_of
from normalize.columns import map_header
from normalize.metadata import TextLine, extract_decree
from normalize.placement import place
from normalize.positions import Block, detect_label, title_from_label
from normalize.records import DecreeRecord, Position, Provenance
from normalize.rows import RowAssembler
from normalize.text import clean


class NormalizeError(IkiError):
    """The layout could not be turned into records."""


@dataclass(frozen=True)
class _Text:
    text: str
    span: Span


@dataclass(frozen=True)
class _TableRow:
    row: Row
    table: int


def _key_value(cells: list[str]) -> str | None:
    """'JABATAN | : | X' rows of a layout table are really labelled lines."""
    filled = [c.strip() for c in cells if c.strip()]
    if 2 <= len(filled) <= 3 and (filled[1] == ":" or filled[0].endswith(":")):
        return " ".join(filled)
    return None


def _stream(layout: Layout) -> list[_Text | _TableRow]:
    items: list[_Text | _TableRow] = []
    for index, block in enumerate(layout.blocks):
        if isinstance(block, Line):
            items.append(_Text(block.text, block.span))
            continue
        assert isinstance(block, Table)
        for row in block.rows:
            text = _key_value(row.texts)
            items.append(_Text(text, row.span) if text else _TableRow(row, index))
    return items


class _Reader:
    """Walks the stream once, opening a block at every position header."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.header_table: int | None = None
        self.warnings: list[str] = []

    @property
    def current(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def open_block(self, span: Span) -> Block:
        block = Block(span=span)
        self.blocks.append(block)
        self.header_table = None
        return block

    def text(self, item: _Text) -> None:
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

    def row(self, item: _TableRow, layout: Layout) -> None:
        block = self.current
        if block is None:
            return
        cells = item.row.texts
        header = map_header(cells)
        if header:
            if header.unknown:
                where = f"line {item.row.span.line_start}, page {item.row.span.page}"
                self.warnings.append(
                    f"{layout.source}: unknown column(s) {', '.join(header.unknown)} at {where}; kept as extra fields")
            block.header = header
            self.header_table = item.table
            return
        same_table = self.header_table == item.table
        fits = block.header is not None and abs(len(cells) - len(block.header.fields)) <= 1
        if block.header is not None and (same_table or fits):
            block.rows.append((block.header, item.row))
        else:
            self.text(_Text(" ".join(c for c in cells if c.strip()), item.row.span))


def _position(block: Block) -> Position:
    assembler = RowAssembler()
    assembler.learn(block.rows)
    for header, row in block.rows:
        assembler.feed(header, row)
    tugas = block.sections.tugas
    fungsi = [re.sub(r"\s+;$", "", f) for f in block.sections.fungsi]
    level = level_of(block.title, " ".join([tugas or "", *fungsi]))
    return Position(
        jabatan=clean(block.title) or None, level=level, tugas=tugas, fungsi=fungsi,
        indicators=assembler.indicators(), provenance=Provenance.of(block.span) if block.span else None,
    )


def normalize_layout(layout: Layout) -> DecreeRecord:
    """The canonical record of one document; status says when no IKI content was found."""
    try:
        stream = _stream(layout)
        reader = _Reader()
        for item in stream:
            if isinstance(item, _Text):
                reader.text(item)
            else:
                reader.row(item, layout)
        text_lines = [TextLine(clean(i.text), i.span.line_start) for i in stream if isinstance(i, _Text)]
        all_lines = text_lines + [
            TextLine(clean(c.text), i.row.span.line_start)
            for i in stream if isinstance(i, _TableRow) for c in i.row.cells if c.text.strip()
        ]
        record = DecreeRecord(source=layout.source, media_type=layout.media_type, method=layout.method,
                              decree=extract_decree(text_lines, all_lines), pages=layout.pages,
                              warnings=list(layout.warnings) + reader.warnings)
        record.warnings.extend(place(record.decree, layout.source))
        record.positions.extend(_position(block) for block in reader.blocks)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
        raise NormalizeError(layout.source, f"could not normalise the layout ({type(exc).__name__}: {exc})") from exc
    if not record.indicators:
        record.status = "no_content"
        record.warnings.append(f"{layout.source}: no IKI content found (no indicator table under a position)")
    return record
