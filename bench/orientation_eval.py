"""Whether `extract.page_prep.sideways` tells sideways scanned pages, against Tesseract's own orientation detection.

    .venv/bin/python bench/orientation_eval.py DIR [DIR ...] [--jobs 2]

Every page of every scanned PDF under each DIR (a family folder's `scan/` or any folder of image-only PDFs)
is taken at the resolution it was scanned at, prepared as the reader prepares it up to the turn (coloured
ink faded, scaled to the reader's dpi), and judged by `sideways`; `tesseract --psm 0` (OSD) labels it:
sideways when it finds a turn of 90 or 270 degrees. Pages OSD cannot read (blank ones) stay unlabelled.
Prints the counts of agreement and every disagreement with OSD's confidence (OSD is wrong on some
nearly blank pages, so a disagreement is a page to look at, not an error by itself).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from extract.options import ReaderOptions  # noqa: E402
from extract.page_prep import readable, sideways  # noqa: E402


def _osd(image: Path, dpi: int) -> tuple[bool | None, float]:
    """OSD's verdict (sideways or not, None when it read nothing) and its confidence."""
    done = subprocess.run(["tesseract", str(image), "-", "--psm", "0", "--dpi", str(dpi)], capture_output=True,
                          text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
    turn = confidence = None
    for line in done.stdout.splitlines():
        if line.startswith("Orientation in degrees"):
            turn = int(line.split(":")[1])
        elif line.startswith("Orientation confidence"):
            confidence = float(line.split(":")[1])
    return (None if turn is None else turn in (90, 270)), confidence or 0.0


def _scan_dpi(page: pdfium.PdfPage) -> int:
    """The resolution the page was scanned at, from its one image's pixels over the page's width."""
    image = next(o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
    width = image.get_px_size()[0]
    left, _, right, _ = image.get_bounds()
    return int(round(width / ((right - left) / 72)))


def judge(pdf_path: Path) -> list[tuple[str, bool, bool | None, float]]:
    """(page, sideways by us, sideways by OSD, OSD's confidence) for every page of the scan."""
    read = ReaderOptions()
    out = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for number, page in enumerate(pdf, 1):
                dpi = _scan_dpi(page)
                rgb = np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB")).copy()
                image = Path(tmp) / "page.png"
                cv2.imwrite(str(image), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
                prepared = readable(rgb, dpi, read.dpi, read.max_image_pixels)
                osd, confidence = _osd(image, dpi)
                out.append((f"{pdf_path.name} p{number}", sideways(prepared.grey, prepared.dpi), osd, confidence))
    finally:
        pdf.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = sorted(f for d in args.dirs for f in d.rglob("*.pdf"))
    with ProcessPoolExecutor(args.jobs) as pool:
        pages = [p for found in pool.map(judge, files) for p in found]
    labelled = [p for p in pages if p[2] is not None]
    agree = sum(ours == osd for _, ours, osd, _ in labelled)
    print(f"{len(pages)} pages, {len(labelled)} labelled by OSD ({sum(bool(p[2]) for p in labelled)} sideways): "
          f"{agree} agree, {len(labelled) - agree} disagree")
    for name, ours, osd, confidence in labelled:
        if ours != osd:
            print(f"  {name}: sideways {ours}, OSD {osd} (confidence {confidence:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
