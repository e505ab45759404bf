"""Importing decrees: what is stored, idempotence, failures, interruptions and concurrent importers."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

import store.importer
from store.db import open_store
from store.importer import load_record, record_failure
from store.models import Decree, ImportRun, IndicatorRow, Position, PositionFunction, SourceFile
from tests.conftest import ROOT


def _count(factory, model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_import_stores_every_position_fungsi_and_indicator(imported, seed_records):
    assert _count(imported, Decree) == 5
    assert _count(imported, Position) == sum(len(r.positions) for r in seed_records)
    assert _count(imported, PositionFunction) == sum(len(p.fungsi) for r in seed_records for p in r.positions)
    assert _count(imported, IndicatorRow) == sum(len(r.indicators) for r in seed_records)
    record = seed_records[0]
    with imported() as session:
        decree = session.scalars(select(Decree).join(SourceFile).where(SourceFile.sha256 == record.sha256)).one()
        assert (decree.kecamatan, decree.kabupaten, decree.tahun) == ("Ponggok", "Blitar", 2022)
        assert decree.tanggal.isoformat() == record.decree.tanggal
        assert decree.source_file.extractor_version == record.extractor_version
        first = decree.positions[0]
        assert first.jabatan == record.positions[0].jabatan
        assert [f.text for f in first.fungsi] == record.positions[0].fungsi
        row = first.rows[0]
        expected = record.positions[0].indicators[0]
        assert (row.indikator, row.formula, row.kind) == (expected.indikator, expected.formula, expected.kind)
        assert row.extracted["indikator"] == expected.indikator
        assert (row.line_start, row.line_end) == (expected.provenance.line_start, expected.provenance.line_end)


def test_reimporting_the_same_file_changes_nothing(imported, seed_records):
    with imported() as session:
        before = session.execute(select(IndicatorRow.id, IndicatorRow.version).order_by(IndicatorRow.id)).all()
    outcomes = [load_record(imported, record) for record in seed_records]
    assert {o.outcome for o in outcomes} == {"unchanged"}
    with imported() as session:
        after = session.execute(select(IndicatorRow.id, IndicatorRow.version).order_by(IndicatorRow.id)).all()
    assert after == before


def test_newer_extractor_version_replaces_the_extraction(imported, seed_records):
    record = seed_records[1]
    record.extractor_version = "9.9.9"
    record.positions[0].indicators[0].target = "100 %"
    outcome = load_record(imported, record)
    assert outcome.outcome == "updated"
    assert _count(imported, Decree) == 5
    assert _count(imported, Position) == sum(len(r.positions) for r in seed_records)
    assert _count(imported, IndicatorRow) == sum(len(r.indicators) for r in seed_records)
    with imported() as session:
        source = session.scalars(select(SourceFile).where(SourceFile.sha256 == record.sha256)).one()
        assert source.extractor_version == "9.9.9"
        assert source.decree.positions[0].rows[0].target == "100 %"


def test_cli_records_a_failing_file_and_goes_on(factory, db_url, cli, seed_paths, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    for path in seed_paths[:2]:
        (batch / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(cli, ["import", str(batch), "--db", db_url])
    assert result.exit_code == 1
    assert "2 imported, 0 updated, 0 unchanged, 1 failed" in result.output
    with factory() as session:
        failed = session.scalars(select(SourceFile).where(SourceFile.status == "failed")).one()
        assert failed.name == "broken.pdf"
        assert "broken.pdf" in failed.error and "PDF" in failed.error
        assert failed.decree is None
        run = session.scalars(select(ImportRun)).one()
        assert (run.files, run.imported, run.failed, run.unchanged) == (3, 2, 1, 0)
        assert run.finished_at is not None
    assert _count(factory, Decree) == 2
    again = CliRunner().invoke(cli, ["import", str(batch), "--db", db_url])
    assert "0 imported, 0 updated, 2 unchanged, 1 failed" in again.output


def test_failure_of_a_new_extraction_keeps_the_stored_decree(imported, seed_records):
    record = seed_records[0]
    outcome = record_failure(imported, record.source, record.sha256, "000.txt: newer extractor broke", "9.9.9")
    assert outcome.status == "imported"
    with imported() as session:
        source = session.scalars(select(SourceFile).where(SourceFile.sha256 == record.sha256)).one()
        assert source.decree is not None and source.error == "000.txt: newer extractor broke"
        assert source.extractor_version == record.extractor_version


def test_exception_mid_transaction_leaves_no_half_decree(factory, seed_records, monkeypatch):
    real_insert = store.importer.insert_decrees

    def insert_then_fail(session, decrees):
        real_insert(session, decrees)
        session.flush()
        raise RuntimeError("power cut")

    load_record(factory, seed_records[0])
    with monkeypatch.context() as patch:
        patch.setattr(store.importer, "insert_decrees", insert_then_fail)
        with pytest.raises(RuntimeError, match="power cut"):
            load_record(factory, seed_records[1])
    assert _count(factory, SourceFile) == 1
    assert _count(factory, Decree) == 1
    assert _count(factory, Position) == len(seed_records[0].positions)
    assert _count(factory, IndicatorRow) == len(seed_records[0].indicators)
    assert [load_record(factory, r).outcome for r in seed_records] == ["unchanged"] + ["imported"] * 4


KILLED_IMPORT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import store.importer
    from pipeline.run import extract_file
    from store.db import open_store
    from store.importer import load_record

    real_insert = store.importer.insert_decrees
    calls = []

    def insert_then_die(session, decrees):
        calls.append(decrees)
        decree_ids = real_insert(session, decrees)
        if len(calls) == 2:
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return decree_ids

    store.importer.insert_decrees = insert_then_die
    factory = open_store(sys.argv[1])
    for name in sys.argv[2:]:
        load_record(factory, extract_file(Path(name)))
""")


def test_process_killed_mid_import_leaves_no_half_decree_and_next_run_resumes(factory, db_url, seed_records,
                                                                            seed_paths):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", KILLED_IMPORT, db_url, *map(str, seed_paths)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert _count(factory, Decree) == 1
    assert _count(factory, Position) == len(seed_records[0].positions)
    assert _count(factory, IndicatorRow) == len(seed_records[0].indicators)
    assert [load_record(factory, r).outcome for r in seed_records] == ["unchanged"] + ["imported"] * 4
    assert _count(factory, IndicatorRow) == sum(len(r.indicators) for r in seed_records)


def test_two_importers_of_the_same_file_store_one_decree(factory, db_url, seed_records, monkeypatch):
    """Both importers look the file up before either inserts it; the unique sha256 decides."""
    barrier = threading.Barrier(2, timeout=3)
    waited = threading.local()
    real_lookup = store.importer._locked_source
    met = []

    def lookup_together(session, sha256):
        found = real_lookup(session, sha256)
        if not getattr(waited, "done", False):
            waited.done = True
            try:
                barrier.wait()
                met.append(True)
            except threading.BrokenBarrierError:
                pass  # SQLite queues the second writer before its lookup, so the two cannot meet
        return found

    monkeypatch.setattr(store.importer, "_locked_source", lookup_together)
    outcomes, failures = [], []

    def run() -> None:
        sessions = open_store(db_url)
        try:
            outcomes.append(load_record(sessions, seed_records[0]).outcome)
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            sessions.kw["bind"].dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    if db_url.startswith("postgresql"):
        assert len(met) == 2, "both importers should have found the file missing"
    assert sorted(outcomes) == ["imported", "unchanged"]
    assert _count(factory, SourceFile) == 1
    assert _count(factory, Decree) == 1
    assert _count(factory, IndicatorRow) == len(seed_records[0].indicators)
