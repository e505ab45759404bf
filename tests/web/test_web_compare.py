"""The compare screen's side-by-side list on the sample decrees: its filters' choices, and its pages of decree
blocks."""
from __future__ import annotations

import html
import io
import re

import pandas as pd
import pytest
from babel.numbers import format_decimal
from fastapi.testclient import TestClient
from sqlalchemy import select

from store import corrections
from store.db import open_store
from store.keys import fold
from store.models import Decree, IndicatorRow
from store.queries import indicators_frame
from tests.web.conftest import log_in
from tests.web.data import IKM_CONCEPT
from web import compare
from web.settings import Settings

LIST = {"view": "list"}  # the side-by-side list of the compare screen
BLOCK = re.compile(r'<th scope="rowgroup" rowspan="(\d+)">([^<]+)<br>')
LINK = re.compile(r'<a rel="(prev|next)" href="([^"]+)"')


def _options(page: str, name: str) -> list[str]:
    """The choices of one filter of the form, "any" left out."""
    select_html = re.search(rf'<select name="{name}">(.*?)</select>', page, re.S).group(1)
    return [html.unescape(v) for v in re.findall(r"<option(?: selected)?>([^<]*)</option>", select_html)]


def _blocks(page: str) -> list[tuple[str, int]]:
    return [(html.unescape(name), int(rows)) for rows, name in BLOCK.findall(page)]


def _links(page: str) -> dict[str, str]:
    return {rel: html.unescape(href) for rel, href in LINK.findall(page)}


def test_choices_are_the_values_of_effective_rows(client: TestClient, settings: Settings) -> None:
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        row = session.scalars(select(IndicatorRow).where(IndicatorRow.kind == "tingkat")).one()
        corrections.delete_row(session, session.get(Decree, row.decree_id), row.row_key, who="olivia")
    with factory() as session:
        rows = indicators_frame(session)
    log_in(client, "andi")
    page = client.get("/compare", params=LIST).text
    assert _options(page, "kind") == sorted(rows["kind"].unique()) and "tingkat" not in _options(page, "kind")
    assert _options(page, "concept") == [IKM_CONCEPT]
    assert _options(page, "tahun") == ["2021", "2022", "2023"]
    assert _options(page, "kabupaten") == sorted(rows["kabupaten"].dropna().unique())
    assert _options(page, "level") == sorted(rows["level"].dropna().unique())


def test_compare_shows_a_page_of_decree_blocks_and_links_keep_the_filters(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "PAGE_BLOCKS", 2)
    log_in(client, "andi")
    everything = pd.read_csv(io.StringIO(client.get("/compare.csv").text.lstrip("\ufeff")))
    decrees = everything["decree_id"].nunique()
    counted = f"{format_decimal(len(everything), locale='id')} indikator"
    first = client.get("/compare", params=LIST).text
    assert counted in first and "Halaman 1 dari 3" in first
    assert decrees == 5  # the PDF of Ponggok is the same decree as its text, counted once
    assert len(_blocks(first)) == 2 and set(_links(first)) == {"next"}
    seen = _blocks(first)
    page = first
    for number in (2, 3):
        page = client.get(_links(page)["next"]).text
        assert f"Halaman {number} dari 3" in page and counted in page
        seen += _blocks(page)
    assert set(_links(page)) == {"prev"} and "Halaman 2 dari 3" in client.get(_links(page)["prev"]).text
    assert len(seen) == decrees and sum(rows for _, rows in seen) == len(everything)

    filtered = client.get("/compare", params={**LIST, "level": "kasi", "kind": "persentase"}).text
    onward = _links(filtered)["next"]
    assert "level=kasi" in onward and "kind=persentase" in onward and "page=2" in onward
    assert 'href="/compare.csv?view=list&amp;level=kasi&amp;kind=persentase"' in client.get(onward).text


@pytest.mark.parametrize(("asked", "shown"), [("99", "Halaman 3 dari 3"), ("0", "Halaman 1 dari 3"),
                                            ("two", "Halaman 1 dari 3")])
def test_a_page_out_of_range_or_not_a_number_shows_the_nearest(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                                                asked: str, shown: str) -> None:
    monkeypatch.setattr(compare, "PAGE_BLOCKS", 2)
    log_in(client, "andi")
    assert shown in client.get("/compare", params={**LIST, "page": asked}).text


def test_one_page_needs_no_page_links(client: TestClient) -> None:
    log_in(client, "andi")
    page = client.get("/compare", params={**LIST, "concept": IKM_CONCEPT}).text
    assert "Halaman 1 dari" not in page and not _links(page) and _blocks(page)


@pytest.mark.parametrize("q", ["akta tanah", "IKM", "Dokumen, PERENCANAAN!", "kepuasan masyarakat", "zzz"])
def test_search_keeps_the_rows_holding_every_word_anywhere(settings: Settings, q: str) -> None:
    with open_store(settings.db_url)() as session:
        found = compare.compare_frame(session, compare.CompareQuery(q=q))
        rows = compare.compare_rows(session, compare.CompareQuery().filters())
    words = fold(q).split()
    text = rows[list(compare.SEARCHED)].fillna("").astype(str).agg(" ".join, axis=1).map(fold)
    expected = rows[[all(word in row for word in words) for row in text]]
    assert sorted(found["row_key"]) == sorted(expected["row_key"])
    assert (len(found) > 0) == (q != "zzz")
