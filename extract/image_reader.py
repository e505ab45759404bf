"""Reader for decrees delivered as page images: PNG, JPEG, TIFF (each frame of a TIFF is a page).

Pillow's decompression-bomb guard is set to options.max_image_pixels and its
warning band is treated as refusal too, so an oversized image is refused before
its pixels are decoded.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extract.errors import ExtractError, InputRefused
from extract.layout import Layout
from extract.ocr import ocr_image
from extract.pdf_blocks import PageContent, to_layout

if TYPE_CHECKING:
    from extract.reader import ReaderOptions

A4_WIDTH_INCHES = 8.27
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff", "MPO": "image/jpeg"}


def image_dpi(image: Image.Image) -> int:
    """The resolution recorded in the file, else the one that makes the page A4 wide (scanners' default)."""
    dpi = image.info.get("dpi")
    if dpi and float(dpi[0]) >= 50:
        return int(round(float(dpi[0])))
    return max(int(round(image.width / A4_WIDTH_INCHES)), 50)


def open_image(path: Path, options: ReaderOptions) -> Image.Image:
    """The image opened lazily, refused when its pixel count exceeds the limit (decompression bombs)."""
    Image.MAX_IMAGE_PIXELS = options.max_image_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputRefused(path.name, f"image is too large to decode safely ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise ExtractError(path.name, "not a readable image (corrupt or unsupported format)") from exc
    except OSError as exc:
        raise ExtractError(path.name, f"cannot read image ({exc})") from exc
    if image.width * image.height > options.max_image_pixels:
        raise InputRefused(path.name, f"image is {image.width}x{image.height} pixels, over the limit of "
                                      f"{options.max_image_pixels:,}")
    return image


def read_image(path: Path, options: ReaderOptions) -> Layout:
    """OCR every page (frame) of an image decree into one Layout."""
    image = open_image(path, options)
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > options.max_pages:
            raise InputRefused(path.name, f"image has {frames} pages, over the limit of {options.max_pages}")
        media_type = MEDIA_TYPES.get(image.format or "", "image/" + (image.format or "unknown").lower())
        contents: list[PageContent] = []
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                if frame.width * frame.height > options.max_image_pixels:
                    raise InputRefused(path.name, f"page {number} is {frame.width}x{frame.height} pixels, over "
                                                  f"the limit of {options.max_image_pixels:,}")
                pixels = np.asarray(ImageOps.exif_transpose(frame).convert("RGB"))
                contents.append(ocr_image(pixels, number, image_dpi(frame), options, path.name))
        except (OSError, SyntaxError, ValueError) as exc:
            raise ExtractError(path.name, f"image data is damaged or truncated ({exc})") from exc
    return to_layout(contents, path.name, media_type, "ocr")
