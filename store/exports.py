"""Writing query results in the formats analysts open: CSV, Excel, Parquet, JSON."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMATS = ("csv", "xlsx", "parquet", "json")
TEXT_FORMATS = ("csv", "json")


def frame_text(frame: pd.DataFrame, fmt: str) -> str:
    """CSV or JSON text of a frame (JSON: one object per row, non-ASCII kept as is)."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    return frame.to_json(orient="records", force_ascii=False, indent=2)


def write_frame(frame: pd.DataFrame, fmt: str, out: Path) -> None:
    if fmt in TEXT_FORMATS:
        out.write_text(frame_text(frame, fmt), encoding="utf-8")
    elif fmt == "xlsx":
        frame.to_excel(out, index=False, sheet_name="indicators")
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
