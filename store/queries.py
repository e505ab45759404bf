"""Analyst queries: the SQL views as pandas DataFrames, filtered the same way everywhere.

Reading through v_indicators means every query, export and screen sees the
effective values (corrections applied) and never a row a correction deleted.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy import ColumnElement, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from store.errors import NotFound
from store.models import Decree, SourceFile

COMPARE_COLUMNS = ("decree_id", "kecamatan", "kabupaten", "provinsi", "tahun", "jabatan", "level",
                   "canonical_jabatan", "concept", "sasaran", "indikator", "kind", "formula", "target",
                   "sumber_data", "position_ordinal", "ordinal", "row_id", "row_key")
V_INDICATORS = table("v_indicators", *(column(name) for name in COMPARE_COLUMNS))
_DOCUMENT_ORDER = tuple(V_INDICATORS.c[name] for name in (
    "kabupaten", "kecamatan", "tahun", "decree_id", "position_ordinal", "ordinal", "row_id"))
V_DECREES = table("v_decrees", column("decree_id"), column("kecamatan"), column("kabupaten"), column("provinsi"),
                  column("tahun"))
BOOLEAN_COLUMNS = ("reviewed",)


@dataclass(frozen=True)
class Filters:
    """The filters of `iki query` and `iki export`; None means no filter, names are matched case-blind."""

    kecamatan: str | None = None
    kabupaten: str | None = None
    provinsi: str | None = None
    tahun: int | None = None
    level: str | None = None
    kind: str | None = None
    decree_id: int | None = None
    concept: str | None = None
    canonical_jabatan: str | None = None

    def conditions(self, view) -> list[ColumnElement[bool]]:
        found = []
        for name, value in asdict(self).items():
            if value is None or name not in view.c:
                continue
            col = view.c[name]
            found.append(col == value if isinstance(value, int) else func.lower(col) == value.lower())
        return found


def indicators_frame(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Effective indicator rows with their decree, region, position and concept, in document order."""
    view = V_INDICATORS
    query = select(literal_column("*")).select_from(view).where(*filters.conditions(view)).order_by(*_DOCUMENT_ORDER)
    frame = pd.read_sql(query, session.connection())
    for name in BOOLEAN_COLUMNS:
        frame[name] = frame[name].astype(bool)
    return frame


def compare_rows(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Only what a kecamatan-by-indicator comparison shows, so comparing across thousands of decrees stays quick."""
    view = V_INDICATORS
    query = (select(*(view.c[name] for name in COMPARE_COLUMNS)).where(*filters.conditions(view))
             .order_by(*_DOCUMENT_ORDER))
    return pd.DataFrame.from_records(session.execute(query).all(), columns=list(COMPARE_COLUMNS))


def decrees_frame(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    view = V_DECREES
    query = (select(literal_column("*")).select_from(view).where(*filters.conditions(view))
             .order_by(view.c.kabupaten, view.c.kecamatan, view.c.tahun, view.c.decree_id))
    return pd.read_sql(query, session.connection())


def find_decree(session: Session, ref: str) -> Decree:
    """The decree named by its id, its source file name (with or without suffix) or its kecamatan."""
    query = select(Decree).join(SourceFile)
    if ref.isdigit():
        query = query.where(Decree.id == int(ref))
    else:
        folded = ref.lower()
        query = query.where(or_(func.lower(SourceFile.name) == folded, func.lower(SourceFile.name).like(f"{folded}.%"),
                                func.lower(Decree.kecamatan) == folded))
    found = list(session.scalars(query.order_by(Decree.id)))
    if not found:
        raise NotFound(ref, "no decree with this id, source file name or kecamatan")
    if len(found) > 1:
        choices = ", ".join(f"{d.id} ({d.source_file.name}, {d.tahun})" for d in found)
        raise NotFound(ref, f"several decrees match; name one by id: {choices}")
    return found[0]
