"""List bullets that a PDF draws as shapes instead of writing them as text.

A browser printing a web page to PDF paints the disc of a bulleted list as a
small filled curve (a square marker as a small rectangle); the text layer then
has the items' words but no marker, so a cell listing several indicators reads
as one run-on item. A mark is taken for a bullet when it is a small, roughly
square shape sitting on the middle of a text line, just left of that line's
first word (a neighbouring column's word that overflows its cell may be drawn
over it); it becomes a "•" word so that every later
step sees the list as a text PDF with bullet glyphs would show it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extract.pdf_words import Word

MARK_MIN_SHARE = 0.15
MARK_MAX_SHARE = 0.6
MARK_SQUARENESS = 0.35
MARK_MAX_GAP = 1.5
MARK_LINE_SLACK = 0.25


def _is_mark_shape(shape: Mapping[str, Any], height: float) -> bool:
    width, tall = float(shape["x1"]) - float(shape["x0"]), float(shape["bottom"]) - float(shape["top"])
    size = max(width, tall)
    return MARK_MIN_SHARE * height <= size <= MARK_MAX_SHARE * height and \
        abs(width - tall) <= MARK_SQUARENESS * size


def _marked_word(shape: Mapping[str, Any], words: list[Word]) -> Word | None:
    """The word a shape stands before as a bullet: on the same line, right after it, nearest first."""
    x1 = float(shape["x1"])
    cy = (float(shape["top"]) + float(shape["bottom"])) / 2
    best: Word | None = None
    for word in words:
        slack = word.height * MARK_LINE_SLACK
        if not (word.top + slack <= cy <= word.bottom - slack):
            continue
        gap = word.x0 - x1
        if 0 < gap <= word.height * MARK_MAX_GAP and _is_mark_shape(shape, word.height) and (
                best is None or word.x0 < best.x0):
            best = word
    return best


def drawn_bullets(shapes: Iterable[Mapping[str, Any]], words: list[Word]) -> list[Word]:
    """A "•" word for every drawn shape that marks a list item."""
    bullets: list[Word] = []
    tallest = max((w.height for w in words), default=0.0)
    for shape in shapes:
        x0, top, x1, bottom = (float(shape[k]) for k in ("x0", "top", "x1", "bottom"))
        if max(x1 - x0, bottom - top) > MARK_MAX_SHARE * tallest:
            continue
        word = _marked_word(shape, words)
        if word is not None:
            bullets.append(Word("•", x0, word.top, x1, word.bottom, word.conf))
    return bullets
