"""Reader for IKI matrices kept in Excel (.xlsx): each sheet a page, its filled areas as grids.

Offices keep the matrix one sheet per position or all on one sheet, with a
title block above, merged cells for the sasaran and the headers, and wrapped
text. Rows separated by an empty row are separate areas; an area's leading rows
of one cell (titles) are lines, the rest a grid whose merged ranges become
spans. Hidden rows, columns and sheets are not shown by Excel, so not read.
Values are written as Excel shows them: whole numbers without a decimal point,
percentages with their sign.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from extract.errors import ExtractError
from extract.layout import Block, Cell, Layout, Line, Row, Span, Table

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shown(value: object, number_format: str) -> str:
    """A cell's value as Excel displays it, near enough for reading."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d %B %Y")
    if isinstance(value, int | float):
        if "%" in number_format:
            value = value * 100
            return f"{value:g}%" if not float(value).is_integer() else f"{int(value)}%"
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    return str(value).replace("\r\n", "\n").strip()


def _grid(sheet: Worksheet) -> tuple[dict[tuple[int, int], tuple[str, int, int]], set[tuple[int, int]]]:
    """Visible cells with text as (row, col) -> (text, row span, col span), and the slots merges cover."""
    hidden_rows = {r for r, d in sheet.row_dimensions.items() if d.hidden}
    hidden_cols = {openpyxl.utils.column_index_from_string(c) for c, d in sheet.column_dimensions.items() if d.hidden}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (merged.max_row - merged.min_row + 1,
                                                   merged.max_col - merged.min_col + 1)
        covered.update((r, c) for r in range(merged.min_row, merged.max_row + 1)
                       for c in range(merged.min_col, merged.max_col + 1) if (r, c) != (merged.min_row, merged.min_col))
    cells: dict[tuple[int, int], tuple[str, int, int]] = {}
    for row in sheet.iter_rows():
        for cell in row:
            r, c = cell.row, cell.column
            if r in hidden_rows or c in hidden_cols or (r, c) in covered:
                continue
            text = shown(cell.value, cell.number_format or "")
            if text:
                row_span, col_span = spans.get((r, c), (1, 1))
                cells[(r, c)] = (text, row_span, col_span)
    return cells, covered


def _areas(rows: list[int], covered_rows: set[int]) -> list[list[int]]:
    """Runs of rows without an empty row between them (a row inside a merge is not empty)."""
    areas: list[list[int]] = []
    for r in rows:
        if areas and (r - areas[-1][-1] == 1 or all(x in covered_rows for x in range(areas[-1][-1] + 1, r))):
            areas[-1].append(r)
        else:
            areas.append([r])
    return areas


def _sheet_blocks(sheet: Worksheet, page: int) -> list[Block]:
    cells, covered = _grid(sheet)
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(cells):
        by_row.setdefault(r, []).append(c)
    blocks: list[Block] = []
    for area in _areas(sorted(by_row), {r for r, _ in covered}):
        while area and len(by_row[area[0]]) == 1:
            r = area.pop(0)
            for text in cells[(r, by_row[r][0])][0].split("\n"):
                if text.strip():
                    blocks.append(Line(text.strip(), Span(r, r, page)))
        if not area:
            continue
        first_col = min(c for r in area for c in by_row[r])
        rows = []
        for index, r in enumerate(area):
            span = Span(r, r, page)
            row_cells = []
            for c in by_row[r]:
                text, row_span, col_span = cells[(r, c)]
                row_span = min(row_span, area[-1] - r + 1)
                row_cells.append(Cell(text, Span(r, r + row_span - 1, page), 1.0, index, c - first_col, row_span,
                                      col_span))
            rows.append(Row(tuple(row_cells), span))
        blocks.append(Table(tuple(rows), Span(area[0], area[-1], page)))
    return blocks


def read_xlsx(path: Path) -> Layout:
    """Every visible sheet of a workbook, in order, one page each."""
    with path.open("rb") as fh:
        if fh.read(8) == OLE_MAGIC:
            raise ExtractError(path.name, "Excel file is encrypted (password protected) or in the old .xls format; "
                                          "save it as .xlsx without a password and try again")
    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ExtractError(path.name, f"not a readable Excel workbook (corrupt or truncated: {exc})") from exc
    blocks: list[Block] = []
    sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    for page, sheet in enumerate(sheets, start=1):
        blocks.extend(_sheet_blocks(sheet, page))
    workbook.close()
    if not blocks:
        raise ExtractError(path.name, "Excel workbook has no text")
    return Layout(source=path.name, media_type=MEDIA_TYPE, method="xlsx", blocks=blocks, pages=len(sheets))
