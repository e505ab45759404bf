"""A page image made fit for reading: the page cut out of a photo and flattened, upright, even, ink only.

Phone photos show the sheet as a quadrilateral on a desk, in perspective and
under a shadow; office scans come turned a quarter when a landscape page went
through a portrait feeder, with a grey blotchy background from the copier, and
with a blue signature and a purple stamp over the text. Each step here undoes
one of these and records the mapping it applied, so that word boxes found on the
prepared page can be put back on the page as the user holds it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum

import cv2
import numpy as np
import pytesseract

from extract.ocr_settings import PREP, PrepSettings


class Turn(IntEnum):
    """Clockwise turns that make a page's text run left to right."""

    NONE = 0
    LEFT = 90
    HALF = 180
    RIGHT = 270


@dataclass
class PreparedPage:
    """The grey page to read, its resolution, and the homography from its pixels to the source's pixels."""

    grey: np.ndarray
    dpi: int
    to_source: np.ndarray = field(default_factory=lambda: np.eye(3))
    steps: list[str] = field(default_factory=list)
    turn: Turn = Turn.NONE
    blank: bool = False  # no print to read (`blank`): neither turned nor evened, and not to be read

    def then(self, grey: np.ndarray, back: np.ndarray, step: str, dpi: int | None = None,
             turn: Turn | None = None) -> PreparedPage:
        """This page after one more step whose pixels map back to this page's by `back`."""
        return PreparedPage(grey, dpi or self.dpi, self.to_source @ back, [*self.steps, step],
                            self.turn if turn is None else turn)


def ink_grey(rgb: np.ndarray, s: PrepSettings = PREP) -> np.ndarray:
    """Grey in which coloured ink (blue signatures, blue or purple stamps) fades to paper and black print stays.

    Coloured ink absorbs little of its own colour, so its brightest channel
    stays light while black print is dark in every channel; taking that channel
    where the colour spread is large keeps the print under a stamp readable.
    """
    if rgb.ndim == 2:
        return rgb
    brightest = rgb.max(axis=2)
    spread = brightest.astype(np.int16) - rgb.min(axis=2)
    luminance = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return np.where(spread > s.colour_spread, brightest, luminance).astype(np.uint8)


def has_colour_ink(rgb: np.ndarray, s: PrepSettings = PREP) -> bool:
    if rgb.ndim == 2:
        return False
    small = cv2.resize(rgb, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    spread = small.max(axis=2).astype(np.int16) - small.min(axis=2)
    return bool((spread > s.colour_spread).mean() > 0.0005)


def flatten_illumination(grey: np.ndarray, dpi: int, s: PrepSettings = PREP) -> np.ndarray:
    """The page divided by its own background, so shadows and a copier's blotches become white paper.

    The background is what a closing wider than any stroke leaves (text and rules
    removed), taken on a reduced copy and smoothed, which costs a few milliseconds.
    """
    small = cv2.resize(grey, None, fx=s.background_scale, fy=s.background_scale, interpolation=cv2.INTER_AREA)
    window = max(3, int(s.background_window_pt * dpi / 72 * s.background_scale) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (window, window)))
    background = cv2.GaussianBlur(background, (0, 0), window / 2)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(background, 1), scale=255)


def sharpened(grey: np.ndarray, dpi: int, s: PrepSettings = PREP) -> np.ndarray:
    """An unsharp mask: thin strokes that blur and upscaling left light grey ('1.', the bar of a 't') come back
    dark enough for Tesseract's own threshold, which otherwise breaks them ('1.' read as '2:')."""
    if s.sharpen_amount <= 0:
        return grey
    soft = cv2.GaussianBlur(grey, (0, 0), s.sharpen_sigma_pt * dpi / 72)
    return cv2.addWeighted(grey, 1 + s.sharpen_amount, soft, -s.sharpen_amount, 0)


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(sums)], points[np.argmin(diffs)], points[np.argmax(sums)],
                     points[np.argmax(diffs)]], dtype=np.float32)


@dataclass(frozen=True)
class Sheet:
    """The sheet in a photo: its corners (pixels, top-left first, clockwise) and the mask of its pixels."""

    corners: np.ndarray
    mask: np.ndarray


def _bright_region(small: np.ndarray, s: PrepSettings) -> np.ndarray:
    """Paper (255) against the desk (0) under a shadow: a two-class threshold that follows the light.

    One threshold for the whole picture puts the shadowed side of the sheet with
    the desk. Here the threshold at each place is halfway between the paper's and
    the desk's brightness nearby (each class's smoothed mean), refined from a
    global Otsu split a few times. Light changes slowly, so the means are taken on
    a copy a few dozen pixels across and scaled back up.
    """
    values = small.astype(np.float32)
    bright = (small > cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0]).astype(np.float32)
    factor = s.light_grid_px / max(small.shape)
    size = (small.shape[1], small.shape[0])
    sigma = s.light_reach * s.light_grid_px

    def nearby_mean(member: np.ndarray) -> np.ndarray:
        coarse = [cv2.GaussianBlur(cv2.resize(m, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), (0, 0),
                                   sigma) for m in (values * member, member)]
        return cv2.resize(coarse[0] / np.maximum(coarse[1], 1e-3), size, interpolation=cv2.INTER_LINEAR)

    for _ in range(s.light_passes):
        bright = (values > (nearby_mean(bright) + nearby_mean(1 - bright)) / 2).astype(np.float32)
    return (bright * 255).astype(np.uint8)


def _fills_picture(small: np.ndarray, s: PrepSettings) -> bool:
    """Whether paper covers (nearly) the whole picture: a scan, or a photo cropped to the page."""
    bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    edge = np.concatenate([bright[0], bright[-1], bright[:, 0], bright[:, -1]])
    return float(edge.mean()) / 255 > s.paper_edge_share


def find_sheet(grey: np.ndarray, s: PrepSettings = PREP) -> Sheet | None:
    """The sheet in a photo, or None when the picture is the page itself (a scan).

    The sheet is the largest bright region; its corners are the region's points
    furthest out towards each corner of the picture, which stay right when the
    paper's edges bow a little (a simplified outline would cut across them).
    """
    scale = s.detect_long_side_px / max(grey.shape)
    small = cv2.GaussianBlur(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), (5, 5), 0)
    if _fills_picture(small, s):
        return None
    bright = _bright_region(small, s)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    if not s.page_area_share[0] <= share <= s.page_area_share[1]:
        return None
    region = np.zeros_like(small)
    cv2.drawContours(region, [outline], -1, 255, cv2.FILLED)
    mask = cv2.resize(region, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_NEAREST)
    return Sheet(_order_corners(outline.reshape(-1, 2).astype(np.float32)) / scale, mask)


def unwarp(page: PreparedPage, sheet: Sheet, s: PrepSettings = PREP) -> PreparedPage:
    """The sheet warped flat to an upright rectangle of its own proportions, read as A4 for its resolution;
    what lies off the sheet (the desk, where its edges bow inwards) becomes white paper."""
    tl, tr, br, bl = sheet.corners
    width = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    w, h = int(round(width)), int(round(height))
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(sheet.corners, target)
    flat = cv2.warpPerspective(page.grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    on_sheet = cv2.warpPerspective(sheet.mask, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    flat[on_sheet == 0] = 255
    dpi = int(round(min(w, h) / s.a4_short_side_in))
    return page.then(flat, np.linalg.inv(matrix), "page cut out of the photo and flattened", dpi)


def _without_rules(ink: np.ndarray, length: int) -> np.ndarray:
    """Ink with its long straight strokes (table rules) taken out, leaving the print."""
    for kernel in ((length, 1), (1, length)):
        ink = cv2.bitwise_and(ink, cv2.bitwise_not(
            cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))))
    return ink


def _print_ink(grey: np.ndarray, dpi: int, s: PrepSettings) -> tuple[np.ndarray, float]:
    """The page's print, rules taken out, on a copy at the orientation test's resolution, and its pixels per point."""
    scale = s.orientation_work_dpi / dpi
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    per_pt = s.orientation_work_dpi / 72
    window = 2 * int(s.orientation_window_pt * per_pt) + 1
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, window,
                                s.orientation_offset)
    return _without_rules(ink, max(3, int(s.orientation_rule_pt * per_pt))), per_pt


def blank(grey: np.ndarray, dpi: int, s: PrepSettings = PREP) -> bool:
    """Whether a page holds no print to read: too few blobs as large as letters or larger once rules are taken
    out (their longer side, for a sideways page's letters lie on their side).

    A blank page of a photocopy is speckled, and Tesseract reads its specks as
    words that line up into tables of junk; a page of three lines (a signature)
    holds dozens of letters."""
    return _blank_ink(*_print_ink(grey, dpi, s), s)


def _blank_ink(ink: np.ndarray, per_pt: float, s: PrepSettings) -> bool:
    stats = cv2.connectedComponentsWithStats(ink)[2][1:]
    sides = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    return int((sides >= s.letter_pt * per_pt).sum()) < s.blank_letters


def _smear_ratio(ink: np.ndarray, per_pt: float, s: PrepSettings) -> float:
    """Blobs left by smearing the print along its rows over those left by smearing it down its columns.

    Letters of a word stand side by side along the line: smearing the print a
    few points along the lines joins them into words, smearing across joins far
    fewer, so the ratio is well below 1 on an upright page and above it on a
    sideways one.
    """
    smear = max(2, int(round(s.smear_pt * per_pt)))
    counts = []
    for kernel in ((smear, 1), (1, smear)):
        closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        stats = cv2.connectedComponentsWithStats(closed)[2][1:]
        counts.append(int((np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
                           >= s.min_blob_pt * per_pt).sum()))
    return counts[0] / max(counts[1], 1)


def _beside_share(ink: np.ndarray, per_pt: float, s: PrepSettings) -> float | None:
    """The share of letters whose nearest letter lies beside rather than above or below them; None when too few
    letters have one near (a blank or speckled page, whose specks lie every way alike)."""
    stats, centres = cv2.connectedComponentsWithStats(ink)[2:]
    side = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    points = centres[1:][(side >= s.min_blob_pt * per_pt) & (side <= s.max_letter_pt * per_pt)]
    if len(points) < 2:
        return None
    nearest = np.empty(len(points), dtype=np.int64)
    for start in range(0, len(points), 512):
        chunk = points[start:start + 512]
        dist = ((chunk[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
        dist[np.arange(len(chunk)), np.arange(start, start + len(chunk))] = np.inf
        nearest[start:start + len(chunk)] = dist.argmin(axis=1)
    delta = points[nearest] - points
    near = (delta ** 2).sum(axis=1) <= (s.neighbour_reach_pt * per_pt) ** 2
    if int(near.sum()) < s.min_neighbours:
        return None
    return float((np.abs(delta[near, 0]) > np.abs(delta[near, 1])).mean())


def sideways(grey: np.ndarray, dpi: int, s: PrepSettings = PREP) -> bool:
    """Whether text lines run up or down the page.

    Two readings of the print, rules taken out (columns of a table make the
    page's profiles look sideways, so profiles are not used): the smear ratio
    and where each letter's nearest letter lies. Speckle makes the smears of a
    nearly blank page (a signature page of three lines) differ at random, and a
    blurred photocopy's letters run together into words, which the neighbour
    reading sees less well: the smears decide when they are sure either way,
    the neighbours when the smears are not and enough letters have one near.
    Both are read at one resolution whatever the page's, so that a 150-dpi
    photocopy and a 300-dpi scan are judged alike.
    """
    return _sideways_ink(*_print_ink(grey, dpi, s), s)


def _sideways_ink(ink: np.ndarray, per_pt: float, s: PrepSettings) -> bool:
    ratio = _smear_ratio(ink, per_pt, s)
    if ratio > s.sure_ratio or ratio <= 1:
        return ratio > 1
    share = _beside_share(ink, per_pt, s)
    return ratio > s.sideways_ratio if share is None else share < s.sideways_share


def _upright_confidence(grey: np.ndarray, dpi: int, lang: str, s: PrepSettings) -> float:
    """Tesseract's mean word confidence on the page's densest band of text, reduced: high when the text is
    upright, low when it is upside down. A few lines of the first language read in a fraction of the page's
    time."""
    h, w = grey.shape
    x0, x1 = int(w * (0.5 - s.orientation_width / 2)), int(w * (0.5 + s.orientation_width / 2))
    ink = _without_rules(cv2.threshold(grey[:, x0:x1], 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1],
                         int(s.orientation_rule_pt * dpi / 72))
    band = max(8, int(s.orientation_band_pt * dpi / 72))
    profile = np.convolve(ink.sum(axis=1, dtype=np.float64), np.ones(band), "valid")
    top = int(np.argmax(profile)) if profile.size else 0
    scale = min(1.0, s.orientation_dpi / dpi)
    crop = cv2.resize(grey[top:top + band, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    data = pytesseract.image_to_data(crop, lang=lang.split("+")[0], config=f"--psm 6 --oem 1 --dpi {int(dpi * scale)}",
                                     output_type=pytesseract.Output.DICT, timeout=s.orientation_timeout_s)
    confs = [float(c) for t, c in zip(data["text"], data["conf"], strict=True) if len(t.strip()) >= 3]
    return sum(confs) / len(confs) if confs else 0.0


def detect_turn(grey: np.ndarray, dpi: int, lang: str, s: PrepSettings = PREP, known: Turn | None = None,
                lies_sideways: bool | None = None) -> Turn:
    """The clockwise turn that puts the page upright.

    Only a page whose blobs say it lies sideways is tested, so an upright page
    costs no Tesseract call beyond its one reading. A sideways page takes the turn
    `known` from the document's earlier sideways pages (a feeder turns every page
    of a batch alike); the first one reads one band of text turned each way. A
    page with no word read either way (a blank page whose rule remnants looked
    like sideways print) is left as it is, so that it sets no turn for the
    pages after it. `lies_sideways` is `sideways` already worked out by the caller.
    """
    if not (sideways(grey, dpi, s) if lies_sideways is None else lies_sideways):
        return Turn.NONE
    if known is not None:
        return known
    try:
        left = _upright_confidence(cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE), dpi, lang, s)
        if left >= s.upright_confidence:
            return Turn.LEFT
        right = _upright_confidence(cv2.rotate(grey, cv2.ROTATE_90_COUNTERCLOCKWISE), dpi, lang, s)
    except (pytesseract.TesseractError, RuntimeError):
        return Turn.LEFT
    if left == right == 0:
        return Turn.NONE
    return Turn.LEFT if left >= right else Turn.RIGHT


def turned(page: PreparedPage, turn: Turn) -> PreparedPage:
    """The page turned by `turn` degrees clockwise (Tesseract's 'rotate'), with the mapping back."""
    if turn is Turn.NONE:
        return page
    h, w = page.grey.shape
    code = {Turn.LEFT: cv2.ROTATE_90_CLOCKWISE, Turn.HALF: cv2.ROTATE_180, Turn.RIGHT: cv2.ROTATE_90_COUNTERCLOCKWISE}
    grey = cv2.rotate(page.grey, code[turn])
    # Inverse maps: a pixel (x, y) of the turned image back to the image before turning.
    back = {Turn.LEFT: np.array([[0, 1, 0], [-1, 0, h - 1], [0, 0, 1]], dtype=np.float64),
            Turn.HALF: np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=np.float64),
            Turn.RIGHT: np.array([[0, -1, w - 1], [1, 0, 0], [0, 0, 1]], dtype=np.float64)}[turn]
    return page.then(grey, back, f"turned {int(turn)} degrees to read upright", turn=turn)


def upsampled(page: PreparedPage, read_dpi: int, max_pixels: int) -> PreparedPage:
    """A low-resolution page scaled up to `read_dpi`: Tesseract reads small print far better at 300 dpi than at
    150. Left as it is if that would pass the pixel limit."""
    factor = read_dpi / page.dpi
    if factor <= 1.05 or page.grey.size * factor * factor > max_pixels:
        return page
    grey = cv2.resize(page.grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    back = np.diag([1 / factor, 1 / factor, 1.0])
    return page.then(grey, back, f"scaled from {page.dpi} to {read_dpi} dpi", read_dpi)


def readable(image: np.ndarray, dpi: int, read_dpi: int, max_pixels: int, s: PrepSettings = PREP) -> PreparedPage:
    """The page as far as its turn: grey with coloured ink faded, cut out of a photo, at the reading resolution."""
    grey = ink_grey(image, s) if has_colour_ink(image, s) else (
        image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))
    page = PreparedPage(grey, dpi)
    sheet = find_sheet(grey, s)
    if sheet is not None:
        page = unwarp(page, sheet, s)
    return upsampled(page, read_dpi, max_pixels)


def prepare(image: np.ndarray, dpi: int, read_dpi: int, max_pixels: int, lang: str,
            s: PrepSettings = PREP, known_turn: Turn | None = None) -> PreparedPage:
    """The page ready for the grid finder and Tesseract: cut out of a photo, upright, even, coloured ink faded;
    a blank page only marked so (its print, read once, says both whether it is blank and which way it lies)."""
    page = readable(image, dpi, read_dpi, max_pixels, s)
    ink, per_pt = _print_ink(page.grey, page.dpi, s)
    if _blank_ink(ink, per_pt, s):
        return replace(page, blank=True)
    page = turned(page, detect_turn(page.grey, page.dpi, lang, s, known_turn, _sideways_ink(ink, per_pt, s)))
    grey = sharpened(flatten_illumination(page.grey, page.dpi, s), page.dpi, s)
    return PreparedPage(grey, page.dpi, page.to_source, page.steps, page.turn)
