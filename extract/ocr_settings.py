"""Every threshold of the OCR path (page preparation, grid finding, recognition) in one place.

Lengths are in points (1/72 inch) unless named otherwise, so they mean the same
on a 150-dpi photocopy and a 300-dpi scan; each step converts with dpi / 72.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrepSettings:
    """Page preparation: photo page finding, orientation, illumination and ink colour."""

    # A photo's page: the largest bright quadrilateral, found on a copy this many pixels on its long side.
    detect_long_side_px: int = 800
    # Paper told from desk by a threshold following the light over this share of the picture, refined this often.
    light_reach: float = 0.12
    light_passes: int = 3
    light_grid_px: int = 64
    # A picture whose border is paper for this share of its length is the page itself (a scan).
    paper_edge_share: float = 0.8
    # The page must cover this share of the picture; above the upper bound the picture is the page (a scan).
    page_area_share: tuple[float, float] = (0.2, 0.94)
    # Corners of the page outline are simplified within this share of its perimeter.
    outline_epsilon: float = 0.02
    # A warped photo page is read as an A4 sheet of this width in inches (portrait) or height (landscape).
    a4_short_side_in: float = 8.27
    # Background (paper and shadow) estimated by closing with a square this many points wide on a reduced copy.
    background_window_pt: float = 14.0
    background_scale: float = 0.25
    # Unsharp mask over this radius and of this strength (0 turns it off).
    sharpen_sigma_pt: float = 0.5
    sharpen_amount: float = 0.4
    # Pixels whose colour spread (max - min channel) exceeds this are coloured ink (stamps, signatures, pen).
    colour_spread: int = 60
    # Which way text lines run is read on a copy at this resolution, its print told from paper by a mean over
    # a window this wide (less this offset of grey), blobs counted from this long side up.
    orientation_work_dpi: int = 150
    orientation_window_pt: float = 6.0
    orientation_offset: int = 12
    min_blob_pt: float = 1.5
    # Smearing the print this far along its rows leaves more blobs than smearing it down its columns on a
    # sideways page: sure_ratio times as many settles it; between 1 and that, the letters' nearest neighbours
    # (within neighbour_reach_pt, letters up to max_letter_pt) decide, beside them for less than sideways_share
    # of them meaning sideways; with fewer than min_neighbours of them, a ratio above sideways_ratio does.
    smear_pt: float = 4.0
    sideways_ratio: float = 1.2
    sure_ratio: float = 1.5
    max_letter_pt: float = 16.0
    neighbour_reach_pt: float = 10.0
    min_neighbours: int = 12
    sideways_share: float = 0.45
    # A page with fewer blobs of print at least as large as a letter (longer side letter_pt) than blank_letters
    # is blank: its speckle and toner dust are not read (Tesseract makes words of them).
    letter_pt: float = 3.0
    blank_letters: int = 8
    # A sideways page's turn is tested on its densest band of text this tall; a reading this confident settles it.
    orientation_band_pt: float = 36.0
    orientation_rule_pt: float = 20.0
    orientation_width: float = 0.4
    orientation_dpi: int = 200
    upright_confidence: float = 60.0
    orientation_timeout_s: int = 30


@dataclass(frozen=True)
class GridSettings:
    """Ruling lines and table cells on a page image."""

    # Strokes at least this long are rules (letters never are); gaps this short within one are closed.
    min_rule_pt: float = 14.0
    bridge_pt: float = 2.2
    # A rule's mean thickness is at most this (a doubled rule included); blurred bold print is thicker.
    max_rule_thickness_pt: float = 3.0
    # Along a rule, the band this wide on at least one side holds at most this share of ink (cell padding);
    # the letters of print run together by blur fill both sides.
    rule_side_pt: float = 1.2
    rule_side_ink: float = 0.3
    # A rule's mean grey lies at most this share of the way from the print's grey to white (a faded rule
    # included); toner streaks are paler.
    max_rule_paleness: float = 0.6
    # Collinear pieces of a rule with gaps up to this are one rule (faint toner breaks rules).
    broken_rule_gap_pt: float = 8.0
    # Rules closer than this are one edge (doubled rules, a rule's two sides).
    edge_tolerance_pt: float = 3.0
    min_vertical_pt: float = 10.0
    # A fraction bar's band of solid ink is at most this tall; a blurred word's letters merge into a taller one.
    max_bar_band_pt: float = 3.0
    bar_band_ink: float = 0.6
    min_table_width_pt: float = 100.0
    min_table_height_pt: float = 20.0
    # A rule bounds a slot when it covers this share of the slot's side; otherwise the slots are one cell.
    rule_cover: float = 0.5


@dataclass(frozen=True)
class StripSettings:
    """The stacked image of a page's regions that Tesseract reads in one call."""

    cell_inset_pt: float = 2.0
    pad_px: int = 6
    # Ink blobs smaller than this side squared are specks; a region with less ink than this area is empty.
    speck_pt: float = 0.9
    min_ink_pt2: float = 4.0
    # Vertical space between strips: enough for Tesseract to see separate lines.
    gap_pt: float = 10.0
    # A row-number cell holding one line (up to this tall) goes beside the cell on its right, this far off.
    one_line_pt: float = 16.0
    beside_gap_pt: float = 24.0
    # Height around a fraction bar where the multiplier beside it ("x 100%") is looked for.
    multiplier_reach_pt: float = 7.0


@dataclass(frozen=True)
class OcrSettings:
    """Recognition: Tesseract call, word filtering and confidence."""

    tesseract_config: str = "--psm 6 --oem 1"
    tesseract_timeout_s: int = 180
    min_word_confidence: int = 10
    # A table's first column this narrow holds row numbers; a repaired misreading keeps this share of its confidence.
    row_number_column_pt: float = 45.0
    repair_confidence: float = 0.8
    # A thin '1' or 'l' this close to the x of a clean ':' on another line is that column's colon.
    colon_align_pt: float = 1.5
    colon_width_pt: float = 2.5


PREP = PrepSettings()
GRID = GridSettings()
STRIPS = StripSettings()
OCR = OcrSettings()
