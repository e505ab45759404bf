"""Spans that a page break cuts keep a box on every page, the first page's first."""
from __future__ import annotations

from extract.layout import Box, Span


def test_boxes_on_one_page_grow_into_one() -> None:
    merged = Span(3, 3, 2, Box(2, 10, 100, 50, 120)).merge(Span(4, 4, 2, Box(2, 60, 118, 200, 140)))
    assert (merged.line_start, merged.line_end, merged.page) == (3, 4, 2)
    assert merged.box == Box(2, 10, 100, 200, 140) and merged.more == ()
    assert merged.boxes == (merged.box,)


def test_a_row_over_a_page_break_keeps_both_pages_in_page_order() -> None:
    bottom = Span(40, 41, 9, Box(9, 65, 800, 540, 866))
    top = Span(42, 42, 10, Box(10, 65, 78, 540, 120))
    for merged in (bottom.merge(top), top.merge(bottom)):
        assert merged.page == 9 and merged.box == bottom.box
        assert merged.more == (top.box,) and merged.boxes == (bottom.box, top.box)
        assert (merged.line_start, merged.line_end) == (40, 42)


def test_cells_on_each_page_merge_per_page() -> None:
    cells = [Span(1, 1, 1, Box(1, 0, 700, 100, 780)), Span(2, 2, 2, Box(2, 0, 80, 100, 90)),
             Span(1, 1, 1, Box(1, 100, 690, 300, 790)), Span(2, 2, 2, Box(2, 100, 80, 300, 150)),
             Span(3, 3, 3, Box(3, 0, 80, 300, 95))]
    merged = cells[0]
    for cell in cells[1:]:
        merged = merged.merge(cell)
    assert merged.boxes == (Box(1, 0, 690, 300, 790), Box(2, 0, 80, 300, 150), Box(3, 0, 80, 300, 95))


def test_spans_without_boxes_keep_their_first_page() -> None:
    merged = Span(5, 5, 2).merge(Span(6, 7, 1)).merge(None)
    assert (merged.line_start, merged.line_end, merged.page, merged.box, merged.boxes) == (5, 7, 1, None, ())
    assert Span(1, 1, 1).merge(Span(2, 2, 1, Box(1, 1, 2, 3, 4))).box == Box(1, 1, 2, 3, 4)


def test_a_box_on_another_page_is_not_drawn_into_this_one() -> None:
    box = Box(1, 0, 0, 10, 10)
    assert box.union(Box(2, 5, 5, 20, 20)) == box and box.union(None) == box
