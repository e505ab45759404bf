"""A Document drawn straight to PDF with reportlab platypus, as report generators in e-office systems do.

Spans are Table SPAN commands; rules are drawn per cell so that a sasaran written
once over blank cells shows no rule inside its group; header rows repeat
(repeatRows) and rows split across pages (splitInRow) as the design says.
platypus never breaks a page inside a SPAN, so a span over many rows is drawn as
stacked spans with no rule between them: it looks the same, and a page can end
between them as it would inside a Word cell.
"""
from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RlPageBreak
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import HRFlowable

from samples.render.fonts import Font
from samples.render.model import (
    Align,
    Block,
    Cell,
    Document,
    Fraction,
    Grid,
    ItemList,
    PageBreak,
    Para,
    Piece,
    TableRole,
)

ALIGN = {Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT, Align.JUSTIFY: TA_JUSTIFY}
HANG_MM = 6.0
LINE = 0.6
MAX_SPAN_ROWS = 4


@dataclass(frozen=True)
class ReportlabChoices:
    keep_block_with_table: bool
    shaded_header: bool


def draw_reportlab_choices(rng: random.Random) -> ReportlabChoices:
    return ReportlabChoices(keep_block_with_table=rng.random() < 0.5, shaded_header=rng.random() < 0.4)


def register(font: Font) -> tuple[str, str]:
    regular, bold = f"{font.name}-Regular", f"{font.name}-Bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, str(font.files[0])))
        pdfmetrics.registerFont(TTFont(bold, str(font.files[1])))
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular, bold


class ReportlabWriter:
    def __init__(self, doc: Document, choices: ReportlabChoices) -> None:
        self.doc = doc
        self.choices = choices
        self.regular, self.bold = register(doc.font)
        self.split_rows = False

    def write(self, path: Path) -> None:
        """The PDF; rows taller than a page that the design kept whole (or merged) are let break over the
        page, as a word processor would (reportlab cannot place them, and fails while naming them)."""
        try:
            self._build(path)
        except (LayoutError, TypeError):
            self.split_rows = True
            self._build(path)

    def _build(self, path: Path) -> None:
        top, right, bottom, left = (m * mm for m in self.doc.margins_mm)
        templates = []
        for landscape in (False, True):
            w, h = (v * mm for v in self.doc.page_mm(landscape))
            frame = Frame(left, bottom, w - left - right, h - top - bottom, 0, 0, 0, 0, id=f"f{int(landscape)}")
            templates.append(PageTemplate(id="landscape" if landscape else "portrait", frames=[frame],
                                          pagesize=(w, h)))
        first = "landscape" if self.doc.sections[0].landscape else "portrait"
        templates.sort(key=lambda t: t.id != first)
        out = BaseDocTemplate(str(path), pagesize=templates[0].pagesize, pageTemplates=templates, invariant=1,
                              title=self.doc.title, author="Kecamatan", leftMargin=left, rightMargin=right,
                              topMargin=top, bottomMargin=bottom)
        story: list[Flowable] = []
        for i, section in enumerate(self.doc.sections):
            if i:
                story += [NextPageTemplate("landscape" if section.landscape else "portrait"), RlPageBreak()]
            story += self._section(section.blocks, self.doc.text_width_mm(section.landscape))
        out.build(story)

    def _section(self, blocks: list[Block], width_mm: float) -> list[Flowable]:
        """Flowables of a section; a position block kept with its table when the choice says so."""
        story: list[Flowable] = []
        pending: list[Flowable] = []
        for block in blocks:
            flow = self._block(block, width_mm)
            if isinstance(block, Grid) and block.role is TableRole.INDICATORS and self.choices.keep_block_with_table:
                story.append(KeepTogether(pending + flow))
                pending = []
            elif isinstance(block, Grid) and block.role is TableRole.INDICATORS:
                story += pending + flow
                pending = []
            else:
                pending += flow
                if not self.choices.keep_block_with_table:
                    story += pending
                    pending = []
        return story + pending

    def _block(self, block: Block, width_mm: float) -> list[Flowable]:
        if isinstance(block, PageBreak):
            return [RlPageBreak()]
        if isinstance(block, Grid):
            return [self._table(block, width_mm)]
        return self._piece(block, self.doc.font_pt, width_mm)

    def _style(self, size: float, bold: bool = False, align: Align = Align.LEFT, **kw) -> ParagraphStyle:
        return ParagraphStyle("p", fontName=self.bold if bold else self.regular, fontSize=size,
                              leading=size * 1.2, alignment=ALIGN[align], **kw)

    @staticmethod
    def _markup(p: Para) -> str:
        text = escape(p.text)
        text = f"<b>{text}</b>" if p.bold else text
        return f"<u>{text}</u>" if p.underline else text

    def _para(self, p: Para, size: float, width_mm: float) -> list[Flowable]:
        style = self._style(size + p.size_delta, p.bold, p.align, leftIndent=p.indent_mm * mm,
                            firstLineIndent=-p.hanging_mm * mm, spaceBefore=p.space_before_pt)
        flow: list[Flowable] = [self._tabbed(p, style, width_mm) if "\t" in p.text
                                else Paragraph(self._markup(p) or "&nbsp;", style)]
        if p.rule_below:
            flow.append(HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceBefore=1, spaceAfter=4))
        return flow

    def _tabbed(self, p: Para, style: ParagraphStyle, width_mm: float) -> Table:
        """Tab stops as a borderless row of cells reaching each stop (platypus paragraphs have no tabs)."""
        start = p.indent_mm - p.hanging_mm
        stops = [start, *p.tabs_mm][: p.text.count("\t") + 1]
        segments = p.text.split("\t")
        widths = [b - a for a, b in zip(stops, stops[1:], strict=False)] + [width_mm - stops[-1]]
        cell = ParagraphStyle("t", parent=style, leftIndent=0, firstLineIndent=0, spaceBefore=0)
        row = [Paragraph(self._markup(Para(s, bold=p.bold, underline=p.underline)), cell) for s in segments]
        if start > 0:
            row, widths = ["", *row], [start, *widths]
        table = Table([row], colWidths=[w * mm for w in widths], hAlign="LEFT", spaceBefore=p.space_before_pt,
                      splitInRow=1 if self.split_rows else 0)
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    def _items(self, items: ItemList, size: float) -> list[Flowable]:
        indent = (items.indent_mm + HANG_MM) * mm
        return [Paragraph(escape(item), self._style(size, leftIndent=indent, bulletIndent=items.indent_mm * mm,
                                                    bulletFontName=self.regular, bulletFontSize=size),
                          bulletText=items.marker.label(i)) for i, item in enumerate(items.items)]

    def _fraction(self, f: Fraction, size: float) -> Table:
        style = self._style(size, align=Align.CENTER)
        data = [[Paragraph(escape(f.numerator), style), Paragraph(escape(f.suffix), self._style(size))],
                [Paragraph(escape(f.denominator), style), ""]]
        table = Table(data, hAlign="LEFT")
        table.setStyle(TableStyle([("SPAN", (1, 0), (1, 1)), ("VALIGN", (1, 0), (1, 1), "MIDDLE"),
                                   ("LINEBELOW", (0, 0), (0, 0), LINE, colors.black),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
        return table

    def _piece(self, piece: Piece, size: float, width_mm: float) -> list[Flowable]:
        if isinstance(piece, Para):
            return self._para(piece, size, width_mm)
        if isinstance(piece, ItemList):
            return self._items(piece, size)
        return [self._fraction(piece, size)]

    def _table(self, grid: Grid, width_mm: float) -> Table:
        size = self.doc.font_pt + grid.size_delta
        widths = [w * width_mm for w in grid.widths]
        data: list[list] = [[""] * grid.n_cols for _ in range(grid.n_rows)]
        commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        limit = 1 if self.split_rows else MAX_SPAN_ROWS
        for c in sorted((p for cell in grid.cells for p in _stacked_spans(cell, limit)), key=lambda c: (c.row, c.col)):
            cell_width = sum(widths[c.col:c.col + c.col_span]) - 2.2
            data[c.row][c.col] = [f for p in c.pieces for f in self._piece(p, size, cell_width)]
            last_row, last_col = c.row + c.row_span - 1, c.col + c.col_span - 1
            if c.row_span > 1 or c.col_span > 1:
                commands.append(("SPAN", (c.col, c.row), (last_col, last_row)))
            if c.header:
                commands.append(("VALIGN", (c.col, c.row), (last_col, last_row), "MIDDLE"))
                if self.choices.shaded_header:
                    commands.append(("BACKGROUND", (c.col, c.row), (last_col, last_row), colors.HexColor("#e6e6e6")))
            if grid.borders:
                commands.append(("LINEBEFORE", (c.col, c.row), (c.col, last_row), LINE, colors.black))
                if c.rule_below:
                    commands.append(("LINEBELOW", (c.col, last_row), (last_col, last_row), LINE, colors.black))
        if grid.borders:
            commands += [("LINEABOVE", (0, 0), (-1, 0), LINE, colors.black),
                         ("LINEAFTER", (-1, 0), (-1, -1), LINE, colors.black),
                         ("LINEBELOW", (0, -1), (-1, -1), LINE, colors.black)]
        else:
            commands += [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        table = Table(data, colWidths=[w * mm for w in widths], hAlign="LEFT",
                      repeatRows=grid.header_rows if grid.repeat_header else 0,
                      splitInRow=1 if grid.rows_can_split or self.split_rows else 0)
        table.setStyle(TableStyle(commands))
        return table


def _stacked_spans(cell: Cell, limit: int) -> list[Cell]:
    """A tall span as spans of at most `limit` rows, the text in the first, no rules between them."""
    if cell.row_span <= limit or cell.header:
        return [cell]
    parts = []
    for top in range(cell.row, cell.row + cell.row_span, limit):
        rows = min(limit, cell.row + cell.row_span - top)
        last = top + rows == cell.row + cell.row_span
        parts.append(dataclasses.replace(cell, row=top, row_span=rows, pieces=cell.pieces if top == cell.row else (),
                                         rule_below=cell.rule_below if last else False))
    return parts


def write_reportlab_pdf(doc: Document, choices: ReportlabChoices, path: Path) -> None:
    ReportlabWriter(doc, choices).write(path)
