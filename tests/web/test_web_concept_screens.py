"""The concept catalogue's screens on the sample decrees grouped into concepts: the list with its counts, search
and order; one concept; the officer's edits (confirm, rename, merge, split, add) audited and refused in
Indonesian when the catalogue cannot take them; the analyst reading only."""
from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from store.concept_refresh import regroup_concepts
from store.db import open_store
from store.models import Concept, ConceptEvent, Decree, IndicatorRow
from tests.web.conftest import log_in
from web.app import create_app
from web.settings import Settings

LINE = re.compile(r'<td><a href="/concepts/([^"]+)">([^<]+)</a></td><td><code>[^<]+</code></td>\s*'
                  r'<td>[^<]*</td><td>[^<]*</td><td>[^<]*</td>\s*<td class="number">([\d.]+)</td>'
                  r'<td class="number">([\d.]+)</td>')


@pytest.fixture
def grouped(settings: Settings) -> Settings:
    """The store with every row placed into concepts, as `iki concepts assign` leaves it."""
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        regroup_concepts(session)
    factory.kw["bind"].dispose()
    return settings


@pytest.fixture
def officer(grouped: Settings) -> tuple[TestClient, str]:
    with TestClient(create_app(grouped)) as client:
        yield client, log_in(client, "olivia")


def _lines(page: str) -> list[tuple[str, str, int, int]]:
    return [(code, html.unescape(name), int(decrees.replace(".", "")), int(rows.replace(".", "")))
            for code, name, decrees, rows in LINE.findall(page)]


def _stored(settings: Settings) -> dict[str, tuple[str, str, int, int]]:
    """code -> (name, status, decrees, live rows) as the store holds them, a decree imported twice counted once."""
    live = (IndicatorRow.deleted.is_(False), Decree.twin_of.is_(None))
    with open_store(settings.db_url)() as session:
        counts = dict(session.execute(select(IndicatorRow.concept_id, func.count(IndicatorRow.id)).join(Decree)
                                      .where(*live).group_by(IndicatorRow.concept_id)).all())
        decrees = Counter(concept for concept, _ in session.execute(
            select(IndicatorRow.concept_id, IndicatorRow.decree_id).join(Decree).where(*live).distinct()))
        return {c.code: (c.name, c.status, decrees[c.id], counts.get(c.id, 0))
                for c in session.scalars(select(Concept))}


def _events(settings: Settings) -> list[ConceptEvent]:
    with open_store(settings.db_url)() as session:
        return list(session.scalars(select(ConceptEvent).order_by(ConceptEvent.id)))


def test_the_list_counts_each_concepts_decrees_and_rows_most_used_first(officer, grouped):
    client, _ = officer
    page = client.get("/concepts").text
    lines = _lines(page)
    stored = _stored(grouped)
    assert len(lines) == 50  # the first of several pages
    assert f"{sum(1 for name, status, *_ in stored.values() if status != 'merged')} konsep" in page
    for code, name, decrees, rows in lines:
        assert stored[code][0] == name and stored[code][2:] == (decrees, rows)
    assert [(d, r) for *_, d, r in lines] == sorted(((d, r) for *_, d, r in lines), reverse=True)
    by_name = _lines(client.get("/concepts", params={"order": "name"}).text)
    assert [name.casefold() for _, name, *_ in by_name] == sorted(name.casefold() for _, name, *_ in by_name)


def test_search_finds_a_concept_by_part_of_its_name_or_code_and_status_narrows(officer, grouped):
    client, _ = officer
    code, (name, *_) = next((c, v) for c, v in _stored(grouped).items() if v[1] == "proposed" and v[3] > 1)
    found = _lines(client.get("/concepts", params={"q": name.split()[-1].upper()}).text)
    assert code in [c for c, *_ in found]
    assert all(name.split()[-1].lower() in n.lower() or name.split()[-1].lower() in c for c, n, *_ in found)
    confirmed = _lines(client.get("/concepts", params={"status": "confirmed"}).text)
    assert confirmed and all(_stored(grouped)[c][1] == "confirmed" for c, *_ in confirmed)


def test_renaming_on_screen_keeps_the_old_name_as_a_wording_and_is_logged(officer, grouped):
    client, token = officer
    code, (old, _, decrees, rows) = next((c, v) for c, v in _stored(grouped).items() if v[3] > 1)
    answer = client.post(f"/concepts/{code}/rename", data={"name": "Nama baru konsep", "why": "lebih jelas",
                                                            "csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/concepts/{code}?done=rename"
    page = client.get(answer.headers["location"]).text
    assert "Nama baru konsep" in page and "nama lamanya tetap" in page
    assert html.escape(old) in page.split("Rumusan lain konsep ini")[1].split("</ul>")[0]
    assert _stored(grouped)[code] == ("Nama baru konsep", "confirmed", decrees, rows)
    event = _events(grouped)[-1]
    assert (event.who, event.action, event.codes, event.why) == ("olivia", "rename", [code], "lebih jelas")
    log = client.get("/concepts/log").text
    assert f'id="edit-{event.id}"' in log and "diganti nama" in log and "lebih jelas" in log


def test_concepts_ticked_on_the_list_merge_into_the_one_named(officer, grouped):
    client, token = officer
    lines = _lines(client.get("/concepts").text)
    (keep, *_), (gone, *_), (also, *_) = lines[:3]
    before = _stored(grouped)
    answer = client.post("/concepts/merge", data={"codes": [keep, gone, also], "into": keep, "why": "sama",
                                                  "csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/concepts/{keep}?done=merge"
    after = _stored(grouped)
    assert after[keep][3] == sum(before[c][3] for c in (keep, gone, also))
    assert f"{after[keep][3]} baris indikator" in client.get(answer.headers["location"]).text
    assert after[gone][3] == after[also][3] == 0
    moved = client.get(f"/concepts/{gone}", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == f"/concepts/{keep}"
    assert _events(grouped)[-1].action == "merge"


def test_ticked_wordings_split_into_a_new_concept(officer, grouped):
    client, token = officer
    code = next(c for c, v in _stored(grouped).items() if v[3] > 1)
    client.post(f"/concepts/{code}/rename", data={"name": "Sementara", "csrf_token": token})
    old = _stored(grouped)[code][0]
    assert old == "Sementara"
    wording = re.search(r'name="wordings" value="([^"]+)"', client.get(f"/concepts/{code}").text).group(1)
    answer = client.post(f"/concepts/{code}/split", data={"wordings": [html.unescape(wording)], "new_code": "pecahan",
                                                          "new_name": "Konsep pecahan", "csrf_token": token},
                         follow_redirects=False)
    assert answer.headers["location"] == "/concepts/pecahan?done=split"
    assert _stored(grouped)["pecahan"][:2] == ("Konsep pecahan", "proposed")
    page = client.get(answer.headers["location"]).text
    assert html.unescape(wording) in html.unescape(page) and "Rumusan dipindahkan" in page
    _, _, decrees, rows = _stored(grouped)["pecahan"]
    assert f"Dirumuskan di {decrees} keputusan, {rows} baris indikator." in page


def test_an_edit_the_catalogue_refuses_says_why_in_indonesian_and_changes_nothing(officer, grouped):
    client, token = officer
    code, (name, *_) = next(iter(_stored(grouped).items()))
    events = len(_events(grouped))
    answer = client.post("/concepts", data={"code": code, "name": "Lain", "kind": "lainnya", "csrf_token": token})
    assert answer.status_code == 409
    assert f"konsep &#39;{code}&#39; sudah ada" in answer.text
    assert len(_events(grouped)) == events and _stored(grouped)[code][0] == name
    unknown = client.post("/concepts/merge", data={"typed": "tidak-ada", "into": code, "csrf_token": token})
    assert unknown.status_code == 409 and "tidak ada konsep &#39;tidak-ada&#39; di katalog" in unknown.text


def test_a_concept_entered_by_hand_is_confirmed_with_its_wordings(officer, grouped):
    client, token = officer
    answer = client.post("/concepts", data={"code": "waktu-pelayanan", "name": "Rata-rata waktu pelayanan",
                                            "kind": "lainnya", "unit": "hari", "lower_is_better": "true",
                                            "aliases": "Lama pelayanan\n\nWaktu rata-rata layanan\n",
                                            "csrf_token": token}, follow_redirects=False)
    assert answer.headers["location"] == "/concepts/waktu-pelayanan?done=add"
    page = client.get("/concepts/waktu-pelayanan").text
    assert "Lama pelayanan" in page and "Waktu rata-rata layanan" in page and "lebih rendah" in page
    assert _stored(grouped)["waktu-pelayanan"][:2] == ("Rata-rata waktu pelayanan", "confirmed")


def test_the_analyst_reads_the_catalogue_but_cannot_edit_it(grouped):
    with TestClient(create_app(grouped)) as client:
        token = log_in(client, "andi")
        page = client.get("/concepts").text
        assert _lines(page) and 'name="codes"' not in page and 'method="post" action="/concepts"' not in page
        code = _lines(page)[0][0]
        assert "rename-form" not in client.get(f"/concepts/{code}").text
        refused = client.post(f"/concepts/{code}/rename", data={"name": "X", "csrf_token": token})
        assert refused.status_code == 403
        assert _stored(grouped)[code][0] != "X"


def test_an_officer_groups_every_indicator_from_the_screen_behind_it(settings):
    """The store as imported holds one hand-made concept; the button groups every row, as `iki concepts assign`,
    in the background (a minute or more at 7,000 decrees), and the list says how it ended."""
    assert len(_stored(settings)) == 1
    with TestClient(create_app(settings)) as client:
        token = log_in(client, "olivia")
        assert all(rows == 0 for *_, rows in _lines(client.get("/concepts").text)[1:])  # the screens hold counts
        answer = client.post("/concepts/assign", data={"csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/concepts"
        client.app.state.regrouping.wait(120)
        page = client.get("/concepts").text
        state = re.search(r'<p class="ok" role="status" id="regroup-state">([^<]+)</p>', page).group(1)
        assert "Sudah dikelompokkan ulang (diminta oleh olivia" in state
        stored = _stored(settings)
        with open_store(settings.db_url)() as session:  # every live row of every form of a decree is grouped
            grouped = session.scalar(select(func.count(IndicatorRow.id)).where(IndicatorRow.deleted.is_(False)))
        assert f"{grouped} indikator dalam {len(stored)} konsep" in state
        counted = {code: (decrees, rows) for code, _, decrees, rows in _lines(page)}
        assert counted == {code: stored[code][2:] for code in counted}  # the list counts the new grouping
    assert len(stored) > 100 and sum(rows for *_, rows in stored.values()) > 200


def test_a_pivot_column_opens_its_concept(officer, grouped):
    client, _ = officer
    pivot = client.get("/compare").text
    link, name = re.search(r'<a class="name" href="(/concepts/by-id/\d+)">([^<]+)</a>', pivot).groups()
    page = client.get(link)
    assert page.status_code == 200 and f"<h1>{name} <small>" in page.text
