"""Writes the bad-input corpus beside this script: every kind of file a batch import must survive.

    .venv/bin/python tests/data/bad/make_corpus.py

The outputs are committed; run this again only to change them. Files stay
small: the many-page PDF has empty pages, the image bomb only declares huge
dimensions. EXPECTED maps each file to a phrase of the error or warning an
import must record for it.
"""
from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.pdf.minimal_pdf import ENCRYPT, build_pdf  # noqa: E402

SOURCE = ROOT / "samples" / "text" / "ngluyu-nganjuk-2021.txt"
TEXT_PDF = ROOT / "samples" / "family" / "docx-pdf" / "000_0cea4872b926cf0e-s1-v1.pdf"

# file name -> a phrase the recorded error or warning holds (besides the file name)
EXPECTED = {
    "kosong.pdf": "empty",
    "terpotong.pdf": "corrupt or truncated",
    "rusak.pdf": "not a readable PDF",
    "terkunci.pdf": "encrypted",
    "tanpa-isi.pdf": "no text found",
    "tebal.pdf": "pages, over the limit",
    "bom.png": "too large",
    "utf16.txt": "UTF-16",
    "cp1252.txt": "Windows-1252",
    "tanpa-tabel.txt": "no IKI content",
    "bukan-keputusan.txt": "no IKI content",
}
# decrees whose names or contents are odd but which must import intact
INTACT = ("injeksi.txt", "garis\\miring.txt", "kecamatan-ñgawi-日本 (salinan).txt")

INJECTION = ('<script>alert("x")</script> [bold red]markup[/] \'; DROP TABLE decrees; -- '
             '<img src=x onerror=alert(1)> {{7*7}} ${HOME} $(rm -rf /)')


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG declaring width x height pixels; decoding it fully would need tens of GiB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def blank_pdf() -> bytes:
    """A valid one-page PDF with neither text nor images."""
    return build_pdf(text="")


def corpus() -> dict[str, bytes]:
    decree = SOURCE.read_text(encoding="utf-8")
    lines = decree.splitlines()
    first_table = next(i for i, line in enumerate(lines) if "\t" in line)
    header = "\n".join(lines[:first_table]) + "\n"
    injected = decree.replace("Survey kepuasan masyarakat", f"Survey kepuasan masyarakat {INJECTION}", 1)
    windows = decree.replace("Kecamatan", "Kecamatan “Ngluyu” – café", 1)
    return {
        "kosong.pdf": b"",
        "terpotong.pdf": TEXT_PDF.read_bytes()[:6_000],
        "rusak.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "terkunci.pdf": build_pdf(trailer_extra=ENCRYPT),
        "tanpa-isi.pdf": blank_pdf(),
        "tebal.pdf": build_pdf(pages=400, text=""),
        "bom.png": png_bomb(),
        "utf16.txt": decree.replace("NGLUYU", "NGLUYU UTF", 1).encode("utf-16"),
        "cp1252.txt": windows.encode("cp1252"),
        "tanpa-tabel.txt": header.encode("utf-8"),
        "bukan-keputusan.txt": (b"Resep nasi goreng\n\nBahan: nasi, bawang merah, kecap manis, telur.\n"
                                b"Cara membuat: tumis bawang, masukkan nasi, aduk rata, sajikan hangat.\n"),
        "injeksi.txt": injected.replace("Ngluyu", "Ngluyu Injeksi", 1).encode("utf-8"),
        "garis\\miring.txt": decree.replace("Ngluyu", "Ngluyu Garis", 1).encode("utf-8"),
        "kecamatan-ñgawi-日本 (salinan).txt": decree.replace("Ngluyu", "Ngluyu Salinan", 1).encode("utf-8"),
    }


def main() -> None:
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
        print(f"{len(data):>8} bytes  {name}")


if __name__ == "__main__":
    main()
