"""`iki import --workers N`: parallel extraction, the same data as a sequential import, resume and the run report."""
from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

import pipeline.batch
from normalize.harmonize import words
from normalize.harmonize.signature import texts_read
from pipeline.batch import extract_in_pool
from pipeline.run import sha256_of
from pipeline.service import Extracted, Pending
from pipeline.worker import extract_and_analyse
from store.db import open_store
from store.models import Concept, Decree, ImportRun, IndicatorRow, Position
from tests.batch import worker_probe
from tests.batch.conftest import snapshot
from tests.conftest import family_file

WIDE = {"COLUMNS": "250"}


def _import(cli, db_url: str, *args: str):
    return CliRunner().invoke(cli, ["import", *args, "--db", db_url], env=WIDE)


def _contents(factory) -> list[tuple]:
    """Each decree's kecamatan and rows with their concept and their position's canonical jabatan, independent
    of ids and of the order files finished in."""
    with factory() as session:
        rows = session.execute(select(Decree.kecamatan, Decree.tahun, IndicatorRow.row_key, IndicatorRow.indikator,
                                      IndicatorRow.target, Concept.code, IndicatorRow.concept_score,
                                      Position.canonical_jabatan, Position.jabatan_score)
                               .join(IndicatorRow, IndicatorRow.decree_id == Decree.id)
                               .join(Position, Position.id == IndicatorRow.position_id)
                               .outerjoin(Concept, Concept.id == IndicatorRow.concept_id))
        return sorted(tuple(row) for row in rows)


def test_parallel_import_stores_what_a_sequential_import_stores(factory, db_url, cli, text_batch, tmp_path):
    pdf = family_file("docx-pdf")
    (text_batch / pdf.name).write_bytes(pdf.read_bytes())
    report_path = tmp_path / "run.json"
    result = _import(cli, db_url, str(text_batch), "--workers", "2", "--report", str(report_path))
    assert result.exit_code == 0, result.output
    assert "6 imported, 0 updated, 0 unchanged, 0 failed" in result.output
    parallel = _contents(factory)

    sequential_url = f"sqlite:///{tmp_path / 'sequential.db'}"
    assert CliRunner().invoke(cli, ["db", "upgrade", "--db", sequential_url]).exit_code == 0
    assert _import(cli, sequential_url, str(text_batch), "--report", str(tmp_path / "seq.json")).exit_code == 0
    assert parallel == _contents(open_store(sequential_url))
    assert any(row[5] for row in parallel) and any(row[7] for row in parallel)

    report = json.loads(report_path.read_text(encoding="utf-8"))
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert set(files) == {p.name for p in text_batch.iterdir()}
    assert files[pdf.name]["pages"] > 1
    assert all(f["outcome"] == "imported" and f["rows"] > 0 and f["seconds"] > 0 and f["error"] is None
               for f in files.values())
    assert report["totals"]["rows"] == len(parallel)
    assert report["totals"]["imported"] == 6 and report["mode"] == "2 worker(s)"


def test_rerun_skips_known_files_before_extracting_them(factory, db_url, cli, text_batch, tmp_path, monkeypatch):
    assert _import(cli, db_url, str(text_batch), "--report", str(tmp_path / "first.json")).exit_code == 0
    before = snapshot(factory)
    new = text_batch / "ngluyu-copy.txt"
    new.write_text(next(text_batch.glob("ngluyu*")).read_text(encoding="utf-8").replace("Ngluyu", "Ngluyu Baru", 1),
                   encoding="utf-8")
    extracted = []
    real = pipeline.batch.extract_one

    def counting(path, options=None):
        extracted.append(Path(path).name)
        return real(path, options)

    monkeypatch.setattr(pipeline.batch, "extract_one", counting)
    again = _import(cli, db_url, str(text_batch), "--report", str(tmp_path / "second.json"))
    assert again.exit_code == 0, again.output
    assert extracted == ["ngluyu-copy.txt"]
    assert "1 imported, 0 updated, 5 unchanged, 0 failed" in again.output
    after = snapshot(factory)
    assert {sha: after[sha] for sha in before} == before
    with factory() as session:
        runs = session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
        assert [(r.files, r.imported, r.unchanged) for r in runs] == [(5, 5, 0), (6, 1, 5)]


def test_summary_lists_every_file_and_the_report_goes_beside_a_sqlite_database(cli, tmp_path, text_batch):
    url = f"sqlite:///{tmp_path / 'db' / 'iki.db'}"
    (tmp_path / "db").mkdir()
    assert CliRunner().invoke(cli, ["db", "upgrade", "--db", url]).exit_code == 0
    (text_batch / "kosong.txt").write_bytes(b"")
    result = _import(cli, url, str(text_batch), "--workers", "2")
    assert result.exit_code == 1
    for line in ("kosong.txt", "failed", "kosong.txt: file is empty (0 bytes)", "ponggok-blitar-2022.txt"):
        assert line in result.output
    reports = list((tmp_path / "db").glob("iki-import-*.json"))
    assert len(reports) == 1 and str(reports[0]) in result.output.replace("\n", "")
    files = json.loads(reports[0].read_text(encoding="utf-8"))["files"]
    assert [f["source"] for f in files] == sorted(p.name for p in text_batch.iterdir())
    failed = [f for f in files if f["outcome"] == "failed"]
    assert [(f["source"], f["error"]) for f in failed] == [("kosong.txt", "kosong.txt: file is empty (0 bytes)")]


def dies_on_bombs(path: str, options=None) -> Extracted:
    """Extraction that kills its process on a file named bom*, as a crash in a C library would."""
    if Path(path).name.startswith("bom"):
        os._exit(9)
    return pipeline.batch.extract_one(path, options)


def test_a_file_that_kills_its_worker_fails_alone_and_the_batch_goes_on(tmp_path, seed_paths):
    good = [Pending(path, sha256_of(path)) for path in seed_paths]
    bomb = tmp_path / "bom.txt"
    bomb.write_text("x", encoding="utf-8")
    todo = [*good[:2], Pending(bomb, "0" * 64), *good[2:]]
    answers = {p.path.name: a for p, a in filter(None, extract_in_pool(todo, None, 2, job=dies_on_bombs))}
    assert set(answers) == {p.path.name for p in todo}
    assert answers["bom.txt"].record is None
    assert answers["bom.txt"].error.startswith("bom.txt: the extracting process died")
    assert all(answers[p.path.name].record is not None for p in good)


def test_one_set_of_workers_extracts_the_whole_run_without_loading_the_store(seed_paths):
    """Workers start once, with the gazetteer read, and serve every file; none imports the database code."""
    todo = [Pending(path, sha256_of(path)) for path in seed_paths * 4]
    answers = [answer for _, answer in filter(None, extract_in_pool(todo, None, 2, job=worker_probe.probe))]
    assert len(answers) == len(todo)
    assert 1 <= len({pid for pid, _, _ in answers}) <= 2
    assert all(loaded == [] and gazetteers == 1 for _, loaded, gazetteers in answers)


def named_only(path: str, options=None) -> Extracted:
    """An answer that only names its file, in the order the worker was given the files."""
    return Extracted(path, None, None, 0.0)


def test_the_pool_is_given_the_largest_files_first(tmp_path):
    sizes = {"small.txt": 10, "large.pdf": 5000, "middle.txt": 700, "gone.txt": None}
    todo = []
    for name, size in sizes.items():
        path = tmp_path / name
        if size is not None:
            path.write_bytes(b"x" * size)
        todo.append(Pending(path, name.ljust(64, "0")))
    answers = [Path(done.path).name for _, done in filter(None, extract_in_pool(todo, None, 1, job=named_only))]
    assert answers == ["large.pdf", "middle.txt", "small.txt", "gone.txt"]


def test_a_worker_hands_over_the_analyses_concept_assignment_reads(seed_paths):
    """Every text of the record's wordings, analysed as the importer would analyse it, and taken over by it."""
    done = extract_and_analyse(str(seed_paths[0]))
    texts = {text for ind in done.record.indicators for text in texts_read(ind.indikator, ind.numerator,
                                                                            ind.denominator)}
    assert texts and set(done.analyses) == texts
    assert all(done.analyses[text] == words._analyse(text) for text in texts)
    made = next(iter(texts))
    words._analysed.pop(made, None)
    words.remember({made: done.analyses[made]})
    assert words.analyse(made) is done.analyses[made]
    word, root = done.analyses[made].content[0]
    assert words.stem(word) == root == words._stem(word)
