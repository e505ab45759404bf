"""The row of column numbers ('1 2 3 ...', '(1) (2) (3) ...') that many decrees print under a table's header.

Layout text takes a table's columns from it and normalisation drops it from the rows; both read the numbers
the same way here and judge the sequence by their own rule.
"""
from __future__ import annotations

import re

_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2})\s*\)?\.?$")


def numbers_of(texts: list[str]) -> list[int] | None:
    """The numbers, when every text is one column number (bare, in brackets, with a dot); None otherwise."""
    numbers = []
    for text in texts:
        match = _COLUMN_NUMBER.match(text.strip())
        if not match:
            return None
        numbers.append(int(match.group(1)))
    return numbers
