"""Analyst queries and exports read effective values and never a deleted row."""
from __future__ import annotations

import json
from io import StringIO

import pandas as pd
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from store import corrections
from store.errors import NotFound
from store.exports import FORMATS, write_frame
from store.models import Decree
from store.queries import Filters, decrees_frame, find_decree, indicators_frame

READERS = {"csv": pd.read_csv, "xlsx": pd.read_excel, "parquet": pd.read_parquet, "json": pd.read_json}


def test_indicator_frame_joins_decree_position_and_region(imported, seed_records):
    with imported() as session:
        frame = indicators_frame(session)
    assert len(frame) == sum(len(r.indicators) for r in seed_records)
    ponggok = frame[frame.kecamatan == "Ponggok"]
    record = seed_records[0]
    assert len(ponggok) == len(record.indicators)
    first = ponggok.iloc[0]
    assert (first.kabupaten, first.tahun, first.jabatan, first.level) == (
        "Blitar", 2022, record.positions[0].jabatan, record.positions[0].level)
    assert first.indikator == record.positions[0].indicators[0].indikator


@pytest.mark.parametrize("filters", [Filters(kecamatan="ponggok"), Filters(kabupaten="SITUBONDO"),
                                     Filters(tahun=2021), Filters(level="kasi"), Filters(kind="persentase"),
                                     Filters(kabupaten="blitar", level="sekretaris")])
def test_filters_select_exactly_the_matching_rows(imported, filters):
    with imported() as session:
        everything = indicators_frame(session)
        chosen = indicators_frame(session, filters)
    expected = everything
    for name in ("kecamatan", "kabupaten", "level", "kind", "tahun"):
        value = getattr(filters, name)
        if value is not None:
            column = expected[name]
            expected = expected[column == value] if name == "tahun" else expected[column.str.lower() == value.lower()]
    assert 0 < len(chosen) < len(everything)
    assert sorted(chosen.row_id) == sorted(expected.row_id)


def test_decrees_view_counts_effective_rows_and_corrections(imported, seed_records):
    with imported.begin() as session:
        decree = find_decree(session, "Ponggok")
        key = indicators_frame(session, Filters(decree_id=decree.id)).row_key[0]
        corrections.delete_row(session, decree, key, who="siti")
    with imported() as session:
        row = decrees_frame(session, Filters(kecamatan="ponggok")).iloc[0]
    assert (row.indicators, row.corrections, row.positions) == (
        len(seed_records[0].indicators) - 1, 1, len(seed_records[0].positions))


def test_find_decree_by_id_source_name_or_kecamatan(imported, seed_records):
    with imported() as session:
        by_kecamatan = find_decree(session, "kapongan")
        assert find_decree(session, str(by_kecamatan.id)) is by_kecamatan
        assert find_decree(session, seed_records[3].source) is by_kecamatan
        assert find_decree(session, seed_records[3].source.rsplit(".", 1)[0]) is by_kecamatan
        with pytest.raises(NotFound, match="no decree"):
            find_decree(session, "Atlantis")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_holds_corrected_values_and_no_deleted_row(imported, fmt, tmp_path):
    with imported.begin() as session:
        decree = session.scalars(select(Decree).where(Decree.kecamatan == "Lumajang")).one()
        keys = list(indicators_frame(session, Filters(decree_id=decree.id)).row_key)
        corrections.delete_row(session, decree, keys[0], who="siti")
        corrections.set_field(session, decree, keys[1], "target", "12 dokumen", who="siti")
        frame = indicators_frame(session, Filters(kecamatan="lumajang"))
    out = tmp_path / f"export.{fmt}"
    write_frame(frame, fmt, out)
    back = READERS[fmt](out)
    assert len(back) == len(keys) - 1
    assert keys[0] not in set(back.row_key)
    assert back[back.row_key == keys[1]].target.item() == "12 dokumen"


def test_cli_show_query_and_export(imported, db_url, cli, tmp_path):
    runner = CliRunner()
    with imported() as session:
        key = indicators_frame(session, Filters(kecamatan="ngluyu")).row_key[0]
    shown = runner.invoke(cli, ["show", "Ngluyu", "--db", db_url], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Kecamatan Ngluyu" in shown.output and key in shown.output
    corrected = runner.invoke(cli, ["correct", "set", "ngluyu", key, "target", "100 %", "--why", "signed copy",
                                    "--who", "siti", "--db", db_url])
    assert corrected.exit_code == 0, corrected.output
    queried = runner.invoke(cli, ["query", "--kecamatan", "NGLUYU", "--csv", "--db", db_url])
    frame = pd.read_csv(StringIO(queried.output))
    assert set(frame.kecamatan) == {"Ngluyu"}
    assert frame[frame.row_key == key].target.item() == "100 %"
    out = tmp_path / "ngluyu.json"
    exported = runner.invoke(cli, ["export", "--format", "json", "--out", str(out), "--kecamatan", "ngluyu",
                                   "--db", db_url])
    assert exported.exit_code == 0, exported.output
    assert [r["row_key"] for r in json.loads(out.read_text())] == list(frame.row_key)
    log = runner.invoke(cli, ["correct", "log", "ngluyu", "--db", db_url], env={"COLUMNS": "200"})
    assert "signed copy" in log.output and "siti" in log.output
    missing = runner.invoke(cli, ["correct", "set", "ngluyu", "nope", "target", "1", "--db", db_url])
    assert missing.exit_code == 1 and "no indicator row 'nope'" in missing.output
