"""A table's rows seen column by column, the way normalisation reads them.

Readers give grids whose cells may span rows and columns. Normalisation maps
columns to fields by their index in the grid, never by a cell's position among
its row's cells, so a row under a merged sasaran cell keeps its indikator in
the indikator column. A slot covered by a cell that began in an earlier row is
`carried`: its value is the one above (the merged sasaran or No applies to
every row it spans), which is different from a cell left blank.
"""
from __future__ import annotations

from dataclasses import dataclass

from extract.layout import Row, RowKind, Span, Table


@dataclass(frozen=True)
class GridRow:
    """One grid row: per column the text of the cell that starts there, and whether the slot is carried."""

    texts: tuple[str, ...]
    carried: tuple[bool, ...]
    span: Span
    confidence: float
    table: int
    row_kind: RowKind
    heading: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()
    depth: int = 1
    lone: bool = False

    @property
    def filled(self) -> list[str]:
        return [t.strip() for t in self.texts if t.strip()]

    def text(self) -> str:
        return " ".join(self.filled)


def _row_confidence(row: Row) -> float:
    return min((c.confidence for c in row.cells if c.text.strip()), default=1.0)


def grid_rows(table: Table, index: int) -> list[GridRow]:
    """The table's rows. For headers, `heading` repeats a cell spanning several columns in each of them,
    `widths` says how many columns the cell over each slot spans, `depth` how many rows the row's cells reach;
    `lone` marks the only row of its table (a line that happens to sit in columns)."""
    out = []
    for r, (row, slots) in enumerate(zip(table.rows, table.slots, strict=True)):
        texts = tuple(cell.text if cell is not None and (cell.row, cell.col) == (r, c) else ""
                      for c, cell in enumerate(slots))
        carried = tuple(cell is not None and cell.row < r for cell in slots)
        heading = tuple(cell.text if cell is not None and cell.row == r else "" for cell in slots)
        widths = tuple(cell.col_span if cell is not None else 1 for cell in slots)
        depth = max((cell.row_span for cell in row.cells), default=1)
        out.append(GridRow(texts, carried, row.span, _row_confidence(row), index, table.row_kind, heading,
                           widths, depth, len(table.rows) == 1))
    return out
