"""Migrations create the schema, and commands refuse a database that is not at the current revision."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from store.db import DEFAULT_URL, MIGRATIONS, URL_ENV, check_schema, make_engine, resolve_url, schema_revision, upgrade
from store.errors import SchemaError
from store.migrations import HEAD_REVISION
from store.models import Base

TABLES = {"source_files", "decrees", "positions", "position_functions", "indicator_rows", "concepts",
          "import_runs", "corrections"}


def test_upgrade_creates_tables_and_views(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    names = inspect(engine)
    assert set(names.get_table_names()) >= TABLES
    assert {"v_indicators", "v_decrees"} <= set(names.get_view_names())
    check_schema(engine)
    first = schema_revision(engine)
    upgrade(engine)
    assert first is not None and schema_revision(engine) == first
    check_schema(engine)
    engine.dispose()


def test_the_revision_stores_are_opened_at_is_the_newest_migration():
    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD_REVISION


def test_migrations_build_exactly_the_models_schema(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_unmigrated_database_is_refused(db_url):
    engine = make_engine(db_url)
    with pytest.raises(SchemaError, match="run `iki db upgrade`"):
        check_schema(engine)
    engine.dispose()


def test_older_schema_is_refused(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with pytest.raises(SchemaError, match="older than this iki's"):
        check_schema(engine)
    engine.dispose()


def test_newer_schema_is_refused(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError, match="newer than this iki knows"):
        check_schema(engine)
    engine.dispose()


def test_commands_refuse_unmigrated_database_and_upgrade_fixes_it(db_url, cli):
    runner = CliRunner()
    refused = runner.invoke(cli, ["query", "--db", db_url])
    assert refused.exit_code == 1
    assert "run `iki db upgrade`" in refused.output
    assert runner.invoke(cli, ["db", "upgrade", "--db", db_url]).exit_code == 0
    assert runner.invoke(cli, ["query", "--db", db_url]).exit_code == 0


def test_url_flag_wins_over_environment_over_default(monkeypatch):
    monkeypatch.delenv(URL_ENV, raising=False)
    assert resolve_url() == DEFAULT_URL == "sqlite:///iki.db"
    monkeypatch.setenv(URL_ENV, "sqlite:///from-env.db")
    assert resolve_url() == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///from-flag.db") == "sqlite:///from-flag.db"
