"""The committed layout family (samples/family) and the variants it was drawn from."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import docx
import pytest

from samples.render.family import VariantRun
from samples.render.gold import load_records
from samples.render.model import Grid
from tests.conftest import SAMPLES

FAMILY = SAMPLES / "family"


@cache
def manifest() -> dict:
    return json.loads((FAMILY / "manifest.json").read_text(encoding="utf-8"))


def variant_ids() -> list[str]:
    return sorted(manifest()["variants"])


@cache
def variant_run(variant: str) -> VariantRun:
    """The variant's design and document drawn again from its seed (nothing is written)."""
    entry = manifest()["variants"][variant]
    (record,) = load_records(stems=[entry["sample"]])
    return VariantRun(record, entry["seed"], entry["variant"], Path("/nonexistent"), Path("/nonexistent"), [])


@pytest.fixture(params=variant_ids())
def variant(request) -> str:
    return request.param


def _word_slots(table) -> dict[tuple[int, int], tuple[str | None, int]]:
    """(vMerge, gridSpan) of each cell of a Word table by its grid position."""
    slots = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            slots[(r, c)] = (tc.vMerge, tc.grid_span)
            c += tc.grid_span
    return slots


def assert_word_spans(path: Path, grids: list[Grid]) -> None:
    """The Word file's top-level tables merge exactly the cells the model spans, and no others."""
    tables = docx.Document(str(path)).tables
    assert len(tables) == len(grids)
    for table, grid in zip(tables, grids, strict=True):
        slots = _word_slots(table)
        for cell in grid.cells:
            vmerge, span = slots[(cell.row, cell.col)]
            assert span == cell.col_span
            assert vmerge == ("restart" if cell.row_span > 1 else None)
            for below in range(cell.row + 1, cell.row + cell.row_span):
                assert slots[(below, cell.col)][0] == "continue"
