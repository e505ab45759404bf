"""The PDF reader on decrees printed by LibreOffice, Chromium and reportlab (the committed layout family)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract.layout import Layout, Line, RowKind, Table
from extract.reader import read_layout

FAMILY = Path(__file__).resolve().parents[2] / "samples" / "family"
PDF_FORMS = ("docx-pdf", "html-pdf", "reportlab-pdf")
MANIFEST = json.loads((FAMILY / "manifest.json").read_text(encoding="utf-8"))["variants"]


@cache
def layout_of(form: str, stem: str) -> Layout:
    return read_layout(FAMILY / form / f"{stem}.pdf")


def _cells(layout: Layout) -> list[str]:
    return [c.text for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]


def _gold(stem: str) -> dict:
    return json.loads((FAMILY / "gold" / f"{stem}.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("form", PDF_FORMS)
@pytest.mark.parametrize("stem", sorted(MANIFEST))
def test_every_indicator_of_the_gold_is_a_cell(form, stem):
    cells = " ".join(" ".join(c.split()) for c in _cells(layout_of(form, stem)))
    expected = [i["indikator"] for p in _gold(stem)["positions"] for i in p["indicators"] if i["indikator"]]
    missing = [text for text in expected if " ".join(text.split()) not in cells]
    assert len(missing) <= max(1, 0.03 * len(expected)), missing  # a row a page break cut in two


@pytest.mark.parametrize("form", PDF_FORMS)
def test_pieces_have_page_box_and_increasing_line_numbers(form):
    stem = sorted(MANIFEST)[0]
    layout = layout_of(form, stem)
    with pdfium.PdfDocument(str(FAMILY / form / f"{stem}.pdf")) as pdf:
        sizes = [pdf[i].get_size() for i in range(len(pdf))]
    assert layout.method == "pdf-text" and layout.pages == len(sizes)
    previous = 0
    for block in layout.blocks:
        spans = [block.span] if isinstance(block, Line) else [c.span for r in block.rows for c in r.cells]
        for span in spans:
            width, height = sizes[span.page - 1]
            assert span.box is not None and span.box.page == span.page
            assert 0 <= span.box.x0 <= span.box.x1 <= width + 1 and 0 <= span.box.y0 <= span.box.y1 <= height + 1
        assert block.span.line_start > previous
        previous = block.span.line_end


@pytest.mark.parametrize("form", PDF_FORMS)
def test_stacked_fractions_read_as_numerator_over_denominator(form):
    stacked = [s for s, v in MANIFEST.items() if v["design"]["formula_style"] == "stacked"]
    assert stacked
    for stem in stacked:
        cells = " ".join(_cells(layout_of(form, stem)))
        ratios = [i for p in _gold(stem)["positions"] for i in p["indicators"]
                  if i["numerator"] and i["denominator"] and " / " in (i["formula"] or "")]
        read = [i for i in ratios if f"{i['numerator'].split()[-1]} / " in cells]
        assert len(read) >= 0.8 * len(ratios), (form, stem)


@pytest.mark.parametrize("form", PDF_FORMS)
def test_tables_continued_across_pages_are_joined(form):
    joined = [t for stem in MANIFEST for t in layout_of(form, stem).blocks
              if isinstance(t, Table) and len({r.span.page for r in t.rows}) > 1]
    assert joined, form
    for table in joined:
        first = " ".join(c.text for c in table.rows[0].cells)
        repeats = [r for r in table.rows[1:] if " ".join(c.text for c in r.cells) == first]
        assert not repeats, "a repeated header row was kept"


def test_borderless_position_block_is_a_table_with_the_colon_column():
    stem = next(s for s, v in MANIFEST.items() if v["design"]["block_form"] == "labelled")
    tables = [b for b in layout_of("docx-pdf", stem).blocks if isinstance(b, Table) and b.row_kind is RowKind.LINE]
    assert any(len(r.cells) >= 2 and r.cells[1].text.startswith(":") or (len(r.cells) >= 3 and r.cells[1].text == ":")
               for t in tables for r in t.rows)


def test_sideways_page_is_turned_upright(tmp_path):
    stem = sorted(MANIFEST)[0]
    source = FAMILY / "reportlab-pdf" / f"{stem}.pdf"
    turned = tmp_path / "turned.pdf"
    with pdfium.PdfDocument(str(source)) as pdf:
        for index in range(len(pdf)):
            pdf[index].set_rotation((pdf[index].get_rotation() + 90) % 360)
        pdf.save(str(turned))
    upright, sideways = read_layout(source), read_layout(turned)
    assert any("turned" in w for w in sideways.warnings)
    assert _cells(sideways) == _cells(upright)
