"""What the generator draws: varied seeded choices, and only what the gold says."""
from __future__ import annotations

import ast
import dataclasses
import itertools
import json
import random
from collections import Counter
from datetime import datetime
from pathlib import Path

import docx

from samples.render.compose import decree_document
from samples.render.design import Column, Design, Numbering, SpanLayout, draw_design
from samples.render.docx_writer import DocxChoices, DocxFraction, write_docx
from samples.render.family import Form, VariantRun
from samples.render.gold import load_records
from samples.render.indicator_table import Row, indicator_grid, stacked_fraction, table_rows
from samples.render.model import Fraction, Grid, ItemList
from tests.render.conftest import assert_word_spans

RENDER = Path(__file__).resolve().parents[2] / "samples" / "render"


def designs(variants: int = 3, seed: int = 1) -> list[Design]:
    return [VariantRun(r, seed, k, Path("/nonexistent"), Path("/nonexistent"), []).design
            for r in load_records() for k in range(1, variants + 1)]


def test_every_layout_choice_takes_several_values_over_three_variants_of_five_samples():
    drawn = designs()
    for name in ("paper", "orientation", "font", "font_pt", "block_form", "sasaran_layout", "no_layout",
                 "formula_style", "combined_cells", "two_row_header", "number_row", "repeat_header",
                 "rows_can_split", "preamble_as_table", "lampiran_heading", "fungsi_marker"):
        counts = Counter(getattr(d, name) for d in drawn)
        assert len(counts) >= 2, (name, counts)
    orders = Counter(d.columns for d in drawn)
    assert len(orders) >= 5
    assert any(not d.has_formula for d in drawn) and any(d.has_formula for d in drawn)
    formula_first = [d for d in drawn if d.has_target and d.has_formula]
    assert len({d.columns.index(Column.FORMULA) < d.columns.index(Column.TARGET) for d in formula_first}) == 2 or \
        len(formula_first) < 2


def test_the_same_seed_draws_the_same_design_and_another_seed_another():
    (record,) = load_records(stems=["004_b962c9f166388f5e"])
    assert draw_design(random.Random("x"), record) == draw_design(random.Random("x"), record)
    drawn = [draw_design(random.Random(s), record) for s in range(6)]
    assert all(a != b for a, b in itertools.combinations(drawn, 2))


def _formula_free_variant() -> tuple[str, int]:
    for seed in range(1, 50):
        for r in load_records():
            if not VariantRun(r, seed, 1, Path("/x"), Path("/x"), []).design.has_formula:
                return r.stem, seed
    raise AssertionError("no seed below 50 drops the formula column")


def test_a_variant_without_formula_column_has_null_formula_fields_and_no_formula_header(tmp_path):
    stem, seed = _formula_free_variant()
    (record,) = load_records(stems=[stem])
    run = VariantRun(record, seed, 1, tmp_path, tmp_path / "work", [Form.DOCX])
    assert not run.run().errors
    gold = json.loads((tmp_path / "gold" / f"{run.id}.gold.json").read_text(encoding="utf-8"))
    rows = [i for p in gold["positions"] for i in p["indicators"]]
    assert rows and all(r[f] is None for r in rows for f in ("formula", "numerator", "denominator", "multiplier"))
    assert [r["indikator"] for r in rows] == [i.indikator for p in record.positions for i in p.indicators]
    headers = {c.text.strip() for t in docx.Document(str(tmp_path / "docx" / f"{run.id}.docx")).tables
               for c in t.rows[0].cells}
    assert run.design.headers["sasaran"] in headers and run.design.headers["formula"] not in headers


def test_a_stacked_fraction_reads_back_as_the_gold_formula_word_for_word():
    stacked = 0
    for record in load_records():
        for ind in (i for p in record.positions for i in p.indicators):
            fraction = stacked_fraction(ind)
            if fraction is None:
                continue
            stacked += 1
            linear = f"{fraction.numerator} / {fraction.denominator}" + (f" {fraction.suffix}" if fraction.suffix
                                                                          else "")
            assert linear == ind.formula
            assert fraction.numerator.removeprefix("Σ ") == ind.numerator
            assert (ind.multiplier == 100) == bool(fraction.suffix)
    assert stacked >= 40


def _items(cell) -> int:
    lists = [p for p in cell.pieces if isinstance(p, ItemList)]
    return len(lists[0].items) if lists else (1 if cell.pieces else 0)


def test_combined_cells_list_one_item_per_indicator_or_one_shared_value():
    combined = 0
    for record, design in zip(load_records(), designs(variants=1), strict=True):
        design = dataclasses.replace(design, combined_cells=True)
        for position in record.positions:
            rows: list[Row] = table_rows(position, design)
            assert [i for r in rows for i in r.indicators] == list(position.indicators)
            grid = indicator_grid(position, design, record.decree.tahun)
            body = grid.rows()[grid.header_rows:]
            for row, cells in zip(rows, body, strict=True):
                if not row.combined:
                    continue
                combined += 1
                indikator = cells[[c.col for c in cells].index(design.columns.index(Column.INDIKATOR))]
                assert _items(indikator) == len(row.indicators)
                for cell in cells:
                    assert _items(cell) in (0, 1, len(row.indicators))
                    assert not any(isinstance(p, Fraction) for p in cell.pieces)
    assert combined >= 5


def test_two_row_headers_and_merged_cells_are_real_word_spans(tmp_path):
    (record,) = load_records(stems=["004_b962c9f166388f5e"])
    design = dataclasses.replace(
        draw_design(random.Random(0), record), two_row_header=True, sasaran_layout=SpanLayout.MERGED,
        no_layout=SpanLayout.MERGED, numbering=Numbering.PER_SASARAN, combined_cells=False,
        columns=(Column.NO, Column.SASARAN, Column.INDIKATOR, Column.FORMULA, Column.TARGET, Column.SUMBER))
    doc = decree_document(record, design)
    grids = [b for s in doc.sections for b in s.blocks if isinstance(b, Grid)]
    spans = [c for g in grids for c in g.cells]
    assert any(c.col_span == 2 and c.header for c in spans) and any(c.row_span > 2 for c in spans)
    path = tmp_path / "two-row.docx"
    write_docx(doc, DocxChoices(word_numbering=True, fraction=DocxFraction.NESTED_TABLE, grid_style=True), path,
               datetime(2023, 10, 12))
    assert_word_spans(path, grids)
    header = [c.text.strip() for c in docx.Document(str(path)).tables[-1].rows[1].cells]
    assert "KINERJA" in {h.upper() for h in header} and "2023" in header


def test_the_generator_never_uses_our_readers_or_the_seed_texts():
    modules = sorted(RENDER.glob("*.py"))
    assert len(modules) > 10
    for path in modules:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in ("extract", "normalize", "pipeline", "store", "web"), (path, name)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in ("text", "index.csv") and "samples/text" not in node.value, (path, node.value)
