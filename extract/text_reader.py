"""Reader for decrees converted to text or markdown.

Converted decrees carry their tables as tab-separated lines, markdown pipe
rows or HTML tables; everything else is running text. Rows that follow each
other (blank lines allowed) form one table, because converters often leave
blank lines inside a table that a page break or a wrapped cell interrupted.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from extract.errors import ExtractError
from extract.layout import Block, Cell, Layout, Line, Row, Span, Table

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASHES = re.compile(r"^[-\s|]*$")
_NOT_TEXT = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")  # tab, newlines and form feed are text
BINARY_SHARE = 0.05


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode UTF-8, falling back to UTF-16 or Windows-1252 with a warning; drop NUL bytes, refuse binary data.

    A stray NUL (a converter's padding) carries nothing and PostgreSQL cannot
    store it. Bytes that decode mostly to control codes or undecodable bytes
    are no decree saved as text, whatever the file is named.
    """
    text, warnings = _decoded(data, source)
    if "\x00" in text:
        warnings.append(f"{source}: {text.count(chr(0))} NUL byte(s) dropped")
        text = text.replace("\x00", "")
    noise = len(_NOT_TEXT.findall(text))
    if noise > BINARY_SHARE * len(text):
        raise ExtractError(source, f"not a text file: {noise / len(text):.0%} of it is control codes or bytes that "
                                   "are no character, so it is not a decree saved as text")
    return text, warnings


def _decoded(data: bytes, source: str) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), [f"{source}: decoded as UTF-16 (byte order mark)"]
    if data and data.count(b"\x00") > len(data) // 4:
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        warning = f"{source}: decoded as {encoding.upper()} (no byte order mark)"
        return data.decode(encoding, errors="replace"), [warning]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        warning = f"{source}: not valid UTF-8 at byte {exc.start}; decoded as Windows-1252"
        return data.decode("cp1252", errors="replace"), [warning]


class _HtmlTable(HTMLParser):
    """Collects the rows and cells of HTML tables embedded in converted text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("br", "li", "p") and self._cell is not None:
            self._cell.append("\n" if tag == "br" else "\n• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table line, or None when the line is running text."""
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_SEPARATOR.match(stripped):
            return []
        return [c.strip() for c in stripped.strip("|").split("|")]
    return None


def _is_noise_row(cells: list[str]) -> bool:
    return all(_DASHES.match(c) for c in cells)


def _html_table_blocks(lines: list[str], start: int) -> tuple[Table | None, int]:
    """Parse an HTML table starting at `start`; return it and the index after it."""
    end = start
    while end < len(lines) and "</table>" not in lines[end].lower():
        end += 1
    end = min(end, len(lines) - 1)
    parser = _HtmlTable()
    parser.feed("\n".join(lines[start:end + 1]))
    span = Span(start + 1, end + 1)
    rows = tuple(
        Row(tuple(Cell(text, span) for text in cells), span)
        for cells in parser.rows if cells and not _is_noise_row(cells)
    )
    return (Table(rows, span) if rows else None), end + 1


def parse_text(text: str, source: str, media_type: str = "text/plain") -> Layout:
    """Split text into running lines and tables, numbering lines from 1."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    rows: list[Row] = []

    def close_table() -> None:
        if rows:
            blocks.append(Table(tuple(rows), rows[0].span.merge(rows[-1].span)))
            rows.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().lower().startswith("<table"):
            close_table()
            table, i = _html_table_blocks(lines, i)
            if table:
                blocks.append(table)
            continue
        cells = _row_cells(line)
        if cells is not None:
            if cells and not _is_noise_row(cells):
                span = Span(i + 1, i + 1)
                rows.append(Row(tuple(Cell(c.strip(), span) for c in cells), span))
        elif line.strip():
            close_table()
            blocks.append(Line(line.rstrip(), Span(i + 1, i + 1)))
        i += 1
    close_table()
    return Layout(source=source, media_type=media_type, method="text", blocks=blocks, pages=1)


def read_text(path: Path) -> Layout:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(str(path), f"cannot read file ({exc.strerror})") from exc
    text, warnings = decode(data, path.name)
    media_type = "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"
    layout = parse_text(text, path.name, media_type)
    layout.warnings.extend(warnings)
    return layout
