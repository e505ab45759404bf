"""Errors of the store; each names the database or decree it concerns and what to do next."""
from __future__ import annotations

from extract.errors import BadValue, IkiError, Message

__all__ = ["BadValue", "EditConflict", "InvalidCorrection", "Message", "NotFound", "SchemaError", "StoreError",
           "reason"]


class StoreError(IkiError):
    """Something in the database stops the command; the message says what."""


class SchemaError(StoreError):
    """The database schema is missing, older or newer than this version of iki knows."""


class NotFound(StoreError):
    """A decree, row or correction named on the command line does not exist."""


class InvalidCorrection(StoreError):
    """A correction asks for something the data cannot hold (unknown field, bad value...)."""


class EditConflict(StoreError):
    """Someone else changed the row since it was read; reload and edit again."""


def reason(exc: ValueError) -> Message:
    """Why a field's parser refused a value: its own words, or what was expected (Python's number parsers)."""
    return exc.message if isinstance(exc, BadValue) else Message("expected a number")
