"""Fractions that documents draw rather than type, written as the `A / B` a reader sees.

Word processors and web pages stack a numerator over a denominator with a
rule between them, often with "x 100%" beside; the same drawing reaches us as a
small nested table of two rows, as a numerator with a bottom border or
underline above a paragraph, or as an equation. Every reader that meets one
turns it into one line of text, so normalisation sees the same thing whatever
the source format.
"""
from __future__ import annotations

import re

MULTIPLIER = re.compile(r"^[xX×*]\s*\d{1,3}(?:[.,]\d+)?\s*%?$")


def fraction(numerator: str, denominator: str, suffix: str = "") -> str:
    text = f"{' '.join(numerator.split())} / {' '.join(denominator.split())}"
    suffix = " ".join(suffix.split())
    return f"{text} {suffix}" if suffix else text


def stacked_rows(rows: list[list[str]]) -> str | None:
    """A nested table of two rows whose first column holds one line each: numerator over denominator, the
    other cells (the "x 100%" beside it) after; None when the table is not drawn that way."""
    rows = [r for r in rows if any(t.strip() for t in r)]
    if len(rows) != 2 or not rows[0] or not rows[1]:
        return None
    top, bottom = rows[0][0].strip(), rows[1][0].strip()
    if not top or not bottom or "\n" in top or "\n" in bottom:
        return None
    rest = [t.strip() for r in rows for t in r[1:] if t.strip()]
    return fraction(top, bottom, " ".join(rest))


def is_multiplier(text: str) -> bool:
    """Whether a line is only the 'x 100%' that goes beside a fraction."""
    return bool(MULTIPLIER.match(text.strip()))
