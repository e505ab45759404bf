"""A PDF text layer's words, with a word that two cells' text ran together cut apart again.

A browser lets a long word overflow its narrow cell rather than break it; when
the overflow reaches the next cell's text on the same line, nothing separates
the two and the text layer's reader glues them into one word
("Pengadministrasi13", "KETERANGANTARGET"), which then lands in one cell. Such a
word crosses a column rule, and where the two texts meet the characters stop
following each other: the page wrote other text between them, or placed the
next text on its own instead of advancing to it, or over it.
"""
from __future__ import annotations

from statistics import median

import pdfplumber

from extract.pdf_words import Word

RUN_GAP = 0.5
RUN_OVERLAP = 0.2


def _interleaved(runs: list[list[dict]]) -> bool:
    """Whether two runs of text lie over each other (a word's letters alternate between them)."""
    spans = sorted((min(float(c["x0"]) for c in run), max(float(c["x1"]) for c in run)) for run in runs)
    return any(later[0] < earlier[1] - 1.0 for earlier, later in zip(spans, spans[1:], strict=False))


def _pieces(chars: list[dict], order: dict[int, int], rules: list[tuple[float, float, float]]) -> list[list[dict]]:
    """A word's characters parted into the texts run together in it, when the word crosses a column rule drawn
    beside it or two texts lie over each other in it: characters that follow each other in the content stream
    are one text (two texts drawn over each other interleave when read left to right), and a text is cut again
    where its letters stand apart by more than they otherwise do (the next text was placed on its own, not
    advanced to) or overlap by more than a kerned pair of letters can (it is drawn over the next)."""
    runs: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: order.get(id(c), 0)):
        if runs and order.get(id(char), 0) == order.get(id(runs[-1][-1]), 0) + 1:
            runs[-1].append(char)
        else:
            runs.append([char])
    cy = (float(chars[0]["top"]) + float(chars[0]["bottom"])) / 2
    left, right = float(chars[0]["x0"]), float(chars[-1]["x1"])
    crosses = any(left < x < right and top <= cy <= bottom for x, top, bottom in rules)
    if not crosses and not _interleaved(runs):
        return [chars]
    pieces: list[list[dict]] = []
    for run in runs:
        gaps = [float(b["x0"]) - float(a["x1"]) for a, b in zip(run, run[1:], strict=False)]
        usual = median(gaps) if gaps else 0.0
        pieces.append([run[0]])
        for char, gap in zip(run[1:], gaps, strict=True):
            if gap - usual > RUN_GAP or usual - gap > RUN_OVERLAP * float(char["size"]):
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
            words.append(Word("".join(c["text"] for c in chars), min(float(c["x0"]) for c in chars),
                              min(float(c["top"]) for c in chars), max(float(c["x1"]) for c in chars),
                              max(float(c["bottom"]) for c in chars)))
    return words
