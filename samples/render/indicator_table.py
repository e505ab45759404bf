"""A position's indicator table as a grid with spans, drawn from its gold indicators.

Rows stay exactly the gold's rows: a sasaran shared by consecutive indicators is
merged, repeated or written once; consecutive indicators may share one row whose
cells list them as items (only where GUIDELINES.md splits such a cell back into
the same indicators); a ratio is stacked only where its stacked reading is the
gold's formula word for word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from samples.render.design import Column, Design, FormulaStyle, Numbering, NumberRow, SpanLayout
from samples.render.gold import Indicator, Position
from samples.render.model import Align, Cell, Fraction, Grid, ItemList, Marker, Para, Piece, TableRole
from samples.render.wording import GROUP_KINERJA, GROUP_TOP, SATUAN_BY_KIND, cased

WEIGHTS = {Column.NO: 0.5, Column.SASARAN: 2.2, Column.INDIKATOR: 2.5, Column.FORMULA: 2.6, Column.SUMBER: 1.3,
           Column.TARGET: 0.9, Column.SATUAN: 0.9, Column.PENANGGUNG_JAWAB: 1.3, Column.KETERANGAN: 0.9}
MAX_COMBINED = 5
_MULTIPLIER = re.compile(r"(?:x|X|×|dikali)\s*100\s*%?")


@dataclass(frozen=True)
class Row:
    """One drawn table row: a single indicator, or several sharing one row as listed items."""

    indicators: tuple[Indicator, ...]
    group: int

    @property
    def combined(self) -> bool:
        return len(self.indicators) > 1


def stacked_fraction(ind: Indicator) -> Fraction | None:
    """The ratio as numerator over denominator, when "N / D [x 100%]" read back is the gold formula exactly."""
    if not (ind.formula and ind.numerator and ind.denominator) or "\n" in ind.formula:
        return None
    parts = ind.formula.split(" / ")
    if len(parts) != 2 or parts[0] not in (ind.numerator, f"Σ {ind.numerator}"):
        return None
    top, rest = parts
    for bottom in (f"Σ {ind.denominator}", ind.denominator):
        if rest == bottom and ind.multiplier is None:
            return Fraction(top, bottom, "")
        suffix = rest[len(bottom) + 1:]
        if rest.startswith(bottom + " ") and _MULTIPLIER.fullmatch(suffix) and ind.multiplier == 100:
            return Fraction(top, bottom, suffix)
    return None


def sasaran_groups(indicators: tuple[Indicator, ...]) -> list[list[Indicator]]:
    groups: list[list[Indicator]] = []
    for ind in indicators:
        if groups and groups[-1][0].sasaran == ind.sasaran and ind.sasaran:
            groups[-1].append(ind)
        else:
            groups.append([ind])
    return groups


def _listable(values: list[str | None]) -> bool:
    """A column lists a group's values as one-line items when every one is there, or none, or all are the same."""
    if all(v is None for v in values) or (all(values) and len(set(values)) == 1):
        return True
    return all(values) and not any("\n" in v for v in values if v)


def combinable(group: list[Indicator], design: Design) -> bool:
    if not 2 <= len(group) <= MAX_COMBINED or not all(i.indikator for i in group):
        return False
    columns = {Column.INDIKATOR: "indikator", Column.FORMULA: "formula", Column.SUMBER: "sumber_data",
               Column.TARGET: "target"}
    return all(_listable([getattr(i, name) for i in group])
               for column, name in columns.items() if column in design.columns)


def table_rows(position: Position, design: Design) -> list[Row]:
    rows: list[Row] = []
    for g, group in enumerate(sasaran_groups(position.indicators)):
        if design.combined_cells and combinable(group, design):
            rows.append(Row(tuple(group), g))
        else:
            rows.extend(Row((ind,), g) for ind in group)
    return rows


def _text(value: str | None) -> tuple[Piece, ...]:
    return tuple(Para(line) for line in value.split("\n")) if value else ()


def _listed(values: list[str | None], marker: Marker) -> tuple[Piece, ...]:
    present = [v for v in values if v]
    if not present:
        return ()
    if len(set(present)) == 1:
        return _text(present[0])
    return (ItemList(tuple(present), marker),)


def _formula(ind: Indicator, design: Design) -> tuple[Piece, ...]:
    fraction = stacked_fraction(ind) if design.formula_style is FormulaStyle.STACKED else None
    return (fraction,) if fraction else _text(ind.formula)


def _value(column: Column, row: Row, position: Position, design: Design) -> tuple[Piece, ...]:
    inds = row.indicators
    marker = design.fungsi_marker
    if column is Column.INDIKATOR:
        return _listed([i.indikator for i in inds], marker) if row.combined else _text(inds[0].indikator)
    if column is Column.FORMULA:
        return _listed([i.formula for i in inds], marker) if row.combined else _formula(inds[0], design)
    if column is Column.SUMBER:
        return _listed([i.sumber_data for i in inds], marker)
    if column is Column.TARGET:
        return _listed([i.target for i in inds], marker)
    if column is Column.SATUAN:
        return _listed([SATUAN_BY_KIND.get(i.kind, "Kegiatan") for i in inds], marker)
    if column is Column.PENANGGUNG_JAWAB:
        return _text(position.jabatan or "-")
    return _text(design.keterangan)


def _spanned(col: int, rows: list[Row], first_row: int, text_of, layout: SpanLayout) -> list[Cell]:
    """Cells of a column whose value is shared by each sasaran group: merged, repeated or written once."""
    cells: list[Cell] = []
    start = 0
    while start < len(rows):
        end = start
        while end + 1 < len(rows) and rows[end + 1].group == rows[start].group:
            end += 1
        pieces = _text(text_of(start))
        if layout is SpanLayout.MERGED:
            cells.append(Cell(first_row + start, col, pieces, row_span=end - start + 1))
        else:
            for r in range(start, end + 1):
                shown = pieces if r == start or layout is SpanLayout.REPEATED else ()
                cells.append(Cell(first_row + r, col, shown, rule_below=layout is SpanLayout.REPEATED or r == end))
        start = end + 1
    return cells


def _header(design: Design, tahun: int) -> tuple[list[Cell], int]:
    """Header cells and how many rows they take: flat, or two rows under a spanning INDIKATOR / TARGET."""
    cols = list(design.columns)
    label = {c: design.headers[c.value] for c in cols}
    i = cols.index(Column.INDIKATOR)
    grouped = i + 1 < len(cols) and cols[i + 1] is Column.FORMULA
    two_rows = design.two_row_header and (grouped or Column.TARGET in cols)
    upper = label[Column.SASARAN].isupper() or label[Column.INDIKATOR].isupper()

    def head(row: int, col: int, text: str, **span: int) -> Cell:
        return Cell(row, col, (Para(text, bold=True, align=Align.CENTER),), header=True, **span)

    if not two_rows:
        return [head(0, c, label[col]) for c, col in enumerate(cols)], 1
    cells: list[Cell] = []
    c = 0
    while c < len(cols):
        col = cols[c]
        if grouped and c == i:
            cells += [head(0, c, cased(GROUP_TOP, upper), col_span=2), head(1, c, cased(GROUP_KINERJA, upper)),
                      head(1, c + 1, design.group_formula_word)]
            c += 2
            continue
        if col is Column.TARGET:
            cells += [head(0, c, label[col]), head(1, c, str(tahun))]
        else:
            cells.append(head(0, c, label[col], row_span=2))
        c += 1
    return cells, 2


def indicator_grid(position: Position, design: Design, tahun: int) -> Grid:
    cols = list(design.columns)
    cells, header_rows = _header(design, tahun)
    if design.number_row is not NumberRow.NONE:
        fmt = "({})" if design.number_row is NumberRow.PARENTHESISED else "{}"
        cells += [Cell(header_rows, c, (Para(fmt.format(c + 1), align=Align.CENTER),), header=True)
                  for c in range(len(cols))]
        header_rows += 1
    rows = table_rows(position, design)
    for c, col in enumerate(cols):
        if col is Column.SASARAN:
            cells += _spanned(c, rows, header_rows, lambda r: rows[r].indicators[0].sasaran, design.sasaran_layout)
        elif col is Column.NO and design.numbering is Numbering.PER_SASARAN:
            layout = SpanLayout.BLANK_BELOW if design.no_layout is SpanLayout.REPEATED else design.no_layout
            cells += _spanned(c, rows, header_rows, lambda r: f"{rows[r].group + 1}.", layout)
        elif col is Column.NO:
            cells += [Cell(header_rows + r, c, (Para(f"{r + 1}.", align=Align.CENTER),)) for r in range(len(rows))]
        else:
            cells += [Cell(header_rows + r, c, _value(col, row, position, design)) for r, row in enumerate(rows)]
    total = sum(WEIGHTS[c] for c in cols)
    return Grid(len(cols), tuple(WEIGHTS[c] / total for c in cols), cells, TableRole.INDICATORS,
                header_rows=header_rows, repeat_header=design.repeat_header, rows_can_split=design.rows_can_split,
                size_delta=design.table_pt - design.font_pt)
