"""The screens' exports read the rows as Arrow columns: the same values as the analysts' frame, formulas inert."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
from sqlalchemy import select

from store import corrections
from store.db import open_store
from store.models import Decree
from store.queries import PAGE_BOXES, Filters, indicators_frame, indicators_table
from web import exports
from web.settings import Settings

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+41+1", "-2+3", "@SUM(A1:A9)"]


def test_the_table_holds_the_frames_values_in_its_order(settings: Settings) -> None:
    in_view = [name for name in exports.COLUMNS if name != PAGE_BOXES]  # the boxes are the rows' own, not the view's
    with open_store(settings.db_url)() as session:
        for filters in (Filters(), Filters(level="KASI"), Filters(kind="persentase")):
            table = indicators_table(session, filters, exports.COLUMNS).to_pandas()
            assert table.columns.tolist() == list(exports.COLUMNS)
            frame = indicators_frame(session, filters, in_view)
            assert len(table) == len(frame) > 0
            for name in in_view:
                mine, theirs = table[name].astype(object), frame[name].astype(object)
                if name == "tanggal":
                    theirs = pd.to_datetime(theirs).dt.date.astype(object)
                assert [None if pd.isna(v) else v for v in mine] == [None if pd.isna(v) else v for v in theirs], name


def test_the_xlsx_export_quotes_every_cell_a_spreadsheet_would_run(settings: Settings) -> None:
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.scalars(select(Decree).where(Decree.twin_of.is_(None)).order_by(Decree.id)).first()
        keys = [row.row_key for row in sorted(decree.rows, key=lambda r: r.id)[:len(HOSTILE)]]
        for key, text in zip(keys, HOSTILE, strict=True):
            corrections.set_field(session, decree, key, "sumber_data", text, who="siti")
    with factory() as session:
        body = exports.encoded(exports.export_table(session, Filters()), exports.Format.XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(body))["iki"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert {"'" + text for text in HOSTILE} <= texts and not texts & set(HOSTILE)
    assert any(isinstance(cell.value, int | float) and not isinstance(cell.value, bool) for cell in cells)
