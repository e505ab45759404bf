"""The analysts' table: one concept or one kind of position side by side across kecamatan.

Everything reads v_indicators through store.queries, so the screen, its CSV
and its XLSX show the same corrected rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.orm import Session

from store.keys import fold
from store.queries import CHOICES, Filters, compare_rows, distinct_values

VIEW_COLUMNS = ["kecamatan", "kabupaten", "tahun", "jabatan", "canonical_jabatan", "level", "concept", "kind",
                "indikator", "formula", "target", "sumber_data", "decree_id", "row_key"]
SEARCHED = ("indikator", "sasaran", "formula", "sumber_data", "target", "jabatan", "concept")
PAGE_BLOCKS = 50  # decree blocks per page of the screen; the exports hold every row


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
    haystack = pc.binary_join_element_wise(*(_folded(frame[name]) for name in SEARCHED), " ")
    keep = np.logical_and.reduce([pc.match_substring(haystack, word).to_numpy(zero_copy_only=False) for word in words])
    return frame[keep]


def _folded(column: pd.Series) -> pa.Array:
    """The column's texts folded, each distinct text once: folding row by row took 40 s at 300,000 rows."""
    codes, texts = pd.factorize(column)
    folded = pa.array([fold(str(text)) for text in texts] + [""])
    return folded.take(np.where(codes < 0, len(texts), codes))


def compare_frame(session: Session, choice: CompareQuery) -> pd.DataFrame:
    """The current view: filtered, searched rows ordered kecamatan by kecamatan."""
    frame = _search(compare_rows(session, choice.filters()), choice.q)
    return frame[VIEW_COLUMNS].sort_values(["kecamatan", "tahun", "decree_id"], kind="stable").reset_index(drop=True)


def choices(session: Session) -> dict[str, list]:
    """What the filters offer: the values some effective row has."""
    return {name: distinct_values(session, name) for name in CHOICES}


def by_kecamatan(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The view cut into one block per decree, named by its kecamatan and year, for the side-by-side table."""
    if frame.empty:
        return []
    return [(_block_name(group), group) for _, group in frame.groupby("decree_id", sort=False)]


def _block_name(group: pd.DataFrame) -> str:
    """Kecamatan and year; the year as a whole number even when a missing one turned the column to floats."""
    kecamatan, tahun = group["kecamatan"].iloc[0], group["tahun"].iloc[0]
    return f"{kecamatan if pd.notna(kecamatan) else '(unknown)'} {int(tahun) if pd.notna(tahun) else ''}".strip()


@dataclass(frozen=True)
class Page:
    """One page of the side-by-side table: its decree blocks, its number (from 1) and how many pages there are."""

    groups: list[tuple[str, pd.DataFrame]]
    number: int
    count: int


def page_of(frame: pd.DataFrame, number: int) -> Page:
    """The decree blocks of page `number`, moved into the pages there are.

    Rendering every block would put 300,000 table rows in one page at 7,000 decrees.
    """
    decrees = frame["decree_id"].unique()
    count = max(1, ceil(len(decrees) / PAGE_BLOCKS))
    number = min(max(number, 1), count)
    shown = decrees[(number - 1) * PAGE_BLOCKS:number * PAGE_BLOCKS]
    return Page(by_kecamatan(frame[frame["decree_id"].isin(shown)]), number, count)

