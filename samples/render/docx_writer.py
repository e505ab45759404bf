"""A Document as a Word file, with what Word itself writes: sections, spans, numbering, nested tables.

Merged cells are real `gridSpan` / `vMerge`; list letters are either Word
numbering (`numPr`: the letters are not in the text) or typed into the text;
header rows repeat (`tblHeader`) and rows stay whole (`cantSplit`) as the design
says; a stacked fraction is a nested borderless table, two paragraphs split by
a bottom border, or an OMML equation.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from samples.render.archive import freeze_zip
from samples.render.model import Align, Document, Fraction, Grid, ItemList, Marker, PageBreak, Para, Piece

ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
         Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
NUM_FORMAT = {Marker.LETTER: ("lowerLetter", "%1."), Marker.NUMBER: ("decimal", "%1."),
              Marker.BULLET: ("bullet", "•"), Marker.DASH: ("bullet", "-")}
HANG_MM = 6.0
# An equation never wraps inside its cell (in Word as in LibreOffice): longer ratios are typed as a nested table.
EQUATION_MAX_CHARS = 28
TWIPS_PER_MM = 56.7
MATH_NS = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
# Elements that must follow the one inserted (WordprocessingML fixes the order of properties).
AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_TCBORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
EDGE_ORDER = ("top", "left", "bottom", "right", "insideH", "insideV")
AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                    "w:tblPrChange")


class DocxFraction(Enum):
    NESTED_TABLE = "nested-table"
    BORDERED_PARAGRAPHS = "bordered-paragraphs"
    EQUATION = "equation"


@dataclass(frozen=True)
class DocxChoices:
    word_numbering: bool
    fraction: DocxFraction
    grid_style: bool


def draw_docx_choices(rng: random.Random) -> DocxChoices:
    return DocxChoices(word_numbering=rng.random() < 0.5, fraction=rng.choice(list(DocxFraction)),
                       grid_style=rng.random() < 0.5)


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _border(tag: str, val: str = "single") -> OxmlElement:
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), val)
    if val != "nil":
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    return el


def _paragraph_rule(paragraph: Paragraph) -> None:
    bdr = OxmlElement("w:pBdr")
    bdr.append(_border("bottom"))
    paragraph._p.get_or_add_pPr().insert_element_before(bdr, *AFTER_PBDR)


class DocxWriter:
    def __init__(self, model: Document, choices: DocxChoices) -> None:
        self.model = model
        self.choices = choices
        self.doc = docx.Document()
        self._abstract: dict[Marker, int] = {}
        self._next_id = 100

    # -- document and sections -------------------------------------------------------------------------------
    def write(self, path: Path, created: datetime) -> None:
        self._styles()
        for i, section in enumerate(self.model.sections):
            sect = self.doc.sections[0] if i == 0 else self.doc.add_section(WD_SECTION.NEW_PAGE)
            self._page(sect, section.landscape)
            width = self.model.text_width_mm(section.landscape)
            for block in section.blocks:
                self._block(self.doc, block, width)
        props = self.doc.core_properties
        props.author, props.last_modified_by, props.title = "Kecamatan", "Kecamatan", self.model.title
        props.created = props.modified = created
        props.revision = 1
        self.doc.save(str(path))
        freeze_zip(path, created)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = self.model.font.value
        normal.font.size = Pt(self.model.font_pt)
        rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), self.model.font.value)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    def _page(self, sect, landscape: bool) -> None:
        w, h = self.model.page_mm(landscape)
        sect.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        sect.page_width, sect.page_height = Mm(w), Mm(h)
        top, right, bottom, left = self.model.margins_mm
        sect.top_margin, sect.right_margin = Mm(top), Mm(right)
        sect.bottom_margin, sect.left_margin = Mm(bottom), Mm(left)

    def _block(self, container, block, width_mm: float) -> None:
        if isinstance(block, PageBreak):
            self.doc.add_page_break()
        elif isinstance(block, Grid):
            self._table(container, block, width_mm)
        else:
            self._piece(container, block, self.model.font_pt)

    # -- paragraphs and lists --------------------------------------------------------------------------------
    def _para(self, container, para: Para, size: float) -> Paragraph:
        p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = ALIGN[para.align]
        if para.indent_mm:
            fmt.left_indent = Mm(para.indent_mm)
        if para.hanging_mm:
            fmt.first_line_indent = Mm(-para.hanging_mm)
        if para.space_before_pt:
            fmt.space_before = Pt(para.space_before_pt)
        for tab in para.tabs_mm:
            fmt.tab_stops.add_tab_stop(Mm(tab))
        if para.text:
            run = p.add_run(para.text)
            run.bold, run.underline = para.bold or None, para.underline or None
            run.font.size = Pt(size + para.size_delta)
        if para.rule_below:
            _paragraph_rule(p)
        return p

    def _items(self, container, items: ItemList, size: float) -> None:
        num_id = self._new_list(items.marker) if self.choices.word_numbering else None
        for i, item in enumerate(items.items):
            p = container.add_paragraph()
            fmt = p.paragraph_format
            fmt.left_indent, fmt.first_line_indent = Mm(items.indent_mm + HANG_MM), Mm(-HANG_MM)
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if num_id is None:
                fmt.tab_stops.add_tab_stop(Mm(items.indent_mm + HANG_MM))
                text = f"{items.marker.label(i)}\t{item}"
            else:
                numpr = p._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = num_id
                text = item
            p.add_run(text).font.size = Pt(size)

    def _new_list(self, marker: Marker) -> int:
        """A fresh w:num restarting at 1 over one abstract definition per marker (abstractNum before num)."""
        root = self.doc.part.numbering_part.element
        if marker not in self._abstract:
            fmt, text = NUM_FORMAT[marker]
            aid = self._take_id()
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{_twips(HANG_MM)}" w:hanging="{_twips(HANG_MM)}"/>'
                f"</w:pPr></w:lvl></w:abstractNum>")
            first_num = root.find(qn("w:num"))
            if first_num is None:
                root.append(abstract)
            else:
                first_num.addprevious(abstract)
            self._abstract[marker] = aid
        nid = self._take_id()
        root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{self._abstract[marker]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return nid

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _piece(self, container, piece: Piece, size: float) -> None:
        if isinstance(piece, Para):
            self._para(container, piece, size)
        elif isinstance(piece, ItemList):
            self._items(container, piece, size)
        else:
            self._fraction(container, piece, size)

    # -- fractions -------------------------------------------------------------------------------------------
    def _fraction(self, cell: _Cell, f: Fraction, size: float) -> None:
        kind = self.choices.fraction
        if kind is DocxFraction.EQUATION and max(len(f.numerator), len(f.denominator)) > EQUATION_MAX_CHARS:
            kind = DocxFraction.NESTED_TABLE
        if kind is DocxFraction.EQUATION:
            p = cell.add_paragraph()
            p._p.append(parse_xml(
                f"<m:oMath {MATH_NS}><m:f><m:num>{_math_run(f.numerator)}</m:num><m:den>{_math_run(f.denominator)}"
                f"</m:den></m:f>{_math_run(' ' + f.suffix) if f.suffix else ''}</m:oMath>"))
        elif kind is DocxFraction.BORDERED_PARAGRAPHS:
            top = self._para(cell, Para(f.numerator, align=Align.CENTER), size)
            _paragraph_rule(top)
            self._para(cell, Para(f"{f.denominator} {f.suffix}".strip(), align=Align.CENTER), size)
        else:
            self._nested_fraction(cell, f, size)

    def _nested_fraction(self, cell: _Cell, f: Fraction, size: float) -> None:
        table = cell.add_table(rows=2, cols=2 if f.suffix else 1)
        top, bottom = table.cell(0, 0), table.cell(1, 0)
        self._fill(top, (Para(f.numerator, align=Align.CENTER),), size)
        self._fill(bottom, (Para(f.denominator, align=Align.CENTER),), size)
        _cell_borders(top, {"bottom": "single"})
        if f.suffix:
            side = table.cell(0, 1).merge(table.cell(1, 1))
            self._fill(side, (Para(f.suffix),), size)
            side.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    # -- tables ----------------------------------------------------------------------------------------------
    def _table(self, container, grid: Grid, width_mm: float) -> None:
        table = container.add_table(rows=grid.n_rows, cols=grid.n_cols)
        table.autofit = False
        if grid.borders:
            if self.choices.grid_style:
                table.style = self.doc.styles["Table Grid"]
            else:
                edges = dict.fromkeys(EDGE_ORDER, "single")
                table._tbl.tblPr.insert_element_before(_borders(edges, "w:tblBorders"), *AFTER_TBLBORDERS)
        widths = [Mm(width_mm * w) for w in grid.widths]
        for col, w in zip(table.columns, widths, strict=True):
            col.width = w
        for row in table.rows:
            for c, cell in enumerate(row.cells):
                cell.width = widths[c]
        for i, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            if not grid.rows_can_split:
                trpr.append(OxmlElement("w:cantSplit"))
            if i < grid.header_rows and grid.repeat_header:
                trpr.append(OxmlElement("w:tblHeader"))
        spans = [c for c in grid.cells if c.row_span > 1 or c.col_span > 1]
        for c in spans:
            table.cell(c.row, c.col).merge(table.cell(c.row + c.row_span - 1, c.col + c.col_span - 1))
        open_top = {(c.row + c.row_span, c.col) for c in grid.cells if not c.rule_below}
        size = self.model.font_pt + grid.size_delta
        for c in grid.anchors():
            cell = table.cell(c.row, c.col)
            if c.col_span > 1 or c.row_span > 1:
                cell.width = Mm(width_mm * sum(grid.widths[c.col:c.col + c.col_span]))
            self._fill(cell, c.pieces, size)
            edges = {"bottom": "nil"} if not c.rule_below else {}
            if (c.row, c.col) in open_top:
                edges["top"] = "nil"
            if edges:
                _cell_borders(cell, edges)
            if c.header or c.row_span > 1:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def _fill(self, cell: _Cell, pieces: tuple[Piece, ...], size: float) -> None:
        """Cell content replacing the empty paragraph Word requires; a nested table keeps its trailing one."""
        placeholder = cell.paragraphs[0]._p
        for piece in pieces:
            self._piece(cell, piece, size)
        blocks = [el for el in cell._tc if el.tag in (qn("w:p"), qn("w:tbl"))]
        if len(blocks) > 1:
            cell._tc.remove(placeholder)


def _borders(edges: dict[str, str], tag: str = "w:tcBorders") -> OxmlElement:
    el = OxmlElement(tag)
    for edge in EDGE_ORDER:
        if edge in edges:
            el.append(_border(edge, edges[edge]))
    return el


def _cell_borders(cell: _Cell, edges: dict[str, str]) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(_borders(edges), *AFTER_TCBORDERS)


def _math_run(text: str) -> str:
    return f'<m:r><m:rPr><m:nor/></m:rPr><m:t xml:space="preserve">{escape(text)}</m:t></m:r>'


def write_docx(model: Document, choices: DocxChoices, path: Path, created: datetime) -> None:
    DocxWriter(model, choices).write(path, created)
