"""The screens in a real browser (Debian's Chromium, headless, through Playwright).

One server runs for the whole module on a free port. Without /usr/bin/chromium
these tests are skipped, except under CI=true, where that is a failure.
"""
from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from pipeline import run as run_module
from pipeline import service as service_module
from pipeline.service import ImportService
from store.db import open_store
from store.originals import FolderOriginals
from tests.conftest import SAMPLES
from tests.web.data import IKM_CONCEPT, PASSWORD, build_store
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, chromium_missing, serve
from web.app import create_app

pytestmark = pytest.mark.slow
NEW_TARGET = "Nilai IKM 85 (diperiksa)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    missing = chromium_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run: {missing}")
        pytest.skip(f"browser tests need Chromium: {missing}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


SERVED: dict[str, dict] = {}


@pytest.fixture(scope="module")
def base_url(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = build_store(tmp_path_factory.mktemp("browser-store"))
    with serve(create_app(settings)) as url:
        SERVED[url] = {"url": settings.db_url, "files": settings.files_dir}
        yield url


def base_url_database(page: Page) -> dict:
    """The database and originals folder behind the server this page talks to."""
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    return SERVED[origin]


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1440, "height": 900}, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def log_in(page: Page, name: str) -> None:
    page.goto("/login")
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("header .who")).to_contain_text(name)


def test_officer_corrects_a_cell_and_finds_it_in_history_and_export(page: Page) -> None:
    log_in(page, "olivia")
    expect(page).to_have_url(re.compile(r"/queue$"))
    row = page.locator("table.queue tr", has_text="camplong-sampang-2021.txt")
    row.get_by_role("link", name="periksa").click()
    expect(page.locator(".grid-pane h1")).to_contain_text("Camplong")

    target = page.locator("tr[data-row-key]", has=page.locator("textarea[data-field=indikator]",
                                                                 has_text="IKM")).first
    cell = target.locator("textarea[data-field=target]")
    cell.click()
    expect(page.locator("#source-text li.hit").first).to_be_visible()
    cell.fill(NEW_TARGET)
    cell.press("Control+s")
    expect(page.locator("#message")).to_contain_text("Target (tertulis) tersimpan")
    expect(target.locator("td.cell.saved")).to_have_count(1)

    page.reload()
    expect(page.locator("textarea[data-field=target]", has_text=NEW_TARGET)).to_have_count(1)

    page.get_by_role("link", name="riwayat").first.click()
    expect(page.locator("table.history")).to_contain_text(NEW_TARGET)
    expect(page.locator("table.history")).to_contain_text("olivia")

    page.goto("/compare?view=list&q=IKM")
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert NEW_TARGET in {r["target"] for r in rows if r["kecamatan"] == "Camplong"}


def test_keyboard_moves_between_rows_and_low_confidence_cells(page: Page) -> None:
    log_in(page, "olivia")
    page.locator("table.queue tr", has_text="kapongan-situbondo-2023.txt").get_by_role("link", name="periksa").click()
    first = page.locator("textarea[data-field=indikator]").first
    first.click()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("textarea[data-field=indikator]").nth(1)).to_be_focused()
    page.keyboard.press("Alt+n")
    focused = page.locator("td.low :focus")
    expect(focused).to_have_count(1)


def test_analyst_cannot_edit(page: Page) -> None:
    log_in(page, "andi")
    expect(page).to_have_url(re.compile(r"/compare$"))
    page.goto("/queue")
    page.locator("table.queue tr", has_text="camplong-sampang-2021.txt").get_by_role("link", name="lihat").click()
    expect(page.locator(".notice", has_text="Hanya baca")).to_be_visible()
    cell = page.locator("textarea[data-field=indikator]").first
    expect(cell).to_have_attribute("readonly", "")
    key = page.locator("tr[data-row-key]").first.get_attribute("data-row-key")
    decree = page.locator(".review").get_attribute("data-decree")
    status = page.evaluate(
        """([decree, key]) => fetch(`/api/decrees/${decree}/rows/${key}`, {method: "POST",
             headers: {"X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content,
                       "Accept": "application/json"},
             body: new URLSearchParams({field: "indikator", value: "changed", version: "1"})})
           .then((r) => r.status)""", [decree, key])
    assert status == 403
    page.goto("/bulk")
    expect(page.locator("h1")).to_have_text("Tidak diizinkan")


def test_upload_shows_progress_until_the_decree_is_ready(page: Page, tmp_path: Path) -> None:
    decree = tmp_path / "lumajang-copy.txt"
    decree.write_text((SAMPLES / "text" / "lumajang-lumajang-2023.txt").read_text(encoding="utf-8") + "\n",
                      encoding="utf-8")
    log_in(page, "olivia")
    page.locator("input[type=file]").set_input_files(decree)
    page.get_by_role("button", name="Unggah dan ekstrak").click()
    job = page.locator("li.job", has_text="lumajang-copy.txt")
    expect(job).to_be_visible()
    expect(page.locator("table.queue")).to_contain_text("lumajang-copy.txt", timeout=30_000)
    expect(page.locator("li.job", has_text="lumajang-copy.txt").locator(".message")).to_contain_text("diimpor")


def test_two_officers_editing_one_row_get_a_conflict_then_undo(browser: Browser, base_url: str) -> None:
    first, second = (browser.new_context(base_url=base_url).new_page() for _ in range(2))
    for page in (first, second):
        log_in(page, "olivia")
        row = page.locator("table.queue tr", has_text="lumajang-lumajang-2023.txt")
        row.get_by_role("link", name="periksa").click()
    cells = [page.locator("textarea[data-field=sumber_data]").first for page in (first, second)]
    cells[0].fill("Laporan bulanan")
    cells[0].press("Control+s")
    expect(first.locator("#message")).to_contain_text("tersimpan")
    cells[1].fill("Laporan tahunan")
    cells[1].press("Control+s")
    expect(second.locator("#message")).to_contain_text("orang lain")
    expect(second.locator("#message")).to_have_class(re.compile("conflict"))
    before = first.locator("textarea[data-field=sumber_data]").first.input_value()
    first.keyboard.press("Alt+z")
    expect(first.locator("textarea[data-field=sumber_data]").first).not_to_have_value(before)
    expect(first.locator(".recent")).to_contain_text("(dibatalkan)")
    for page in (first, second):
        page.context.close()


def test_officers_whole_job_in_indonesian_survives_a_new_extractor(page: Page, base_url: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Upload, find a wrong row, split it, fix a position's title, mark reviewed, re-extract: everything kept."""
    text = (SAMPLES / "text" / "ngluyu-nganjuk-2021.txt").read_text(encoding="utf-8")
    decree_file = tmp_path / "ngluyu-baru.txt"
    decree_file.write_text(text.replace("KECAMATAN NGLUYU", "KECAMATAN NGLUYU BARU", 1), encoding="utf-8")
    log_in(page, "olivia")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.locator("input[type=file]").set_input_files(decree_file)
    page.get_by_role("button", name="Unggah dan ekstrak").click()
    job = page.locator("li.job", has_text="ngluyu-baru.txt")
    expect(job.locator("a.open")).to_be_visible(timeout=60_000)
    job.locator("a.open").click()

    wrong = page.locator("tr[data-row-key]").first
    wrong_text = wrong.locator("textarea[data-field=indikator]").input_value()
    wrong.locator("button.split").click()
    parts = page.locator("#split-dialog textarea.split-part")
    parts.nth(0).fill("Indikator pertama hasil pemecahan")
    parts.nth(1).fill("Indikator kedua hasil pemecahan")
    page.locator("#split-save").click()
    expect(page.locator("textarea[data-field=indikator]", has_text="Indikator kedua hasil pemecahan")).to_have_count(1)

    page.locator("details.position-fields summary").first.click()
    title = page.locator("[data-position-field=jabatan]").first
    title.fill("Camat Ngluyu (diperbaiki)")
    title.press("Tab")
    expect(page.locator("#message")).to_contain_text("Tersimpan")
    page.get_by_role("button", name="Tandai keputusan sudah diperiksa").click()
    expect(page).to_have_url(re.compile(r"/queue$"))

    database = base_url_database(page)
    for module in (service_module, run_module):  # a new extractor version, as after a change of rules
        monkeypatch.setattr(module, "extractor_version", lambda: "99.0-test")
    factory = open_store(database["url"])
    report = ImportService(factory, originals=FolderOriginals(database["files"])).import_file(decree_file)
    factory.kw["bind"].dispose()
    assert report.outcome == "updated"

    page.goto("/queue?q=ngluyu-baru")
    row = page.locator("table.queue tr", has_text="ngluyu-baru.txt")
    expect(row.locator(".badge")).to_have_text("sudah diperiksa")
    row.get_by_role("link", name="periksa").click()
    expect(page.locator("textarea[data-field=indikator]", has_text="Indikator kedua hasil pemecahan")).to_have_count(1)
    expect(page.locator("textarea[data-field=indikator]", has_text=wrong_text)).to_have_count(0)
    expect(page.locator("article.position h3 .jabatan").first).to_have_text("Camat Ngluyu (diperbaiki)")


def test_analysts_pivot_chart_click_through_and_export_opened_with_pandas(page: Page) -> None:
    log_in(page, "andi")
    page.goto("/compare")
    expect(page.locator("table.pivot")).to_contain_text(IKM_CONCEPT)
    page.locator("table.pivot a.lacking").first.click()
    expect(page.locator("p.count")).to_contain_text("tidak memiliki konsep yang dipilih")
    page.goto("/charts")
    cell = page.locator("#chart-heatmap svg a").first
    target = cell.get_attribute("href")
    cell.click()
    expect(page).to_have_url(re.compile(re.escape(target.split("#")[0])))
    expect(page.locator("tr.chosen")).to_have_count(1)
    page.goto("/charts")
    with page.expect_download() as picture:
        page.locator("button[data-download=chart-coverage][data-format=png]").click()
    assert Path(picture.value.path()).read_bytes().startswith(b"\x89PNG")
    page.goto("/compare")
    with page.expect_download() as exported:
        page.locator("#export-xlsx").click()
    frame = pd.read_excel(exported.value.path())
    assert {"Indikator", "Konsep", "Pembilang", "Berkas sumber"} <= set(frame.columns) and len(frame) > 100


def test_officer_adds_and_renames_a_concept_on_screen(page: Page) -> None:
    log_in(page, "olivia")
    page.locator("header nav").get_by_role("link", name="Konsep").click()
    expect(page.locator("h1")).to_contain_text("Katalog konsep")
    page.locator("#add-concept summary").click()
    form = page.locator("#add-concept form")
    form.get_by_label("Kode", exact=True).fill("waktu-layanan")
    form.get_by_label("Nama", exact=True).fill("Rata-rata waktu layanan")
    form.get_by_role("button", name="Tambahkan konsep").click()
    expect(page.locator("p.ok")).to_have_text("Konsep ditambahkan.")
    rename = page.locator("#rename-form")
    rename.get_by_label("Nama baru").fill("Waktu layanan rata-rata")
    rename.get_by_label("Alasan").fill("nama baku")
    rename.get_by_role("button", name="Ganti nama").click()
    expect(page.locator("h1")).to_contain_text("Waktu layanan rata-rata")
    expect(page.locator("table.concept-events tbody tr").first).to_contain_text("diganti nama")
    expect(page.locator("ul.aliases")).to_contain_text("Rata-rata waktu layanan")
    page.goto("/concepts?q=layanan")
    expect(page.locator("table.concepts")).to_contain_text("Waktu layanan rata-rata")
