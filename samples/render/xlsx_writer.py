"""The lampiran as an IKI matrix kept in Excel (openpyxl): a title block, position rows, merged ranges.

Offices keep one sheet per position or every position on one sheet; a shared
sasaran is a merged range; a stacked ratio is a numerator row ruled off from its
denominator row, the other cells of that indicator merged over both rows; list
items are typed ("a. ...") on their own rows or as lines of one wrapped cell.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from samples.render.archive import freeze_zip
from samples.render.compose import Matrix
from samples.render.design import Paper
from samples.render.model import Align, Cell, Fraction, Grid, ItemList, PageBreak, Para, Piece, TableRole, piece_lines

THIN = Side(style="thin", color="000000")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
PAPER_SIZE = {Paper.A4: 9, Paper.F4: 14}
LINE_HEIGHT_PT = 15.0
CHARS_PER_WIDTH_UNIT = 1.1
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class XlsxChoices:
    sheet_per_position: bool
    items_in_one_cell: bool
    total_width: int


def draw_xlsx_choices(rng: random.Random) -> XlsxChoices:
    return XlsxChoices(sheet_per_position=rng.random() < 0.5, items_in_one_cell=rng.random() < 0.5,
                       total_width=rng.choice((150, 170, 190)))


def _lines(pieces: tuple[Piece, ...]) -> str:
    return "\n".join(piece_lines(pieces))


class SheetWriter:
    """Writes blocks downwards from the current row of one sheet."""

    def __init__(self, ws: Worksheet, m: Matrix, choices: XlsxChoices, n_cols: int, widths: tuple[float, ...]) -> None:
        self.ws, self.m, self.choices, self.n_cols = ws, m, choices, n_cols
        self.widths = [w * choices.total_width for w in widths]
        self.row = 1
        self.font = Font(name=m.font.value, size=m.font_pt)
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = round(w, 1)
        ws.page_setup.orientation = "landscape" if m.landscape else "portrait"
        ws.page_setup.paperSize = PAPER_SIZE[m.paper]
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def _put(self, row: int, col: int, text: str, *, bold: bool = False, align: Align = Align.LEFT,
             last_col: int | None = None, last_row: int | None = None) -> None:
        cell = self.ws.cell(row=row, column=col, value=text or None)
        cell.font = Font(name=self.font.name, size=self.font.size, bold=bold)
        horizontal = {Align.CENTER: "center", Align.RIGHT: "right"}.get(align, "left")
        cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
        if (last_col and last_col > col) or (last_row and last_row > row):
            self.ws.merge_cells(start_row=row, start_column=col, end_row=last_row or row, end_column=last_col or col)

    def _fit(self, row: int, text: str, first_col: int, last_col: int, rows: int = 1) -> None:
        """Row height for wrapped text (Excel does not grow rows of merged cells by itself)."""
        width = sum(self.widths[first_col - 1:last_col]) * CHARS_PER_WIDTH_UNIT
        lines = sum(max(1, math.ceil(len(line) / max(width, 1))) for line in text.split("\n"))
        height = lines * LINE_HEIGHT_PT / rows
        current = self.ws.row_dimensions[row].height or LINE_HEIGHT_PT
        self.ws.row_dimensions[row].height = max(current, height)

    def _column_at(self, indent_mm: float) -> int:
        """The first column starting at or right of an indent (the signing block sits in the right columns)."""
        share, total = indent_mm / self.m.width_mm, sum(self.widths)
        edge = 0.0
        for col, w in enumerate(self.widths, start=1):
            if edge / total >= share:
                return min(col, self.n_cols - 1)
            edge += w
        return self.n_cols - 1

    def para(self, p: Para) -> None:
        first = self._column_at(p.indent_mm) if p.indent_mm and p.hanging_mm < p.indent_mm else 1
        if "\t" in p.text:
            label, *rest = p.text.split("\t")
            value = " ".join(s for s in rest if s)
            split = first + 1 if first > 1 else min(3, self.n_cols)
            self._put(self.row, first, label, bold=p.bold, last_col=split - 1)
            self._put(self.row, split, value, bold=p.bold, last_col=self.n_cols)
            self._fit(self.row, value, split, self.n_cols)
        else:
            self._put(self.row, first, p.text, bold=p.bold, align=p.align, last_col=self.n_cols)
            self._fit(self.row, p.text, first, self.n_cols)
        self.row += 1

    def items(self, items: ItemList) -> None:
        lines = [f"{items.marker.label(i)} {item}" for i, item in enumerate(items.items)]
        if self.choices.items_in_one_cell:
            lines = ["\n".join(lines)]
        for line in lines:
            self._put(self.row, 3, line, last_col=self.n_cols)
            self._fit(self.row, line, 3, self.n_cols)
            self.row += 1

    def fields(self, grid: Grid) -> None:
        for row in grid.rows():
            label, _, value = row
            self._put(self.row, 1, _lines(label.pieces), last_col=min(2, self.n_cols))
            text = _lines(value.pieces)
            self._put(self.row, 3, f": {text}" if text else ":", last_col=self.n_cols)
            self._fit(self.row, text, 3, self.n_cols)
            self.row += 1

    def table(self, grid: Grid) -> None:
        """Grid rows mapped to sheet rows; a row holding a stacked fraction takes two."""
        fraction_rows = {c.row for c in grid.cells
                         if c.row_span == 1 and any(isinstance(p, Fraction) for p in c.pieces)}
        start = []
        for r in range(grid.n_rows):
            start.append(self.row + len(start) + sum(1 for f in fraction_rows if f < r))
        end = [start[r] + (1 if r in fraction_rows else 0) for r in range(grid.n_rows)]
        if grid.repeat_header and grid.header_rows and not self.ws.print_title_rows:
            self.ws.print_title_rows = f"{start[0]}:{end[grid.header_rows - 1]}"
        for c in grid.anchors():
            top, bottom = start[c.row], end[c.row + c.row_span - 1]
            left, right = c.col + 1, c.col + c.col_span
            fraction = next((p for p in c.pieces if isinstance(p, Fraction)), None)
            if fraction:
                self._put(top, left, fraction.numerator, align=Align.CENTER, last_col=right)
                self._put(bottom, left, f"{fraction.denominator} {fraction.suffix}".strip(), align=Align.CENTER,
                          last_col=right)
            else:
                text = _lines(c.pieces)
                align = Align.CENTER if c.header else Align.LEFT
                self._put(top, left, text, bold=c.header, align=align, last_col=right, last_row=bottom)
                self._fit(top, text, left, right, rows=bottom - top + 1)
            self._rule(c, top, bottom, left, right, split_at=top if fraction else None)
            if c.header:
                for r in range(top, bottom + 1):
                    for col in range(left, right + 1):
                        self.ws.cell(row=r, column=col).fill = HEADER_FILL
        self.row = end[-1] + 1 if grid.n_rows else self.row

    def _rule(self, c: Cell, top: int, bottom: int, left: int, right: int, split_at: int | None) -> None:
        for r in range(top, bottom + 1):
            for col in range(left, right + 1):
                below = r == bottom and c.rule_below or r == split_at
                self.ws.cell(row=r, column=col).border = Border(
                    left=THIN if col == left else None, right=THIN if col == right else None,
                    top=THIN if r == top else None, bottom=THIN if below else None)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Grid) and block.role is TableRole.INDICATORS:
                self.table(block)
            elif isinstance(block, Grid):
                self.fields(block)
            elif isinstance(block, ItemList):
                self.items(block)
            elif isinstance(block, Para):
                self.para(block)
            elif not isinstance(block, PageBreak):
                raise TypeError(f"no worksheet form for {type(block).__name__}")


def _sheet_title(index: int, part: list) -> str:
    first = next((b.text for b in part if isinstance(b, Para) and b.text), "")
    name = SHEET_NAME.sub(" ", first.split(":")[-1].split("\t")[-1]).strip()
    return f"{index + 1} {name}"[:31].strip() or f"IKI {index + 1}"


def write_xlsx(m: Matrix, choices: XlsxChoices, path: Path, created: datetime) -> None:
    wb = Workbook()
    first_grid = next(b for part in m.positions for b in part if isinstance(b, Grid) and b.role is TableRole.INDICATORS)
    groups = [[p] for p in m.positions] if choices.sheet_per_position else [m.positions]
    wb.remove(wb.active)
    for i, group in enumerate(groups):
        title = _sheet_title(i, group[0]) if choices.sheet_per_position else "IKI"
        sheet = SheetWriter(wb.create_sheet(title), m, choices, first_grid.n_cols, first_grid.widths)
        sheet.blocks(m.heading)
        sheet.row += 1
        for part in group:
            sheet.blocks(part)
            sheet.row += 1
        if i == len(groups) - 1:
            sheet.blocks(m.signature)
    wb.properties.creator = wb.properties.lastModifiedBy = "Kecamatan"
    wb.properties.created = wb.properties.modified = created
    wb.save(path)
    freeze_zip(path, created)
