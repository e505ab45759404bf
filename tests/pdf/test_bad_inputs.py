"""Bad files give an ExtractError (or InputRefused for limits) that names the file, never a hang."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from extract.errors import ExtractError, InputRefused
from extract.reader import ReaderOptions, read_layout
from tests.conftest import family_file
from tests.pdf.minimal_pdf import ENCRYPT, build_pdf


def refused(path: Path, options: ReaderOptions | None = None) -> ExtractError:
    with pytest.raises(ExtractError) as caught:
        read_layout(path, options)
    assert path.name in str(caught.value)
    return caught.value


def test_zero_byte_pdf(tmp_path: Path) -> None:
    path = tmp_path / "kosong.pdf"
    path.write_bytes(b"")
    assert "empty" in refused(path).problem


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "terpotong.pdf"
    path.write_bytes(family_file("docx-pdf").read_bytes()[:20_000])
    error = refused(path)
    assert not isinstance(error, InputRefused) and "corrupt or truncated" in error.problem


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "rusak.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert "not a readable PDF" in refused(path).problem


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "terkunci.pdf"
    path.write_bytes(build_pdf(trailer_extra=ENCRYPT))
    assert "encrypted" in refused(path).problem


def test_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tebal.pdf"
    path.write_bytes(build_pdf(pages=6))
    error = refused(path, ReaderOptions(max_pages=5))
    assert isinstance(error, InputRefused) and "6 pages" in error.problem


def test_pdf_page_that_would_render_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "raksasa.pdf"
    path.write_bytes(build_pdf(size=(14_400, 14_400)))
    assert isinstance(refused(path), InputRefused)


def test_pdf_that_is_not_a_decree(tmp_path: Path) -> None:
    path = tmp_path / "faktur.pdf"
    path.write_bytes(build_pdf(text="Invoice 2024-117 for printer toner and paper"))
    assert "does not look like an IKI decree" in refused(path).problem


@pytest.mark.parametrize("side", [1_100, 3_000])
def test_decompression_bomb_png_is_refused(tmp_path: Path, side: int) -> None:
    path = tmp_path / "bom.png"
    Image.new("1", (side, 1_000)).save(path)
    error = refused(path, ReaderOptions(max_image_pixels=1_000_000))
    assert isinstance(error, InputRefused)


def test_truncated_png(tmp_path: Path) -> None:
    path = tmp_path / "potong.png"
    Image.new("L", (800, 800), 200).save(path)
    path.write_bytes(path.read_bytes()[:200])
    assert not isinstance(refused(path), InputRefused)
