"""Provenance pictures: the source page with the extracted piece's box shaded."""
from __future__ import annotations

import numpy as np
import pytest

from extract.errors import ExtractError
from extract.layout import Box
from extract.page_image import render_page
from tests.conftest import SAMPLES

PDF = SAMPLES / "pdf" / "000_0cea4872b926cf0e.pdf"
TIFF = SAMPLES / "images" / "004_b962c9f166388f5e.tiff"


@pytest.mark.parametrize("source", [PDF, TIFF])
def test_box_is_shaded_and_nothing_else_changes(source) -> None:
    box = Box(2, 100, 200, 300, 260)
    plain = np.asarray(render_page(source, 2, dpi=72), dtype=int)
    marked = np.asarray(render_page(source, 2, box, dpi=72), dtype=int)
    assert plain.shape[:2] == (842, 595) or abs(plain.shape[0] - 842) <= 2
    inside = np.abs(marked[210:250, 110:290] - plain[210:250, 110:290]).sum(axis=2)
    assert (inside > 20).mean() > 0.9
    assert np.array_equal(marked[400:, :], plain[400:, :])


def test_missing_page_names_the_file() -> None:
    with pytest.raises(ExtractError, match=PDF.name):
        render_page(PDF, 99)
