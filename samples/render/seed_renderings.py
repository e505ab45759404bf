"""The older renderings of samples/pdf, samples/scan and samples/images, drawn from the seed texts.

    python -m samples.render.seed_renderings [--seeds DIR] [--out DIR] [--images STEM]

They go through extract.text_reader, so they share our readers' assumptions; the
layout family (`python -m samples.render`) draws from the gold records instead.
Sources are the seed texts listed in samples/index.csv (or every <stem>.txt in
--seeds). Writes <out>/pdf/<stem>.pdf (text PDF), <out>/scan/<stem>.pdf
(image-only scan) and, for one decree, <out>/images/<stem>.tiff (multi-page
page images), each named after its seed so gold files pair with them.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

from samples.render.content import load_seed
from samples.render.pdf_doc import write_pdf
from samples.render.scan import scanned_pages, write_scan_pdf, write_tiff

SAMPLES = Path(__file__).resolve().parent.parent
IMAGES_STEM = "004_b962c9f166388f5e"


def seed_files(seeds: Path | None) -> list[tuple[str, Path]]:
    """(seed stem, text file) pairs from a folder of seeds, else from samples/index.csv."""
    if seeds is not None:
        return [(p.stem, p) for p in sorted(seeds.glob("*.txt"))]
    with (SAMPLES / "index.csv").open(encoding="utf-8") as fh:
        return [(row["seed_stem"], SAMPLES / row["text_file"]) for row in csv.DictReader(fh)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=None, help="folder of <seed stem>.txt files")
    parser.add_argument("--out", type=Path, default=SAMPLES)
    parser.add_argument("--images", default=IMAGES_STEM, help="seed stem also written as a multi-page TIFF")
    args = parser.parse_args()
    for sub in ("pdf", "scan", "images"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    for stem, text_file in seed_files(args.seeds):
        pdf_path = args.out / "pdf" / f"{stem}.pdf"
        write_pdf(load_seed(text_file, stem), pdf_path)
        pages = scanned_pages(pdf_path)
        write_scan_pdf(pages, args.out / "scan" / f"{stem}.pdf")
        if stem == args.images:
            write_tiff(pages, args.out / "images" / f"{stem}.tiff")
        print(f"{stem}: {len(pages)} pages")


if __name__ == "__main__":
    main()
