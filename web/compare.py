"""The analysts' table: one concept or one kind of position side by side across kecamatan.

Everything reads v_indicators through store.queries, so the screen, its CSV
and its XLSX show the same corrected rows.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from store.keys import fold
from store.queries import Filters, compare_rows, indicators_frame

VIEW_COLUMNS = ["kecamatan", "kabupaten", "tahun", "jabatan", "canonical_jabatan", "level", "concept", "kind",
                "indikator", "formula", "target", "sumber_data", "decree_id", "row_key"]
SEARCHED = ("indikator", "sasaran", "formula", "sumber_data", "target", "jabatan", "concept")


@dataclass(frozen=True)
class CompareQuery:
    """The screen's choices; empty strings from the form mean "any"."""

    concept: str = ""
    level: str = ""
    jabatan: str = ""
    kabupaten: str = ""
    tahun: int | None = None
    kind: str = ""
    q: str = ""

    def filters(self) -> Filters:
        return Filters(kabupaten=self.kabupaten or None, tahun=self.tahun, kind=self.kind or None,
                       level=self.level or None, concept=self.concept or None,
                       canonical_jabatan=self.jabatan or None)


def _search(frame: pd.DataFrame, q: str) -> pd.DataFrame:
    """Rows holding every word of `q`, case-, accent- and punctuation-blind, in any searched column."""
    words = fold(q).split()
    if not words or frame.empty:
        return frame
    haystack = frame[list(SEARCHED)].fillna("").astype(str).agg(" ".join, axis=1).map(fold)
    keep = pd.Series(True, index=frame.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return frame[keep]


def compare_frame(session: Session, choice: CompareQuery) -> pd.DataFrame:
    """The current view: filtered, searched rows ordered kecamatan by kecamatan."""
    frame = _search(compare_rows(session, choice.filters()), choice.q)
    return frame[VIEW_COLUMNS].sort_values(["kecamatan", "tahun", "decree_id"], kind="stable").reset_index(drop=True)


def choices(session: Session) -> dict[str, list]:
    """What the filters offer: the values present in the store."""
    frame = indicators_frame(session)
    def values(name: str) -> list:
        return sorted(frame[name].dropna().unique().tolist())
    return {name: values(name) for name in ("concept", "level", "canonical_jabatan", "kabupaten", "tahun", "kind")}


def by_kecamatan(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The view cut into one block per decree, named by its kecamatan and year, for the side-by-side table."""
    if frame.empty:
        return []
    return [(f"{group['kecamatan'].iloc[0] or '(unknown)'} {group['tahun'].iloc[0] or ''}".strip(), group)
            for _, group in frame.groupby("decree_id", sort=False)]


def to_xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="compare")
    return buffer.getvalue()
