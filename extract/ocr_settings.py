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
    # The page must cover this share of the picture; above the upper bound the picture is the page (a scan).
    page_area_share: tuple[float, float] = (0.2, 0.94)
    # Corners of the page outline are simplified within this share of its perimeter.
    outline_epsilon: float = 0.02
    # A warped photo page is read as an A4 sheet of this width in inches (portrait) or height (landscape).
    a4_short_side_in: float = 8.27
    # Background (paper and shadow) estimated by closing with a square this many points wide on a reduced copy.
    background_window_pt: float = 14.0
    background_scale: float = 0.25
    # Pixels whose colour spread (max - min channel) exceeds this are coloured ink (stamps, signatures, pen).
    colour_spread: int = 60
    # A page is sideways when its column profile is this many times more contrasted than its row profile.
    sideways_ratio: float = 1.15
    # A sideways page's turn is tested on its densest band of text this tall; a reading this confident settles it.
    orientation_band_pt: float = 36.0
    upright_confidence: float = 70.0
    orientation_timeout_s: int = 30


@dataclass(frozen=True)
class OcrSettings:
    """Recognition: Tesseract call, word filtering and confidence."""

    tesseract_config: str = "--psm 6 --oem 1"
    tesseract_timeout_s: int = 180
    min_word_confidence: int = 10


PREP = PrepSettings()
OCR = OcrSettings()
