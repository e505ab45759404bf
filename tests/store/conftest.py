"""Fixtures of the store tests: every test that takes `db_url` runs on SQLite and on PostgreSQL.

PostgreSQL tests use a database created for the session and dropped at its
end; each test starts from an empty schema. An unreachable server skips those
tests, except under CI=true, where it fails them.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from normalize.records import DecreeRecord
from pipeline.cli import app
from pipeline.run import extract_file
from store.db import make_engine, open_store, upgrade
from store.importer import load_record
from tests.conftest import sample_files

PG_SERVER = os.environ.get("IKI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for the whole session, dropped afterwards."""
    name = f"iki_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL at {PG_SERVER} is unreachable: {exc.args[0]}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield f"{PG_SERVER}/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database (no schema) on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'iki.db'}"
    url = request.getfixturevalue("pg_database")
    _empty_postgres(url)
    return url


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a migrated, empty database."""
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    sessions = open_store(db_url)
    yield sessions
    sessions.kw["bind"].dispose()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five sample decrees of the repository."""
    paths = [path for _, path in sample_files()]
    assert len(paths) == 5 and all(path.is_file() for path in paths), "expected the five sample decrees in samples/text"
    return paths


@pytest.fixture(scope="session")
def _seed_records(seed_paths: list[Path]) -> list[DecreeRecord]:
    return [extract_file(path) for path in seed_paths]


@pytest.fixture
def seed_records(_seed_records: list[DecreeRecord]) -> list[DecreeRecord]:
    """The sample decrees as extracted; each test gets its own copies to change."""
    return deepcopy(_seed_records)


@pytest.fixture
def imported(factory: sessionmaker[Session], seed_records: list[DecreeRecord]) -> sessionmaker[Session]:
    """A database holding the five sample decrees."""
    for record in seed_records:
        assert load_record(factory, record).outcome == "imported"
    return factory


@pytest.fixture(scope="session")
def cli() -> typer.Typer:
    return app
