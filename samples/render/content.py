"""Seed text (as the text reader sees it) turned into things to draw.

A seed is markdown-ish text: `**bold**`, `#` headings, HTML lists inside cells
and LaTeX fractions. Here each Line becomes a styled text line and each Table a
list of rows whose cells are paragraphs, list items and drawn fractions.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.layout import Line, Table
from extract.text_reader import read_text

_TAG = re.compile(r"<[^>]+>")
_MATH = re.compile(r"\$([^$]+)\$")
_LIST_TAG = re.compile(r"<(ul|ol)\b", re.I)
_LETTER_ITEM = re.compile(r"(?:^|\s)([a-z])\.\s")
_HEADER_WORDS = ("SASARAN", "INDIKATOR", "SUMBER", "FORMULA", "PENJELASAN")


@dataclass(frozen=True)
class Fraction:
    """A formula drawn as numerator over a rule over denominator, `suffix` beside the rule."""

    numerator: str
    denominator: str
    suffix: str


@dataclass(frozen=True)
class Item:
    """One list item inside a cell, drawn on its own line with a hanging indent."""

    text: str


Piece = str | Item | Fraction


@dataclass
class TextLine:
    text: str
    bold: bool = False
    indent: int = 0
    space_before: bool = False


@dataclass
class TableSpec:
    rows: list[list[list[Piece]]]
    header: bool = False
    key_value: bool = False


@dataclass
class Document:
    stem: str
    blocks: list[TextLine | TableSpec] = field(default_factory=list)


def latex_to_text(src: str) -> str:
    """Math without fractions as plain text: \\sum -> Σ, \\text{a} -> a, \\times -> x."""
    src = re.sub(r"\\(?:text|mathrm|textbf)\s*\{([^{}]*)\}", r"\1", src)
    for cmd, rep in ((r"\times", " x "), (r"\sum", " Σ "), (r"\%", "%"), (r"\&", "&"), (r"\cdot", " x ")):
        src = src.replace(cmd, rep)
    src = re.sub(r"\\[A-Za-z]+", " ", src).replace("{", "").replace("}", "")
    return " ".join(src.split())


def _brace_group(src: str, start: int) -> tuple[str, int]:
    depth = 0
    for i in range(start, len(src)):
        if src[i] == "{" and src[i - 1:i] != "\\":
            depth += 1
        elif src[i] == "}" and src[i - 1:i] != "\\":
            depth -= 1
            if depth == 0:
                return src[start + 1:i], i + 1
    return src[start + 1:], len(src)


def _math_pieces(src: str) -> list[Piece]:
    """One `$...$` formula: a Fraction when it has \\frac, else its plain text."""
    at = src.find(r"\frac")
    if at < 0:
        return [latex_to_text(src)]
    j = src.find("{", at)
    numerator, j = _brace_group(src, j)
    k = src.find("{", j)
    denominator, k = _brace_group(src, k)
    before, suffix = latex_to_text(src[:at]), latex_to_text(src[k:])
    pieces: list[Piece] = [before] if before else []
    pieces.append(Fraction(latex_to_text(numerator), latex_to_text(denominator), suffix))
    return pieces


def _list_items(text: str) -> list[Piece]:
    """HTML list content as items, split on bullets or on `a. b. c.` markers kept with their item."""
    text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    if "•" in text:
        return [Item("• " + part.strip()) for part in text.split("•") if part.strip()]
    starts = [m.start(1) for m in _LETTER_ITEM.finditer(text)]
    if not starts:
        return [text] if text else []
    bounds = [*starts, len(text)]
    lead = text[:starts[0]].strip()
    items: list[Piece] = [lead] if lead else []
    items += [Item(text[a:b].strip()) for a, b in zip(bounds, bounds[1:], strict=False)]
    return items


def cell_pieces(text: str) -> list[Piece]:
    """A seed cell as drawable pieces: text runs, list items and fractions in order."""
    text = text.replace("**", "")
    if _LIST_TAG.search(text):
        return _list_items(text)
    pieces: list[Piece] = []
    pos = 0
    for match in _MATH.finditer(text):
        plain = " ".join(_TAG.sub(" ", text[pos:match.start()]).split())
        if plain:
            pieces.append(plain)
        pieces.extend(_math_pieces(match.group(1)))
        pos = match.end()
    rest = " ".join(_TAG.sub(" ", text[pos:]).replace("$", "").split())
    if rest:
        pieces.append(rest)
    return pieces


def clean_line(text: str) -> tuple[str, bool, int]:
    """Line text without markdown markers and tags, whether it was bold, and its indent level."""
    indent = (len(text) - len(text.lstrip(" "))) // 2
    bold = "**" in text or text.lstrip().startswith("#")
    text = _TAG.sub(" ", text).replace("**", "")
    text = re.sub(r"^\s*#+\s*", "", text)
    text = re.sub(r"(?<!\w)\*(\S[^*]*\S)\*(?!\w)", r"\1", text)
    text = html.unescape(text)
    if "$" in text:
        text = _MATH.sub(lambda m: latex_to_text(m.group(1)), text)
    return " ".join(text.split()), bold, indent


def _is_key_value(cells: list[str]) -> bool:
    return len(cells) <= 3 and (len(cells) >= 2 and cells[1].strip() == ":")


def _split_tables(table: Table) -> list[TableSpec]:
    """Rows of one seed table regrouped: key/value rows apart, a new table when the width changes."""
    specs: list[TableSpec] = []
    for row in table.rows:
        cells = [c.text for c in row.cells]
        key_value = _is_key_value(cells) or (
            bool(specs) and specs[-1].key_value and len(cells) <= 3 and not cells[0].strip())
        if key_value:
            cells = (cells + ["", ""])[:3] if _is_key_value(cells) else ["", "", cells[-1]]
        pieces = [cell_pieces(c) for c in cells]
        last = specs[-1] if specs else None
        if last is None or last.key_value != key_value or len(last.rows[0]) != len(pieces):
            header = not key_value and sum(w in " ".join(cells).upper() for w in _HEADER_WORDS) >= 2
            specs.append(TableSpec([], header=header, key_value=key_value))
        specs[-1].rows.append(pieces)
    return specs


def load_seed(path: Path, stem: str | None = None) -> Document:
    """The seed read through the text reader, cleaned into drawable blocks."""
    layout = read_text(path)
    doc = Document(stem or path.stem)
    previous_end = 0
    in_bold = False
    for block in layout.blocks:
        gap = block.span.line_start - previous_end > 1
        previous_end = block.span.line_end
        if isinstance(block, Line):
            text, bold, indent = clean_line(block.text)
            if text:
                doc.blocks.append(TextLine(text, bold or in_bold, indent, space_before=gap))
            in_bold ^= block.text.count("**") % 2 == 1
        else:
            doc.blocks.extend(_split_tables(block))
    return doc


def cell_text(pieces: list[Piece]) -> str:
    """The text a reader should give for a drawn cell: wrapped text joined by spaces, items and fractions
    on their own lines, a fraction as "NUMERATOR / DENOMINATOR" plus what stands beside it."""
    out = ""
    for piece in pieces:
        if isinstance(piece, Fraction):
            text = f"{piece.numerator} / {piece.denominator}" + (f" {piece.suffix}" if piece.suffix else "")
        else:
            text = piece.text if isinstance(piece, Item) else piece
        if out:
            out += "\n" if isinstance(piece, Item | Fraction) else " "
        out += text
    return out
