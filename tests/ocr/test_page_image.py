"""Provenance pictures: the source page with the extracted piece's box shaded."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract.errors import ExtractError
from extract.image_reader import image_dpi
from extract.layout import Box
from extract.page_image import render_page
from tests.conftest import family_file

PDF = family_file("docx-pdf")
PHOTO = family_file("photo")


def page_points(source: Path, page: int) -> tuple[float, float]:
    """The page's width and height in points: the PDF's page box, or the picture's pixels at its resolution."""
    if source.suffix == ".pdf":
        pdf = pdfium.PdfDocument(str(source))
        try:
            return pdf[page - 1].get_size()
        finally:
            pdf.close()
    with Image.open(source) as image:
        return image.width * 72 / image_dpi(image), image.height * 72 / image_dpi(image)


@pytest.mark.parametrize(("source", "page"), [(PDF, 2), (PHOTO, 1)], ids=["text-pdf", "photo"])
def test_box_is_shaded_and_nothing_else_changes(source: Path, page: int) -> None:
    box = Box(page, 100, 150, 300, 210)
    plain = np.asarray(render_page(source, page, dpi=72), dtype=int)
    marked = np.asarray(render_page(source, page, box, dpi=72), dtype=int)
    width, height = page_points(source, page)
    assert abs(plain.shape[1] - width) <= 2 and abs(plain.shape[0] - height) <= 2
    inside = np.abs(marked[160:200, 110:290] - plain[160:200, 110:290]).sum(axis=2)
    assert (inside > 20).mean() > 0.9
    outside = np.ones(plain.shape[:2], bool)
    outside[147:214, 97:304] = False
    assert np.array_equal(marked[outside], plain[outside])


def test_missing_page_names_the_file() -> None:
    with pytest.raises(ExtractError, match=PDF.name):
        render_page(PDF, 99)
    with pytest.raises(ExtractError, match=PHOTO.name):
        render_page(PHOTO, 2)



# Renders page pictures from eight threads at once and says how many differ from the picture made alone;
# run in a process of its own, since pdfium called from two threads at once kills the process
THREADED = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import numpy as np
from extract.page_image import render_page
from extract.reader import read_layout
pdf = Path(sys.argv[1])
alone = [np.asarray(render_page(pdf, page, dpi=20)) for page in (1, 2)]
with ThreadPoolExecutor(max_workers=8) as pool:
    pictures = list(pool.map(lambda k: (k % 2, np.asarray(render_page(pdf, k % 2 + 1, dpi=20))), range(400)))
    blocks = set(pool.map(lambda _: len(read_layout(pdf).blocks), range(4)))
print(sum(not np.array_equal(picture, alone[index]) for index, picture in pictures), len(blocks))
"""


def test_pages_rendered_from_many_threads_at_once_come_out_whole():
    """The review screens render page pictures from a pool of threads while uploads are read: pdfium may
    only be called from one thread at a time, so every picture must come out as it does alone."""
    done = subprocess.run([sys.executable, "-c", THREADED, str(PDF)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["0", "1"]
