"""The web app through its HTTP interface, on a copy of a store holding the sample decrees."""
from __future__ import annotations

import io
import re
import time

import openpyxl
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import open_store
from store.decree_counts import REVIEW_CONFIDENCE
from store.models import Correction, Decree, IndicatorRow, SourceFile
from tests.conftest import SAMPLES
from tests.web.conftest import csrf, log_in
from tests.web.data import IKM_CONCEPT, PASSWORD, PDF_SAMPLE
from web.settings import Settings

ROW = re.compile(r'data-row-key="([0-9a-f]+)" data-row-id="(\d+)" data-version="(\d+)"')


def _store(settings: Settings):
    return open_store(settings.db_url)


def _decree_id(settings: Settings, kecamatan: str, media_type: str = "text/plain") -> int:
    with _store(settings)() as session:
        return session.scalars(select(Decree.id).join(SourceFile).where(
            Decree.kecamatan == kecamatan, SourceFile.media_type == media_type)).one()


def _row(settings: Settings, decree_id: int, indikator: str) -> IndicatorRow:
    """The first live row of the decree with this indikator."""
    with _store(settings)() as session:
        return session.scalars(select(IndicatorRow).where(
            IndicatorRow.decree_id == decree_id, IndicatorRow.indikator == indikator,
            IndicatorRow.deleted.is_(False)).order_by(IndicatorRow.id)).first()


def _row_by_key(settings: Settings, decree_id: int, row_key: str) -> IndicatorRow:
    with _store(settings)() as session:
        return session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree_id,
                                                          IndicatorRow.row_key == row_key)).one()


def _edit(client: TestClient, token: str, decree_id: int, row: IndicatorRow, field: str, value: str,
          version: int | None = None):
    return client.post(f"/api/decrees/{decree_id}/rows/{row.row_key}",
                       data={"field": field, "value": value, "version": version or row.version},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})


def test_pages_need_a_login_and_a_right_password(client: TestClient) -> None:
    response = client.get("/queue", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    wrong = client.post("/login", data={"name": "olivia", "password": "wrong password", "csrf_token": csrf(client)})
    assert wrong.status_code == 401 and "Nama atau kata sandi salah" in wrong.text
    log_in(client, "olivia")
    assert client.get("/queue").status_code == 200


def test_login_form_without_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/login", data={"name": "olivia", "password": PASSWORD})
    assert response.status_code == 403 and "CSRF" in response.text
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_edit_with_a_forged_token_is_refused_and_changes_nothing(client: TestClient, settings: Settings) -> None:
    log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    row = _row(settings, decree, "IKM")
    response = _edit(client, "forged", decree, row, "indikator", "Indeks Kepuasan")
    assert response.status_code == 403
    assert _row(settings, decree, "IKM").version == row.version


def test_queue_lists_statuses_and_low_confidence_counts(client: TestClient, settings: Settings) -> None:
    log_in(client, "olivia")
    page = client.get("/queue").text
    for name in ("camplong-sampang-2021.txt", "kapongan-situbondo-2023.txt", PDF_SAMPLE.name):
        assert name in page
    kapongan = re.search(r"<tr class=\"status-needs_review\"[^>]*>(?:(?!</tr>).)*Kapongan(?:(?!</tr>).)*</tr>", page,
                         re.S)
    assert kapongan, "Kapongan (a doubtful row in the sample) should wait for review"
    numbers = re.findall(r'<td class="num[^"]*">(\d+)</td>', kapongan.group(0))
    with _store(settings)() as session:
        confidences = session.scalars(select(IndicatorRow.confidence).where(
            IndicatorRow.decree_id == _decree_id(settings, "Kapongan"), IndicatorRow.deleted.is_(False))).all()
    low = sum(confidence < REVIEW_CONFIDENCE for confidence in confidences)
    assert numbers[:2] == [str(len(confidences)), str(low)]
    assert len(confidences) == 117 and 1 <= low <= len(confidences) // 10  # a few doubtful rows, not the decree


def test_correction_shows_in_history_and_revert_restores_it(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    row = _row(settings, decree, "IKM")
    saved = _edit(client, token, decree, row, "indikator", "Indeks Kepuasan Masyarakat (IKM)")
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["version"] == row.version + 1 and body["values"]["indikator"] == "Indeks Kepuasan Masyarakat (IKM)"
    history = client.get(f"/decrees/{decree}/history").text
    assert "Indeks Kepuasan Masyarakat (IKM)" in history and "olivia" in history
    assert "Indeks Kepuasan Masyarakat (IKM)" in client.get("/history?who=olivia").text
    reverted = client.post(f"/corrections/{body['correction_id']}/revert", data={"csrf_token": token,
                                                                                  "back": f"/decrees/{decree}/history"})
    assert reverted.status_code == 200 and "(dibatalkan)" in reverted.text
    assert _row(settings, decree, "IKM").indikator == "IKM"
    with _store(settings)() as session:
        actions = [c.action for c in session.scalars(select(Correction).order_by(Correction.id))]
    assert actions == ["set", "revert"]


def test_undo_from_the_review_screen_answers_json(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Lumajang")
    row = client.get(f"/decrees/{decree}").text
    key = ROW.search(row).group(1)
    original = _row_by_key(settings, decree, key)
    changed = "indeks" if original.kind != "indeks" else "jumlah"
    saved = _edit(client, token, decree, original, "kind", changed).json()
    assert _row_by_key(settings, decree, key).kind == changed
    undone = client.post(f"/corrections/{saved['correction_id']}/revert",
                         headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert undone.status_code == 200 and undone.json()["reverted"] == saved["correction_id"]
    assert _row_by_key(settings, decree, key).kind == original.kind
    again = client.post(f"/corrections/{saved['correction_id']}/revert",
                        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert again.status_code == 409 and "sudah dibatalkan" in again.json()["error"]


def test_stale_version_is_a_conflict_with_a_clear_message(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    row = _row(settings, decree, "IKM")
    assert _edit(client, token, decree, row, "target", "80").status_code == 200
    stale = _edit(client, token, decree, row, "target", "90", version=row.version)
    assert stale.status_code == 409  # the store's own words too are said in the screen's language
    assert "baris ini telah diubah orang lain (versi" in stale.json()["error"]
    assert _row(settings, decree, "IKM").target == "80"


def test_invalid_value_is_refused_with_the_reason(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    response = _edit(client, token, decree, _row(settings, decree, "IKM"), "kind", "banyak")
    assert response.status_code == 422
    assert "'banyak' bukan nilai yang sah: pilih satu jenis: persentase, jumlah" in response.json()["error"]
    client.cookies.set("iki_lang", "en")
    response = _edit(client, token, decree, _row(settings, decree, "IKM"), "multiplier", "seratus")
    assert response.status_code == 422
    assert "'seratus' is not a valid value: expected a number" in response.json()["error"]


def test_analyst_reads_but_cannot_edit(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "andi")
    decree = _decree_id(settings, "Camplong")
    row = _row(settings, decree, "IKM")
    page = client.get(f"/decrees/{decree}")
    assert page.status_code == 200 and "Hanya baca" in page.text
    assert _edit(client, token, decree, row, "indikator", "x").status_code == 403
    assert client.get("/bulk").status_code == 403
    assert client.post(f"/decrees/{decree}/reviewed", data={"csrf_token": token}).status_code == 403
    upload = client.post("/uploads", data={"csrf_token": token},
                         files={"files": ("a.txt", b"KEPUTUSAN CAMAT", "text/plain")})
    assert upload.status_code == 403
    assert _row(settings, decree, "IKM").version == row.version


def _wait(client: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/api/uploads/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"upload {job_id} did not finish")


def test_uploaded_decree_is_imported_and_its_script_text_escaped(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    text = (SAMPLES / "text" / "camplong-sampang-2021.txt").read_text(encoding="utf-8")
    hostile = text.replace("Survei Kepuasan Masyarakat", "Survei <script>alert('iki')</script> Masyarakat")
    response = client.post("/uploads", data={"csrf_token": token}, headers={"Accept": "application/json"},
                           files={"files": ("hostile-camplong.txt", hostile.encode(), "text/plain")})
    assert response.status_code == 202, response.text
    job = _wait(client, response.json()["jobs"][0]["id"])
    assert job["state"] == "done" and job["decree_id"], job
    page = client.get(f"/decrees/{job['decree_id']}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;iki&#39;)&lt;/script&gt;" in page
    row = ROW.search(page).group(1)
    typed = _edit(client, token, job["decree_id"], _row_by_key(settings, job["decree_id"], row), "sumber_data",
                  "<script>alert('cell')</script>")
    assert typed.status_code == 200
    # the upload is another form of the Camplong sample: made the one that counts, compare shows it
    assert client.post(f"/decrees/{job['decree_id']}/counts", data={"csrf_token": token}).status_code == 200
    for path in (f"/decrees/{job['decree_id']}", f"/decrees/{job['decree_id']}/history", "/compare?view=list&q=alert"):
        shown = client.get(path).text
        assert "<script>alert" not in shown and "&lt;script&gt;alert(&#39;cell&#39;)&lt;/script&gt;" in shown, path


def test_upload_limits_are_enforced_with_a_clear_message(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    big = client.post("/uploads", data={"csrf_token": token},
                      files={"files": ("big.txt", b"x" * (settings.max_upload_bytes + 1), "text/plain")})
    assert big.status_code == 413 and "lebih besar dari batas" in big.text
    huge = client.post("/uploads", data={"csrf_token": token},
                       files={"files": ("huge.txt", b"x" * (settings.max_upload_bytes * 11 + 2 * 1024 * 1024),
                                        "text/plain")})
    assert huge.status_code == 413 and "terlalu besar" in huge.text
    exe = client.post("/uploads", data={"csrf_token": token},
                      files={"files": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert exe.status_code == 415 and "tidak diterima" in exe.text
    fake = client.post("/uploads", data={"csrf_token": token},
                       files={"files": ("scan.png", b"%PDF-1.7 not a picture", "image/png")})
    assert fake.status_code == 415 and "tidak tampak seperti berkas .png" in fake.text
    binary = client.post("/uploads", data={"csrf_token": token},
                         files={"files": ("decree.txt", b"\x00\x01\xff\xfe" * 50, "text/plain")})
    assert binary.status_code == 415 and "tidak tampak seperti berkas .txt" in binary.text


def test_uploaded_names_cannot_escape_and_files_are_served_only_by_id(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    text = (SAMPLES / "text" / "ngluyu-nganjuk-2021.txt").read_bytes() + b"\n"
    response = client.post("/uploads", data={"csrf_token": token}, headers={"Accept": "application/json"},
                           files={"files": ("../../../evil.txt", text, "text/plain")})
    job = _wait(client, response.json()["jobs"][0]["id"])
    assert job["name"] == "evil.txt" and job["state"] == "done"
    root = settings.files_dir.parent
    assert not (root.parent / "evil.txt").exists() and not (root / "evil.txt").exists()
    assert all(path.parent == settings.files_dir for path in settings.files_dir.rglob("*"))
    for attempt in ("/sources/..%2F..%2Fiki.db/pages/1.png", "/static/..%2F..%2Fiki.db", "/static/../iki.db",
                    "/rows/..%2Fiki.db/page.png"):
        assert client.get(attempt).status_code in (404, 422), attempt


def test_review_shows_the_source_and_says_when_it_is_missing(client: TestClient, settings: Settings) -> None:
    log_in(client, "olivia")
    camplong = _decree_id(settings, "Camplong")
    page = client.get(f"/decrees/{camplong}").text
    row = _row(settings, camplong, "IKM")
    assert f'<li id="L{row.line_start}">' in page and 'data-line-start="191"' in page
    pdf = _decree_id(settings, "Ponggok", "application/pdf")
    page = client.get(f"/decrees/{pdf}").text
    _, row_id, _ = ROW.search(page).groups()
    image = client.get(f"/rows/{row_id}/page.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    for path in settings.files_dir.glob("*.pdf"):
        path.unlink()
    assert "Berkas asli tidak tersedia" in client.get(f"/decrees/{pdf}").text
    assert client.get(f"/rows/{row_id}/page.png").status_code == 404


def test_mark_reviewed_changes_the_queue_status(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Ngluyu")
    response = client.post(f"/decrees/{decree}/reviewed", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    with _store(settings)() as session:
        assert session.get(Decree, decree).source_file.status == "reviewed"


def test_bulk_correction_previews_then_audits_each_row(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    query = {"field": "sumber_data", "find": "Seksi Pemerintahan dan Yan Um", "replace": "Seksi Pemerintahan",
             "mode": "whole"}
    preview = client.get("/bulk", params=query).text
    keys = re.findall(r'name="rows" value="([^"]+)"', preview)
    assert len(keys) >= 2
    with _store(settings)() as session:
        assert session.scalar(select(Correction.id)) is None
    applied = client.post("/bulk", data={**query, "rows": keys, "csrf_token": token, "why": "one name"})
    assert applied.status_code == 200 and f"{len(keys)} baris dikoreksi" in applied.text
    with _store(settings)() as session:
        found = list(session.scalars(select(Correction)))
        touched = session.scalars(select(IndicatorRow.sumber_data).where(
            IndicatorRow.row_key.in_([key.split(":")[1] for key in keys]))).all()
    assert len(found) == len(keys) and {c.why for c in found} == {"one name"}
    assert set(touched) == {"Seksi Pemerintahan"}
    again = client.post("/bulk", data={**query, "rows": keys, "csrf_token": token})
    assert again.status_code == 409 and "Tidak ada yang diubah" in again.text


def test_compare_filters_searches_and_exports_the_current_view(client: TestClient, settings: Settings) -> None:
    token = log_in(client, "olivia")
    decree = _decree_id(settings, "Camplong")
    row = _row(settings, decree, "IKM")
    assert _edit(client, token, decree, row, "target", "82,5 poin").status_code == 200
    log_in(client, "andi")
    with _store(settings)() as session:
        tracked = session.scalars(select(IndicatorRow.indikator).where(IndicatorRow.concept_id.is_not(None),
                                                                       IndicatorRow.deleted.is_(False))).all()
    page = client.get("/compare", params={"view": "list", "concept": IKM_CONCEPT}).text
    assert page.count("<a href=\"/decrees/") == len(tracked) and "Prosentase penyelesaian" not in page
    exported = pd.read_csv(io.StringIO(client.get("/compare.csv", params={"concept": IKM_CONCEPT}).text))
    assert set(exported["concept"]) == {IKM_CONCEPT} and sorted(exported["indikator"]) == sorted(tracked)
    assert "82,5 poin" in set(exported.loc[exported["kecamatan"] == "Camplong", "target"])
    searched = client.get("/compare.csv", params={"q": "akta tanah", "tahun": "2021"}).text
    assert "Akta" in searched and "Lumajang" not in searched
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/compare.xlsx", params={"concept": IKM_CONCEPT}).content))
    sheet = workbook["compare"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.max_row == len(exported) + 1 and "indikator" in header


def test_charts_are_inline_svg_with_the_data(client: TestClient) -> None:
    log_in(client, "andi")
    page = client.get("/charts").text
    assert page.count("<svg") == 3
    assert IKM_CONCEPT in page and "Kapongan" in page and "persentase" in page
    assert all(link.startswith("/") for link in re.findall(r'(?:src|href)="([^"]*)"', page)), "nothing from elsewhere"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_login_never_redirects_off_site(client: TestClient, target: str) -> None:
    response = client.post("/login", data={"name": "olivia", "password": PASSWORD, "csrf_token": csrf(client),
                                           "next": target}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
