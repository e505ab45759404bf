"""Exports never hand a spreadsheet a live formula: text cells that would run start with a quote (OWASP)."""
from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
from sqlalchemy import select
from typer.testing import CliRunner

from store import corrections
from store.exports import neutralised
from store.models import Decree

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+41+1", "-2+3", "@SUM(A1:A9)"]


def test_every_cell_a_spreadsheet_would_run_is_quoted_and_the_rest_is_left_alone():
    frame = pd.DataFrame({"text": ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "a=b", "- bullet", None, ""],
                          "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    out = neutralised(frame)
    expected = pd.Series(["'=1+1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1", "a=b", "'- bullet", None, ""], name="text")
    pd.testing.assert_series_equal(out["text"], expected)
    assert list(out["number"]) == list(frame["number"]) and out["number"].dtype == frame["number"].dtype


def test_iki_export_writes_formulas_as_text_in_csv_and_xlsx(imported, db_url, cli, tmp_path):
    with imported.begin() as session:
        decree = session.scalars(select(Decree).order_by(Decree.id)).first()
        keys = [row.row_key for row in sorted(decree.rows, key=lambda r: r.id)[:len(HOSTILE)]]
        for key, text in zip(keys, HOSTILE, strict=True):
            corrections.set_field(session, decree, key, "sumber_data", text, who="siti")
    shown = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", db_url])
    assert shown.exit_code == 0, shown.output
    cells = {value for row in csv.DictReader(io.StringIO(shown.stdout)) for value in row.values()}
    assert {"'" + text for text in HOSTILE} <= cells and not cells & set(HOSTILE)

    out = tmp_path / "iki.xlsx"
    assert CliRunner().invoke(cli, ["export", "--format", "xlsx", "--out", str(out), "--db", db_url]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["indicators"]
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not [cell.value for cell in texts if cell.data_type == "f"]
    assert {"'" + text for text in HOSTILE} <= {cell.value for cell in texts}
