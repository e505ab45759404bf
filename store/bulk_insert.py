"""Many rows into one table inside the caller's transaction, by the fastest way the database offers.

On PostgreSQL an executemany still runs one INSERT per row on the server,
and the rows of a group of decrees (tens of thousands of indicator rows and
functions) go in several times faster through COPY, which psycopg streams.
Other databases take SQLAlchemy's executemany. Either way the rows are the
same: JSON columns are serialised as SQLAlchemy does by default (None as
JSON null), everything else is passed as it is.
"""
from __future__ import annotations

import json
from typing import Any

from psycopg import sql
from sqlalchemy import JSON, Connection, Table, insert


def insert_many(connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert `values` (dicts with the same keys) into `table`."""
    if not values:
        return
    if connection.dialect.driver == "psycopg":
        _copy(connection, table, values)
    else:
        connection.execute(insert(table), values)


def _copy(connection: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    names = list(values[0])
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names)))
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in values:
            copy.write_row([json.dumps(row[name]) if encode else row[name]
                            for name, encode in zip(names, as_json, strict=True)])
