"""A PDF text layer's words, with a word that two cells' text ran together cut apart again.

A browser lets a long word overflow its narrow cell rather than break it; when
the overflow reaches the next cell's text on the same line, nothing separates
the two and the text layer's reader glues them into one word
("Pengadministrasi13", "KETERANGANTARGET"), which then lands in one cell. Such a
word crosses a column rule, and where the two texts meet the characters stop
following each other: the page wrote other text between them, or placed the
next text on its own instead of advancing to it.
"""
from __future__ import annotations

from statistics import median

import pdfplumber

from extract.pdf_words import Word

RUN_GAP = 0.5


def _pieces(chars: list[dict], order: dict[int, int], rules: list[tuple[float, float, float]]) -> list[list[dict]]:
    """A word's characters cut where one piece of text overflowing its cell runs into the next cell's text:
    the word crosses a column rule drawn beside it and, at the cut, the characters stop following each other
    in the content stream (the page wrote other text between them) or stand apart by more than the word's
    letters otherwise do (the next text was placed on its own, not advanced to)."""
    cy = (float(chars[0]["top"]) + float(chars[0]["bottom"])) / 2
    if not any(float(chars[0]["x0"]) < x < float(chars[-1]["x1"]) and top <= cy <= bottom for x, top, bottom in rules):
        return [chars]
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in zip(chars, chars[1:], strict=False)]
    usual = median(gaps) if gaps else 0.0
    pieces = [[chars[0]]]
    for before, char, gap in zip(chars, chars[1:], gaps, strict=False):
        if order.get(id(char), 0) != order.get(id(before), 0) + 1 or gap - usual > RUN_GAP:
            pieces.append([])
        pieces[-1].append(char)
    return pieces


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The page's words, a word run together from two cells' text cut apart again."""
    order = {id(c): i for i, c in enumerate(page.chars)}
    rules = [(float(e["x0"]), float(e["top"]), float(e["bottom"])) for e in page.edges if e["orientation"] == "v"]
    words = []
    for found in page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True):
        pieces = _pieces(found["chars"], order, rules)
        if len(pieces) == 1:
            words.append(Word(found["text"], float(found["x0"]), float(found["top"]), float(found["x1"]),
                              float(found["bottom"])))
            continue
        for chars in pieces:
            words.append(Word("".join(c["text"] for c in chars), float(chars[0]["x0"]),
                              min(float(c["top"]) for c in chars), float(chars[-1]["x1"]),
                              max(float(c["bottom"]) for c in chars)))
    return words
