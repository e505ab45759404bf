"""A table row cut by a page break keeps its place on both pages, as a reviewer must see it."""
from __future__ import annotations

import json
import re

import pdfplumber

from normalize.records import record_from_dict
from tests.conftest import PAGE_BREAK_SAMPLE, family_file, page_break_record

SLACK = 1.0  # points: a box is rounded to a tenth, the words' edges are not


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", text.lower()))


def test_rows_over_a_page_break_carry_a_box_with_their_words_on_each_page() -> None:
    record = page_break_record()
    crossing = [ind for ind in record.indicators if ind.provenance and len(ind.provenance.boxes) > 1]
    assert crossing, "the Word rendering breaks rows over pages"
    with pdfplumber.open(family_file("docx-pdf", PAGE_BREAK_SAMPLE)) as pdf:
        for ind in crossing:
            prov = ind.provenance
            assert prov is not None and prov.box is not None
            assert prov.boxes[0] == (prov.page, *prov.box), "the first page's box stays the primary one"
            pages = [box[0] for box in prov.boxes]
            assert pages == list(range(prov.page, prov.page + len(pages))), "pages in order, one box each"
            mine = _words(" ".join(filter(None, (ind.sasaran, ind.indikator, ind.formula, ind.sumber_data,
                                                 ind.target))))
            for page, x0, y0, x1, y1 in prov.boxes:
                sheet = pdf.pages[page - 1]
                assert 0 <= x0 < x1 <= sheet.width and 0 <= y0 < y1 <= sheet.height, (ind.indikator, page)
                inside = {w["text"] for w in sheet.extract_words() if w["x0"] >= x0 - SLACK
                          and w["x1"] <= x1 + SLACK and w["top"] >= y0 - SLACK and w["bottom"] <= y1 + SLACK}
                assert _words(" ".join(inside)) & mine, f"{ind.indikator!r} has no words in its box on page {page}"


def test_rows_on_one_page_have_that_page_alone() -> None:
    record = page_break_record()
    single = [ind.provenance for ind in record.indicators if ind.provenance and len(ind.provenance.boxes) == 1]
    assert single and all(p.boxes == ((p.page, *p.box),) for p in single if p.box)


def test_the_boxes_come_back_from_the_records_json() -> None:
    record = page_break_record()
    again = record_from_dict(json.loads(json.dumps(record.to_dict())))
    assert [i.provenance for i in again.indicators] == [i.provenance for i in record.indicators]
