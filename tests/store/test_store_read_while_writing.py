"""On SQLite, readers (screens, `iki show`) go on while a writer holds the write lock, and writers still queue.

A writer thread takes the lock and holds it; the readers race it and must
be done while it still holds the lock.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from store.db import make_engine, open_store, upgrade
from store.importer import load_record
from store.models import ImportRun, IndicatorRow
from tests.web.conftest import log_in
from tests.web.data import add_users, settings_for
from web.app import create_app

HOLD_SECONDS = 20.0


@pytest.fixture
def store_dir(tmp_path: Path, seed_records) -> Path:
    """A SQLite store with two sample decrees and the web users, in tmp_path/iki.db."""
    factory = _store(tmp_path)
    for record in seed_records[:2]:
        load_record(factory, record)
    add_users(factory)
    factory.kw["bind"].dispose()
    return tmp_path


def _store(folder: Path):
    url = f"sqlite:///{folder / 'iki.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return open_store(url)


class HeldWrite:
    """A write transaction that holds SQLite's write lock until released (or HOLD_SECONDS pass)."""

    def __init__(self, url: str) -> None:
        self.factory = open_store(url)
        self.holding = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self) -> None:
        with self.factory.begin() as session:
            session.execute(update(IndicatorRow).values(target="held"))
            self.holding.set()
            self.release.wait(HOLD_SECONDS)
        self.holding.clear()

    def __enter__(self) -> HeldWrite:
        self.thread.start()
        assert self.holding.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.thread.join()
        self.factory.kw["bind"].dispose()


def _while_held(url: str, read: Callable[[], None]) -> float:
    """Seconds `read` took while the write lock was held; fails if it only finished after the lock was let go."""
    with HeldWrite(url) as writer:
        started = time.monotonic()
        read()
        took = time.monotonic() - started
        assert writer.holding.is_set(), f"the read waited for the writer ({took:.1f} s)"
    return took


def test_a_read_session_sees_the_last_commit_without_waiting_for_a_writer(store_dir):
    url = f"sqlite:///{store_dir / 'iki.db'}"
    factory = open_store(url)

    def count() -> None:
        with factory() as session:
            assert session.scalar(select(func.count()).select_from(IndicatorRow)) > 0
            assert session.scalar(select(func.count()).where(IndicatorRow.target == "held")) == 0

    assert _while_held(url, count) < 5
    factory.kw["bind"].dispose()


def test_screens_and_iki_show_answer_while_an_import_writes(store_dir, cli):
    """Signing in writes (it opens a session), so it happens before; every page after it only reads."""
    settings = settings_for(store_dir)

    def show() -> None:
        result = CliRunner().invoke(cli, ["show", "Ponggok", "--db", settings.db_url])
        assert result.exit_code == 0, result.output

    with TestClient(create_app(settings)) as client:
        log_in(client, "olivia")

        def pages() -> None:
            for path in ("/queue", "/compare", "/history", "/decrees/1", "/charts"):
                assert client.get(path).status_code == 200, path

        _while_held(settings.db_url, pages)
    _while_held(settings.db_url, show)


def test_two_writers_that_read_first_still_queue_instead_of_failing(tmp_path):
    """Each reads then writes; with the write lock taken at BEGIN the second waits for the first."""
    first, second = _store(tmp_path), open_store(f"sqlite:///{tmp_path / 'iki.db'}")
    with first.begin() as session:
        session.add(ImportRun(started_at=datetime.now(UTC), files=0, imported=0, updated=0, unchanged=0, failed=0))
    failures: list[BaseException] = []
    barrier = threading.Barrier(2)

    def bump(factory) -> None:
        try:
            barrier.wait(5)
            with factory.begin() as session:
                files = session.scalar(select(ImportRun.files))
                time.sleep(0.3)
                session.execute(update(ImportRun).values(files=files + 1))
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=bump, args=(factory,)) for factory in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    with first() as session:
        assert session.scalar(select(ImportRun.files)) == 2
    for factory in (first, second):
        factory.kw["bind"].dispose()
