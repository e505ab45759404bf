"""The review screen of a PDF whose rows cross page breaks names every page of such a row and shades each."""
from __future__ import annotations

import html
import io
import json
import re

import numpy as np
import pandas as pd
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from store import corrections, twins
from store.db import open_store
from store.importer import load_record
from store.models import Decree, IndicatorRow, Position
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


def _rows(settings: Settings, decree_id: int) -> dict[str, IndicatorRow]:
    with open_store(settings.db_url)() as session:
        rows = session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree_id)).all()
        session.expunge_all()
    return {row.row_key: row for row in rows}


def _boxes(row: IndicatorRow) -> list[list[float]]:
    if row.page_boxes:
        return [list(box) for box in row.page_boxes]
    return [] if row.box_x0 is None else [[row.page, row.box_x0, row.box_y0, row.box_x1, row.box_y1]]


def test_rows_made_by_corrections_keep_a_place_on_the_pages(client: TestClient, settings: Settings) -> None:
    decree_id = _import_sample(settings)
    before = _rows(settings, decree_id)
    in_order = sorted(before.values(), key=lambda row: (row.position_id, row.ordinal))
    crossing = next(row for row in in_order if row.page_boxes and len(row.page_boxes) > 1)
    pair = next((a, b) for a, b in zip(in_order, in_order[1:], strict=False)
                if a.position_id == b.position_id and a.box_x0 is not None and b.box_x0 is not None
                and a.page == b.page and crossing.row_key not in (a.row_key, b.row_key)
                and (a.box_y0, a.box_y1) != (b.box_y0, b.box_y1))
    last = max((row for row in in_order if row.position_id == pair[0].position_id
                and row.row_key not in (pair[0].row_key, pair[1].row_key)), key=lambda row: row.ordinal)
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.get_one(Decree, decree_id)
        split = corrections.split_row(session, decree, crossing.row_key, [{"indikator": "satu"}, {"indikator": "dua"}],
                                      who="olivia")
        merged = corrections.merge_rows(session, decree, [pair[0].row_key, pair[1].row_key], {}, who="olivia")
        added = corrections.add_row(session, decree, session.get_one(Position, last.position_id).position_key,
                                    {"indikator": "baru"}, who="olivia")
        split_keys, merged_key, added_key = [f"c{split.id}.1", f"c{split.id}.2"], f"c{merged.id}", f"c{added.id}"
    factory.kw["bind"].dispose()
    after = _rows(settings, decree_id)
    for key in split_keys:  # each part of a split keeps its parent's pages and boxes
        assert (after[key].page, _boxes(after[key])) == (crossing.page, _boxes(crossing)) and len(_boxes(crossing)) > 1
    a, b = pair  # a merged row's box is the union of its parts' boxes
    assert _boxes(after[merged_key]) == [[a.page, min(a.box_x0, b.box_x0), min(a.box_y0, b.box_y0),
                                          max(a.box_x1, b.box_x1), max(a.box_y1, b.box_y1)]]
    assert after[merged_key].line_start == min(a.line_start, b.line_start)
    assert (after[added_key].page, _boxes(after[added_key])) == (last.page, _boxes(last))  # beside the last row
    log_in(client, "olivia")
    for key in (*split_keys, merged_key):
        row = after[key]
        for number in [int(box[0]) for box in _boxes(row)]:
            assert _shaded(client.get(f"/rows/{row.id}/pages/{number}.png").content) > 0, (key, number)


def test_a_row_added_to_an_empty_position_has_no_place_and_says_so(client: TestClient, settings: Settings) -> None:
    decree_id = _import_sample(settings)
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.get_one(Decree, decree_id)
        position = session.scalars(select(Position).where(Position.decree_id == decree_id)).first()
        assert position is not None
        for row in [row for row in decree.rows if row.position_id == position.id]:
            corrections.delete_row(session, decree, row.row_key, who="olivia")
        added = corrections.add_row(session, decree, position.position_key, {"indikator": "baru"}, who="olivia")
        key = f"c{added.id}"
    factory.kw["bind"].dispose()
    row = _rows(settings, decree_id)[key]
    assert (row.page, _boxes(row)) == (None, [])
    log_in(client, "olivia")
    page = client.get(f"/decrees/{decree_id}").text
    assert re.search(rf'data-row-key="{key}"[^>]*data-page="" data-pages=""', page)
    texts = json.loads(html.unescape(TEXTS.search(page).group(1)))
    assert texts["noPlace"].startswith("Baris ini")


def test_exports_carry_every_box_of_every_page(client: TestClient, settings: Settings) -> None:
    decree_id = _import_sample(settings)
    factory = open_store(settings.db_url)
    with factory.begin() as session:  # the sample is another form of a stored decree: made the one that counts
        decree = session.get_one(Decree, decree_id)
        if decree.twin_of is not None:
            twins.choose(session, decree, who="olivia", why=None)
    factory.kw["bind"].dispose()
    rows = _rows(settings, decree_id)
    log_in(client, "olivia")
    client.cookies.set("iki_lang", "en")
    frame = pd.read_parquet(io.BytesIO(client.get("/export.parquet").content))
    mine = frame[frame["Row key"].isin(rows) & (frame["Decree id"] == decree_id)]
    assert len(mine) == len(rows)
    listed = {key: None if boxes is None else json.loads(boxes)
              for key, boxes in zip(mine["Row key"], mine["Boxes on the pages"], strict=True)}
    assert listed == {key: _boxes(row) or None for key, row in rows.items()}
    assert any(len(boxes or []) > 1 for boxes in listed.values()) and all(listed.values())
    sheet = pd.read_excel(io.BytesIO(client.get("/export.xlsx").content))
    assert (sheet["Boxes on the pages"].dropna().map(json.loads).tolist()
            == frame["Boxes on the pages"].dropna().map(json.loads).tolist())
