"""Every number the layout family draws from, in one place.

Ranges are what kecamatan offices actually produce: Word's default margins and
sizes, the papers Indonesian offices buy (A4 and F4 "folio"), the scanners' and
phones' usual settings. Changing one here changes the whole family.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperSettings:
    """Page geometry in millimetres."""

    a4: tuple[float, float] = (210.0, 297.0)
    f4: tuple[float, float] = (215.0, 330.0)
    margin_mm: tuple[float, float] = (15.0, 30.0)
    font_pt: tuple[int, int] = (10, 12)


@dataclass(frozen=True)
class TableSettings:
    """How often a table takes each optional shape (probabilities)."""

    no_column: float = 0.7
    number_row: float = 0.35
    two_row_header: float = 0.3
    extra_column: float = 0.35
    drop_formula: float = 0.15
    drop_target: float = 0.15
    combined_cell: float = 0.35
    repeat_header: float = 0.6
    rows_can_split: float = 0.5
    position_on_new_page: float = 0.4


@dataclass(frozen=True)
class ScanSettings:
    """Print-and-scan simulation: office flatbeds and photocopiers."""

    dpi: tuple[int, ...] = (150, 200, 300)
    dpi_weights: tuple[float, ...] = (0.4, 0.4, 0.2)
    jpeg_quality: tuple[int, int] = (60, 80)
    max_rotation_deg: float = 2.0
    blur_sigma: tuple[float, float] = (0.6, 1.2)
    speckle_rate: tuple[float, float] = (0.0002, 0.0012)
    stamp_radius_mm: tuple[float, float] = (17.0, 22.0)


@dataclass(frozen=True)
class PhotoSettings:
    """A phone photo of one lampiran page lying on a desk."""

    long_side_px: tuple[int, int] = (1700, 2400)
    page_fill: tuple[float, float] = (0.72, 0.88)
    corner_jitter: float = 0.05
    jpeg_quality: tuple[int, int] = (70, 90)
    curvature_px: tuple[float, float] = (3.0, 14.0)
    render_dpi: int = 200


@dataclass(frozen=True)
class RenderSettings:
    paper: PaperSettings = PaperSettings()
    table: TableSettings = TableSettings()
    scan: ScanSettings = ScanSettings()
    photo: PhotoSettings = PhotoSettings()
    tool_timeout_s: float = 300.0


SETTINGS = RenderSettings()
