"""Export files are kept per store state: served again while the store is unchanged, built again after a change
(an XLSX file from its rows kept, the changed decrees read again), behind the screens when the server asks for
it, and always the same cells as a file built from the store."""
from __future__ import annotations

import dataclasses
import io
import time
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.run import extract_file
from store import corrections
from store.concept_refresh import regroup_concepts
from store.concepts import merge_concepts, rename_concept
from store.db import open_store
from store.importer import load_record
from store.models import Concept, Decree, IndicatorRow
from store.queries import Filters
from tests.conftest import sample_files
from tests.web.conftest import log_in
from web import exports, sheets, workbooks
from web.app import create_app
from web.exports import COLUMNS
from web.i18n import Language, serving
from web.settings import Settings

KASI = workbooks.Ask(Filters(level="kasi"), exports.Format.XLSX, Language.INDONESIAN)


def _cells(body: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(body))["iki"].iter_rows(values_only=True))


def _fresh(settings: Settings) -> bytes:
    """The level's file built straight from the store, as every export was before files were kept."""
    with open_store(settings.db_url)() as session, serving(Language.INDONESIAN, ZoneInfo("UTC")):
        return exports.encoded(exports.export_table(session, KASI.filters), KASI.fmt)


def _correct(settings: Settings, text: str) -> None:
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.scalars(select(Decree).where(Decree.twin_of.is_(None)).order_by(Decree.id)).first()
        assert decree is not None
        row = next(row for row in sorted(decree.rows, key=lambda r: r.id) if row.position.level == "kasi")
        corrections.set_field(session, decree, row.row_key, "sumber_data", text, who="siti")
    factory.kw["bind"].dispose()


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """The decrees each reading of rows asks for (None: all), a block per decree (the five samples' rows are a
    few kilobytes)."""
    monkeypatch.setattr(sheets, "BLOCK_BYTES", 1)
    asked: list[list[int] | None] = []
    real = sheets.indicators_table

    def spied(session: Session, filters: Filters, columns: Sequence[str], decrees: Sequence[int] | None) -> pa.Table:
        asked.append(None if decrees is None else sorted(decrees))
        return real(session, filters, columns, decrees)

    monkeypatch.setattr(sheets, "indicators_table", spied)
    return asked


def test_an_export_is_built_once_per_state_of_the_store(client: TestClient, settings: Settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real = workbooks.build
    monkeypatch.setattr(workbooks, "build", lambda session, ask: built.append(ask) or real(session, ask))
    log_in(client, "andi")
    asked = client.get("/export.xlsx", params={"level": "kasi"})
    first, second = asked.content, client.get("/export.xlsx", params={"level": "kasi"})
    assert second.content == first and len(built) == 1
    assert (asked.headers["X-Iki-Export"], second.headers["X-Iki-Export"]) == ("built", "kept")
    assert _cells(first) == _cells(_fresh(settings))
    client.get("/export.csv", params={"level": "kasi"})
    assert len(built) == 2  # another format is another file
    _correct(settings, "Laporan bulanan yang dibetulkan")
    answer = client.get("/export.xlsx", params={"level": "kasi"})
    again = answer.content
    assert answer.headers["X-Iki-Export"] == "updated" and len(built) == 2  # only the corrected decree read again
    assert _cells(again) == _cells(_fresh(settings)) != _cells(first)
    assert "Laporan bulanan yang dibetulkan" in {cell for row in _cells(again) for cell in row}


def test_files_are_built_again_behind_the_screens(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    background = dataclasses.replace(settings, export_prebuild=True, export_poll_seconds=0.2)
    factory = open_store(settings.db_url)

    def wait_until_current(kept: workbooks.Exports) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with factory() as session:
                if kept.state_of(KASI) == workbooks.StoreState.of(session):
                    return
            time.sleep(0.2)
        raise AssertionError("the level's file was not built behind the screens")

    with TestClient(create_app(background)) as client:
        kept = client.app.state.exports  # type: ignore[attr-defined]
        wait_until_current(kept)  # every level's file is built at start
        _correct(settings, "Dibetulkan di belakang layar")
        wait_until_current(kept)
        monkeypatch.setattr(workbooks, "build", lambda session, ask: pytest.fail("built in the request"))
        log_in(client, "andi")
        answer = client.get("/export.xlsx", params={"level": "kasi"})
        assert answer.headers["X-Iki-Export"] == "kept"
        body = answer.content
    factory.kw["bind"].dispose()
    assert _cells(body) == _cells(_fresh(settings))
    assert "Dibetulkan di belakang layar" in {cell for row in _cells(body) for cell in row}


def test_an_export_after_corrections_and_an_import_holds_them(client: TestClient, settings: Settings,
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file asked right after a change is put together from the rows kept, only the changed decrees read
    again: the corrected cell is in its row, a deleted row is gone, an imported decree's rows are in, and every
    cell is that of a file built whole."""
    asked = _reads(monkeypatch)
    log_in(client, "andi")
    first = client.get("/export.xlsx", params={"level": "kasi"})
    assert first.headers["X-Iki-Export"] == "built"
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.scalars(select(Decree).where(Decree.twin_of.is_(None)).order_by(Decree.id)).all()[-1]
        kasi = [row for row in sorted(decree.rows, key=lambda r: r.id) if row.position.level == "kasi"
                and not row.deleted]
        corrections.set_field(session, decree, kasi[0].row_key, "sumber_data", "=Laporan triwulan", who="siti")
        corrections.delete_row(session, decree, kasi[1].row_key, who="siti")
        corrected, deleted, decree_id = kasi[0].row_key, kasi[1].row_key, decree.id
    answer = client.get("/export.xlsx", params={"level": "kasi"})
    assert answer.headers["X-Iki-Export"] == "updated" and asked == [None, [decree_id]]
    frame = pd.read_excel(io.BytesIO(answer.content), sheet_name="iki")
    before = pd.read_excel(io.BytesIO(first.content), sheet_name="iki")
    assert list(frame.columns) == list(before.columns) and len(frame) == len(before) - 1
    by_key = frame.set_index("Kunci baris")
    assert by_key.loc[corrected, "Sumber data"] == "'=Laporan triwulan" and deleted not in by_key.index
    assert _cells(answer.content) == _cells(_fresh(settings))
    sample = next(path for _, path in sample_files() if path.name == "ponggok-blitar-2022.txt")
    later = tmp_path / "ponggok-blitar-2024.txt"  # the same kecamatan's decree of another year, a decree of its own
    later.write_text(sample.read_text(encoding="utf-8").replace("2022", "2024"), encoding="utf-8")
    load_record(factory, extract_file(later))
    again = client.get("/export.xlsx", params={"level": "kasi"})
    factory.kw["bind"].dispose()
    assert again.headers["X-Iki-Export"] == "updated" and len(asked) == 3 and len(asked[2] or []) == 1
    assert _cells(again.content) == _cells(_fresh(settings))
    years = pd.read_excel(io.BytesIO(again.content), sheet_name="iki")["Tahun"]
    assert (years == 2024).sum() == (years == 2022).sum() > 0


def test_an_export_after_concept_edits_reads_only_the_decrees_they_touch(
        client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither a rename nor a merge re-reads a row (the concept cells refer to a slot of the shared strings,
    and the merged concept's slot now says the concept its rows went to); the file is cell for cell one built
    whole."""
    asked = _reads(monkeypatch)
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        regroup_concepts(session)
    log_in(client, "andi")
    assert client.get("/export.xlsx", params={"level": "kasi"}).headers["X-Iki-Export"] == "built"

    def bearing(session: Session, concept_ids: set[int]) -> list[int]:
        return sorted(set(session.scalars(select(IndicatorRow.decree_id).where(
            IndicatorRow.concept_id.in_(concept_ids), IndicatorRow.decree_id.in_(
                select(Decree.id).where(Decree.twin_of.is_(None)))))))

    with factory() as session:
        used = session.execute(select(IndicatorRow.concept_id, func.count(func.distinct(IndicatorRow.decree_id)))
                               .where(IndicatorRow.concept_id.is_not(None)).group_by(IndicatorRow.concept_id)
                               .order_by(func.count(func.distinct(IndicatorRow.decree_id)))).all()
        few = [concept for concept, decrees in used if decrees < len(sample_files())]
        assert len(few) >= 2, "the samples' concepts are each borne by every decree"
        codes = {concept.id: concept.code for concept in session.scalars(select(Concept).where(Concept.id.in_(few)))}
        renamed, kept, gone = few[0], few[0], few[1]
        moving = bearing(session, {gone})
    with factory.begin() as session:
        rename_concept(session, codes[renamed], "=Persentase <capaian> & mutu", who="siti")
    answer = client.get("/export.xlsx", params={"level": "kasi"})
    assert answer.headers["X-Iki-Export"] == "updated" and asked[-1] == []
    assert _cells(answer.content) == _cells(_fresh(settings))
    assert "'=Persentase <capaian> & mutu" in {cell for row in _cells(answer.content) for cell in row}
    with factory.begin() as session:
        merge_concepts(session, [codes[gone]], codes[kept], who="siti")
    answer = client.get("/export.xlsx", params={"level": "kasi"})
    factory.kw["bind"].dispose()
    assert answer.headers["X-Iki-Export"] == "updated" and asked[-1] == [] and moving
    assert len(asked) == 3 and _cells(answer.content) == _cells(_fresh(settings))
    with open_store(settings.db_url)() as session:
        assert bearing(session, {gone}) == []


def test_an_export_after_a_change_to_decrees_without_its_rows_is_the_same_file(
        client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """One kabupaten's file, after a correction in another kabupaten's decree: the decree read again has no
    row there, and the file stays what it was."""
    monkeypatch.setattr(sheets, "BLOCK_BYTES", 1)
    factory = open_store(settings.db_url)
    with factory() as session:
        decrees = session.scalars(select(Decree).where(Decree.twin_of.is_(None)).order_by(Decree.id)).all()
        kept = decrees[0].kabupaten
        other = next(decree.id for decree in decrees if decree.kabupaten != kept)
    log_in(client, "andi")
    first = client.get("/export.xlsx", params={"kabupaten": kept})
    with factory.begin() as session:
        decree = session.get(Decree, other)
        assert decree is not None
        row = sorted(decree.rows, key=lambda r: r.id)[0]
        corrections.set_field(session, decree, row.row_key, "sumber_data", "Laporan kabupaten lain", who="siti")
    factory.kw["bind"].dispose()
    answer = client.get("/export.xlsx", params={"kabupaten": kept})
    assert answer.headers["X-Iki-Export"] == "updated"
    cells = _cells(answer.content)
    assert cells == _cells(first.content) and len(cells) > 1
    assert {row[COLUMNS.index("kabupaten")] for row in cells[1:]} == {kept}
