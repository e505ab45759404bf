"""`iki correct ...` end to end: every sub-command, the audit log, conflicts and stale versions."""
from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from store import corrections
from store.importer import load_record
from store.queries import Filters, find_decree, indicators_frame

WIDE = {"COLUMNS": "250"}


def _invoke(cli, db_url: str, *args: str):
    return CliRunner().invoke(cli, [*args, "--db", db_url], env=WIDE)


def _rows(factory, kecamatan: str):
    with factory() as session:
        return indicators_frame(session, Filters(kecamatan=kecamatan))


def test_every_correction_command_changes_the_rows_and_the_log(imported, db_url, cli):
    before = _rows(imported, "camplong")
    keys = list(before.row_key)
    positions = list(dict.fromkeys(before.position_key))
    steps = [
        ("set", "camplong", keys[0], "target", "100 %", "--row-version", "1", "--who", "siti", "--why", "signed"),
        ("delete", "camplong", keys[1], "--who", "siti"),
        ("split", "camplong", keys[2], "--part", "Bagian satu", "--part", json.dumps({"indikator": "Bagian dua",
                                                                                      "target": "3"})),
        ("merge", "camplong", keys[3], keys[4], "--set", "indikator=Gabungan"),
        ("move", "camplong", keys[5], positions[-1]),
        ("add", "camplong", positions[0], "--set", "indikator=Baru", "--set", "kind=jumlah"),
    ]
    for step in steps:
        result = _invoke(cli, db_url, "correct", *step)
        assert result.exit_code == 0, result.output
        assert "recorded: applied" in result.output
    after = _rows(imported, "camplong")
    assert after[after.row_key == keys[0]].target.item() == "100 %"
    assert not {keys[1], keys[2], keys[3], keys[4]} & set(after.row_key)
    assert {"Bagian satu", "Bagian dua", "Gabungan", "Baru"} <= set(after.indikator)
    assert after[after.indikator == "Bagian dua"].target.item() == "3"
    assert after[after.row_key == keys[5]].position_key.item() == positions[-1]
    with imported() as session:
        trail = corrections.history(session, find_decree(session, "camplong"))
    assert [(c.action, c.who) for c in trail][:2] == [("set", "siti"), ("delete", "siti")]
    assert [c.action for c in trail][2:] == ["split", "merge", "move", "add"]
    log = _invoke(cli, db_url, "correct", "log", "camplong")
    assert log.exit_code == 0 and "signed" in log.output and "100 %" in log.output
    reverted = _invoke(cli, db_url, "correct", "revert", "1", "--why", "wrong decree")
    assert reverted.exit_code == 0, reverted.output
    restored = _rows(imported, "camplong").set_index("row_key").target[keys[0]]
    assert restored != "100 %"
    assert restored == before.target[0] or pd.isna(restored) and pd.isna(before.target[0])


def test_stale_row_version_and_bad_input_are_refused_with_a_clear_error(imported, db_url, cli):
    key = _rows(imported, "ngluyu").row_key[0]
    assert _invoke(cli, db_url, "correct", "set", "ngluyu", key, "target", "1", "--row-version", "1").exit_code == 0
    stale = _invoke(cli, db_url, "correct", "set", "ngluyu", key, "target", "2", "--row-version", "1")
    assert stale.exit_code == 1
    assert f"row {key}: it was changed by someone else" in stale.output
    bad_field = _invoke(cli, db_url, "correct", "set", "ngluyu", key, "warna", "merah")
    assert bad_field.exit_code == 1 and "not a field that can be corrected" in bad_field.output
    bad_set = _invoke(cli, db_url, "correct", "add", "ngluyu", "kasi/x/1", "--set", "indikator")
    assert bad_set.exit_code == 2 and "FIELD=VALUE" in bad_set.output
    assert _rows(imported, "ngluyu").target[0] == "1"


def test_conflicts_are_listed_until_reverted(imported, seed_records, db_url, cli):
    record = seed_records[4]
    key = _rows(imported, record.decree.kecamatan).row_key[0]
    assert _invoke(cli, db_url, "correct", "set", record.source, key, "target", "7", "--why", "rekap").exit_code == 0
    record.positions[0].indicators.pop(0)
    record.extractor_version = "9.9.9"
    assert load_record(imported, record).conflicts == 1
    listed = _invoke(cli, db_url, "correct", "conflicts")
    assert "conflict: row" in listed.output and "rekap" in listed.output
    assert _invoke(cli, db_url, "correct", "reviewed", record.source).exit_code == 1
    assert _invoke(cli, db_url, "correct", "revert", "1").exit_code == 0
    assert "No conflicts." in _invoke(cli, db_url, "correct", "conflicts").output
    reviewed = _invoke(cli, db_url, "correct", "reviewed", record.source)
    assert reviewed.exit_code == 0 and "marked reviewed" in reviewed.output
