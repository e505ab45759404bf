"""Per-request access to the store (a session for reading, a transaction for changing) and the ids routes take."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Path, Query, Request
from sqlalchemy.orm import Session, sessionmaker

from store.originals import Originals
from web.settings import Settings

MAX_DIGITS = 9  # a page or a year from a query string; more would overflow the database's integers
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


def originals(request: Request) -> Originals:
    return request.app.state.originals


def whole_number(text: str) -> int | None:
    """A query-string number; None when it is empty, not a whole number in ASCII digits, or absurdly long.

    `str.isdigit` also accepts superscripts and other scripts' digits that
    `int` refuses, and `int` refuses more than 4,300 digits.
    """
    digits = text.strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS else None


def reason(text: str) -> str | None:
    """The reason typed for an edit, None when the field was left blank (the history shows none)."""
    return text.strip() or None
