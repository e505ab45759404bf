"""Per-request access to the store: a session for reading, a transaction for changing."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session, sessionmaker

from web.settings import Settings


def db(request: Request) -> Iterator[Session]:
    """A session for the screens to read from; changes go through `factory(request).begin()`."""
    with request.app.state.factory() as session:
        yield session


def factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.factory


def settings(request: Request) -> Settings:
    return request.app.state.settings
