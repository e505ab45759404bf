"""Per-request access to the store (a session for reading, a transaction for changing) and the ids routes take."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Path, Query, Request
from sqlalchemy.orm import Session, sessionmaker

from web.settings import Settings

MAX_ID = 2**31 - 1  # the databases' integer keys; a larger number would overflow them, not just find nothing
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def db(request: Request) -> Iterator[Session]:
    """A session for the screens to read from; changes go through `factory(request).begin()`."""
    with request.app.state.factory() as session:
        yield session


def factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.factory


def settings(request: Request) -> Settings:
    return request.app.state.settings
