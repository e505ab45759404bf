"""Doubt about a whole decree: the layout was not recognised well enough to import it without a look.

Row confidence ranks rows within what was read; a decree whose layout the program did not recognise
can be wrong everywhere at once, and officers must see it in the queue as "needs review" with the
reasons, never as plainly imported. Each reason is measured on the decree itself, never on its wording.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from extract.layout import Layout, Line, Table
from normalize.records import DecreeRecord, Doubt


class DoubtReason(StrEnum):
    """Why a decree needs review; the values are the records' strings and the screens' message keys."""

    DOUBTFUL_ROWS = "doubtful_rows"  # the row confidences expect many wrong rows
    UNREAD_TABLES = "unread_tables"  # tables found whose rows no position's indicator table took
    UNMAPPED_COLUMNS = "unmapped_columns"  # indicator tables with columns no field was found for
    ALIGNED_ROWS = "aligned_rows"  # indicators rebuilt from several lines placed by alignment
    LOW_OCR = "low_ocr"  # scanned pages read with low word confidence


@dataclass(frozen=True)
class DoubtSettings:
    """Thresholds of document-level doubt, each a share of the decree's rows (or of a page's words)."""

    expected_wrong: float = 0.12  # mean of (1 - confidence) over the rows: the share of rows expected wrong
    unread_table_rows: float = 0.1  # share of the table rows that look like values but no indicator table took
    unmapped_rows: float = 0.25  # share of rows in tables with an unmapped column
    # Text and borderless layouts are read by alignment as a rule: many indicators rebuilt from several
    # aligned lines make a decree doubtful only when its rows are not all sure either.
    aligned_rows: float = 0.5
    aligned_expected_wrong: float = 0.06
    ocr_page: float = 0.7  # a scanned page whose mean word confidence is below this is doubtful


DOUBT = DoubtSettings()


def _share(count: float, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def _low_ocr_pages(layout: Layout, settings: DoubtSettings) -> list[int]:
    """Pages read by OCR (their text has confidences below 1) whose mean confidence is low."""
    per_page: dict[int, list[float]] = defaultdict(list)
    for block in layout.blocks:
        if isinstance(block, Line):
            per_page[block.span.page].append(block.confidence)
        elif isinstance(block, Table):
            for row in block.rows:
                per_page[row.span.page].extend(c.confidence for c in row.cells if c.text.strip())
    return sorted(page for page, values in per_page.items()
                  if values and min(values) < 1.0 and sum(values) / len(values) < settings.ocr_page)


_MESSAGES = {
    DoubtReason.DOUBTFUL_ROWS: "about {share} of the rows may be wrong",
    DoubtReason.UNREAD_TABLES: "{share} of the table rows were not read as indicators",
    DoubtReason.UNMAPPED_COLUMNS: "{share} of the rows are in tables with columns not recognised",
    DoubtReason.ALIGNED_ROWS: "{share} of the rows were rebuilt from lines placed by alignment",
    DoubtReason.LOW_OCR: "low OCR confidence on page(s) {pages}",
}


def describe(doubt: Doubt) -> str:
    """The doubt in words, for the command line and the import report."""
    return _MESSAGES[DoubtReason(doubt.reason)].format(share=f"{doubt.share:.0%}",
                                                       pages=", ".join(map(str, doubt.pages)))


def row_doubts(record: DecreeRecord, settings: DoubtSettings = DOUBT) -> list[Doubt]:
    """The doubt the rows' confidences raise: the share of rows they expect to be wrong is high."""
    rows = record.indicators
    expected = _share(sum(1.0 - r.confidence for r in rows), len(rows))
    return [Doubt(DoubtReason.DOUBTFUL_ROWS.value, expected)] if rows and expected > settings.expected_wrong else []


def doubts(layout: Layout, record: DecreeRecord, value_rows: int, unread_rows: int,
           settings: DoubtSettings = DOUBT) -> list[Doubt]:
    """The reasons to review the decree. `value_rows` counts the table rows that look like rows of values,
    `unread_rows` those of them that no position's indicator table took."""
    rows = record.indicators
    if not rows:
        return []
    found = row_doubts(record, settings)
    expected = _share(sum(1.0 - r.confidence for r in rows), len(rows))
    unread = _share(unread_rows, value_rows)
    if unread > settings.unread_table_rows:
        found.append(Doubt(DoubtReason.UNREAD_TABLES.value, unread))
    unmapped = _share(sum(bool(r.signals.get("unknown_columns")) for r in rows), len(rows))
    if unmapped > settings.unmapped_rows:
        found.append(Doubt(DoubtReason.UNMAPPED_COLUMNS.value, unmapped))
    aligned = _share(sum(bool(r.signals.get("line") and r.signals.get("continued")) for r in rows), len(rows))
    if aligned > settings.aligned_rows and expected > settings.aligned_expected_wrong:
        found.append(Doubt(DoubtReason.ALIGNED_ROWS.value, aligned))
    pages = _low_ocr_pages(layout, settings)
    if pages:
        found.append(Doubt(DoubtReason.LOW_OCR.value, _share(len(pages), layout.pages), pages))
    return found
