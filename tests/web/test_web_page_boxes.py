"""The review screen of a PDF whose rows cross page breaks names every page of such a row and shades each."""
from __future__ import annotations

import html
import io
import json
import re

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image

from store.db import open_store
from store.importer import load_record
from store.originals import FolderOriginals
from tests.conftest import PAGE_BREAK_SAMPLE, family_file
from tests.conftest import page_break_record as record_of_sample
from tests.web.conftest import log_in
from web.settings import Settings

ROW = re.compile(r'data-row-id="(\d+)".*?data-page="(\d*)" data-pages="([\d ]*)"', re.S)
TEXTS = re.compile(r'<script type="application/json" id="texts">(.*?)</script>', re.S)


def _import_sample(settings: Settings) -> int:
    record = record_of_sample()
    FolderOriginals(settings.files_dir).keep(family_file("docx-pdf", PAGE_BREAK_SAMPLE), record.sha256)
    factory = open_store(settings.db_url)
    decree_id = load_record(factory, record).decree_id
    factory.kw["bind"].dispose()
    assert decree_id is not None
    return decree_id


def _shaded(png: bytes) -> int:
    """How many pixels of the picture carry the highlight's tint (neither grey nor white)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int((pixels.max(axis=2) - pixels.min(axis=2) > 40).sum())


def test_a_row_over_a_page_break_shows_both_pages(client: TestClient, settings: Settings) -> None:
    record = record_of_sample()
    expected = {tuple(box[0] for box in ind.provenance.boxes) for ind in record.indicators
                if ind.provenance and len(ind.provenance.boxes) > 1}
    decree_id = _import_sample(settings)
    log_in(client, "olivia")
    page = client.get(f"/decrees/{decree_id}").text
    rows = [(int(row_id), int(first), tuple(int(p) for p in pages.split()))
            for row_id, first, pages in ROW.findall(page)]
    assert len(rows) == len(record.indicators)
    crossing = [(row_id, first, pages) for row_id, first, pages in rows if len(pages) > 1]
    assert {pages for _, _, pages in crossing} == expected and expected
    assert all(pages == (first,) for _, first, pages in rows if len(pages) == 1)
    row_id, first, pages = crossing[0]
    assert pages[0] == first
    for number in pages:
        image = client.get(f"/rows/{row_id}/pages/{number}.png")
        assert image.status_code == 200 and _shaded(image.content) > 0, number
        plain = client.get(f"/sources/{_source_id(page)}/pages/{number}.png")
        assert _shaded(plain.content) < _shaded(image.content), "the row's part is shaded on each of its pages"
    assert client.get(f"/rows/{row_id}/page.png").content == client.get(f"/rows/{row_id}/pages/{first}.png").content
    assert client.get(f"/rows/{row_id}/pages/{pages[-1] + 1}.png").status_code == 404
    texts = json.loads(html.unescape(TEXTS.search(page).group(1)))
    assert texts["pages"].startswith("Halaman {pages}")
    client.cookies.set("iki_lang", "en")
    english = json.loads(html.unescape(TEXTS.search(client.get(f"/decrees/{decree_id}").text).group(1)))
    assert english["pages"].startswith("Pages {pages}") and english["morePage"] == "Page {page} of the selected row"


def _source_id(page: str) -> str:
    found = re.search(r'data-source="(\d+)"', page)
    assert found
    return found.group(1)
