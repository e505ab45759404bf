"""Benchmark: the whole pipeline on scans and phone photos against the bare `tesseract` command, per resolution.

    .venv/bin/python bench/ocr_bench.py [FILE ...] [--dpi 300] [--lang ind+eng]

Files are image-only PDFs and page images (default: the committed family's scans and photos,
samples/family/scan/*.pdf and samples/family/photo/*.jpg). For each file the page images the
pipeline reads are written out (a PDF page rendered at the reader's dpi, an image file as it is),
`tesseract page out -l LANG` is timed on each, then the pipeline (read_layout + normalize_layout)
on the same file, one right after the other so both meet the same load on a shared machine. Rows
are grouped by the resolution the page was scanned at (from the PDF's embedded image) or, for
photos, "photo". Both sides run Tesseract single-threaded (OMP_THREAD_LIMIT=1). The bar is a
ratio of at most 1.3 (1.25 at 300 dpi).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.reader import ReaderOptions, read_layout  # noqa: E402
from normalize.document import normalize_layout  # noqa: E402

TARGET_RATIO = 1.3
TARGET_RATIO_300 = 1.25


@dataclass
class Timing:
    files: int = 0
    pages: int = 0
    cli: float = 0.0
    pipeline: float = 0.0

    def add(self, pages: int, cli: float, pipeline: float) -> None:
        self.files, self.pages = self.files + 1, self.pages + pages
        self.cli, self.pipeline = self.cli + cli, self.pipeline + pipeline

    @property
    def ratio(self) -> float:
        return self.pipeline / self.cli if self.cli else float("nan")


def scan_dpi(pdf_path: Path) -> str:
    """The resolution the first page was scanned at, from its embedded image's width in pixels and points."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        images = page.images
        if not images:
            return "text"
        pixels = images[0]["srcsize"][0]
        return f"{round(pixels / (float(images[0]['x1'] - images[0]['x0']) / 72) / 50) * 50} dpi"


def page_images(path: Path, dpi: int, folder: Path) -> tuple[str, list[Path]]:
    """The resolution class and the page images the pipeline reads from `path`."""
    if path.suffix.lower() != ".pdf":
        return "photo", [path]
    pdf = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index, page in enumerate(pdf):
            target = folder / f"{path.stem}-{index + 1:03d}.png"
            page.render(scale=dpi / 72).to_pil().convert("RGB").save(target)
            pages.append(target)
    finally:
        pdf.close()
    return scan_dpi(path), pages


def time_cli(pages: list[Path], lang: str, folder: Path) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    for page in pages:
        subprocess.run(["tesseract", str(page), str(folder / page.stem), "-l", lang], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_pipeline(path: Path, options: ReaderOptions) -> float:
    start = time.perf_counter()
    normalize_layout(read_layout(path, options))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=ReaderOptions().dpi)
    parser.add_argument("--lang", default=ReaderOptions().ocr_lang)
    args = parser.parse_args()
    family = ROOT / "samples" / "family"
    files = args.files or [*sorted((family / "scan").glob("*.pdf")), *sorted((family / "photo").glob("*.jpg"))]
    options = ReaderOptions(dpi=args.dpi, ocr_lang=args.lang)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    print(f"pipeline = read_layout + normalize_layout at {args.dpi} dpi; tesseract CLI -l {args.lang} on the same "
          f"page images; OMP_THREAD_LIMIT=1")
    print(f"{'document':<32}{'scanned at':>11}{'pages':>6}{'cli s/page':>12}{'pipeline s/page':>17}{'ratio':>7}")
    groups: dict[str, Timing] = defaultdict(Timing)
    total = Timing()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in files:
            kind, pages = page_images(path, args.dpi, folder)
            cli = time_cli(pages, args.lang, folder)
            pipe = time_pipeline(path, options)
            n = len(pages)
            groups[kind].add(n, cli, pipe)
            total.add(n, cli, pipe)
            print(f"{path.stem:<32}{kind:>11}{n:>6}{cli / n:>12.2f}{pipe / n:>17.2f}{pipe / cli:>7.2f}", flush=True)
    print(f"\n{'resolution':<14}{'files':>6}{'pages':>6}{'cli s/page':>12}{'pipeline s/page':>17}{'ratio':>7}")
    for kind, t in sorted(groups.items()):
        print(f"{kind:<14}{t.files:>6}{t.pages:>6}{t.cli / t.pages:>12.2f}{t.pipeline / t.pages:>17.2f}{t.ratio:>7.2f}")
    print(f"{'all':<14}{total.files:>6}{total.pages:>6}{total.cli / total.pages:>12.2f}"
          f"{total.pipeline / total.pages:>17.2f}{total.ratio:>7.2f}")
    at_300 = groups.get("300 dpi")
    print(f"ratio {total.ratio:.2f} ({'within' if total.ratio <= TARGET_RATIO else 'over'} the bar of {TARGET_RATIO})"
          + (f"; at 300 dpi {at_300.ratio:.2f} ({'within' if at_300.ratio <= TARGET_RATIO_300 else 'over'} "
             f"{TARGET_RATIO_300})" if at_300 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
