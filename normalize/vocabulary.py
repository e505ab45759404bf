"""The genre's vocabulary (kind words, column names, labels, month names), loaded from data."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def vocabulary() -> dict[str, Any]:
    text = resources.files("normalize").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    return json.loads(text)


def words(key: str) -> list[str]:
    return list(vocabulary()[key])


def groups(key: str) -> dict[str, list[str]]:
    return dict(vocabulary()[key])
