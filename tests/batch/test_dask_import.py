"""`iki import --dask`: a local Dask cluster's workers extract and write to the shared PostgreSQL."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from distributed import LocalCluster
from sqlalchemy import func, select
from typer.testing import CliRunner

from store.db import make_engine, open_store, upgrade
from store.models import Decree, IndicatorRow, SourceFile
from tests.batch.conftest import snapshot
from tests.store.conftest import _empty_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        yield local


@pytest.fixture
def pg_url(pg_database: str) -> str:
    _empty_postgres(pg_database)
    return pg_database


def test_dask_workers_import_into_the_shared_database_and_a_rerun_skips_them(pg_url, cli, cluster, text_batch,
                                                                            seed_paths, tmp_path):
    upgrade(make_engine(pg_url))
    (text_batch / "rusak.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    report_path = tmp_path / "dask.json"
    args = ["import", str(text_batch), "--db", pg_url, "--dask", cluster.scheduler_address]
    result = CliRunner().invoke(cli, [*args, "--report", str(report_path)], env={"COLUMNS": "250"})
    assert result.exit_code == 1, result.output
    assert "5 imported, 0 updated, 0 unchanged, 1 failed" in result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["mode"] == f"dask {cluster.scheduler_address}"
    files = {f["source"]: f for f in report["files"]}
    assert files["rusak.pdf"]["error"].startswith("rusak.pdf: not a readable PDF")
    assert {f["path"] for f in files.values()} == {str(p) for p in text_batch.iterdir()}

    factory = open_store(pg_url)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Decree)) == 5
        failed = session.scalars(select(SourceFile).where(SourceFile.status == "failed")).one()
        assert failed.name == "rusak.pdf" and failed.decree is None
        assert session.scalar(select(func.count()).select_from(IndicatorRow)) == report["totals"]["rows"]
    before = snapshot(factory)
    again = CliRunner().invoke(cli, [*args, "--report", str(tmp_path / "again.json")])
    assert "0 imported, 0 updated, 5 unchanged, 1 failed" in again.output
    after = snapshot(factory)
    decrees = {sha for sha, value in before.items() if value[1] != "failed"}
    assert len(decrees) == 5 and {sha: after[sha] for sha in decrees} == {sha: before[sha] for sha in decrees}
    factory.kw["bind"].dispose()


def test_dask_refuses_a_sqlite_database(cli, text_batch, tmp_path):
    url = f"sqlite:///{tmp_path / 'iki.db'}"
    result = CliRunner().invoke(cli, ["import", str(text_batch), "--db", url, "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "--dask needs a database every worker can reach" in result.output
