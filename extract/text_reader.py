"""Reader for decrees converted to text or markdown.

Converted decrees carry their tables as tab-separated lines, markdown pipe
rows or HTML tables; everything else is running text. A converter writes what
it saw line by line, so a table row of the source may have become several
rows here: the tables' rows are lines. Text that aligns its columns with
spaces instead (layout text) is read by its geometry. Rows that follow each
other (blank lines allowed) form one table, because converters often leave
blank lines inside a table that a page break or a wrapped cell interrupted.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from extract.errors import ExtractError
from extract.grid import CellSpec, is_rule_row, place_rows, stacked
from extract.layout import Block, Layout, Line, RowKind, Span, Table
from extract.layout_text import is_layout_text, parse_layout_text

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
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


def _html_table_blocks(lines: list[str], start: int) -> tuple[list[Block], int]:
    """Parse an HTML table starting at `start`; return its blocks and the index after it."""
    end = start
    while end < len(lines) and "</table>" not in lines[end].lower():
        end += 1
    end = min(end, len(lines) - 1)
    from extract.html_reader import parse_html  # lxml and the CSS parser load only for text that holds HTML

    return parse_html("\n".join(lines[start:end + 1]), offset=start, row_kind=RowKind.LINE), end + 1


def parse_text(text: str, source: str, media_type: str = "text/plain") -> Layout:
    """Split text into running lines and tables, numbering lines from 1."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if is_layout_text(lines) and not any(_row_cells(line) for line in lines):
        return parse_layout_text(lines, source, media_type)
    blocks: list[Block] = []
    rows: list[list[CellSpec]] = []

    def close_table() -> None:
        if rows:
            blocks.append(place_rows(rows, rows[0][0].span.merge(rows[-1][0].span), RowKind.LINE))
            rows.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().lower().startswith("<table"):
            close_table()
            found, i = _html_table_blocks(lines, i)
            for block in found:
                previous = blocks[-1] if blocks else None
                if isinstance(previous, Table) and isinstance(block, Table):
                    blocks[-1] = stacked(previous, block)
                else:
                    blocks.append(block)
            continue
        cells = _row_cells(line)
        if cells is not None:
            if cells and not is_rule_row(cells):
                span = Span(i + 1, i + 1)
                rows.append([CellSpec(c.strip(), span) for c in cells])
        elif line.strip():
            close_table()
            blocks.append(Line(line.rstrip(), Span(i + 1, i + 1)))
        i += 1
    close_table()
    return Layout(source=source, media_type=media_type, method="text", blocks=blocks, pages=1)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ExtractError(str(path), f"cannot read file ({exc.strerror})") from exc


def read_html_file(path: Path) -> Layout:
    """A saved web page, decoded by the charset it declares (Word's HTML declares windows-1252)."""
    data = _read(path)
    declared = _META_CHARSET.search(data[:4096])
    text: str | None = None
    warnings: list[str] = []
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            text = None
    if text is None:
        text, warnings = decode(data, path.name)
    from extract.html_reader import read_html  # lxml and the CSS parser load only for web pages

    return read_html(path, text, warnings)


def read_text(path: Path) -> Layout:
    data = _read(path)
    text, warnings = decode(data, path.name)
    media_type = "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"
    layout = parse_text(text, path.name, media_type)
    layout.warnings.extend(warnings)
    return layout
