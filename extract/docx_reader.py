"""Reader for Word documents (.docx): paragraphs as lines, tables as grids with their merged cells.

What Word shows is not all in the text python-docx gives: list numbers
("a.", "1)") come from the numbering definitions, tabs align "Label : value"
blocks, merged cells are `gridSpan` (across) and `vMerge` (down), formulas are
drawn as an underlined or bottom-bordered numerator above its denominator, as a
nested table or as an equation. The reader writes each of these as a reader of
the printed page would see it. Page numbers come from the page breaks Word
recorded when it last laid the document out.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from extract.errors import ExtractError
from extract.fractions import fraction, is_multiplier, stacked_rows
from extract.layout import Block, Cell, Layout, Line, Row, Span, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NO_LINE = {"none", "nil", "0", "false"}


def _val(el: etree._Element | None, name: str = "val") -> str | None:
    return None if el is None else el.get(f"{W}{name}")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * (1 + (n - 1) // 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """List labels as Word draws them: counters per list and level, restarted below a level that moves on."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iterchildren(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    _val(lvl.find(f"{W}numFmt")) or "decimal", _val(lvl.find(f"{W}lvlText")) or "",
                    int(_val(lvl.find(f"{W}start")) or 1))
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{W}num"):
            levels = dict(abstract.get(_val(num.find(f"{W}abstractNumId")) or "", {}))
            for override in num.iterchildren(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = _val(override.find(f"{W}startOverride"))
                if start and ilvl in levels:
                    levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, int(start))
            numbering.levels[num.get(f"{W}numId", "")] = levels
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 10)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "•"

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            lvl = levels.get(at, _Level())
            value = counts[at] + lvl.start - 1 if counts[at] else lvl.start
            return _format(value, lvl.fmt)

        return re.sub(r"%(\d)", number, level.text).strip()


def _math(el: etree._Element) -> str:
    """An Office Math equation as one line: fractions 'A / B', n-ary operators by their sign."""
    tag = etree.QName(el).localname
    if tag == "f":
        num, den = el.find(f"{M}num"), el.find(f"{M}den")
        return fraction(_math(num) if num is not None else "", _math(den) if den is not None else "")
    if tag == "t":
        return el.text or ""
    if tag == "nary":
        sign = el.find(f"{M}naryPr/{M}chr")
        body = el.find(f"{M}e")
        return f"{sign.get(f'{M}val', '∫') if sign is not None else '∫'} {_math(body) if body is not None else ''}"
    if tag == "d":
        inner = " ".join(_math(e) for e in el.iterchildren(f"{M}e"))
        return f"({inner})"
    if tag in ("rPr", "ctrlPr", "fPr", "naryPr", "dPr", "sSubPr", "sSupPr"):
        return ""
    return " ".join(part for part in (_math(c) for c in el) if part.strip())


@dataclass
class _Run:
    text: str
    underlined: bool


def _underlined(run: etree._Element) -> bool:
    u = run.find(f"{W}rPr/{W}u")
    return u is not None and (_val(u) or "single") not in _NO_LINE


_NO_TEXT = {f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}txbxContent", f"{W}commentReference"}


def _run_text(run: etree._Element) -> Iterator[_Run]:
    underlined = _underlined(run)
    for el in run:
        if el.tag == f"{W}t":
            yield _Run(el.text or "", underlined)
        elif el.tag == f"{W}tab":
            yield _Run("\t", False)
        elif el.tag in (f"{W}br", f"{W}cr") and _val(el, "type") != "page":
            yield _Run("\n", False)
        elif el.tag == f"{W}noBreakHyphen":
            yield _Run("-", underlined)
        elif el.tag == f"{MC}AlternateContent":
            yield from _runs(el)


def _runs(container: etree._Element) -> Iterator[_Run]:
    """The visible text below `container` in order: runs, tabs, breaks, equations; deleted text, fallbacks
    and text boxes left out."""
    for el in container:
        if el.tag in _NO_TEXT:
            continue
        if el.tag == f"{W}r":
            yield from _run_text(el)
        elif el.tag in (f"{M}oMath", f"{M}oMathPara"):
            yield _Run(" " + _math(el) + " ", False)
        elif isinstance(el.tag, str):
            yield from _runs(el)


def _bordered_below(paragraph: etree._Element) -> bool:
    bottom = paragraph.find(f"{W}pPr/{W}pBdr/{W}bottom")
    return bottom is not None and (_val(bottom) or "single") not in _NO_LINE


@dataclass
class _Para:
    text: str
    ruled: str | None = None
    suffix: str = ""
    page_break_before: bool = False


@dataclass
class _GridCell:
    text: str
    row: int
    col: int
    col_span: int
    span: Span
    row_span: int = 1


class _Reader:
    """Walks the document once, numbering lines and counting pages as it goes."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.numbering = Numbering.of(document)
        self.styles_numbering = self._style_numbering()
        self.page = 1
        self.line = 0

    def _style_numbering(self) -> dict[str, tuple[str, int]]:
        found: dict[str, tuple[str, int]] = {}
        try:
            styles = self.document.styles.element
        except (KeyError, AttributeError):
            return found
        for style in styles.iterchildren(f"{W}style"):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = _val(num.find(f"{W}numId"))
                if num_id:
                    found[style.get(f"{W}styleId", "")] = (num_id, int(_val(num.find(f"{W}ilvl")) or 0))
        return found

    def _label(self, paragraph: etree._Element) -> str:
        num = paragraph.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id = _val(num.find(f"{W}numId"))
            ilvl = int(_val(num.find(f"{W}ilvl")) or 0)
        else:
            style = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
            num_id, ilvl = self.styles_numbering.get(style or "", (None, 0))
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl)

    def paragraph(self, paragraph: etree._Element) -> _Para:
        breaks = paragraph.findall(f".//{W}lastRenderedPageBreak") + [
            b for b in paragraph.findall(f".//{W}br") if _val(b, "type") == "page"]
        before = paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None
        runs = list(_runs(paragraph))
        text = "".join(r.text for r in runs)
        label = self._label(paragraph)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        para = _Para(text, page_break_before=bool(breaks) or before)
        written = [r for r in runs if r.text.strip()]
        if _bordered_below(paragraph):
            para.ruled = text.strip()
        elif written and written[0].underlined:
            lead = []
            for i, run in enumerate(written):
                if not run.underlined:
                    para.suffix = "".join(r.text for r in written[i:]).strip()
                    break
                lead.append(run.text)
            if all(r.underlined for r in written) or is_multiplier(para.suffix):
                para.ruled = "".join(lead).strip()
            else:
                para.suffix = ""
        return para

    def _content(self, container: etree._Element) -> Iterator[etree._Element]:
        """Paragraphs and tables of a body or cell in order, content controls and text boxes opened."""
        for child in container:
            if child.tag in (f"{W}p", f"{W}tbl"):
                yield child
            elif child.tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                yield from self._content(content if content is not None else child)

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's lines; a ruled paragraph over the next one is a fraction, a nested table reads as one."""
        paras: list[_Para] = []
        for el in self._content(tc):
            if el.tag == f"{W}tbl":
                rows = [[self.cell_text(c) for c in tr.iterchildren(f"{W}tc")] for tr in el.iterchildren(f"{W}tr")]
                nested = stacked_rows(rows)
                read = [nested] if nested else [" ".join(t.replace("\n", " ") for t in r if t) for r in rows]
                paras.extend(_Para(line) for line in read if line)
            else:
                paras.append(self.paragraph(el))
        lines: list[str] = []
        i = 0
        while i < len(paras):
            para = paras[i]
            below = next((j for j in range(i + 1, len(paras)) if paras[j].text.strip()), None)
            if para.ruled and below is not None:
                suffix = para.suffix
                after = next((j for j in range(below + 1, len(paras)) if paras[j].text.strip()), None)
                if not suffix and after is not None and is_multiplier(paras[after].text):
                    suffix, end = paras[after].text, after
                else:
                    end = below
                lines.append(fraction(para.ruled, paras[below].text, suffix))
                i = end + 1
                continue
            if para.text.strip():
                lines.append(para.text.replace("\t", " ").strip())
            i += 1
        return "\n".join(" ".join(line.split()) for line in lines)

    def _span(self) -> Span:
        self.line += 1
        return Span(self.line, self.line, self.page)

    def table(self, tbl: etree._Element) -> Table | None:
        """The table's grid: a cell's column from the gridSpans before it; a vMerge continuation extends the
        cell above instead of making a cell of its own."""
        above: dict[int, _GridCell] = {}
        built: list[list[_GridCell]] = []
        for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
            col = int(_val(tr.find(f"{W}trPr/{W}gridBefore")) or 0)
            row: list[_GridCell] = []
            for tc in tr.iterchildren(f"{W}tc"):
                width = int(_val(tc.find(f"{W}tcPr/{W}gridSpan")) or 1)
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                if merge is not None and _val(merge) != "restart" and col in above:
                    above[col].row_span = r - above[col].row + 1
                else:
                    cell = _GridCell(self.cell_text(tc), r, col, width, self._span())
                    above[col] = cell
                    row.append(cell)
                col += width
            built.append(row)
        rows = []
        for row in built:
            cells = tuple(Cell(c.text, c.span, 1.0, c.row, c.col, c.row_span, c.col_span) for c in row)
            span = cells[0].span.merge(cells[-1].span) if cells else Span(self.line, self.line, self.page)
            rows.append(Row(cells, span))
        if not any(c.text for r in rows for c in r.cells):
            return None
        return Table(tuple(rows), rows[0].span.merge(rows[-1].span))

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for el in self._content(container):
            if el.tag == f"{W}tbl":
                table = self.table(el)
                if table is not None:
                    yield table
                continue
            para = self.paragraph(el)
            if para.page_break_before:
                self.page += 1
            for text in para.text.split("\n"):
                if text.strip():
                    yield Line(text.rstrip(), self._span())

    def header_blocks(self) -> Iterator[Block]:
        """The first page's header: offices put the letterhead (PEMERINTAH KABUPATEN ...) there."""
        section = self.document.sections[0] if self.document.sections else None
        if section is None:
            return
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous and not header.paragraphs:
            return
        yield from self.blocks(header._element)


def _open(path: Path) -> Document:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise ExtractError(path.name, "Word file is encrypted (password protected) or in the old .doc format; "
                                      "save it as .docx without a password and try again")
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError(path.name, f"not a readable Word document (corrupt or truncated: {exc})") from exc


def read_docx(path: Path) -> Layout:
    """A .docx decree: the first page's header, then the body's paragraphs and tables in order."""
    document = _open(path)
    reader = _Reader(document)
    try:
        blocks = [*reader.header_blocks(), *reader.blocks(document.element.body)]
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ExtractError(path.name, f"cannot read the Word document's content ({exc})") from exc
    if not blocks:
        raise ExtractError(path.name, "Word document has no text")
    return Layout(source=path.name, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml"
                  ".document", method="docx", blocks=blocks, pages=reader.page)
