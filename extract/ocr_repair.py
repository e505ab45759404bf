"""Repairs of Tesseract's habitual misreadings where the page itself gives strong evidence.

A lone '%' after a number comes out as 'Yo' or '%o', a sum's 'Σ' as '£'; the row number alone in a
table's narrow first column ('1.') comes out as '1:', 'i.' or 'l;', which
normalisation would then take for a label ('1: ...'), and a column number '(1)'
comes out as '()'. A row number is repaired only inside a ruled table's narrow
first column whose every filled cell (but the header) reads as a row number give
or take these glyphs, headed 'No' or holding one clean number; a column number
only in a row whose other cells count on from their places. The colon between
a label and its value ('JABATAN : ...') comes out as '1.' or 'l'; it is read back
only where it is as thin as a colon, follows a word on its line and stands at the
place of a clean colon on another line. Each way the word's confidence is lowered.
"""
from __future__ import annotations

import re

from extract.ocr_settings import OCR
from extract.pdf_words import BoxTuple, Word, group_lines, inside

PERCENT_MISREADS = {"Yo", "yo", "%o", "Jo", "%6", "9%", "°%"}
SIGMA_MISREADS = {"£", "€"}
PERCENT_GLUED = re.compile(r"(\d+)(?:Yo|yo|%o)")
ROW_NUMBER = re.compile(r"^\d{1,2}\.?$")
NUMBER_HEADER = re.compile(r"^no(?:mor)?\.?$", re.I)
COLUMN_NUMBER = re.compile(r"^\((\d{1,2})\)$")
COLUMN_NUMBER_MISREAD = re.compile(r"^[(\[{]?[\dIlLi|!oO]{0,2}[)\]}]?$")
ROW_NUMBER_MISREAD = re.compile(r"^[\dIlLi|!]{1,2}[.:;,]?$")
HEADED_ROW_NUMBER = re.compile(r"^(?:[\dIlLi|!]{1,2}[.:;,]?|\S{1,2}[.:;,])$")
COLON_MISREAD = re.compile(r"^[1lI|i!][.:;,]?$")
DIGIT_MISREADS = str.maketrans({"I": "1", "l": "1", "L": "1", "i": "1", "|": "1", "!": "1"})


def repair_glyphs(text: str, previous: str) -> str:
    """Tesseract's usual readings of '%' after a number ('Yo', '%o') and of a sum's 'Σ' ('£' or '€', which no
    decree's formula holds; '=' right after a fraction's '/') turned back."""
    if text in SIGMA_MISREADS or (text == "=" and previous == "/"):
        return "Σ"
    if text in PERCENT_MISREADS and previous[-1:].isdigit():
        return "%"
    match = PERCENT_GLUED.fullmatch(text)
    return f"{match.group(1)}%" if match else text


def repair_colons(words: list[Word]) -> list[Word]:
    """Colons of a column of 'label : value' lines that came out as '1.' or 'l', read back as ':'."""
    places = [w.x0 for w in words if w.text == ":"]
    repaired: dict[int, Word] = {}
    for line in group_lines(words):
        for word in line[1:]:
            if (COLON_MISREAD.match(word.text) and word.x1 - word.x0 <= OCR.colon_width_pt
                    and any(abs(word.x0 - x) <= OCR.colon_align_pt for x in places)):
                repaired[id(word)] = Word(":", word.x0, word.top, word.x1, word.bottom,
                                          round(word.conf * OCR.repair_confidence, 3))
    return [repaired.get(id(w), w) for w in words]


def repair_column_numbers(words: list[Word], grids: list[list[BoxTuple]]) -> list[Word]:
    """A table row of column numbers '(1) (2) ... (n)' in which a cell or two came out as '()' or 'l)': where
    the other cells count on from their places, the damaged ones get the number of theirs."""
    repaired: dict[int, Word] = {}
    for grid in grids:
        for top in sorted({round(c[1]) for c in grid}):
            cells = sorted((c for c in grid if abs(c[1] - top) < 2), key=lambda c: c[0])
            tokens = [[w for w in words if inside(w, c)] for c in cells]
            if len(cells) < 3 or any(len(t) != 1 or not COLUMN_NUMBER_MISREAD.match(t[0].text) for t in tokens):
                continue
            offsets = {int(m.group(1)) - i for i, t in enumerate(tokens) if (m := COLUMN_NUMBER.match(t[0].text))}
            clean = sum(bool(COLUMN_NUMBER.match(t[0].text)) for t in tokens)
            if len(offsets) != 1 or clean < max(2, len(cells) - 2):
                continue
            offset = offsets.pop()
            for i, (word,) in enumerate(tokens):
                if not COLUMN_NUMBER.match(word.text):
                    repaired[id(word)] = Word(f"({i + offset})", word.x0, word.top, word.x1, word.bottom,
                                              round(word.conf * OCR.repair_confidence, 3))
    return [repaired.get(id(w), w) for w in words]


def _number_cells(grid: list[BoxTuple]) -> list[BoxTuple]:
    """The cells of a table's first column when it is narrow (a row-number column)."""
    left = min(c[0] for c in grid)
    return [c for c in grid if abs(c[0] - left) < 2 and c[2] - c[0] <= OCR.row_number_column_pt]


def repair_row_numbers(words: list[Word], grids: list[list[BoxTuple]]) -> list[Word]:
    """Row numbers in a narrow first column read back as 'N.' where the whole column bears it out.

    Under a 'No' header any short token ending in a stop or colon is a row number
    ('a:' for '1.'); without one, only glyphs that are digits' usual misreadings
    count, and the column must hold a clean number too. A token whose digits
    cannot be told takes the number after the one above it."""
    repaired: dict[int, Word] = {}
    for grid in (g for g in grids if g):
        cells = [[w for w in words if inside(w, c)] for c in _number_cells(grid)]
        filled = [cell for cell in cells if cell]
        tokens = sorted((cell[0] for cell in cells if len(cell) == 1), key=lambda w: w.top)
        headed = any(NUMBER_HEADER.match(w.text) for w in tokens)
        body = [w for w in tokens if not (NUMBER_HEADER.match(w.text) or COLUMN_NUMBER.match(w.text))]
        shape = HEADED_ROW_NUMBER if headed else ROW_NUMBER_MISREAD
        if len(tokens) < 2 or len(tokens) < len(filled) - 1 or not body:
            continue
        if not all(shape.match(w.text) for w in body) or not (headed or any(ROW_NUMBER.match(w.text) for w in body)):
            continue
        previous = 0
        for word in body:
            digits = re.sub(r"[.:;,]$", "", word.text).translate(DIGIT_MISREADS)
            number = int(digits) if digits.isdigit() else previous + 1
            if not ROW_NUMBER.match(word.text):
                repaired[id(word)] = Word(f"{number}.", word.x0, word.top, word.x1, word.bottom,
                                          round(word.conf * OCR.repair_confidence, 3))
            previous = number
    return [repaired.get(id(w), w) for w in words]
