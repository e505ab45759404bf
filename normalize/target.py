"""Targets such as '100 %', '3 dokumen', '12 bulan' into a number and a unit."""
from __future__ import annotations

import re

_TARGET = re.compile(r"^\s*(\d+(?:[.,]\d+)*)\s*(.*?)\s*$")


def _number(text: str) -> float | int:
    """Indonesian numbers use '.' for thousands and ',' for decimals ('1.250', '95,5')."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return int(text.replace(".", ""))
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def parse_target(target: str | None) -> tuple[float | int | None, str | None]:
    if not target or not target.strip():
        return None, None
    match = _TARGET.match(target)
    if not match:
        return None, target.strip() or None
    unit = match.group(2).strip() or None
    return _number(match.group(1)), unit
