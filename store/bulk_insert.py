"""Many rows into one table inside the caller's transaction, by the fastest way the database offers.

The rows of a group of decrees (tens of thousands of indicator rows and
functions) are most of an import's work. On PostgreSQL an executemany still
runs one INSERT per row on the server, and COPY, which psycopg streams, is
several times faster; on SQLite the driver's own executemany of one prepared
INSERT skips SQLAlchemy's per-row parameter handling. Other databases take
SQLAlchemy's executemany. Either way the rows are the same: JSON columns are
serialised as SQLAlchemy does by default (None as JSON null), everything else
is passed as it is.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.exc import IntegrityError

from store.db import driver_connection


def insert_many(connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert `values` (dicts with the same keys) into `table`."""
    if not values:
        return
    driver = connection.dialect.driver
    if driver == "psycopg":
        _copy(connection, table, values)
    elif driver == "pysqlite":
        _sqlite_executemany(connection, table, values)
    else:
        connection.execute(insert(table), values)


def _tuples(table: Table, names: list[str], values: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    return [tuple(json.dumps(row[name]) if encode else row[name] for name, encode in zip(names, as_json, strict=True))
            for row in values]


def _copy(connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    import psycopg  # only a PostgreSQL store needs the driver; SQLite commands start without it
    from psycopg import sql

    names = list(values[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names)))
    try:
        with driver_connection(connection).cursor() as cursor, cursor.copy(statement) as copy:
            for row in _tuples(table, names, values):
                copy.write_row(row)
    except psycopg.IntegrityError as exc:  # as SQLAlchemy raises it, so callers see one error type either way
        raise IntegrityError(f"COPY {table.name}", None, exc) from exc


def _sqlite_executemany(connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    names = list(values[0])
    quote = connection.dialect.identifier_preparer.quote
    statement = (f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) "
                 f"VALUES ({', '.join('?' * len(names))})")
    connection.exec_driver_sql(statement, _tuples(table, names, values))
