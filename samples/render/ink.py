"""What a pen and a rubber stamp add to a signed page: a blue signature and a round office stamp.

Both are drawn on their own layer and multiplied onto the page, as ink darkens
paper without hiding the print below it; the stamp's ink is uneven, as a rubber
stamp pressed by hand leaves it.
"""
from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.render.fonts import Font

BLUE_INK = (25, 45, 150)
STAMP_INKS = ((40, 60, 170), (105, 40, 140))


def multiply(page: np.ndarray, colour: tuple[int, int, int], alpha: np.ndarray) -> np.ndarray:
    """Ink of `colour` laid over an RGB page where `alpha` (0..1, page-sized) says how much ink there is."""
    ink = np.asarray(colour, dtype=np.float32) / 255.0
    a = alpha[..., None].astype(np.float32)
    out = page.astype(np.float32) * (1.0 - a * (1.0 - ink))
    return np.clip(out, 0, 255).astype(np.uint8)


def signature_alpha(shape: tuple[int, int], box: tuple[int, int, int, int], rng: np.random.Generator,
                    px_per_mm: float) -> np.ndarray:
    """A looping cursive stroke across `box` (x0, y0, x1, y1 in pixels), ending in a flourish through the text."""
    h, w = shape
    layer = np.zeros((h, w), np.uint8)
    x0, y0, x1, y1 = box
    n = 400
    t = np.linspace(0.0, 1.0, n)
    loops = rng.uniform(4, 8)
    radius = (y1 - y0) * rng.uniform(0.18, 0.3)
    xs = x0 + t * (x1 - x0) + radius * np.cos(2 * math.pi * loops * t + rng.uniform(0, 6))
    ys = (y0 + y1) / 2 + (y1 - y0) * 0.25 * np.sin(2 * math.pi * rng.uniform(0.5, 1.5) * t) \
        + radius * np.sin(2 * math.pi * loops * t)
    thickness = max(1, round(px_per_mm * rng.uniform(0.35, 0.6)))
    pts = np.stack([xs, ys], axis=1).astype(np.int32)
    cv2.polylines(layer, [pts], False, 255, thickness, cv2.LINE_AA)
    flourish = np.array([[x0 - (x1 - x0) * 0.1, y1 + (y1 - y0) * 0.15], [(x0 + x1) / 2, y1 - (y1 - y0) * 0.05],
                         [x1 + (x1 - x0) * 0.15, y0 + (y1 - y0) * 0.3]], np.int32)
    cv2.polylines(layer, [flourish], False, 255, thickness, cv2.LINE_AA)
    return layer.astype(np.float32) / 255.0 * rng.uniform(0.75, 0.95)


def _arc_text(draw_on: Image.Image, text: str, centre: float, radius: float, font: ImageFont.FreeTypeFont,
              start_deg: float, span_deg: float, upright_bottom: bool) -> None:
    step = span_deg / max(len(text) - 1, 1)
    for i, ch in enumerate(text):
        angle = start_deg + i * step if not upright_bottom else start_deg - i * step
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, fill=255, font=font, anchor="mm")
        rotation = -(angle + 90) if not upright_bottom else -(angle - 90)
        glyph = glyph.rotate(rotation, resample=Image.BICUBIC)
        x = centre + radius * math.cos(math.radians(angle)) - glyph.width / 2
        y = centre + radius * math.sin(math.radians(angle)) - glyph.height / 2
        draw_on.paste(255, (round(x), round(y)), glyph)


def stamp_alpha(radius_px: int, top_text: str, bottom_text: str, centre_text: str,
                rng: np.random.Generator) -> np.ndarray:
    """A round office stamp (double ring, text around, title in the middle) as an ink amount, square array."""
    size = radius_px * 2 + 8
    c = size / 2
    layer = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(layer)
    ring = max(2, radius_px // 28)
    draw.ellipse((c - radius_px, c - radius_px, c + radius_px, c + radius_px), outline=255, width=ring)
    inner = radius_px * 0.68
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(1, ring // 2))
    font_file = str(Font.DEJAVU_SANS.files[1])
    mid = (radius_px + inner) / 2
    longest = max(len(top_text), len(bottom_text), 1)
    arc_font = ImageFont.truetype(font_file, max(8, round(min(radius_px * 0.17, 1.6 * mid * 2.2 / longest))))
    _arc_text(layer, top_text, c, mid, arc_font, 200, 140, upright_bottom=False)
    _arc_text(layer, bottom_text, c, mid, arc_font, 150, 120, upright_bottom=True)
    draw.text((c, c), centre_text, fill=255, font=ImageFont.truetype(font_file, max(8, round(radius_px * 0.22))),
              anchor="mm")
    alpha = np.asarray(layer.rotate(float(rng.uniform(-40, 40)), resample=Image.BICUBIC), np.float32) / 255.0
    coarse = cv2.resize(rng.uniform(0.35, 1.0, (12, 12)).astype(np.float32), (size, size),
                        interpolation=cv2.INTER_CUBIC)
    return np.clip(alpha * coarse * rng.uniform(0.7, 0.9), 0, 1)


def place(alpha_small: np.ndarray, shape: tuple[int, int], centre: tuple[int, int]) -> np.ndarray:
    """A small ink layer put onto a page-sized one at `centre`, clipped at the page edges."""
    h, w = shape
    out = np.zeros((h, w), np.float32)
    sh, sw = alpha_small.shape
    x0, y0 = centre[0] - sw // 2, centre[1] - sh // 2
    ax0, ay0, ax1, ay1 = max(x0, 0), max(y0, 0), min(x0 + sw, w), min(y0 + sh, h)
    if ax0 < ax1 and ay0 < ay1:
        out[ay0:ay1, ax0:ax1] = alpha_small[ay0 - y0:ay1 - y0, ax0 - x0:ax1 - x0]
    return out
