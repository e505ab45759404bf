"""Words with boxes, and the visual lines they form, shared by the PDF text layer and OCR.

Both readers reduce a page to words (text, box in points, confidence) plus ruling
lines, so everything after that — cells, fractions, reading order — is one code
path whatever the page came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

BoxTuple = tuple[float, float, float, float]
BULLET_MISREADS = {"¢", "»", "«", "©", "®", "°", "*", "+", "›", "e", "o", "«»", "e»", "°»"}
LIST_MARKER = re.compile(r"^(?:[•\-–·▪●]|[a-zA-Z]\.|\d{1,2}[.)])$|^(?:[a-zA-Z]|\d{1,2})[.)]\S")


@dataclass(frozen=True)
class Word:
    """One word; coordinates in points from the page's top-left, confidence 0..1."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Rule:
    """A short horizontal rule (a fraction bar candidate) at height y."""

    x0: float
    x1: float
    y: float


def inside(word: Word, box: BoxTuple, slack: float = 0.0) -> bool:
    """Whether the word's centre lies in the box."""
    x0, top, x1, bottom = box
    return x0 - slack <= word.cx <= x1 + slack and top - slack <= word.cy <= bottom + slack


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (top to bottom), each line's words left to right.

    A word joins a line when its vertical centre falls within the line's band;
    bands come from the words themselves, so mixed font sizes and slight skew
    left by deskewing still group correctly.
    """
    lines: list[list[Word]] = []
    bands: list[list[float]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        for band, line in zip(reversed(bands), reversed(lines), strict=True):
            if band[0] - 1 <= word.cy <= band[1] + 1 and abs(word.cy - (band[0] + band[1]) / 2) < 0.6 * max(
                    word.height, band[1] - band[0]):
                line.append(word)
                band[0], band[1] = min(band[0], word.top), max(band[1], word.bottom)
                break
        else:
            lines.append([word])
            bands.append([word.top, word.bottom])
    ordered = [sorted(line, key=lambda w: w.x0) for line in lines]
    return sorted(ordered, key=lambda line: min(w.top for w in line))


def repair_bullet(words: list[Word]) -> list[Word]:
    """A line opening with a glyph OCR makes of a bullet ('¢', '»', '©', 'e' before a capital) gets its '•' back."""
    if len(words) < 2 or words[0].text not in BULLET_MISREADS:
        return words
    if words[0].text.isalpha() and not words[1].text[:1].isupper():
        return words
    first = words[0]
    return [Word("•", first.x0, first.top, first.x1, first.bottom, first.conf), *words[1:]]


def line_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def bounds(words: list[Word]) -> BoxTuple:
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


def mean_conf(words: list[Word]) -> float:
    return round(sum(w.conf for w in words) / len(words), 3) if words else 1.0


def typical_height(words: list[Word]) -> float:
    return median(w.height for w in words) if words else 10.0


def starts_item(words: list[Word]) -> bool:
    """Whether a line opens a list item: a bullet, `a.`, `1.` or `1)` as its first token."""
    return bool(words) and bool(LIST_MARKER.match(words[0].text))


def _bare(text: str) -> str:
    return text.strip(".,;:()").lower()


def inner_words(words: list[Word], reach: float = 0.6) -> frozenset[str]:
    """Words that some line of the page follows with another word a space away (within `reach` of a line's
    height): words the page writes whole, where a word cut at a narrow column's margin is never followed."""
    found: set[str] = set()
    for line in group_lines(words):
        for word, after in zip(line, line[1:], strict=False):
            if after.x0 - word.x1 <= reach * word.height:
                found.add(_bare(word.text))
    return frozenset(found)


def is_whole(text: str, whole: frozenset[str]) -> bool:
    return _bare(text) in whole

