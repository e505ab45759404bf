"""Benchmark: the whole pipeline on scanned decrees against the bare `tesseract` command.

    .venv/bin/python bench/ocr_bench.py [SCAN.pdf ...] [--dpi 300] [--lang ind+eng]

For each scanned PDF (default: samples/scan/*.pdf) it renders every page at the
reader's dpi to PNG, times `tesseract page.png out -l LANG` on each, then times
extraction of the same PDF (read_layout + normalize_layout) in the same run,
and prints seconds per page for both and their ratio (target: at most 1.5).
Both sides run Tesseract single-threaded (OMP_THREAD_LIMIT=1).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.reader import ReaderOptions, read_layout  # noqa: E402

TARGET_RATIO = 1.5


def normalizer():
    """normalize_layout when the normalize stage is importable, else None (reading is timed alone)."""
    try:
        from normalize.document import normalize_layout
    except ImportError:
        return None
    return normalize_layout


def render_pages(pdf_path: Path, dpi: int, folder: Path) -> list[Path]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    paths = []
    try:
        for index, page in enumerate(pdf):
            path = folder / f"{pdf_path.stem}-{index + 1:03d}.png"
            page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L").save(path)
            paths.append(path)
    finally:
        pdf.close()
    return paths


def time_cli(pages: list[Path], lang: str, folder: Path) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    for page in pages:
        subprocess.run(["tesseract", str(page), str(folder / page.stem), "-l", lang], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_pipeline(pdf_path: Path, options: ReaderOptions) -> float:
    normalize = normalizer()
    start = time.perf_counter()
    layout = read_layout(pdf_path, options)
    if normalize is not None:
        normalize(layout)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=ReaderOptions().dpi)
    parser.add_argument("--lang", default=ReaderOptions().ocr_lang)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples" / "scan").glob("*.pdf"))
    options = ReaderOptions(dpi=args.dpi, ocr_lang=args.lang)
    stages = "read_layout + normalize_layout" if normalizer() else "read_layout"
    print(f"pipeline = {stages}; tesseract CLI -l {args.lang}; {args.dpi} dpi; OMP_THREAD_LIMIT=1")
    print(f"{'document':<28}{'pages':>6}{'cli s/page':>12}{'pipeline s/page':>17}{'ratio':>8}")
    total_pages = total_cli = total_pipe = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for pdf_path in files:
            pages = render_pages(pdf_path, args.dpi, folder)
            cli = time_cli(pages, args.lang, folder)
            pipe = time_pipeline(pdf_path, options)
            n = len(pages)
            total_pages, total_cli, total_pipe = total_pages + n, total_cli + cli, total_pipe + pipe
            print(f"{pdf_path.stem:<28}{n:>6}{cli / n:>12.2f}{pipe / n:>17.2f}{pipe / cli:>8.2f}")
    ratio = total_pipe / total_cli
    print(f"{'all':<28}{int(total_pages):>6}{total_cli / total_pages:>12.2f}{total_pipe / total_pages:>17.2f}"
          f"{ratio:>8.2f}")
    print(f"ratio {ratio:.2f} ({'within' if ratio <= TARGET_RATIO else 'over'} the target of {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
