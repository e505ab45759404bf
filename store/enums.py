"""The store's closed sets (file statuses, correction actions and statuses, outcomes, roles) and their column type.

Each is a StrEnum whose values are the strings the database has always held,
so rows, views, JSON reports and exports read the same as before. `EnumText`
keeps them in plain VARCHAR columns (the CHECK constraints name the values)
and hands them back as enum members, so code compares members, never strings.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator


class SourceStatus(StrEnum):
    """Where a source file stands: what the queue shows and sorts by."""

    IMPORTED = "imported"
    NEEDS_REVIEW = "needs_review"
    REVIEWED = "reviewed"
    FAILED = "failed"
    NO_CONTENT = "no_content"


class CorrectionAction(StrEnum):
    """What an entry of the audit trail did.

    REVIEWED records an officer's check of the whole decree; POSITION and DECREE change a position's or the
    decree's own fields; AUTHORITY makes one form of a decree (text, PDF, rescan) the one that counts.
    """

    SET = "set"
    ADD = "add"
    DELETE = "delete"
    SPLIT = "split"
    MERGE = "merge"
    MOVE = "move"
    REVERT = "revert"
    REVIEWED = "reviewed"
    POSITION = "position"
    DECREE = "decree"
    AUTHORITY = "authority"


class CorrectionStatus(StrEnum):
    """How a correction stands on the current extraction: on its row, on a row found by text, or on none."""

    APPLIED = "applied"
    REMATCHED = "rematched"
    CONFLICT = "conflict"


class RowOrigin(StrEnum):
    EXTRACTED = "extracted"
    CORRECTION = "correction"


class Outcome(StrEnum):
    """What one import did with one file."""

    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class Role(StrEnum):
    """What a user of the web screens may do: admins and officers edit, analysts read."""

    ADMIN = "admin"
    OFFICER = "officer"
    ANALYST = "analyst"


def check_values(enum: type[StrEnum]) -> str:
    """The SQL list of an enum's values, for a CHECK constraint: ('a', 'b')."""
    return "(" + ", ".join(f"'{member.value}'" for member in enum) + ")"


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum kept as its value in a VARCHAR column and read back as the member."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum(value)
