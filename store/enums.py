"""The store's closed sets (file statuses, correction actions and statuses, outcomes, roles) and their column type.

Each is a StrEnum whose values are the strings the database has always held,
so rows, views, JSON reports and exports read the same as before. Their
column type, `EnumText`, is in `store.enum_text`: this module imports no
database library, so commands can name these sets in their options without
loading SQLAlchemy for `--help`.
"""
from __future__ import annotations

from enum import StrEnum


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
