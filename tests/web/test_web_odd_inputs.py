"""The screens given odd input: numbers that are not, ids past the database's integers, formulas in cells,
a decree re-extracted under an open review screen, and an upload that must come out like an import."""
from __future__ import annotations

import csv
import io
import re
import time

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pipeline.run import extract_file
from store import corrections
from store.db import open_store
from store.importer import load_record
from store.models import Decree, IndicatorRow, Position, SourceFile
from tests.conftest import SAMPLES
from tests.web.conftest import log_in
from web.settings import Settings

ROW = re.compile(r'data-row-key="([0-9a-f]+)" data-row-id="(\d+)" data-version="(\d+)"')
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("page", ["²", "٣", "9" * 5000, "-1", "1e3"])
def test_a_page_or_year_that_is_no_plain_number_shows_the_first_page(client: TestClient, page: str) -> None:
    log_in(client, "andi")
    for params in ({"page": page}, {"tahun": page}):
        response = client.get("/compare", params={"view": "list", **params})
        assert response.status_code == 200 and "Halaman" not in response.text or "Halaman 1 dari" in response.text


@pytest.mark.parametrize("path", ["/decrees/99999999999999999999", "/decrees/9223372036854775808/history",
                                  "/rows/99999999999999999999/page.png", "/sources/1/pages/99999999999999.png",
                                  "/bulk?decree_id=99999999999999999999"])
def test_an_id_past_the_databases_integers_is_refused_not_a_server_error(client: TestClient, path: str) -> None:
    log_in(client, "olivia")
    assert client.get(path).status_code == 422


def _decree_id(settings: Settings, kecamatan: str) -> int:
    with open_store(settings.db_url)() as session:
        return session.scalars(select(Decree.id).join(SourceFile).where(
            Decree.kecamatan == kecamatan, SourceFile.media_type == "text/plain")).one()


def _put_formulas(settings: Settings, decree_id: int) -> list[str]:
    """Officers' corrections that write formulas into the indikator of the decree's first rows; returns the keys."""
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.get_one(Decree, decree_id)
        keys = [row.row_key for row in sorted(decree.rows, key=lambda r: r.id)[:len(FORMULAS)]]
        for key, formula in zip(keys, FORMULAS, strict=True):
            corrections.set_field(session, decree, key, "indikator", formula, who="olivia")
    return keys


def test_formulas_in_cells_are_exported_as_text(client: TestClient, settings: Settings) -> None:
    _put_formulas(settings, _decree_id(settings, "Camplong"))
    log_in(client, "andi")
    rows = list(csv.DictReader(io.StringIO(client.get("/compare.csv").text.lstrip("\ufeff"))))
    written = {row["indikator"] for row in rows}
    assert {"'" + formula for formula in FORMULAS} <= written
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values())
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/compare.xlsx").content))["compare"]
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    assert {"'" + formula for formula in FORMULAS} <= {cell.value for cell in cells}
    assert any(isinstance(cell.value, int | float) for row in sheet.iter_rows() for cell in row), "numbers stay numbers"


def test_an_open_review_screen_outlives_a_reextraction_but_its_stale_edit_is_refused(
        client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree_id = _decree_id(settings, "Ngluyu")
    page = client.get(f"/decrees/{decree_id}").text
    key, _, version = ROW.search(page).groups()
    record = extract_file(SAMPLES / "text" / "ngluyu-nganjuk-2021.txt")
    record.extractor_version = "9.9.9"
    assert load_record(open_store(settings.db_url), record).outcome == "updated"
    assert client.get(f"/decrees/{decree_id}").status_code == 200
    stale = client.post(f"/api/decrees/{decree_id}/rows/{key}", data={"field": "target", "value": "1",
                                                                       "version": version},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert stale.status_code == 409 and "telah diubah orang lain" in stale.json()["error"]


def test_an_uploaded_decree_gets_its_concepts_and_canonical_jabatan(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    text = (SAMPLES / "text" / "lumajang-lumajang-2023.txt").read_text(encoding="utf-8").replace(
        "Lumajang", "Sukodono", 3)
    response = client.post("/uploads", data={"csrf_token": token}, headers={"Accept": "application/json"},
                           files={"files": ("sukodono.txt", text.encode(), "text/plain")})
    assert response.status_code == 202, response.text
    job_id = response.json()["jobs"][0]["id"]
    deadline = time.monotonic() + 60
    while (job := client.get(f"/api/uploads/{job_id}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert job["state"] == "done", job
    with open_store(settings.db_url)() as session:
        worded = (IndicatorRow.decree_id == job["decree_id"]) & IndicatorRow.indikator.is_not(None)
        rows = session.scalar(select(func.count()).where(worded))
        with_concept = session.scalar(select(func.count()).where(worded & IndicatorRow.concept_id.is_not(None)))
        mapped = session.scalar(select(func.count()).where(Position.decree_id == job["decree_id"],
                                                           Position.canonical_jabatan.is_not(None)))
        pending = session.scalar(select(Decree.concepts_pending).where(Decree.id == job["decree_id"]))
    assert rows > 0 and with_concept == rows and mapped > 0 and pending is False
