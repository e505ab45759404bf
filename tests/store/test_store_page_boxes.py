"""A row cut by a page break is stored with its box on every page, and keeps them when its file is imported again."""
from __future__ import annotations

from sqlalchemy import select

from normalize.records import DecreeRecord
from store.importer import load_record, load_records
from store.models import IndicatorRow
from tests.conftest import page_break_record


def _expected(record: DecreeRecord) -> list[tuple[int | None, list[list[float]] | None]]:
    """Per indicator in order: its first page, and every page's box when it touches more than one."""
    return [(ind.provenance.page, [list(b) for b in ind.provenance.boxes] if len(ind.provenance.boxes) > 1 else None)
            for ind in record.indicators if ind.provenance]


def _stored(factory) -> list[tuple[int | None, list[list[float]] | None]]:
    with factory() as session:
        rows = session.scalars(select(IndicatorRow).order_by(IndicatorRow.id))
        return [(row.page, row.page_boxes) for row in rows]


def _first_boxes(factory) -> set[tuple[float | None, ...]]:
    with factory() as session:
        rows = session.scalars(select(IndicatorRow))
        return {(row.page, row.box_x0, row.box_y0, row.box_x1, row.box_y1) for row in rows if row.page_boxes}


def test_rows_keep_a_box_per_page_across_a_reimport(factory) -> None:
    record = page_break_record()
    expected = _expected(record)
    assert any(boxes for _, boxes in expected), "the sample has rows over a page break"
    assert load_record(factory, record).outcome == "imported"
    assert _stored(factory) == expected
    firsts = {(b[0][0], *b[0][1:]) for _, b in expected if b}
    assert _first_boxes(factory) == firsts, "the box columns hold the first page's box"
    assert load_record(factory, record).outcome == "unchanged"
    record.extractor_version = "9.9.9"
    assert load_record(factory, record).outcome == "updated"
    assert _stored(factory) == expected


def test_a_group_import_stores_them_too(factory) -> None:
    record = page_break_record()
    [outcome] = load_records(factory, [record])
    assert outcome.outcome == "imported"
    assert _stored(factory) == _expected(record)
