"""The repairs row assembly makes, named once.

Row assembly writes them into a row's notes (which officers read); row confidence reads them back to know
which repair a row needed. Both take the phrase from here, so a reworded note cannot silently stop counting.
"""
from __future__ import annotations

from enum import StrEnum


class Repair(StrEnum):
    """The phrase each repair's note carries."""

    REPEATED = "repeated"  # a cell's text given twice by a wrapped or repeated row, kept once
    DENOMINATOR_NEXT = "denominator taken from the next"  # a ratio's denominator on the table row below
    OCR_TWICE = "read twice by OCR"  # one line recognised twice by overlapping OCR regions
    FIRST_LINE_MISSING = "first line missing"  # an indicator's first line read back from its formula
    SPLIT_OPENS = "split where an indicator opens"  # one cell listing several indicators
    COPIED = "copied to each"  # a formula or sumber cell shared by several indicators
    SPLIT_CAPITALS = "split at capitals"  # a shared cell cut into items at capitalised openings
    PAGE_CUT = "cut by a page break"  # a source row whose cells go on in the table's first row on the next page
