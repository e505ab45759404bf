"""The committed family holds every form of every variant, drawn as its manifest and gold say."""
from __future__ import annotations

import html
import json
import re
import zipfile
from html.parser import HTMLParser

import docx
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from samples.render.convert import pdf_to_layout_text
from samples.render.design import Column, SpanLayout
from samples.render.family import Form, plain
from samples.render.gold import load_records
from samples.render.model import Grid, TableRole
from samples.render.wording import long_date
from tests.render.conftest import FAMILY, assert_word_spans, manifest, variant_ids, variant_run

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def grids(variant: str) -> list[Grid]:
    return [b for s in variant_run(variant).doc.sections for b in s.blocks if isinstance(b, Grid)]


def squashed(text: str) -> str:
    """Text without spaces; pdfium gives a hyphen that ends a line as U+FFFE."""
    return re.sub(r"\s+", "", text.replace("\ufffe", "-"))


def pdf_text(path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_every_form_of_every_variant_is_there():
    samples = {r.stem for r in load_records()}
    assert {manifest()["variants"][v]["sample"] for v in variant_ids()} == samples
    for form in Form:
        made = sorted(p.stem for p in (FAMILY / form.value).iterdir())
        assert made == variant_ids(), form
    assert sorted(p.name for p in (FAMILY / "gold").iterdir()) == [f"{v}.gold.json" for v in variant_ids()]
    assert sorted(p.name for p in (FAMILY / "gold-photo").iterdir()) == [f"{v}.gold.json" for v in variant_ids()]


def test_the_manifest_is_what_the_seed_draws(variant):
    recorded = manifest()["variants"][variant]["design"]
    drawn = json.loads(json.dumps(variant_run(variant).design, default=plain))
    assert drawn == recorded


def test_docx_cells_are_merged_exactly_where_the_design_merges_them(variant):
    assert_word_spans(FAMILY / "docx" / f"{variant}.docx", grids(variant))


def test_a_merged_sasaran_is_a_vmerge_in_word_and_a_rowspan_in_html():
    merged = [v for v in variant_ids() if variant_run(v).design.sasaran_layout is SpanLayout.MERGED
              and any(c.row_span > 1 for g in grids(v) if g.role is TableRole.INDICATORS for c in g.cells)]
    assert merged, "the committed family has a variant with merged sasaran cells"
    for v in merged:
        with zipfile.ZipFile(FAMILY / "docx" / f"{v}.docx") as z:
            assert 'w:vMerge w:val="restart"' in z.read("word/document.xml").decode()
        assert re.search(r'rowspan="[2-9]', (FAMILY / "html" / f"{v}.html").read_text(encoding="utf-8"))


class _TopCells(HTMLParser):
    """(rowspan, colspan) of the cells of each top-level table, nested tables skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tables: list[list[tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif tag in ("td", "th") and self.depth == 1:
            a = dict(attrs)
            self.tables[-1].append((int(a.get("rowspan", 1)), int(a.get("colspan", 1))))

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1


def test_html_spans_follow_the_design(variant):
    parser = _TopCells()
    parser.feed((FAMILY / "html" / f"{variant}.html").read_text(encoding="utf-8"))
    expected = [[(c.row_span, c.col_span) for c in g.anchors()] for g in grids(variant)]
    assert parser.tables == expected


def test_xlsx_merges_a_shared_sasaran_when_the_design_merges_it():
    merged = [v for v in variant_ids() if variant_run(v).design.sasaran_layout is SpanLayout.MERGED]
    assert merged
    for variant in merged:
        run = variant_run(variant)
        wb = load_workbook(FAMILY / "xlsx" / f"{variant}.xlsx")
        column = run.design.columns.index(Column.SASARAN) + 1
        shared = {i.sasaran for p in run.record.positions
                  for i, j in zip(p.indicators, p.indicators[1:], strict=False) if i.sasaran and i.sasaran == j.sasaran}
        tall = {ws.cell(m.min_row, m.min_col).value for ws in wb.worksheets for m in ws.merged_cells.ranges
                if m.min_col == column and m.max_row > m.min_row}
        assert shared and shared <= tall, variant


@pytest.mark.parametrize("form", ["docx-pdf", "html-pdf", "reportlab-pdf"])
def test_pdfs_have_the_recorded_pages_and_the_gold_text(variant, form):
    path = FAMILY / form / f"{variant}.pdf"
    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    pdf.close()
    assert pages == manifest()["variants"][variant]["forms"][form]["pages"] >= 2
    text = squashed(pdf_text(path))
    gold = json.loads((FAMILY / "gold" / f"{variant}.gold.json").read_text(encoding="utf-8"))
    wanted = [gold["decree"][k] for k in ("nomor", "penandatangan", "nip") if gold["decree"][k]]
    wanted += [p["jabatan"] for p in gold["positions"] if p["jabatan"]]
    wanted += [i["indikator"] for p in gold["positions"] for i in p["indicators"] if i["indikator"]]
    broken = [w for w in wanted if squashed(w) not in text]
    assert len(broken) <= 0.03 * len(wanted), broken
    words = set(re.findall(r"\w+", pdf_text(path).replace("\ufffe", "-")))
    assert not [w for w in broken for word in re.findall(r"\w+", w) if word not in words]


def test_a_variant_without_a_formula_column_has_no_formula_in_its_gold_or_its_file():
    for v in variant_ids():
        run = variant_run(v)
        gold = json.loads((FAMILY / "gold" / f"{v}.gold.json").read_text(encoding="utf-8"))
        rows = [i for p in gold["positions"] for i in p["indicators"]]
        if run.design.has_formula:
            assert any(r["formula"] for r in rows)
        else:
            assert all(r[k] is None for r in rows for k in ("formula", "numerator", "denominator", "multiplier"))
            header = run.design.headers["formula"]
            assert squashed(header) not in squashed(pdf_text(FAMILY / "reportlab-pdf" / f"{v}.pdf"))


def test_layout_text_is_pdftotext_of_the_recorded_pdf(variant, tmp_path):
    source = manifest()["variants"][variant]["forms"]["layout-text"]["choices"]["source"]
    assert source in ("docx-pdf", "html-pdf", "reportlab-pdf")
    pdf_to_layout_text(FAMILY / source / f"{variant}.pdf", tmp_path / "again.txt")
    text = (FAMILY / "layout-text" / f"{variant}.txt").read_text(encoding="utf-8")
    assert text == (tmp_path / "again.txt").read_text(encoding="utf-8")
    assert re.search(r"\S {3,}\S", text), "columns stand apart by runs of spaces"


def test_scans_are_image_only_pdfs_with_one_image_per_page(variant):
    entry = manifest()["variants"][variant]["forms"]["scan"]
    pdf = pdfium.PdfDocument(str(FAMILY / "scan" / f"{variant}.pdf"))
    try:
        assert len(pdf) == entry["pages"]
        for page in pdf:
            assert page.get_textpage().count_chars() == 0
            assert sum(1 for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE) == 1
    finally:
        pdf.close()


def test_a_photo_gold_holds_only_the_positions_on_its_page(variant):
    entry = manifest()["variants"][variant]["forms"]["photo"]
    page = entry["choices"]["page"]
    source = json.loads((FAMILY / "gold" / f"{variant}.gold.json").read_text(encoding="utf-8"))
    gold = json.loads((FAMILY / "gold-photo" / f"{variant}.gold.json").read_text(encoding="utf-8"))
    expected = [source["positions"][i] for i in page["positions"]]
    if page["rows"] is not None:
        expected[-1] = {**expected[-1], "indicators": expected[-1]["indicators"][:page["rows"]]}
    assert gold["positions"] == expected
    shown = {k for k, v in gold["decree"].items() if v is not None}
    assert shown <= ({"kecamatan", "kabupaten", "tahun", "nomor", "tanggal"} if page["heading"] else set())
    assert gold["decree"]["penandatangan"] is None and gold["decree"]["nip"] is None


def _form_text(form: str, variant: str) -> str:
    path = FAMILY / form / f"{variant}{Form(form).suffix}"
    if form == "docx":
        body = docx.Document(str(path)).element.body
        return " ".join(t.text or "" for t in body.iter(f"{{{WORD_NS}}}t"))
    if form == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    if form == "xlsx":
        return " ".join(str(c.value) for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row
                        if c.value is not None)
    return pdf_text(path)


@pytest.mark.parametrize("form", ["docx", "html", "xlsx", "docx-pdf", "html-pdf", "reportlab-pdf"])
def test_every_decree_field_of_the_gold_is_drawn_in_every_whole_decree_form(variant, form):
    d = variant_run(variant).record.decree
    text = squashed(_form_text(form, variant)).upper()
    wanted = [d.kecamatan, d.kabupaten, f"TAHUN{d.tahun}", d.nomor, d.penandatangan, d.nip,
              long_date(d.tanggal) if d.tanggal else None]
    assert [w for w in wanted if w and squashed(w).upper() not in text] == []
