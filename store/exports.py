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
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "xlsx", "parquet", "json")
TEXT_FORMATS = ("csv", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula prefixed with a quote."""
    text = [name for name in frame.columns if not pd.api.types.is_numeric_dtype(frame[name])]
    return frame.assign(**{str(name): frame[name].map(_inert) for name in text})


def frame_text(frame: pd.DataFrame, fmt: str) -> str:
    """CSV or JSON text of a frame (JSON: one object per row, non-ASCII kept as is)."""
    if fmt == "csv":
        return neutralised(frame).to_csv(index=False)
    return frame.to_json(orient="records", force_ascii=False, indent=2)


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    neutralised(frame).to_excel(buffer, index=False, sheet_name=sheet)
    return buffer.getvalue()


def write_frame(frame: pd.DataFrame, fmt: str, out: Path) -> None:
    if fmt in TEXT_FORMATS:
        out.write_text(frame_text(frame, fmt), encoding="utf-8")
    elif fmt == "xlsx":
        out.write_bytes(xlsx_bytes(frame, "indicators"))
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
