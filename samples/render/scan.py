"""Turns a text PDF into what an office scanner produces: skewed, blurred, noisy JPEG pages.

Everything random is drawn from a generator seeded by the document's name, so
re-running the generator rewrites identical files.
"""
from __future__ import annotations

import hashlib
import io
import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

SCAN_DPI = 200
FIXED_DATE = time.gmtime(1_704_067_200)
JPEG_QUALITY = 30


def rng_for(name: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big"))


def degrade(page: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Skew up to 1.5 degrees, slight blur, paper tint, speckles and sensor noise on a grey page."""
    h, w = page.shape
    angle = float(rng.uniform(-1.5, 1.5))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[:, 2] += rng.uniform(-12, 12, size=2)
    img = cv2.warpAffine(page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    img = cv2.GaussianBlur(img, (3, 3), float(rng.uniform(0.5, 0.9))).astype(np.float32)
    img = img * 0.9 + 18
    img += rng.normal(0, 3, size=img.shape).astype(np.float32)
    specks = rng.random(img.shape) < 0.0004
    img[specks] = rng.uniform(40, 120, size=int(specks.sum()))
    return np.clip(img, 0, 255).astype(np.uint8)


def scanned_pages(pdf_path: Path, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Each page of the PDF rendered in grey, degraded and passed through JPEG compression."""
    rng = rng_for(pdf_path.stem)
    pages = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in pdf:
            grey = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            img = Image.fromarray(degrade(np.asarray(grey), rng))
            buffer = io.BytesIO()
            img.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
            pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    finally:
        pdf.close()
    return pages


def write_scan_pdf(pages: list[Image.Image], path: Path, dpi: int = SCAN_DPI) -> None:
    """An image-only PDF: one JPEG per page at the scan's resolution, no text layer."""
    first, *rest = pages
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=JPEG_QUALITY, optimize=True,
               creationDate=FIXED_DATE, modDate=FIXED_DATE, producer="", creator="")


def write_tiff(pages: list[Image.Image], path: Path, dpi: int = SCAN_DPI) -> None:
    """A multi-page TIFF as fax-era scanners and document archives keep them."""
    first, *rest = [Image.fromarray(np.asarray(page)) for page in pages]
    first.save(path, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi), compression="jpeg",
               quality=JPEG_QUALITY)
