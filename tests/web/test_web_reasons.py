"""The history says the reasons the screens write themselves in the reader's language, an officer's as typed."""
from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import select

from extract.errors import Message
from store import corrections
from store.corrections import ROW_GONE
from store.db import open_store
from store.models import Correction, Decree
from tests.web.conftest import log_in
from web import reasons
from web.i18n import Language, serving
from web.settings import Settings


def _why(settings: Settings) -> list[str | None]:
    factory = open_store(settings.db_url)
    with factory() as session:
        found = list(session.scalars(select(Correction.why).order_by(Correction.id)))
    factory.kw["bind"].dispose()
    return found


def test_automatic_reasons_show_in_indonesian_and_typed_ones_as_typed(client: TestClient,
                                                                       settings: Settings) -> None:
    token = log_in(client, "olivia")
    query = {"field": "sumber_data", "find": "Seksi Pemerintahan dan Yan Um", "replace": "Seksi Pemerintahan",
             "mode": "whole"}
    keys = re.findall(r'name="rows" value="([^"]+)"', client.get("/bulk", params=query).text)
    assert client.post("/bulk", data={**query, "rows": keys[:1], "csrf_token": token}).status_code == 200
    assert client.post("/bulk", data={**query, "rows": keys[1:2], "csrf_token": token,
                                      "why": "undone on screen"}).status_code == 200
    first = client.get("/history").text
    bulk_id = re.findall(r"<td>(\d+)</td>", first)[-1]  # the oldest entry is last
    undone = client.post(f"/corrections/{bulk_id}/revert", data={"csrf_token": token, "back": "/history"})
    assert undone.status_code == 200
    stored = _why(settings)
    assert stored == ["bulk: 'Seksi Pemerintahan dan Yan Um' -> 'Seksi Pemerintahan'", "undone on screen",
                      "undone on screen"]
    history = client.get("/history").text
    assert "koreksi massal: &#39;Seksi Pemerintahan dan Yan Um&#39; -&gt; &#39;Seksi Pemerintahan&#39;" in history
    assert history.count("dibatalkan di layar") == 1  # the revert's own reason
    assert history.count("undone on screen") == 1  # the reason the officer typed on the second cell
    client.cookies.set("iki_lang", "en")
    english = client.get("/history").text
    assert "bulk: &#39;Seksi" in english and english.count("undone on screen") == 2


def test_a_replayed_correction_s_conflict_is_said_in_the_reader_s_language() -> None:
    written = str(Message(ROW_GONE.template, {"key": repr("a1b2"), "indikator": repr("Jumlah (desa)")}))
    with serving(Language.INDONESIAN, ZoneInfo("UTC")):
        assert reasons.conflict(written) == "baris 'a1b2' ('Jumlah (desa)') tidak ada lagi di keputusan"
        assert reasons.conflict("typed by hand") == "typed by hand"
    with serving(Language.ENGLISH, ZoneInfo("UTC")):
        assert reasons.conflict(written) == written


def test_a_refused_value_s_conflict_is_said_with_its_reason_in_the_reader_s_language(
        client: TestClient, settings: Settings) -> None:
    """A correction whose value the field no longer takes (kept from an earlier version) conflicts on replay;
    the history says the refusal and its reason in Indonesian, the audit trail keeps the English."""
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        decree = session.scalars(select(Decree).order_by(Decree.id)).first()
        assert decree is not None
        row = sorted(decree.rows, key=lambda r: r.id)[0]
        kept = corrections.set_field(session, decree, row.row_key, "multiplier", "100", who="siti")
        kept.new = "seratus"
        session.flush()
        assert corrections.replay(session, decree) == [kept]
        stored = kept.conflict
    factory.kw["bind"].dispose()
    assert stored == "multiplier: 'seratus' is not a valid value: expected a number"
    log_in(client, "olivia")
    assert "Pengali: &#39;seratus&#39; bukan nilai yang sah: harus berupa angka" in client.get("/history").text
    client.cookies.set("iki_lang", "en")
    assert "Multiplier: &#39;seratus&#39; is not a valid value: expected a number" in client.get("/history").text
