"""Repairs of Tesseract's habitual misreadings where the page itself gives strong evidence.

A lone '%' after a number comes out as 'Yo' or '%o'; the row number alone in a
table's narrow first column ('1.') comes out as '1:', 'i.' or 'l;', which
normalisation would then take for a label ('1: ...'). A row number is repaired
only inside a ruled table's narrow first column whose every filled cell (but the
header) reads as a row number give or take these glyphs, headed 'No' or holding
one clean number, and its confidence is lowered.
"""
from __future__ import annotations

import re

from extract.ocr_settings import OCR
from extract.pdf_words import BoxTuple, Word, inside

PERCENT_MISREADS = {"Yo", "yo", "%o", "Jo", "%6", "9%", "°%"}
PERCENT_GLUED = re.compile(r"(\d+)(?:Yo|yo|%o)")
ROW_NUMBER = re.compile(r"^\d{1,2}\.?$")
NUMBER_HEADER = re.compile(r"^no(?:mor)?\.?$", re.I)
ROW_NUMBER_MISREAD = re.compile(r"^[\dIlLi|!]{1,2}[.:;,]?$")
DIGIT_MISREADS = str.maketrans({"I": "1", "l": "1", "L": "1", "i": "1", "|": "1", "!": "1"})


def repair_percent(text: str, previous: str) -> str:
    """Tesseract's usual reading of '%' after a number ('Yo', '%o') turned back into '%'."""
    if text in PERCENT_MISREADS and previous[-1:].isdigit():
        return "%"
    match = PERCENT_GLUED.fullmatch(text)
    return f"{match.group(1)}%" if match else text


def _number_cells(grid: list[BoxTuple]) -> list[BoxTuple]:
    """The cells of a table's first column when it is narrow (a row-number column)."""
    left = min(c[0] for c in grid)
    return [c for c in grid if abs(c[0] - left) < 2 and c[2] - c[0] <= OCR.row_number_column_pt]


def repair_row_numbers(words: list[Word], grids: list[list[BoxTuple]]) -> list[Word]:
    """Row numbers in a narrow first column read back as 'N.' where the whole column bears it out."""
    repaired: dict[int, Word] = {}
    for grid in (g for g in grids if g):
        cells = [[w for w in words if inside(w, c)] for c in _number_cells(grid)]
        tokens = [cell[0] for cell in cells if len(cell) == 1]
        filled = [cell for cell in cells if cell]
        if len(tokens) < 2 or len(tokens) < len(filled) - 1:
            continue
        numbers = [w for w in tokens if ROW_NUMBER_MISREAD.match(w.text)]
        headed = any(NUMBER_HEADER.match(w.text) for w in tokens)
        if len(numbers) < len(tokens) - 1 or not (headed or any(ROW_NUMBER.match(w.text) for w in numbers)):
            continue
        for word in numbers:
            if not ROW_NUMBER.match(word.text):
                digits = re.sub(r"[.:;,]$", "", word.text).translate(DIGIT_MISREADS)
                repaired[id(word)] = Word(f"{digits}.", word.x0, word.top, word.x1, word.bottom,
                                          round(word.conf * OCR.repair_confidence, 3))
    return [repaired.get(id(w), w) for w in words]
