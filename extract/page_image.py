"""Page pictures for reviewing extracted rows against their source.

Boxes in the Layout are in PDF points from the page's top-left, for PDFs and
image decrees alike, so one conversion (points x dpi / 72) places the highlight.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from extract.errors import ExtractError, InputRefused
from extract.image_reader import image_dpi, open_image
from extract.layout import Box
from extract.pdfium_lock import PDFIUM, rendered
from extract.reader import ReaderOptions, sniff

HIGHLIGHT = (255, 200, 0, 90)
OUTLINE = (230, 120, 0, 255)


def _pdf_page(path: Path, page: int, dpi: int) -> Image.Image:
    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise ExtractError(path.name, f"cannot open PDF to show page {page} ({exc})") from exc
        try:
            if not 1 <= page <= len(pdf):
                raise ExtractError(path.name, f"has no page {page} (it has {len(pdf)})")
            sheet = pdf[page - 1]
            width, height = sheet.get_size()
            limit = ReaderOptions().max_image_pixels
            if width * height * (dpi / 72) ** 2 > limit:
                raise InputRefused(path.name, f"page {page} at {dpi} dpi would exceed {limit:,} pixels")
            return rendered(sheet, dpi / 72)
        finally:
            pdf.close()


def _image_page(path: Path, page: int, dpi: int) -> Image.Image:
    with open_image(path, ReaderOptions()) as image:
        frames = getattr(image, "n_frames", 1)
        if not 1 <= page <= frames:
            raise ExtractError(path.name, f"has no page {page} (it has {frames})")
        image.seek(page - 1)
        scale = dpi / image_dpi(image)
        frame = image.convert("RGB")
        return frame.resize((max(1, round(frame.width * scale)), max(1, round(frame.height * scale))))


def render_page(path: Path, page: int, box: Box | None = None, dpi: int = 100) -> Image.Image:
    """The source page at `dpi`, with `box` (points, page's top-left origin) shaded when given."""
    path = Path(path)
    media_type = sniff(path)
    if media_type == "application/pdf":
        picture = _pdf_page(path, page, dpi)
    elif media_type.startswith("image/"):
        picture = _image_page(path, page, dpi)
    else:
        raise ExtractError(path.name, "has no page images (a text decree)")
    if box is None:
        return picture
    scale = dpi / 72
    rect = (box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale)
    overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(rect, fill=HIGHLIGHT, outline=OUTLINE, width=2)
    return Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
