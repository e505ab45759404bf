"""Reader for HTML: saved web pages, documents saved as HTML, and HTML tables inside converted text.

A browser shows paragraphs, headings and list items as lines and tables as
grids, so that is what is read: block elements become lines, `<br>` breaks
them, list items get the marker the browser would draw, and tables keep their
`rowspan`/`colspan`. Inside a cell, a fraction is drawn with markup rather than
typed: a numerator with a bottom border or underline above the denominator, a
small nested table of two rows, or MathML `<mfrac>`; each is read as the
`A / B` a reader sees. Styles come from style sheets as well as inline styles.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from extract.errors import ExtractError
from extract.fractions import fraction, stacked_rows
from extract.grid import CellSpec, is_rule_row, place_rows
from extract.html_styles import Styles
from extract.layout import Block, Layout, Line, RowKind, Span

SKIPPED = {"script", "style", "head", "title", "noscript", "template", "meta", "link", "object", "svg"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "section", "article",
          "header", "footer", "center", "address", "dt", "dd", "ul", "ol", "dl", "form", "main", "nav", "aside",
          "figure", "figcaption", "caption", "hr", "body", "html"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _tag(el: HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _marker(kind: str, n: int) -> str:
    if kind in ("lower-alpha", "lower-latin"):
        return chr(ord("a") + (n - 1) % 26) + "."
    if kind in ("upper-alpha", "upper-latin"):
        return chr(ord("A") + (n - 1) % 26) + "."
    if kind in ("lower-roman", "upper-roman"):
        numeral = _roman(n)
        return (numeral.upper() if kind == "upper-roman" else numeral) + "."
    return f"{n}."


def _squash(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _mathml(el: HtmlElement) -> str:
    if _tag(el).endswith("mfrac"):
        parts = [_mathml(c) for c in el]
        if len(parts) >= 2:
            return fraction(parts[0], parts[1])
    text = (el.text or "") + "".join(_mathml(c) + (c.tail or "") for c in el)
    return _SPACES.sub(" ", text).strip()


class _Page:
    """One parsed document and its styles: what is hidden, what is a block, how cells and tables read."""

    def __init__(self, root: HtmlElement, offset: int, row_kind: RowKind) -> None:
        self.styles = Styles.of(root)
        self.offset = offset
        self.row_kind = row_kind

    def hidden(self, el: HtmlElement) -> bool:
        return _tag(el) in SKIPPED or self.styles.hidden(el)

    def is_block(self, el: HtmlElement) -> bool:
        return _tag(el) in BLOCKS and not self.styles.inline(el)

    def ruled(self, el: HtmlElement) -> bool:
        """Whether the element is drawn with a rule under it (a fraction's numerator)."""
        return _tag(el) == "u" or self.styles.ruled_below(el)

    def list_marker(self, li: HtmlElement) -> str:
        """The marker a browser draws before a list item ('•', '1.', 'a.', 'iv.'), '' when styled away."""
        parent = li.getparent()
        if parent is None or _tag(parent) not in ("ol", "ul"):
            return ""
        kind = self.styles.list_style(li) or self.styles.list_style(parent)
        if kind == "none":
            return ""
        if _tag(parent) == "ul":
            return "•" if not kind.startswith(('"', "'")) else kind.strip("\"'").strip()
        kind = {"a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}.get(
            parent.get("type", ""), kind)
        items = [c for c in parent if _tag(c) == "li"]
        try:
            start = int(parent.get("start", "1"))
        except ValueError:
            start = 1
        return _marker(kind, start + items.index(li))

    def cell_text(self, el: HtmlElement) -> str:
        writer = _Writer(self)
        writer.inside(el)
        return _squash("".join(writer.parts))

    def nested_table(self, table: HtmlElement) -> str:
        """A table inside a cell: a fraction when drawn as one, else one line per row, as it reads."""
        rows = [[self.cell_text(td) for td in tr if _tag(td) in ("td", "th")] for tr in _rows_of(table)]
        stacked = stacked_rows(rows)
        if stacked:
            return stacked
        return "\n".join(line for line in (" ".join(c.replace("\n", " ") for c in r if c) for r in rows) if line)

    def table_block(self, table: HtmlElement) -> Block | None:
        """An HTML table as a grid; None when it has no text at all."""
        rows = []
        for tr in _rows_of(table):
            if self.hidden(tr):
                continue
            line = _line(tr, self.offset)
            cells = [CellSpec(self.cell_text(td), Span(line, line), 1.0, _span_attr(td, "rowspan"),
                              _span_attr(td, "colspan"))
                     for td in tr if _tag(td) in ("td", "th") and not self.hidden(td)]
            if cells and not is_rule_row([c.text for c in cells]):
                rows.append(cells)
        if not any(c.text for r in rows for c in r):
            return None
        first = _line(table, self.offset)
        last = max((c.span.line_end for r in rows for c in r), default=first)
        return place_rows(rows, Span(first, max(first, last)), self.row_kind)


class _Writer:
    """Text of an element as a browser lays it out: lines broken at blocks and <br>, fractions read."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.parts: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value.replace("\n", " "))

    def newline(self) -> None:
        self.parts.append("\n")

    def element(self, el: HtmlElement) -> None:
        tag = _tag(el)
        if not tag or self.page.hidden(el):
            self.text(el.tail)
            return
        if tag == "br":
            self.newline()
        elif tag == "table":
            self.newline()
            self.parts.append(self.page.nested_table(el))
            self.newline()
        elif tag.endswith("math"):
            self.text(_mathml(el))
        else:
            self._container(el, tag)
        self.text(el.tail)

    def _container(self, el: HtmlElement, tag: str) -> None:
        block = self.page.is_block(el) or tag in ("tr", "td", "th")
        if block:
            self.newline()
        if tag == "li":
            marker = self.page.list_marker(el)
            if marker:
                self.parts.append(marker + " ")
        self.inside(el)
        if block:
            self.newline()

    def inside(self, el: HtmlElement) -> None:
        """The element's content: a fraction when it opens with a ruled numerator, else its text and children."""
        children = [c for c in el if isinstance(c.tag, str) and not self.page.hidden(c)]
        if children and self.page.ruled(children[0]) and not (el.text or "").strip() and self._fraction(children):
            return
        self.text(el.text)
        for child in el:
            self.element(child)

    def _fraction(self, children: list[HtmlElement]) -> bool:
        """Children opening with a ruled numerator: the denominator is the next block, or for an inline
        numerator everything after it in the container; what follows is read as usual."""
        numerator_el = children[0]
        stacked = self.page.is_block(numerator_el)
        if stacked:
            if len(children) < 2 or (numerator_el.tail or "").strip():
                return False
            denominator_els, rest = children[1:2], children[2:]
            denominator = _flat(self.page.cell_text(denominator_els[0]))
        else:
            denominator_els, rest = children[1:], []
            below = _Writer(self.page)
            below.text(numerator_el.tail)
            for c in denominator_els:
                below.element(c)
            denominator = _flat("".join(below.parts))
        numerator = _flat(self.page.cell_text(numerator_el))
        if not numerator or not denominator:
            return False
        self.parts.append(fraction(numerator, denominator))
        if stacked:
            self.text(denominator_els[0].tail)
        for c in rest:
            self.element(c)
        return True


def _rows_of(table: HtmlElement) -> Iterator[HtmlElement]:
    """The table's own rows (thead, tbody, tfoot or bare), not those of tables nested in its cells."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if _tag(tr) == "tr")


def _span_attr(td: HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", td.get(name, "1")) or 1), 1000))
    except ValueError:
        return 1


def _line(el: HtmlElement, offset: int) -> int:
    return (el.sourceline or 1) + offset


class _Blocks:
    """Walks a document in reading order, collecting lines and tables."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line = 1

    def flush(self) -> None:
        for text in _squash("".join(self.buffer)).split("\n"):
            if text:
                self.blocks.append(Line(text, Span(self.line, self.line)))
        self.buffer.clear()

    def walk(self, el: HtmlElement) -> None:
        tag = _tag(el)
        if not tag or self.page.hidden(el):
            self._tail(el)
            return
        if el.sourceline and not self.buffer:
            self.line = _line(el, self.page.offset)
        if tag == "table":
            self.flush()
            block = self.page.table_block(el)
            if block is not None:
                self.blocks.append(block)
        elif tag == "br":
            self.flush()
        elif tag.endswith("math"):
            self.buffer.append(_mathml(el))
        else:
            self._element(el, tag)
        self._tail(el)

    def _element(self, el: HtmlElement, tag: str) -> None:
        block = self.page.is_block(el)
        if block:
            self.flush()
        if tag == "li":
            marker = self.page.list_marker(el)
            if marker:
                self.buffer.append(marker + " ")
        if el.text:
            self.buffer.append(el.text.replace("\n", " "))
        for child in el:
            self.walk(child)
        if block:
            self.flush()

    def _tail(self, el: HtmlElement) -> None:
        if el.tail:
            self.buffer.append(el.tail.replace("\n", " "))


def parse_html(markup: str, offset: int = 0, row_kind: RowKind = RowKind.SOURCE) -> list[Block]:
    """Lines and tables of an HTML document or fragment, line numbers shifted by `offset`; `row_kind` says
    whether its table rows are an author's (a saved page) or a converter's (HTML inside converted text)."""
    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return []
    walker = _Blocks(_Page(root, offset, row_kind))
    walker.walk(root)
    walker.flush()
    return walker.blocks


def read_html(path: Path, text: str, warnings: list[str]) -> Layout:
    """A saved web page or a document saved as HTML."""
    blocks = parse_html(text)
    if not blocks:
        raise ExtractError(path.name, "HTML page has no text")
    return Layout(source=path.name, media_type="text/html", method="html", blocks=blocks, pages=1,
                  warnings=list(warnings))
