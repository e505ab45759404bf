"""Writing query results in the formats analysts open: CSV, Excel, Parquet, JSON.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) as a formula, so decree text such as
`=HYPERLINK(...)` would become a live link or command when an analyst opens
the export. As OWASP recommends for CSV injection, every such text cell of a
CSV or XLSX export starts with a single quote, which spreadsheets show as
text; numbers stay numbers. Parquet and JSON are data formats, not
spreadsheets, and keep the text exactly.
"""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rustpy_xlsxwriter import write_worksheet

from store.export_formats import FORMATS, TEXT_FORMATS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(column: pd.Series) -> pd.Series:
    """The column with each text a spreadsheet would run prefixed with a quote (whole columns at once)."""
    texts = column.map(lambda value: isinstance(value, str)) if column.dtype == object else column.notna()
    risky = texts & column.astype("string").str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
    if not risky.any():
        return column
    return column.where(~risky, "'" + column[risky].astype(str))


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula prefixed with a quote."""
    text = [name for name in frame.columns if not pd.api.types.is_numeric_dtype(frame[name])
            and not pd.api.types.is_bool_dtype(frame[name])]
    return frame.assign(**{str(name): _inert(frame[name]) for name in text})


def frame_text(frame: pd.DataFrame, fmt: str) -> str:
    """CSV or JSON text of a frame (JSON: one object per row, non-ASCII kept as is)."""
    if fmt == "csv":
        return neutralised(frame).to_csv(index=False)
    return frame.to_json(orient="records", force_ascii=False, indent=2)


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """An Excel workbook of the frame, written by rust_xlsxwriter: a whole jabatan level at 7,000 decrees (a
    million cells) takes a second, where openpyxl took twenty. Dates are written as ISO text."""
    buffer = io.BytesIO()
    dates = [name for name in frame.columns if frame[name].dtype == object
             and frame[name].map(lambda value: isinstance(value, date)).any()]
    ready = neutralised(frame).assign(**{str(name): frame[name].map(_iso) for name in dates})
    write_worksheet(ready, buffer, sheet_name=sheet, bold_headers=True, freeze_row=1)
    return buffer.getvalue()


def inert_arrow(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """`_inert` of a text column of Arrow, in Arrow's own loops (the XLSX of an Arrow table: store.sheet_xml)."""
    risky = pc.fill_null(pc.starts_with(column, FORMULA_STARTS[0]), False)
    for start in FORMULA_STARTS[1:]:
        risky = pc.or_(risky, pc.fill_null(pc.starts_with(column, start), False))
    if not pc.any(risky).as_py():
        return column
    quote, nothing = pa.scalar("'", column.type), pa.scalar("", column.type)
    return pc.if_else(risky, pc.binary_join_element_wise(quote, column, nothing), column)


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def write_frame(frame: pd.DataFrame, fmt: str, out: Path) -> None:
    if fmt in TEXT_FORMATS:
        out.write_text(frame_text(frame, fmt), encoding="utf-8")
    elif fmt == "xlsx":
        out.write_bytes(xlsx_bytes(frame, "indicators"))
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
