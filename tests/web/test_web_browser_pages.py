"""In a real browser: a row cut by a page break shows both its pages, each with its part of the row.

Skipped without /usr/bin/chromium, as the other browser tests are (a failure under CI=true).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from store.db import make_engine, open_store, upgrade
from store.importer import load_record
from store.originals import FolderOriginals
from tests.conftest import PAGE_BREAK_SAMPLE, family_file, page_break_record
from tests.web.data import PASSWORD, add_users, settings_for
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, chromium_missing, serve
from web.app import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A server on a store holding only the decree whose rows cross page breaks; yields its URL and decree id."""
    missing = chromium_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run: {missing}")
        pytest.skip(f"browser tests need Chromium: {missing}")
    folder = tmp_path_factory.mktemp("page-break-store")
    url = f"sqlite:///{folder / 'iki.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    factory = open_store(url)
    record = page_break_record()
    FolderOriginals(folder / "files").keep(family_file("docx-pdf", PAGE_BREAK_SAMPLE), record.sha256)
    decree_id = load_record(factory, record).decree_id
    add_users(factory)
    factory.kw["bind"].dispose()
    assert decree_id is not None
    with serve(create_app(settings_for(folder))) as base:
        yield base, decree_id


@pytest.fixture
def page(served: tuple[str, int]) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=served[0], viewport={"width": 1440, "height": 900})
        context.set_default_timeout(10_000)
        yield context.new_page()
        browser.close()


def test_choosing_a_row_over_a_page_break_shows_its_next_page_below(page: Page, served: tuple[str, int]) -> None:
    page.goto("/login")
    page.get_by_label("Nama").fill("olivia")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"/decrees/{served[1]}")
    crossing = page.locator("tr[data-pages*=' ']").first
    first, second = (crossing.get_attribute("data-pages") or "").split()[:2]
    row_id = crossing.get_attribute("data-row-id")
    crossing.locator("textarea[data-field=indikator]").click()
    expect(page.locator("#page-image")).to_have_attribute("src", f"/rows/{row_id}/pages/{first}.png")
    more = page.locator("#page-view img.more-page")
    expect(more).to_have_count(1)
    expect(more).to_have_attribute("src", f"/rows/{row_id}/pages/{second}.png")
    expect(page.locator("#page-caption")).to_have_text(re.compile(rf"^Halaman {first}, {second}: "))
    page.locator("#zoom-in").click()
    expect(more).to_have_attribute("style", re.compile(r"width: 125%"))
    single = page.locator("tr[data-pages]:not([data-pages*=' '])").first
    single.locator("textarea[data-field=indikator]").click()
    expect(more).to_have_count(0)
    expect(page.locator("#page-caption")).to_have_text(f"Halaman {single.get_attribute('data-page')}")
