"""One lampiran page photographed with a phone on a desk: a warped quadrilateral in a larger picture.

The page bends slightly (paper lying on a desk is never flat), is seen in
perspective, lit unevenly with a shadow falling across it, and the picture is
compressed as phones save JPEG.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from samples.render.paper_scan import pixel_rng, rasterise
from samples.render.photo_page import PhotoPage
from samples.render.settings import SETTINGS, PhotoSettings


class Surface(Enum):
    WOOD = "wood"
    GREY_DESK = "grey-desk"
    CLOTH = "cloth"


@dataclass(frozen=True)
class PhotoChoices:
    renderer: str
    page: PhotoPage
    surface: Surface
    long_side_px: int
    page_fill: float
    rotation_deg: float
    corners: tuple[float, ...]
    curvature_px: float
    shadow_angle_deg: float
    shadow_strength: float
    blur_sigma: float
    jpeg_quality: int


def draw_photo_choices(rng: random.Random, renderer: str, page: PhotoPage,
                       s: PhotoSettings = SETTINGS.photo) -> PhotoChoices:
    return PhotoChoices(
        renderer=renderer, page=page, surface=rng.choice(list(Surface)),
        long_side_px=rng.randint(*s.long_side_px), page_fill=round(rng.uniform(*s.page_fill), 3),
        rotation_deg=round(rng.uniform(-6, 6), 2),
        corners=tuple(round(rng.uniform(-s.corner_jitter, s.corner_jitter), 4) for _ in range(8)),
        curvature_px=round(rng.uniform(*s.curvature_px), 1), shadow_angle_deg=round(rng.uniform(0, 360), 1),
        shadow_strength=round(rng.uniform(0.2, 0.5), 2), blur_sigma=round(rng.uniform(0.4, 1.2), 2),
        jpeg_quality=rng.randint(*s.jpeg_quality))


def surface(shape: tuple[int, int], kind: Surface, rng: np.random.Generator) -> np.ndarray:
    h, w = shape
    base = {Surface.WOOD: (150, 105, 70), Surface.GREY_DESK: (120, 122, 125), Surface.CLOTH: (60, 75, 110)}[kind]
    img = np.ones((h, w, 3), np.float32) * np.asarray(base, np.float32)
    if kind is Surface.WOOD:
        y = np.arange(h, dtype=np.float32)[:, None]
        x = np.arange(w, dtype=np.float32)[None, :]
        grain = np.sin(y / rng.uniform(6, 14) + 3 * np.sin(x / rng.uniform(150, 300))) * 12
        img += grain[..., None]
    noise = cv2.GaussianBlur(rng.normal(0, 12, (h, w)).astype(np.float32), (0, 0), 2 if kind is Surface.CLOTH else 6)
    return img + noise[..., None]


def bend(page: np.ndarray, curvature_px: float) -> np.ndarray:
    """The page's middle lifted a little, so straight rules come out slightly bowed."""
    h, w = page.shape[:2]
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    map_y = ys + curvature_px * np.sin(np.pi * xs / w) * (ys / h - 0.5) * 2
    map_x = xs + curvature_px * 0.4 * np.sin(np.pi * ys / h)
    return cv2.remap(page, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))


def _quad(page_shape: tuple[int, int], canvas: tuple[int, int], c: PhotoChoices,
          rng: np.random.Generator) -> np.ndarray:
    ph, pw = page_shape
    h, w = canvas
    scale = c.page_fill * min(w / pw, h / ph)
    cx, cy = w / 2 + rng.uniform(-0.04, 0.04) * w, h / 2 + rng.uniform(-0.04, 0.04) * h
    corners = np.array([[-pw, -ph], [pw, -ph], [pw, ph], [-pw, ph]], np.float32) * scale / 2
    a = np.radians(c.rotation_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    corners = corners @ rot.T + (cx, cy)
    corners += np.asarray(c.corners, np.float32).reshape(4, 2) * (pw * scale, ph * scale)
    return corners.astype(np.float32)


def photograph(page: np.ndarray, c: PhotoChoices, rng: np.random.Generator) -> np.ndarray:
    ph, pw = page.shape[:2]
    long_side = c.long_side_px
    h, w = (long_side, long_side * 3 // 4) if ph >= pw else (long_side * 3 // 4, long_side)
    page = bend(page, c.curvature_px)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    dst = _quad((ph, pw), (h, w), c, rng)
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, matrix, (w, h), flags=cv2.INTER_AREA).astype(np.float32)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), matrix, (w, h), flags=cv2.INTER_LINEAR)
    back = surface((h, w), c.surface, rng)
    drop = cv2.GaussianBlur(np.roll(mask, (int(0.01 * h), int(0.01 * w)), axis=(0, 1)), (0, 0), 0.01 * long_side)
    back *= (1 - 0.45 * drop)[..., None]
    img = warped * mask[..., None] + back * (1 - mask[..., None])
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    a = np.radians(c.shadow_angle_deg)
    ramp = ((xs - w / 2) * np.cos(a) + (ys - h / 2) * np.sin(a)) / (0.5 * np.hypot(w, h))
    light = 1 - c.shadow_strength * np.clip(ramp + 0.2, 0, 1)
    vignette = 1 - 0.18 * (((xs - w / 2) / w) ** 2 + ((ys - h / 2) / h) ** 2) * 2
    img = img * (light * vignette)[..., None] * np.asarray((1.0, 0.98, 0.93), np.float32)
    img += rng.normal(0, 3.0, img.shape).astype(np.float32)
    return cv2.GaussianBlur(np.clip(img, 0, 255).astype(np.uint8), (0, 0), c.blur_sigma)


def photo_jpeg(pdf_path: Path, out: Path, choices: PhotoChoices, key: str) -> tuple[int, int]:
    """The single page of `pdf_path` photographed into `out`; returns the picture's (width, height)."""
    rng = pixel_rng(key)
    (page,) = rasterise(pdf_path, SETTINGS.photo.render_dpi)
    img = photograph(page, choices, rng)
    Image.fromarray(img).save(out, "JPEG", quality=choices.jpeg_quality, optimize=True)
    return img.shape[1], img.shape[0]
