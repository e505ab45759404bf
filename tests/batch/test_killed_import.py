"""kill -9 of a running `iki import --workers 2`: its workers leave with it, and running it again finishes its work.

The imports here are real processes killed for real: either by themselves at
an exact point (around the commit that marks the run finished), or from
outside while their workers extract.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from store.concept_assignment import assign_concepts
from store.models import Decree, ImportRun, IndicatorRow, Position
from tests.conftest import FAMILY, ROOT

KILLED_AT_FINISH = textwrap.dedent("""
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from pipeline.cli import app
    from store.models import ImportRun

    when, url, report, *paths = sys.argv[1:]

    def finishing(session):
        return any(isinstance(obj, ImportRun) and obj.finished_at is not None
                   for obj in session.identity_map.values())

    @event.listens_for(Session, "before_commit" if when == "before" else "after_commit")
    def die(session):
        if finishing(session):
            os.kill(os.getpid(), signal.SIGKILL)

    app(["import", *paths, "--db", url, "--workers", "2", "--report", report], prog_name="iki")
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "250"}


def _assigned_as_by_a_full_run(factory) -> None:
    """Concepts and canonical jabatan are what assigning them over everything gives: doing it again changes nothing."""
    with factory.begin() as session:
        mapped = session.scalar(select(func.count()).select_from(Position)
                                .where(Position.canonical_jabatan.is_not(None)))
        with_concept = session.scalar(select(func.count()).select_from(IndicatorRow)
                                      .where(IndicatorRow.concept_id.is_not(None)))
        summary = assign_concepts(session)
        assert with_concept > 0 and mapped > 0
        assert (summary.changed_rows, summary.positions_mapped) == (0, mapped)
        session.rollback()


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_run_killed_around_its_finishing_commit_is_finished_by_the_next(factory, db_url, cli, text_batch,
                                                                         tmp_path, when):
    killed = subprocess.run([sys.executable, "-c", KILLED_AT_FINISH, when, db_url, str(tmp_path / "killed.json"),
                             str(text_batch)], env=_env(), capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Decree)) == 5
        finished = session.scalar(select(ImportRun.finished_at))
    assert (finished is None) == (when == "before")

    again = CliRunner().invoke(cli, ["import", str(text_batch), "--db", db_url, "--workers", "2",
                                     "--report", str(tmp_path / "again.json")], env={"COLUMNS": "250"})
    assert again.exit_code == 0, again.output
    assert "0 imported, 0 updated, 5 unchanged, 0 failed" in again.output
    _assigned_as_by_a_full_run(factory)


def _workers(importer: psutil.Process) -> list[psutil.Process]:
    """The importer's descendants: the fork server, its workers, the resource tracker."""
    try:
        return importer.children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_the_workers_of_a_killed_import_exit_with_it(factory, db_url, tmp_path, seed_paths):
    """Workers busy with OCR and idle ones alike are gone within seconds of the importer's death."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for scan in sorted((FAMILY / "scan").glob("*.pdf"))[:3]:
        (batch / scan.name).write_bytes(scan.read_bytes())
    for path in seed_paths:
        (batch / path.name).write_bytes(path.read_bytes())
    importer = subprocess.Popen([sys.executable, "-m", "pipeline", "import", str(batch), "--db", db_url,
                                 "--workers", "2", "--report", str(tmp_path / "run.json")],
                                env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watched = psutil.Process(importer.pid)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers := _workers(watched)) < 4:  # resource tracker, fork server, two workers
            assert importer.poll() is None and time.monotonic() < deadline, "the pool never started"
            time.sleep(0.1)
        time.sleep(1.0)
        memory = sum(p.memory_info().rss for p in workers if p.is_running())
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, f"{len(alive)} of {len(workers)} processes outlived the importer ({memory >> 20} MB)"
    finally:
        for process in [watched, *workers]:
            if process.is_running():
                process.kill()
