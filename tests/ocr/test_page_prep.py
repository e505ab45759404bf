"""Page preparation on pages drawn here from a family text PDF's page: photo sheet, turns, stamp ink, shadows."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.ocr import ocr_image
from extract.page_prep import (
    PreparedPage,
    Turn,
    blank,
    detect_turn,
    find_sheet,
    flatten_illumination,
    ink_grey,
    prepare,
    readable,
    sideways,
    turned,
    unwarp,
)
from extract.reader import ReaderOptions
from tests.conftest import FAMILY, family_file, family_variant

PORTRAIT = "003_82fb6ffd05021492"  # the family's portrait variant: a page the shape phone photos are taken in
TEXT_PDF = family_file("docx-pdf", PORTRAIT)
PAGE = 2  # the lampiran's first page: its heading, the first position block and its indicator table
JABATAN = family_variant(PORTRAIT)["design"]["labels"]["jabatan"].split()[-1]  # the position block's label word


@cache
def clean_rgb(number: int = PAGE, dpi: int = 150) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(TEXT_PDF))
    try:
        return np.asarray(pdf[number - 1].render(scale=dpi / 72).to_pil().convert("RGB")).copy()
    finally:
        pdf.close()


def photographed(page: np.ndarray, corners: np.ndarray, size: tuple[int, int], shadow: float) -> np.ndarray:
    """The page warped onto a brown desk at `corners`, a shadow darkening the picture from left to right."""
    h, w = page.shape[:2]
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    desk = np.full((size[1], size[0], 3), (140, 100, 70), np.float32)
    warped = cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_AREA).astype(np.float32)
    on = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, size)[..., None]
    picture = warped * on + desk * (1 - on)
    light = 1 - shadow * np.linspace(0, 1, size[0], dtype=np.float32)[None, :, None]
    return np.clip(picture * light, 0, 255).astype(np.uint8)


def test_sheet_is_found_in_a_shadowed_photo_and_warped_flat() -> None:
    page = clean_rgb()
    corners = np.float32([[150, 90], [1180, 140], [1150, 1600], [120, 1560]])
    photo = photographed(page, corners, (1300, 1700), shadow=0.5)
    grey = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    sheet = find_sheet(grey)
    assert sheet is not None
    assert np.abs(sheet.corners - corners).max() < 12
    flat = unwarp(PreparedPage(grey, 100), sheet)
    expected = cv2.resize(cv2.cvtColor(page, cv2.COLOR_RGB2GRAY), flat.grey.shape[::-1])
    ink = (expected < 128).astype(np.uint8)
    found = (flatten_illumination(flat.grey, flat.dpi) < 128).astype(np.uint8)
    near = np.ones((7, 7), np.uint8)
    assert (found & cv2.dilate(ink, near)).sum() / found.sum() > 0.8
    assert (ink & cv2.dilate(found, near)).sum() / ink.sum() > 0.8
    x, y, _ = flat.to_source @ np.array([0.0, 0.0, 1.0])
    assert abs(x - corners[0][0]) < 12 and abs(y - corners[0][1]) < 12


def test_a_scan_is_not_taken_for_a_photo() -> None:
    assert find_sheet(cv2.cvtColor(clean_rgb(), cv2.COLOR_RGB2GRAY)) is None


@pytest.mark.slow
@pytest.mark.parametrize("turn", [Turn.LEFT, Turn.RIGHT])
def test_a_page_fed_sideways_is_turned_upright(turn: Turn) -> None:
    grey = cv2.cvtColor(clean_rgb(PAGE, 300), cv2.COLOR_RGB2GRAY)
    sideways_page = cv2.rotate(grey, {Turn.LEFT: cv2.ROTATE_90_COUNTERCLOCKWISE,
                                      Turn.RIGHT: cv2.ROTATE_90_CLOCKWISE}[turn])
    assert not sideways(grey, 300) and sideways(sideways_page, 300)
    assert detect_turn(grey, 300, "ind+eng") is Turn.NONE
    assert detect_turn(sideways_page, 300, "ind+eng") is turn
    back = turned(PreparedPage(sideways_page, 300), turn)
    assert np.array_equal(back.grey, grey)
    h, w = sideways_page.shape
    corner = back.to_source @ np.array([0.0, 0.0, 1.0])
    assert tuple(corner[:2]) == ((0, h - 1) if turn is Turn.LEFT else (w - 1, 0))


def _landscape_pages(pdf_path: Path) -> list[bool]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.get_width() > page.get_height() for page in pdf]
    finally:
        pdf.close()


def _scanned_pages(pdf_path: Path, dpi: int) -> list[PreparedPage]:
    """The scan's page images at the resolution they were scanned at, prepared as far as the turn."""
    read = ReaderOptions()
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [readable(np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB")).copy(), dpi, read.dpi,
                         read.max_image_pixels) for page in pdf]
    finally:
        pdf.close()


@pytest.mark.slow
@pytest.mark.parametrize("scan", sorted((FAMILY / "scan").glob("*.pdf")), ids=lambda p: p.stem)
def test_every_scanned_page_is_judged_sideways_exactly_when_its_page_was_turned(scan: Path) -> None:
    """150- and 200-dpi photocopies and colour scans, blank pages and signature pages included: a landscape page
    of the source that the scanner turned reads sideways, every other page does not."""
    variant = next(v for v in json.loads((FAMILY / "manifest.json").read_text(encoding="utf-8"))["variants"].values()
                   if v["forms"].get("scan", {}).get("file") == f"scan/{scan.name}")
    choices = variant["forms"]["scan"]["choices"]
    source = FAMILY / variant["forms"][choices["source"]]["file"]
    expected = [landscape and choices["landscape_turn"] != 0 for landscape in _landscape_pages(source)]
    judged = [sideways(page.grey, page.dpi) for page in _scanned_pages(scan, choices["dpi"])]
    assert judged == expected


def _speckled(grey: np.ndarray, seed: int) -> np.ndarray:
    """Toner dust and specks of one to three pixels over a greyed page, blurred as a photocopier blurs."""
    rng = np.random.default_rng(seed)
    out = (grey.astype(np.float32) * 0.93).astype(np.uint8)
    for y, x, r in zip(rng.integers(0, grey.shape[0], 900), rng.integers(0, grey.shape[1], 900),
                       rng.integers(1, 3, 900), strict=True):
        cv2.circle(out, (int(x), int(y)), int(r), int(rng.integers(60, 160)), -1)
    return cv2.GaussianBlur(out, (0, 0), 0.9)


def test_a_speckled_blank_page_is_blank_and_three_lines_of_print_are_not() -> None:
    grey = cv2.cvtColor(clean_rgb(PAGE, 300), cv2.COLOR_RGB2GRAY)
    white = np.full_like(grey, 255)
    assert blank(_speckled(white, 1), 300)
    rows = np.flatnonzero((grey < 128).sum(axis=1) > 0)
    lines = white.copy()
    top = int(rows[0])
    lines[top:top + 130] = grey[top:top + 130]  # the heading's first lines, as a signature page holds them
    for page in (lines, cv2.rotate(lines, cv2.ROTATE_90_CLOCKWISE)):
        assert not blank(_speckled(page, 2), 300)


def test_stamp_and_signature_ink_fades_but_print_under_it_stays() -> None:
    page = clean_rgb().astype(np.float32)
    print_mask = cv2.cvtColor(page.astype(np.uint8), cv2.COLOR_RGB2GRAY) < 100
    stamp = np.zeros(page.shape[:2], np.float32)
    cv2.circle(stamp, (400, 500), 160, 1.0, 18)
    blue = np.float32([40, 60, 170]) / 255
    stamped = (page * (1 - 0.85 * stamp[..., None] * (1 - blue))).astype(np.uint8)
    grey = ink_grey(stamped)
    ring = (stamp > 0.5) & ~print_mask
    assert grey[ring].mean() > 140 > cv2.cvtColor(stamped, cv2.COLOR_RGB2GRAY)[ring].mean()
    assert grey[print_mask & (stamp > 0.5)].mean() < 110


def test_shadow_and_grey_background_become_white_paper() -> None:
    grey = cv2.cvtColor(clean_rgb(), cv2.COLOR_RGB2GRAY).astype(np.float32)
    h, w = grey.shape
    shade = 0.55 + 0.45 * np.linspace(0, 1, w, dtype=np.float32)[None, :] * np.ones((h, 1), np.float32)
    flat = flatten_illumination(np.clip(grey * shade, 0, 255).astype(np.uint8), 150)
    paper = grey > 230
    assert np.percentile(flat[paper], 5) > 200
    assert flat[grey < 80].mean() < 120


@pytest.mark.slow
def test_words_of_a_photo_are_placed_back_on_the_photo() -> None:
    page = clean_rgb(PAGE, 150)
    corners = np.float32([[150, 90], [1180, 140], [1150, 1600], [120, 1560]])
    photo = photographed(page, corners, (1300, 1700), shadow=0.35)
    content = ocr_image(photo, 1, 150, ReaderOptions(), "foto.jpg")
    prepared = prepare(photo, 150, 300, ReaderOptions().max_image_pixels, "ind+eng")
    assert prepared.steps[0].startswith("page cut out") and content.to_page is not None
    word = next(w for w in content.words if w.text == JABATAN)
    x0, y0, x1, y1 = content.to_page((word.x0, word.top, word.x1, word.bottom))
    assert corners[:, 0].min() * 72 / 150 < x0 < x1 < corners[:, 0].max() * 72 / 150
    assert corners[:, 1].min() * 72 / 150 < y0 < y1 < corners[:, 1].max() * 72 / 150
