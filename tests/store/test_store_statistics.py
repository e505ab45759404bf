"""A large import run leaves PostgreSQL's statistics fresh, so the compare query is planned for the tables' size."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from normalize.records import DecreeRecord
from store.importer import STATISTICS, finish_run, is_large_import, load_record, start_run


def _estimated_rows(factory: sessionmaker[Session], table: str) -> float:
    """The planner's row estimate of a table: -1 until ANALYZE (or VACUUM) has looked at it."""
    with factory() as session:
        return float(session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}))


def _run(factory: sessionmaker[Session], records: list[DecreeRecord]) -> None:
    run = start_run(factory, len(records))
    finish_run(factory, run, [load_record(factory, record) for record in records])


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_import_run_analyses_postgres(factory: sessionmaker[Session], seed_records: list[DecreeRecord]) -> None:
    rows = sum(len(record.indicators) for record in seed_records)
    assert _estimated_rows(factory, "indicator_rows") == -1
    _run(factory, seed_records)
    assert _estimated_rows(factory, "indicator_rows") == rows
    assert _estimated_rows(factory, "decrees") == len(seed_records)


def test_large_import_is_told_apart(factory: sessionmaker[Session], seed_records: list[DecreeRecord]) -> None:
    _run(factory, seed_records)
    assert is_large_import(factory, STATISTICS.min_decrees)
    assert is_large_import(factory, 1)  # one in five stored decrees: a young store's statistics are stale
    assert not is_large_import(factory, 0)
