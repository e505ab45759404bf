"""Benchmark: the whole pipeline on scans and phone photos against the bare `tesseract` command, per resolution.

    .venv/bin/python bench/ocr_bench.py [FILE ...] [--dpi 300] [--lang ind+eng]

Files are image-only PDFs and page images (default: the committed family's scans and photos,
samples/family/scan/*.pdf and samples/family/photo/*.jpg). For each file the page images the
pipeline reads are written out (a PDF page rendered at the reader's dpi, an image file as it is),
`tesseract page out -l LANG` is timed on each, then the pipeline (read_layout + normalize_layout)
on the same file, one right after the other so both meet the same load on a shared machine; the
ratio is of CPU seconds (the process and its tesseract children), the wall ratio beside it. Rows
are grouped by the resolution the page was scanned at (from the PDF's embedded image) or, for
photos, "photo". Both sides run Tesseract single-threaded (OMP_THREAD_LIMIT=1). The bar is a
ratio of at most 1.3 (1.25 at 300 dpi).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
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
    """CPU seconds (this process and its children: tesseract) of both sides, and their wall seconds."""

    files: int = 0
    pages: int = 0
    cli: float = 0.0
    pipeline: float = 0.0
    cli_wall: float = 0.0
    pipeline_wall: float = 0.0

    def add(self, pages: int, cli: tuple[float, float], pipeline: tuple[float, float]) -> None:
        self.files, self.pages = self.files + 1, self.pages + pages
        self.cli, self.pipeline = self.cli + cli[0], self.pipeline + pipeline[0]
        self.cli_wall, self.pipeline_wall = self.cli_wall + cli[1], self.pipeline_wall + pipeline[1]

    @property
    def ratio(self) -> float:
        return self.pipeline / self.cli if self.cli else float("nan")

    @property
    def wall_ratio(self) -> float:
        return self.pipeline_wall / self.cli_wall if self.cli_wall else float("nan")

    def row(self, name: str, kind: str) -> str:
        return (f"{name:<32}{kind:>11}{self.pages:>6}{self.cli / self.pages:>12.2f}{self.pipeline / self.pages:>17.2f}"
                f"{self.ratio:>7.2f}{self.wall_ratio:>7.2f}")


def measured(work: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process and its waited-for children, and wall seconds, of `work`.

    On a shared machine wall time also counts other programs' turns; CPU time does not.
    """
    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    start_cpu, start = cpu(), time.perf_counter()
    work()
    return cpu() - start_cpu, time.perf_counter() - start


def scan_dpi(pdf_path: Path) -> str:
    """The resolution the first page was scanned at, from its embedded image's width in pixels and points."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        images = page.images
        if not images:
            return "text"
        pixels = images[0]["srcsize"][0]
        return f"{round(pixels / (float(images[0]['x1'] - images[0]['x0']) / 72) / 50) * 50} dpi"


def render_pages(pdf_path: Path, dpi: int, folder: Path) -> list[Path]:
    """Each page of the PDF as the reader renders it for OCR (colour, at `dpi`), written as PNG."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for index, page in enumerate(pdf):
            path = folder / f"{pdf_path.stem}-{index + 1:03d}.png"
            page.render(scale=dpi / 72).to_pil().convert("RGB").save(path)
            paths.append(path)
    finally:
        pdf.close()
    return paths


def page_images(path: Path, dpi: int, folder: Path) -> tuple[str, list[Path]]:
    """The resolution class and the page images the pipeline reads from `path`."""
    if path.suffix.lower() != ".pdf":
        return "photo", [path]
    return scan_dpi(path), render_pages(path, dpi, folder)


def time_cli(pages: list[Path], lang: str, folder: Path) -> float:
    """Wall seconds of bare `tesseract` over the page images."""
    return measured(lambda: run_cli(pages, lang, folder))[1]


def run_cli(pages: list[Path], lang: str, folder: Path) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    for page in pages:
        subprocess.run(["tesseract", str(page), str(folder / page.stem), "-l", lang], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
    print(f"{'document':<32}{'scanned at':>11}{'pages':>6}{'cli s/page':>12}{'pipeline s/page':>17}{'ratio':>7}"
          f"{'wall':>7}")
    groups: dict[str, Timing] = defaultdict(Timing)
    total = Timing()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in files:
            kind, pages = page_images(path, args.dpi, folder)
            one = Timing()
            one.add(len(pages), measured(lambda pages=pages: run_cli(pages, args.lang, folder)),
                    measured(lambda path=path: normalize_layout(read_layout(path, options))))
            for timing in (groups[kind], total):
                timing.add(one.pages, (one.cli, one.cli_wall), (one.pipeline, one.pipeline_wall))
            print(one.row(path.stem, kind), flush=True)
    print(f"\n{'resolution (CPU s; wall ratio last)':<43}{'pages':>6}{'cli s/page':>12}{'pipeline s/page':>17}"
          f"{'ratio':>7}{'wall':>7}")
    for kind, t in sorted(groups.items()):
        print(t.row(f"{kind} ({t.files} files)", ""))
    print(total.row(f"all ({total.files} files)", ""))
    at_300 = groups.get("300 dpi")
    print(f"ratio {total.ratio:.2f} ({'within' if total.ratio <= TARGET_RATIO else 'over'} the bar of {TARGET_RATIO})"
          + (f"; at 300 dpi {at_300.ratio:.2f} ({'within' if at_300.ratio <= TARGET_RATIO_300 else 'over'} "
             f"{TARGET_RATIO_300})" if at_300 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
