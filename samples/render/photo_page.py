"""The one lampiran page a phone photo shows, and the gold of exactly that page.

Tried in a seeded order until the rendered page is one page: one or two whole
positions under the lampiran heading; then the same without the heading (a
later page of the lampiran); last, the first rows of one position whose table
runs on past the page. The gold keeps only those positions and rows, and only
the decree fields the heading shows.
"""
from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from samples.render.compose import lampiran_decree_fields, page_document
from samples.render.convert import docx_to_pdf, html_to_pdf
from samples.render.design import Design
from samples.render.docx_writer import draw_docx_choices, write_docx
from samples.render.gold import Position, Record, variant_gold
from samples.render.html_writer import draw_html_choices, write_html
from samples.render.reportlab_writer import draw_reportlab_choices, write_reportlab_pdf

TRIES = 6
PAIR_TRIES = 3
MAX_LINES = 48


@dataclass(frozen=True)
class PhotoPage:
    positions: tuple[int, ...]
    heading: bool
    rows: int | None = None  # rows shown of the last position's table, when it runs on past the page


def _lines(position: Position) -> int:
    return 4 + len(position.fungsi) + len(position.tugas_items) + 3 * len(position.indicators)


def layouts(record: Record, rng: random.Random) -> Iterator[PhotoPage]:
    n = len(record.positions)
    singles = [(i,) for i in range(n) if _lines(record.positions[i]) <= MAX_LINES]
    pairs = [(i, i + 1) for i in range(n - 1)
             if _lines(record.positions[i]) + _lines(record.positions[i + 1]) <= MAX_LINES]
    rng.shuffle(singles)
    rng.shuffle(pairs)
    whole = ((pairs[:PAIR_TRIES] if rng.random() < 0.5 else []) + singles)[:TRIES]
    for heading in (True, False):
        yield from (PhotoPage(c, heading) for c in whole)
    smallest = min(range(n), key=lambda i: _lines(record.positions[i]))
    for rows in range(len(record.positions[smallest].indicators) - 1, 0, -1):
        yield PhotoPage((smallest,), False, rows)


def shown_positions(record: Record, page: PhotoPage) -> list[Position]:
    shown = [record.positions[i] for i in page.positions]
    if page.rows is not None:
        shown[-1] = dataclasses.replace(shown[-1], indicators=shown[-1].indicators[:page.rows])
    return shown


def render_page(record: Record, design: Design, page: PhotoPage, renderer: str, folder: Path,
                rng: random.Random, created: datetime) -> Path:
    """The page as a PDF through one of the PDF paths (reportlab, Word via LibreOffice, HTML via Chromium)."""
    doc = page_document(record, dataclasses.replace(design, position_on_new_page=False),
                        shown_positions(record, page), heading=page.heading)
    pdf = folder / "page.pdf"
    if renderer == "reportlab-pdf":
        write_reportlab_pdf(doc, draw_reportlab_choices(rng), pdf)
    elif renderer == "docx-pdf":
        write_docx(doc, draw_docx_choices(rng), folder / "page.docx", created)
        docx_to_pdf(folder / "page.docx", pdf)
    else:
        write_html(doc, draw_html_choices(rng), folder / "page.html")
        html_to_pdf(folder / "page.html", pdf)
    return pdf


def page_gold(record: Record, variant: str, design: Design, page: PhotoPage) -> dict[str, Any]:
    gold = variant_gold(record, variant, formula=design.has_formula, target=design.has_target,
                        positions=list(page.positions),
                        decree_fields=lampiran_decree_fields(record, design) if page.heading else set())
    if page.rows is not None:
        last = gold["positions"][-1]
        last["indicators"] = last["indicators"][:page.rows]
    return gold
