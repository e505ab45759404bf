"""A variant's PDF printed, signed, stamped and scanned or photocopied: an image-only PDF.

The signature and stamp go where the PDF's own text layer puts the signer (found
with pdfium's text search, not with our readers); a second stamp sometimes lands
on a table corner. A grey photocopy gets an uneven background, speckle, toner
streaks and faded rules; a colour scan keeps the ink colours and a paper tint.
A landscape page is sometimes fed to the scanner the portrait way, so its image
comes out turned by a quarter.
"""
from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from samples.render.ink import BLUE_INK, STAMP_INKS, multiply, place, signature_alpha, stamp_alpha
from samples.render.settings import SETTINGS, ScanSettings

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


class ScanKind(Enum):
    PHOTOCOPY = "grey-photocopy"
    COLOUR = "colour-scan"


@dataclass(frozen=True)
class ScanChoices:
    source: str
    kind: ScanKind
    dpi: int
    jpeg_quality: int
    rotation_deg: float
    blur_sigma: float
    speckle_rate: float
    streaks: int
    faded_rules: bool
    stamp_on_table: bool
    stamp_ink: tuple[int, int, int]
    tint: tuple[int, int, int]
    landscape_turn: int  # degrees a landscape page is turned when fed to a portrait scanner (0: scanned as is)


def draw_scan_choices(rng: random.Random, sources: tuple[str, ...], s: ScanSettings = SETTINGS.scan) -> ScanChoices:
    kind = rng.choice(list(ScanKind))
    return ScanChoices(
        source=rng.choice(sources), kind=kind, dpi=rng.choices(s.dpi, weights=s.dpi_weights)[0],
        jpeg_quality=rng.randint(*s.jpeg_quality), rotation_deg=round(rng.uniform(-1, 1) * s.max_rotation_deg, 2),
        blur_sigma=round(rng.uniform(*s.blur_sigma), 2), speckle_rate=round(rng.uniform(*s.speckle_rate), 5),
        streaks=rng.randint(1, 4) if kind is ScanKind.PHOTOCOPY else 0, faded_rules=rng.random() < 0.5,
        stamp_on_table=rng.random() < 0.4, stamp_ink=rng.choice(STAMP_INKS),
        tint=(rng.randint(244, 255), rng.randint(240, 252), rng.randint(228, 245)),
        landscape_turn=rng.choice((0, 0, 90, 270)))


def pixel_rng(key: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


@dataclass(frozen=True)
class Signer:
    """Where the signing block is on a page, in pixels: the office line above, the name line below."""

    office: tuple[float, float, float, float]
    name: tuple[float, float, float, float]


Box = tuple[float, float, float, float]


def _find_all(textpage, text: str) -> list[Box]:
    """Boxes (left, bottom, right, top in PDF points) of every occurrence of `text` on a page."""
    searcher = textpage.search(text, match_case=True)
    boxes = []
    while hit := searcher.get_next():
        first, last = textpage.get_charbox(hit[0]), textpage.get_charbox(hit[0] + hit[1] - 1)
        boxes.append((first[0], min(first[1], last[1]), last[2], max(first[3], last[3])))
    return boxes


def _signing_pair(offices: list[Box], names: list[Box]) -> tuple[Box, Box] | None:
    """The office line nearest above a name line: the title block's "CAMAT X," is not the signing one."""
    pairs = [(o[1] - n[3], o, n) for n in names for o in offices if o[1] >= n[3]]
    return min(pairs)[1:] if pairs else None


def signers(pdf_path: Path, office: str, name: str | None, dpi: int) -> dict[int, Signer]:
    """Pages holding "CAMAT X," followed below by the signer's name (or NIP line) and where both are."""
    scale = dpi / POINTS_PER_INCH
    found: dict[int, Signer] = {}
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for index, page in enumerate(pdf):
            height = page.get_size()[1]
            textpage = page.get_textpage()
            pair = _signing_pair(_find_all(textpage, office), _find_all(textpage, name or "NIP."))
            if pair:
                (ox0, oy0, ox1, oy1), (nx0, ny0, nx1, ny1) = pair
                found[index] = Signer((ox0 * scale, (height - oy1) * scale, ox1 * scale, (height - oy0) * scale),
                                      (nx0 * scale, (height - ny1) * scale, nx1 * scale, (height - ny0) * scale))
    finally:
        pdf.close()
    return found


def rasterise(pdf_path: Path, dpi: int) -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [np.asarray(page.render(scale=dpi / POINTS_PER_INCH).to_pil().convert("RGB")) for page in pdf]
    finally:
        pdf.close()


def table_corner(grey: np.ndarray) -> tuple[int, int] | None:
    """Top-left end of the longest-reaching horizontal rule near the top of the page (a table's corner)."""
    ink = (grey < 140).astype(np.uint8)
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (grey.shape[1] // 6, 1)))
    ys, xs = np.nonzero(lines)
    if not len(ys):
        return None
    top = ys.min()
    return int(xs[ys < top + 3].min()), int(top)


def sign_and_stamp(page: np.ndarray, signer: Signer | None, corner: tuple[int, int] | None, choices: ScanChoices,
                   texts: tuple[str, str, str], rng: np.random.Generator) -> np.ndarray:
    px_mm = choices.dpi / MM_PER_INCH
    radius = round(rng.uniform(*SETTINGS.scan.stamp_radius_mm) * px_mm)
    shape = page.shape[:2]
    if signer:
        ox0, oy0, ox1, oy1 = signer.office
        nx0, ny0, nx1, ny1 = signer.name
        box = (int(nx0), int(oy1 - (oy1 - oy0) * 0.4), int(nx0 + 45 * px_mm), int(ny0 + (ny1 - ny0) * 0.6))
        page = multiply(page, BLUE_INK, signature_alpha(shape, box, rng, px_mm))
        centre = (int(nx0 - radius * rng.uniform(0.1, 0.5)), int((oy0 + ny1) / 2 + rng.uniform(-0.2, 0.2) * radius))
        page = multiply(page, choices.stamp_ink, place(stamp_alpha(radius, *texts, rng), shape, centre))
    if corner:
        centre = (corner[0] + int(rng.uniform(-0.3, 0.6) * radius), corner[1] + int(rng.uniform(-0.3, 0.6) * radius))
        page = multiply(page, choices.stamp_ink, place(stamp_alpha(radius, *texts, rng), shape, centre))
    return page


def _low_frequency(shape: tuple[int, int], rng: np.random.Generator, cells: int = 6) -> np.ndarray:
    coarse = rng.uniform(-1, 1, (cells, cells)).astype(np.float32)
    return cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def photocopy(page: np.ndarray, choices: ScanChoices, rng: np.random.Generator) -> np.ndarray:
    """Grey, darker ink, a blotchy background, toner streaks and specks."""
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY).astype(np.float32)
    grey = 255.0 * (grey / 255.0) ** rng.uniform(1.2, 1.6)
    grey = grey * rng.uniform(0.86, 0.94) + _low_frequency(grey.shape, rng) * rng.uniform(6, 18) + 6
    h, w = grey.shape
    for _ in range(choices.streaks):
        x = int(rng.uniform(0, w))
        width = int(rng.uniform(2, 8) * choices.dpi / 200)
        grey[:, x:x + width] -= rng.uniform(15, 45) * (0.6 + 0.4 * _low_frequency((h, 1), rng, 8)[:, :1])
    return grey


def colour_scan(page: np.ndarray, choices: ScanChoices, rng: np.random.Generator) -> np.ndarray:
    tinted = page.astype(np.float32) * (np.asarray(choices.tint, np.float32) / 255.0)
    return tinted + _low_frequency(page.shape[:2], rng)[..., None] * rng.uniform(2, 6)


def fade_patches(page: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Patches where the toner or ink came out light: rules break there and letters go faint."""
    fade = (_low_frequency(page.shape[:2], rng, 40) > 0.7).astype(np.float32)[..., None]
    return (page + (255.0 - page) * fade * rng.uniform(0.3, 0.55)).astype(np.uint8)


def wear(img: np.ndarray, choices: ScanChoices, rng: np.random.Generator) -> np.ndarray:
    """Specks, sensor noise, skew and blur."""
    h, w = img.shape[:2]
    specks = rng.random((h, w)) < choices.speckle_rate
    dark = rng.uniform(20, 110, int(specks.sum())).astype(np.float32)
    img[specks] = dark[:, None] if img.ndim == 3 else dark
    img = img + rng.normal(0, 1.5, img.shape).astype(np.float32)
    angle = float(np.clip(choices.rotation_deg + rng.uniform(-0.3, 0.3), -SETTINGS.scan.max_rotation_deg,
                          SETTINGS.scan.max_rotation_deg))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[:, 2] += rng.uniform(-0.004, 0.004, 2) * (w, h)
    border = (250, 250, 250) if img.ndim == 3 else 250
    img = cv2.warpAffine(np.clip(img, 0, 255).astype(np.uint8), matrix, (w, h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    return cv2.GaussianBlur(img, (0, 0), choices.blur_sigma)


def write_image_pdf(pages: list[np.ndarray], path: Path, dpi: int, quality: int) -> None:
    """Pages as JPEG images in a PDF with no text layer, as a scanner writes them."""
    images = []
    for page in pages:
        buffer = io.BytesIO()
        Image.fromarray(page).save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    first, *rest = images
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality, producer="",
               creator="", title="")


def scan_pdf(pdf_path: Path, out: Path, choices: ScanChoices, *, office: str, name: str | None,
             stamp_texts: tuple[str, str, str], key: str) -> int:
    rng = pixel_rng(key)
    found = signers(pdf_path, office, name, choices.dpi)
    pages = rasterise(pdf_path, choices.dpi)
    table_page = int(rng.integers(1, len(pages))) if choices.stamp_on_table and len(pages) > 1 else None
    out_pages = []
    for i, page in enumerate(pages):
        corner = table_corner(cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)) if i == table_page else None
        page = sign_and_stamp(page, found.get(i), corner, choices, stamp_texts, rng)
        if choices.faded_rules:
            page = fade_patches(page, rng)
        if choices.landscape_turn and page.shape[1] > page.shape[0]:
            page = np.ascontiguousarray(np.rot90(page, choices.landscape_turn // 90))
        img = photocopy(page, choices, rng) if choices.kind is ScanKind.PHOTOCOPY else colour_scan(page, choices, rng)
        out_pages.append(wear(img, choices, rng))
    write_image_pdf(out_pages, out, choices.dpi, choices.jpeg_quality)
    return len(out_pages)
