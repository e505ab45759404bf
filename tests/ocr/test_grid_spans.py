"""Table cells with spans from ruling lines drawn here: merged cells, broken and faint rules, open ends."""
from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from extract.ocr_grid import find_grid
from extract.ocr_settings import GRID
from extract.ocr_strips import despeckled, stack

DPI = 300
COLS = [100, 300, 700, 1100, 1500]
ROWS = [100, 220, 420, 620, 820]


def blank() -> np.ndarray:
    return np.full((1000, 1700), 255, np.uint8)


def rule(img: np.ndarray, a: tuple[int, int], b: tuple[int, int], shade: int = 0, gaps: int = 0) -> None:
    """A rule from a to b, optionally broken into pieces by `gaps` short breaks."""
    cv2.line(img, a, b, shade, 3)
    for k in range(1, gaps + 1):
        t = k / (gaps + 1)
        x, y = int(a[0] + t * (b[0] - a[0])), int(a[1] + t * (b[1] - a[1]))
        cv2.rectangle(img, (x - 6, y - 4), (x + 6, y + 4), 255, -1) if a[1] == b[1] else \
            cv2.rectangle(img, (x - 4, y - 6), (x + 4, y + 6), 255, -1)


def merged_table(shade: int = 0, gaps: int = 0) -> np.ndarray:
    """Header row, then three rows in which the first column is one cell: the rules under rows 1 and 2 start
    at the second column."""
    img = blank()
    for x in COLS:
        rule(img, (x, ROWS[0]), (x, ROWS[-1]), shade, gaps)
    for i, y in enumerate(ROWS):
        start = COLS[1] if i in (2, 3) else COLS[0]
        rule(img, (start, y), (COLS[-1], y), shade, gaps)
    return img


def cells(img: np.ndarray) -> list[tuple[int, int, int, int]]:
    grid = find_grid(img, DPI)
    assert len(grid.tables) == 1
    return grid.tables[0]


def near(box: tuple[int, int, int, int], x0: int, y0: int, x1: int, y1: int) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(box, (x0, y0, x1, y1), strict=True))


def test_a_cell_whose_inner_rules_are_absent_spans_the_rows() -> None:
    found = cells(merged_table())
    assert len(found) == 4 + 1 + 3 * 3
    assert any(near(b, COLS[0], ROWS[1], COLS[1], ROWS[4]) for b in found)
    assert sum(near(b, COLS[1], ROWS[r], COLS[2], ROWS[r + 1]) for b in found for r in (1, 2, 3)) == 3


def test_broken_and_faint_rules_still_bound_cells() -> None:
    assert len(cells(merged_table(shade=150, gaps=3))) == 14


def test_a_table_cut_by_the_page_top_is_closed_there() -> None:
    img = merged_table()
    img[:ROWS[1] - 2] = 255
    found = cells(img)
    assert any(near(b, COLS[0], ROWS[1], COLS[1], ROWS[4]) for b in found)
    assert len(found) == 1 + 3 * 3


def test_blurred_bold_print_is_not_taken_for_rules() -> None:
    img = blank()
    for row in range(6):
        cv2.putText(img, "KECAMATAN KAPONGAN KABUPATEN", (120, 150 + row * 110), cv2.FONT_HERSHEY_DUPLEX, 2.6, 0, 9)
    img = cv2.GaussianBlur(img, (0, 0), 4)
    grid = find_grid(img, DPI)
    assert grid.tables == [] and grid.bars == []


def test_fraction_bar_inside_a_cell_is_a_bar_not_a_rule() -> None:
    img = merged_table()
    cv2.line(img, (1150, 720), (1400, 720), 0, 3)
    grid = find_grid(img, DPI)
    assert len(grid.tables[0]) == 14
    assert [(abs(x0 - 1150) < 8, abs(x1 - 1400) < 8, abs(y - 720) < 4) for x0, x1, y in grid.bars] == \
        [(True, True, True)]


def test_a_blurred_bold_word_in_a_cell_is_no_fraction_bar_and_stays_for_tesseract() -> None:
    """In a blurred photo a bold word's letters run into a stroke as long and thin as a bar with paper above it;
    its solid band is as tall as the letters, where the bar beside it, blurred alike, stays a few points."""
    img = merged_table()
    cv2.putText(img, "JUMLAH", (1110, 540), cv2.FONT_HERSHEY_DUPLEX, 1.2, 0, 6)
    cv2.putText(img, "Jumlah desa", (730, 690), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.line(img, (730, 720), (1000, 720), 0, 3)
    cv2.putText(img, "Total desa", (730, 770), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    img = cv2.GaussianBlur(img, (0, 0), 4.0)
    word = (slice(500, 560), slice(1110, 1300))
    grid = find_grid(img, DPI)
    assert len(grid.tables[0]) == 14
    assert [(abs(x0 - 730) < 8, abs(x1 - 1000) < 8, abs(y - 720) < 4) for x0, x1, y in grid.bars] == \
        [(True, True, True)]
    assert np.count_nonzero(grid.mask[word]) == 0  # not erased before tesseract reads the cell
    heedless = find_grid(img, DPI, dataclasses.replace(GRID, max_bar_band_pt=1000.0))
    assert len(heedless.bars) == 2 and np.count_nonzero(heedless.mask[word]) > 0  # the band is what tells


def test_specks_make_no_strips_for_tesseract() -> None:
    img = merged_table()
    rng = np.random.default_rng(3)
    ys, xs = rng.integers(0, img.shape[0], 900), rng.integers(0, img.shape[1], 900)
    for x, y in zip(xs, ys, strict=True):
        cv2.circle(img, (int(x), int(y)), 1, 60, -1)
    ink = cv2.threshold(img, 128, 255, cv2.THRESH_BINARY_INV)[1]
    rules = np.count_nonzero(cv2.threshold(merged_table(), 128, 255, cv2.THRESH_BINARY_INV)[1])
    assert np.count_nonzero(ink) > rules + 2000
    assert abs(np.count_nonzero(despeckled(ink, 12)) - rules) < 0.02 * rules  # specks touching a rule stay
    cv2.putText(img, "Jumlah", (720, 300), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    grid = find_grid(img, DPI)
    erase = cv2.dilate(grid.mask, np.ones((5, 5), np.uint8))
    img[erase > 0] = 255
    canvas, strips = stack(img, grid, DPI)
    assert len(strips) == 1 and canvas.shape[0] < 200
