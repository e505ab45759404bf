"""Opening the database: URL resolution, engine set-up, migrations and the schema guard.

Every command except `iki db upgrade` opens the store through `open_store`, so
a database that was never migrated, or was migrated by a newer iki, is refused
before anything reads or writes it.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from store.errors import SchemaError, StoreError
from store.migrations import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///iki.db"
URL_ENV = "IKI_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
MMAP_BYTES = 1 << 30
BUSY_SECONDS = 60
WRITES = "iki_writes"  # execution option of the connections a writing transaction runs on


def resolve_url(url: str | None = None) -> str:
    """The `--db` flag wins over the IKI_DB variable, which wins over the default."""
    return url or os.environ.get(URL_ENV) or DEFAULT_URL


def display_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, mapped: bool = True) -> None:
    """Enforce foreign keys and let the driver leave transaction control to `_sqlite_begin`.

    A write-ahead log lets the screens read while an import writes, and with
    synchronous=NORMAL a commit no longer waits for the disk: a crash of the
    program loses nothing committed, a power cut can lose the last commits but
    never corrupts the file. Teams that need more run on PostgreSQL. Reading
    the file through memory mapping spares a copy of every page a query
    touches (a whole jabatan level at 7,000 decrees touches most of them);
    `mapped` False reads it through SQLite's own small page cache instead.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if cursor.execute("PRAGMA database_list").fetchone()[2]:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES if mapped else 0}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """A writing transaction takes the write lock up front, so two writers queue instead of failing on lock upgrade.

    A reading one begins deferred: in a write-ahead log it reads the last
    commit while an import writes, instead of waiting for the import's lock.
    """
    writes = connection.get_execution_options().get(WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def make_engine(url: str | None = None, *, mapped: bool = True) -> Engine:
    """An engine on the database; `mapped` False keeps a SQLite file out of memory mapping (see `open_store`)."""
    resolved = make_url(resolve_url(url))
    if resolved.get_backend_name() == "sqlite":
        engine = create_engine(resolved, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", partial(_sqlite_pragmas, mapped=mapped))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def writer(engine: Engine) -> Engine:
    """The engine for transactions that write (on SQLite they take the write lock when they begin)."""
    return engine.execution_options(**{WRITES: True})


class Store(sessionmaker[Session]):
    """Sessions on one database: `begin()` for a transaction that writes, a plain session for reading.

    The two differ only on SQLite, where a read must not take the write lock
    (screens would wait behind every import), and a write must take it at once.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._writer = writer(engine)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self(bind=self._writer) as session, session.begin():
            yield session


def checkpoint(engine: Engine) -> None:
    """Copy a SQLite write-ahead log into the database file and empty it; other databases need nothing.

    After a large import the log holds hundreds of megabytes that every read
    must look through; SQLite's own checkpoints copy it back but leave the file
    at its largest. A reader still busy with the log makes this a no-op.
    """
    if engine.url.get_backend_name() != "sqlite":
        return
    with engine.connect() as connection:
        driver_connection(connection).execute("PRAGMA wal_checkpoint(TRUNCATE)")


def refresh_statistics(engine: Engine) -> None:
    """Have PostgreSQL re-read its tables' statistics (ANALYZE) after a large import.

    Autovacuum analyses a table only some time after it grew, and until then
    the planner takes the tables for their old size: right after importing
    thousands of decrees the compare query ran 3x slower. SQLite plans
    without statistics here (no sqlite_stat1), so it needs nothing.
    """
    if engine.url.get_backend_name() != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")


def driver_connection(connection: Connection) -> Any:
    """The database driver's own connection under a SQLAlchemy one, for what only the driver offers (COPY)."""
    raw = connection.connection.driver_connection
    if raw is None:
        raise StoreError(display_url(connection.engine), "the database connection is closed")
    return raw


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` (the newest by default) in one transaction."""
    from alembic import command

    config = _alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def schema_revision(engine: Engine) -> str | None:
    """The revision Alembic stamped the database with (its one-row version table; migrations here are linear)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is not exactly the newest this code knows.

    A database at the newest revision, the common case, is recognised without loading Alembic (a quarter of a
    second of every command's start); only a database to refuse reads the migration scripts.
    """
    current = schema_revision(engine)
    if current == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    head = scripts.get_current_head()
    where = display_url(engine)
    if current is None:
        raise SchemaError(where, "the database has no iki schema yet; run `iki db upgrade` first")
    known = {script.revision for script in scripts.walk_revisions()}
    if current not in known:
        raise SchemaError(where, "the schema (revision %(current)s) is newer than this iki knows; "
                                 "upgrade iki, then run `iki db upgrade`", current=current)
    raise SchemaError(where, "the schema (revision %(current)s) is older than this iki's (%(head)s); "
                             "run `iki db upgrade`", current=current, head=head)


def open_store(url: str | None = None, *, mapped: bool = True) -> Store:
    """A session factory on a checked database.

    `mapped` False for a process that reads the whole file once, as an import's concept assignment does: memory
    mapping would count every page of the file in its resident memory (over 1 GiB at 7,000 decrees) and spare
    nothing, since no page is read twice.
    """
    engine = make_engine(url, mapped=mapped)
    check_schema(engine)
    return Store(engine)
