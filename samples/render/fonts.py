"""Fonts clerks type decrees in, and the Debian files that draw them.

DOCX and HTML name the Word font (Times New Roman, Arial, Calibri, Cambria) the way
real files do; LibreOffice and Chromium resolve those names through fontconfig to
the metric-compatible Liberation, Carlito and Caladea faces. reportlab has no
font matching, so it embeds the same files directly.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

TRUETYPE = Path("/usr/share/fonts/truetype")


class Font(Enum):
    TIMES = "Times New Roman"
    ARIAL = "Arial"
    CALIBRI = "Calibri"
    CAMBRIA = "Cambria"
    DEJAVU_SANS = "DejaVu Sans"
    DEJAVU_SERIF = "DejaVu Serif"

    @property
    def files(self) -> tuple[Path, Path]:
        """(regular, bold) TrueType files with the same metrics as the named font."""
        regular, bold = _FILES[self]
        return TRUETYPE / regular, TRUETYPE / bold

    @property
    def css(self) -> str:
        generic = "sans-serif" if self in (Font.ARIAL, Font.CALIBRI, Font.DEJAVU_SANS) else "serif"
        return f"'{self.value}', {generic}"


_FILES = {
    Font.TIMES: ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    Font.ARIAL: ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    Font.CALIBRI: ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    Font.CAMBRIA: ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf"),
    Font.DEJAVU_SANS: ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    Font.DEJAVU_SERIF: ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
}
