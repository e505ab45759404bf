"""The screens of issue 16 through HTTP: language, log-in, queue, structural fixes, pivot, charts and exports."""
from __future__ import annotations

import asyncio
import dataclasses
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import open_store
from store.models import Correction, Decree, IndicatorRow, Position, SourceFile
from tests.web.conftest import csrf, log_in
from tests.web.data import IKM_CONCEPT, PASSWORD, PDF_SAMPLE
from web import catalogues
from web.app import create_app
from web.exports import COLUMNS
from web.i18n import Language
from web.settings import Settings

ROW = re.compile(r'data-row-key="([0-9a-f.c]+)" data-row-id="(\d+)" data-version="(\d+)"')
JSON = {"Accept": "application/json"}


def _decree_id(settings: Settings, kecamatan: str) -> int:
    with open_store(settings.db_url)() as session:
        return session.scalars(select(Decree.id).join(SourceFile).where(
            Decree.kecamatan == kecamatan, SourceFile.media_type == "text/plain")).one()


def _post(client: TestClient, token: str, path: str, **fields: object):
    return client.post(path, data=fields, headers={"X-CSRF-Token": token, **JSON})


def test_every_text_of_the_screens_has_an_indonesian_translation_and_the_mo_is_compiled() -> None:
    assert catalogues.check() == []


def test_indonesian_by_default_english_on_request_with_indonesian_dates(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    page = client.get("/queue").text
    assert '<html lang="id">' in page and "Antrean" in page and "Keyakinan terendah" in page
    _post(client, token, f"/api/decrees/{decree}/fields", field="tanggal", value="2022-10-28")
    assert "28 Oktober 2022" in client.get(f"/decrees/{decree}").text
    switched = client.post("/language", data={"lang": "en", "next": "/queue?sort=rows", "csrf_token": token},
                           follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/queue?sort=rows"
    english = client.get(f"/decrees/{decree}").text
    assert '<html lang="en">' in english and "October 28, 2022" in english and "Mark decree reviewed" in english


ENGLISH_ONLY = ("Not Found", "Method Not Allowed", "not available on this server", "There is no source file",
                "has no page to show", "is not on page", "cannot be shown", "Input should be", "Field required")
TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


def _shown(page: str) -> str:
    """What a person reads on a page: its text without tags, scripts or styles."""
    return " ".join(TAG.sub(" ", page).split())


def test_no_screen_in_indonesian_shows_an_english_text(settings: Settings, tmp_path: Path) -> None:
    """The screens and their error pages, in Indonesian, show none of the code's English texts: neither one the
    catalogue translates (its English shown means it was never put through it) nor a framework's phrase."""
    indonesian = catalogues.read(Language.INDONESIAN)
    english = {message.id for message in catalogues.extracted() if isinstance(message.id, str)
               and len(message.id.split()) >= 3 and "%(" not in message.id
               and indonesian.get(message.id) is not None and indonesian.get(message.id).string != message.id}
    with open_store(settings.db_url)() as session:
        pdf_row, source = session.execute(select(IndicatorRow.id, SourceFile.id)
                                          .join(Decree, Decree.id == IndicatorRow.decree_id)
                                          .join(SourceFile, SourceFile.id == Decree.source_file_id)
                                          .where(SourceFile.media_type == "application/pdf",
                                                 IndicatorRow.page.is_not(None))).first()
    decree = _decree_id(settings, "Camplong")
    screens = ["/queue", f"/decrees/{decree}", f"/decrees/{decree}/history", "/compare", "/compare?view=list",
               "/charts", "/history", "/bulk", f"/rows/{pdf_row}/pages/999.png", "/sources/999999/pages/1.png",
               f"/sources/{source}/pages/999.png", "/no-such-screen", "/decrees/not-a-number", "/concepts",
               "/concepts?q=kepuasan", "/concepts/kepuasan-masyarakat", "/concepts/log", "/concepts/no-such-concept"]
    without_originals = dataclasses.replace(settings, files_dir=tmp_path / "no-originals")
    for app_settings, paths in ((settings, screens), (without_originals, [f"/sources/{source}/pages/1.png"])):
        with TestClient(create_app(app_settings)) as client:
            log_in(client, "olivia")
            pages = {path: client.get(path) for path in paths}
            pages["POST /compare"] = client.post("/compare")
        for path, answer in pages.items():
            assert 'lang="id"' in answer.text, path
            shown = _shown(answer.text)
            found = [text for text in (*ENGLISH_ONLY, *english) if text in shown]
            assert not found, (path, found)
    assert pages[f"/sources/{source}/pages/1.png"].status_code == 404
    assert "tidak tersedia di server ini" in _shown(pages[f"/sources/{source}/pages/1.png"].text)


def test_login_keeps_the_whole_next_url_and_the_typed_name(client: TestClient) -> None:
    asked = "/compare?kabupaten=Sampang&tahun=2021"
    redirect = client.get(asked, follow_redirects=False).headers["location"]
    assert parse_qs(urlparse(redirect).query)["next"] == [asked]
    form = client.get(redirect).text
    assert f'name="next" value="{asked.replace("&", "&amp;")}"' in form
    wrong = client.post("/login", data={"name": "olivia", "password": "nope nope", "next": asked,
                                        "csrf_token": csrf(client)})
    assert wrong.status_code == 401 and 'name="name" value="olivia"' in wrong.text
    right = client.post("/login", data={"name": "olivia", "password": PASSWORD, "next": asked,
                                        "csrf_token": csrf(client)}, follow_redirects=False)
    assert right.headers["location"] == asked


def test_queue_pages_sorts_filters_and_removes_a_failed_file(client: TestClient, settings: Settings,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from web import queue

    monkeypatch.setattr(queue, "PAGE_SIZE", 2)
    with open_store(settings.db_url).begin() as session:
        session.add(SourceFile(sha256="f" * 64, name="rusak.pdf", status="failed", error="rusak.pdf: encrypted",
                               warnings=[], imported_at=session.scalar(select(SourceFile.imported_at))))
    token = log_in(client, "olivia")
    first = client.get("/queue").text
    assert "Halaman 1 dari 3" in first and first.count("<tr class=\"status-") == 2
    lowest = re.findall(r'<td class="num">([0-9,]*)</td>\s*<td>', first)
    assert lowest and lowest == sorted(lowest)
    by_rows = client.get("/queue", params={"sort": "rows", "desc": "1"}).text
    rows = [int(n) for n in re.findall(r'<tr class="status-.*?<td class="num">(\d+)</td>', by_rows, re.S)]
    assert rows == sorted(rows, reverse=True)
    assert "Kapongan" in client.get("/queue", params={"q": "kapong"}).text
    assert "Kapongan" not in client.get("/queue", params={"kabupaten": "Sampang"}).text
    errors = client.get("/queue", params={"errors": "1"}).text
    assert "rusak.pdf: encrypted" in errors and "Camplong" not in errors
    source = re.search(r'action="/sources/(\d+)/remove"', errors).group(1)
    assert client.post(f"/sources/{source}/remove", data={"csrf_token": token}).status_code == 200
    assert "rusak.pdf" not in client.get("/queue", params={"errors": "1"}).text
    assert "also as" not in first and "juga sebagai" in client.get("/queue", params={"q": "ponggok"}).text


def test_structural_fixes_on_screen_are_corrections_undone_step_by_step(client: TestClient,
                                                                        settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Lumajang")
    rows = ROW.findall(client.get(f"/decrees/{decree}").text)
    (first, _, v1), (second, _, v2), (third, _, v3) = rows[:3]
    split = _post(client, token, f"/api/decrees/{decree}/rows/{first}/split", parts=["Bagian satu", "Bagian dua"],
                  version=v1, why="dua indikator")
    assert split.status_code == 200 and split.json()["undo_steps"] == 1
    merged = _post(client, token, f"/api/decrees/{decree}/merge", rows=[f"{second}:{v2}", f"{third}:{v3}"],
                   indikator="Gabungan")
    assert merged.status_code == 200
    with open_store(settings.db_url)() as session:
        positions = session.scalars(select(Position).where(Position.decree_id == decree)
                                    .order_by(Position.ordinal)).all()
    moved_key, *_ = [key for key, _, _ in ROW.findall(client.get(f"/decrees/{decree}").text)
                     if not key.startswith("c")]
    row_version = dict((key, version) for key, _, version in ROW.findall(client.get(f"/decrees/{decree}").text))
    assert _post(client, token, f"/api/decrees/{decree}/rows/{moved_key}/move", version=row_version[moved_key],
                 position_key=positions[-1].position_key).status_code == 200
    assert _post(client, token, f"/api/decrees/{decree}/positions/rows", position_key=positions[0].position_key,
                 indikator="Baru ditambah").status_code == 200
    renamed = _post(client, token, f"/api/decrees/{decree}/positions", position_key=positions[0].position_key,
                    field="jabatan", value="Camat Lumajang", expected=positions[0].jabatan or "")
    assert renamed.status_code == 200 and renamed.json()["undo_steps"] == 5
    stale = _post(client, token, f"/api/decrees/{decree}/positions", position_key=positions[0].position_key,
                  field="jabatan", value="Lagi", expected=positions[0].jabatan or "")
    assert stale.status_code == 409 and "orang lain" in stale.json()["error"]
    page = client.get(f"/decrees/{decree}").text
    assert "Bagian dua" in page and "Gabungan" in page and "Baru ditambah" in page
    assert 'value="Camat Lumajang"' in page
    with open_store(settings.db_url)() as session:
        actions = [c.action for c in session.scalars(select(Correction).order_by(Correction.id))]
    assert actions == ["split", "merge", "move", "add", "position"]
    for left in (4, 3):
        assert _post(client, token, f"/api/decrees/{decree}/undo").json()["undo_steps"] == left
    page = client.get(f"/decrees/{decree}").text
    assert 'value="Camat Lumajang"' not in page and ">Baru ditambah</textarea>" not in page
    assert ">Gabungan</textarea>" in page and "(dibatalkan)" in page  # the latest corrections list the undone


def test_confirming_a_row_updates_the_waiting_count(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Kapongan")
    page = client.get(f"/decrees/{decree}").text
    waiting = int(re.search(r'<strong id="waiting">(\d+)</strong>', page).group(1))
    key, _, version = re.search(r'class="unconfirmed[^"]*"', page) and ROW.search(
        page[page.index('class="unconfirmed') - 400:]).groups()
    saved = _post(client, token, f"/api/decrees/{decree}/rows/{key}", field="reviewed", value="true",
                  version=version)
    assert saved.status_code == 200 and saved.json()["waiting"] == waiting - 1


def test_pivot_shows_each_kecamatans_wording_the_ones_lacking_and_links_the_exact_row(
        client: TestClient, settings: Settings) -> None:
    log_in(client, "andi")
    page = client.get("/compare").text
    assert IKM_CONCEPT in page and "Facets" not in page
    links = re.findall(r'href="/decrees/(\d+)\?row=([0-9a-f]+)#row-\2"', page)
    with open_store(settings.db_url)() as session:
        tracked = {(str(d), k) for d, k in session.execute(select(IndicatorRow.decree_id, IndicatorRow.row_key).where(
            IndicatorRow.concept_id.is_not(None), IndicatorRow.deleted.is_(False)))}
    assert links and set(links) <= tracked
    decree, key = links[0]
    assert f'data-chosen-row="{key}"' in client.get(f"/decrees/{decree}", params={"row": key}).text
    concept = re.search(r'href="/compare\?lacking=(\d+)"', page).group(1)
    lacking = client.get("/compare", params={"lacking": concept}).text
    assert "tidak memiliki konsep yang dipilih" in lacking
    shown = set(re.findall(r'<th scope="row"><a href="/decrees/(\d+)">', lacking))
    assert shown and not shown & {d for d, _ in links}
    assert re.search(r'<a href="/compare\?kabupaten=Sampang">Sampang</a>', page)


def test_charts_link_every_shape_and_stay_top_n(client: TestClient) -> None:
    log_in(client, "andi")
    page = client.get("/charts", params={"top": "1"}).text
    assert page.count("<svg") == 3 and page.count('data-download="chart-') == 6
    assert re.search(r'<a href="/decrees/\d+\?row=[0-9a-f]+#row-[0-9a-f]+"><rect', page)
    assert re.search(r'<a href="/compare\?lacking=\d+"><rect', page)
    assert all(link.startswith("/") for link in re.findall(r'(?:src|href)="([^"]*)"', page))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_exports_hold_every_field_headed_in_indonesian(client: TestClient, fmt: str) -> None:
    log_in(client, "andi")
    answer = client.get(f"/export.{fmt}", params={"level": "kasi"})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    body = io.BytesIO(answer.content)
    frame = (pd.read_csv(body, encoding="utf-8-sig") if fmt == "csv" else pd.read_excel(body) if fmt == "xlsx"
             else pd.read_parquet(body))
    assert len(frame.columns) == len(COLUMNS)
    assert {"Sasaran", "Pembilang", "Penyebut", "Pengali", "Nilai target", "Satuan target", "Konsep",
            "Jabatan baku", "Kode kecamatan", "Berkas sumber", "Halaman"} <= set(frame.columns)
    assert len(frame) > 0 and set(frame["Tingkat jabatan"]) == {"kasi"}
    assert PDF_SAMPLE.name not in set(frame["Berkas sumber"])  # the PDF form of Ponggok is not counted
    if fmt == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(answer.content)).sheetnames == ["iki"]


def test_datasette_serves_the_analyst_views(settings: Settings) -> None:
    from datasette.app import Datasette

    async def read() -> tuple[dict, dict]:
        served = Datasette([settings.db_url.removeprefix("sqlite:///")], settings={"sql_time_limit_ms": 5000})
        indicators = await served.client.get("/iki/v_indicators.json?_shape=objects&_size=max&level=kasi")
        decrees = await served.client.get("/iki/v_decrees.json?_shape=objects")
        return indicators.json(), decrees.json()

    indicators, decrees = asyncio.run(read())
    rows = indicators["rows"]
    assert rows and {row["level"] for row in rows} == {"kasi"}
    assert {"sasaran", "numerator", "denominator", "concept", "kecamatan_code", "source", "page"} <= set(rows[0])
    assert len(decrees["rows"]) == 5 and all(row["forms"] >= 1 for row in decrees["rows"])


def test_queue_lists_why_a_decree_needs_review_in_the_screen_language(client: TestClient, settings: Settings) -> None:
    with open_store(settings.db_url).begin() as session:
        source = session.scalars(select(SourceFile).where(SourceFile.status == "needs_review")).first()
        assert source is not None
        source.doubts = [{"reason": "doubtful_rows", "share": 0.42, "pages": []},
                         {"reason": "low_ocr", "share": 0.5, "pages": [2, 3]}]
        name = source.name
    token = log_in(client, "olivia")
    page = client.get("/queue", params={"q": name}).text
    assert "sekitar 42 % baris mungkin salah" in page and "keyakinan OCR rendah pada halaman 2, 3" in page
    client.post("/language", data={"lang": "en", "next": "/queue", "csrf_token": token})
    english = client.get("/queue", params={"q": name}).text
    assert "about 42 % of the rows may be wrong" in english and "low OCR confidence on page(s) 2, 3" in english
