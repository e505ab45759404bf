"""`iki concepts` and `iki compare` over a directory of extracted records."""
from __future__ import annotations

import csv

import typer
from typer.testing import CliRunner

from pipeline.commands import concepts_cmds

app = typer.Typer()
concepts_cmds.register(app)
runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_concepts_lists_shared_concepts_with_their_kecamatan_count(records_dir, tmp_path):
    out = invoke("concepts", "--records", str(records_dir), "--csv", str(tmp_path / "c.csv"),
                 "--save", str(tmp_path / "catalogue.json"))
    assert "sarpras-kondisi-baik" in out
    rows = {r["code"]: r for r in csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8"))}
    assert rows["sarpras-kondisi-baik"]["kecamatan"] == "3"
    assert rows["ikm"]["kecamatan"] == "2"
    again = invoke("concepts", "--records", str(records_dir), "--catalogue", str(tmp_path / "catalogue.json"),
                   "--min-kecamatan", "2", "--csv", str(tmp_path / "shared.csv"))
    shared = list(csv.DictReader((tmp_path / "shared.csv").open(encoding="utf-8")))
    assert shared and all(int(r["kecamatan"]) >= 2 for r in shared)
    assert "ikm" in again and len(shared) < len(rows)


def test_compare_one_concept_across_kecamatan(records_dir, tmp_path):
    out = invoke("compare", "--records", str(records_dir), "--concept", "ikm", "--csv", str(tmp_path / "ikm.csv"))
    assert "Indeks Kepuasan Masyarakat" in out
    rows = list(csv.DictReader((tmp_path / "ikm.csv").open(encoding="utf-8")))
    assert {r["kecamatan"] for r in rows} == {"Ngluyu", "Camplong"}
    assert {"Survey kepuasan masyarakat", "IKM"} == {r["indikator"] for r in rows}
    assert any(r["sumber_data"] == "Survei Kepuasan Masyarakat" for r in rows)


def test_compare_one_position_across_kecamatan(records_dir, tmp_path):
    invoke("compare", "--records", str(records_dir), "--jabatan", "kasubag_umum", "--csv", str(tmp_path / "k.csv"))
    rows = list(csv.DictReader((tmp_path / "k.csv").open(encoding="utf-8")))
    assert {r["kecamatan"] for r in rows} == {"Ponggok", "Ngluyu", "Camplong", "Kapongan", "Lumajang"}
    by_level = runner.invoke(app, ["compare", "--records", str(records_dir), "--jabatan", "camat"])
    assert by_level.exit_code == 0 and "Ngluyu" in by_level.output


def test_compare_needs_exactly_one_subject(records_dir):
    result = runner.invoke(app, ["compare", "--records", str(records_dir)])
    assert result.exit_code != 0
    result = runner.invoke(app, ["compare", "--records", str(records_dir), "--concept", "no-such-concept"])
    assert result.exit_code != 0 and "no concept" in result.output
