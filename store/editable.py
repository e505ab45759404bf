"""The fields of an indicator row an officer may correct, and how the text typed for each becomes its value.

Kept apart from `store.corrections` (which needs the database) so that the
commands can list the fields in their help without loading SQLAlchemy.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extract.errors import BadValue
from normalize.records import Kind


def _text(value: str) -> str | None:
    return value.strip() or None


def _kind(value: str) -> Kind:
    try:
        return Kind(value.strip().lower())
    except ValueError:
        raise BadValue("choose a kind: %(choices)s", choices=", ".join(Kind)) from None


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered not in {"true", "false", "yes", "no", "1", "0"}:
        raise BadValue("expected true or false")
    return lowered in {"true", "yes", "1"}


PARSERS: dict[str, Callable[[str], Any]] = {
    "sasaran": _text, "indikator": _text, "kind": _kind, "formula": _text, "numerator": _text,
    "denominator": _text, "multiplier": int, "sumber_data": _text, "target": _text, "target_value": float,
    "target_unit": _text, "concept_id": int, "reviewed": _flag,
}
EDITABLE_FIELDS = tuple(PARSERS)
REQUIRED_FIELDS = ("kind", "reviewed")
