"""The bad-input corpus through one `iki import`: every file is accounted for, nothing else changes."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from pipeline.batch_dask import extract_and_store
from store.models import IndicatorRow, SourceFile
from tests.batch.conftest import BAD, snapshot
from tests.data.bad.make_corpus import EXPECTED, INTACT, corpus

WIDE = {"COLUMNS": "250"}


def test_the_committed_corpus_is_what_the_generator_writes():
    assert {name: (BAD / name).read_bytes() for name in corpus()} == corpus()


def test_every_bad_file_is_recorded_by_name_and_other_decrees_stay_untouched(factory, db_url, cli, text_batch,
                                                                            tmp_path):
    first = CliRunner().invoke(cli, ["import", str(text_batch), "--db", db_url, "--report", str(tmp_path / "a.json")])
    assert first.exit_code == 0, first.output
    before = snapshot(factory)
    batch = tmp_path / "bad"
    batch.mkdir()
    for name in [*EXPECTED, *INTACT]:
        shutil.copyfile(BAD / name, batch / name)
    shutil.copyfile(next(text_batch.glob("ponggok*")), batch / "ponggok-blitar-2022.txt")

    report_path = tmp_path / "bad.json"
    result = CliRunner().invoke(cli, ["import", str(batch), "--db", db_url, "--workers", "2",
                                      "--report", str(report_path)], env=WIDE)
    assert result.exit_code == 1, result.output
    assert "Import summary" in result.output

    files = {f["source"]: f for f in json.loads(report_path.read_text(encoding="utf-8"))["files"]}
    assert set(files) == set(EXPECTED) | set(INTACT) | {"ponggok-blitar-2022.txt"}
    with factory() as session:
        stored = {s.name: s for s in session.scalars(select(SourceFile))}
        for name, phrase in EXPECTED.items():
            said = [files[name]["error"] or "", *files[name]["warnings"]]
            assert any(name in text and phrase in text for text in said), (name, said)
            kept = [stored[name].error or "", *stored[name].warnings]
            assert any(name in text and phrase in text for text in kept), (name, kept)
        for name in INTACT:
            assert files[name]["outcome"] == "imported" and files[name]["rows"] > 0, files[name]
            assert stored[name].decree is not None
        injected = list(session.scalars(select(IndicatorRow.indikator)
                                        .where(IndicatorRow.indikator.contains("DROP TABLE"))))
    # markup reaches the database as inert text: tags dropped, the rest kept literally
    assert len(injected) == 1 and "<script>" not in injected[0] and "<img" not in injected[0]
    assert "[bold red]markup[/] '; DROP TABLE decrees; -- {{7*7}} ${HOME} $(rm -rf /)" in injected[0]
    assert files["ponggok-blitar-2022.txt"]["outcome"] == "unchanged"
    after = snapshot(factory)
    assert {sha: after[sha] for sha in before} == before
    for name in ("garis\\miring.txt", "kecamatan-ñgawi-日本 (salinan).txt"):
        assert name in result.output


def test_a_name_holding_a_path_is_refused_where_names_come_in(factory):
    """Dask workers get the name over the network; a crafted one must not write outside their scratch folder."""
    url = factory.kw["bind"].url.render_as_string(hide_password=False)
    data = (BAD / "tanpa-tabel.txt").read_bytes()
    for name in ("../../kabur.txt", "/tmp/kabur.txt", "sub/dir.txt", ".."):
        report = extract_and_store(name, data, hashlib.sha256(name.encode()).hexdigest(), url, None)
        assert report.outcome == "failed"
        assert report.error == f"{name}: not a plain file name (it holds a path); refused"
        assert not Path("/tmp/kabur.txt").exists() and not Path("/kabur.txt").exists()
    with factory() as session:
        names = set(session.scalars(select(SourceFile.name).where(SourceFile.status == "failed")))
    assert names == {"../../kabur.txt", "/tmp/kabur.txt", "sub/dir.txt", ".."}
