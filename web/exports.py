"""Exports of every field of the indicators an analyst chose, in CSV, XLSX and Parquet, headed in their language.

They read v_indicators (corrections applied, deleted rows and the forms that
do not count left out), so an export agrees with the screens and with what
Datasette or a spreadsheet opening the views shows.
"""
from __future__ import annotations

import io
from enum import StrEnum

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from store.exports import frame_text
from store.queries import Filters, indicators_table
from store.sheet_xml import table_workbook
from web.labels import field

COLUMNS = ("decree_id", "kecamatan", "kecamatan_code", "kabupaten", "kabupaten_code", "kabupaten_type", "provinsi",
           "provinsi_code", "tahun", "nomor", "tanggal", "jabatan", "level", "canonical_jabatan", "sasaran",
           "indikator", "kind", "formula", "numerator", "denominator", "multiplier", "sumber_data", "target",
           "target_value", "target_unit", "concept", "concept_code", "confidence", "reviewed", "source", "sha256",
           "page", "page_boxes", "line_start", "line_end", "row_key")


SHEET = "iki"


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"


MEDIA = {Format.CSV: "text/csv; charset=utf-8",
         Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         Format.PARQUET: "application/vnd.apache.parquet"}


def export_table(session: Session, filters: Filters) -> pa.Table:
    """Every exported field of the chosen rows in document order, columns named in the screen's language."""
    return indicators_table(session, filters, COLUMNS).rename_columns([field(name) for name in COLUMNS])


def encoded(table: pa.Table, fmt: Format) -> bytes:
    if fmt == Format.CSV:
        return ("\ufeff" + frame_text(table.to_pandas(), "csv")).encode("utf-8")  # the BOM makes Excel read UTF-8
    if fmt == Format.XLSX:
        return table_workbook(table, SHEET)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()
