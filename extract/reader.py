"""Picks the reader for a file from its content, not only its name."""
from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from extract.errors import ExtractError, InputRefused
from extract.layout import Layout
from extract.options import ReaderOptions
from extract.text_reader import read_html_file, read_text

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".tif": "image/tiff",
               ".tiff": "image/tiff"}


def irregular_kind(mode: int) -> str:
    """What a path that is no regular file is; opening a FIFO would wait for a writer forever, a device never ends."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_SUFFIXES = {".docx": DOCX, ".docm": DOCX, ".xlsx": XLSX, ".xlsm": XLSX}
LEGACY_OFFICE = {".doc": DOCX, ".xls": XLSX}
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".pdf", *IMAGE_TYPES, *OFFICE_SUFFIXES,
                                *HTML_SUFFIXES})


def _zip_kind(path: Path) -> str | None:
    """Word or Excel from the parts an Office file holds; None for other zip files."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return OFFICE_SUFFIXES.get(path.suffix.lower())
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<?xml") and b"<html" in start)


def sniff(path: Path) -> str:
    """Media type from the first bytes, falling back to the suffix."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ExtractError(str(path), f"cannot read file ({exc.strerror})") from exc
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind is None:
            raise ExtractError(path.name, "a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file")
        return kind
    if head.startswith(OLE_MAGIC):
        return OFFICE_SUFFIXES.get(suffix) or LEGACY_OFFICE.get(suffix) or DOCX
    if _looks_like_html(head) or suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix == ".pdf":
        return "application/pdf"
    if suffix in IMAGE_TYPES:
        return IMAGE_TYPES[suffix]
    if suffix in OFFICE_SUFFIXES:
        return OFFICE_SUFFIXES[suffix]
    return "text/markdown" if suffix in (".md", ".markdown") else "text/plain"


def read_layout(path: Path, options: ReaderOptions | None = None) -> Layout:
    """Read any supported decree file into a Layout, refusing what exceeds the limits."""
    options = (options or ReaderOptions()).started()
    try:
        mode = path.stat().st_mode
    except OSError:
        raise ExtractError(str(path), "no such file") from None
    if not stat.S_ISREG(mode):
        raise ExtractError(path.name, f"{irregular_kind(mode)}, not a regular file; only files can be read")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError(path.name, "file is empty (0 bytes)")
    if size > options.max_bytes:
        raise InputRefused(path.name, f"file is {size} bytes, over the limit of {options.max_bytes}")
    media_type = sniff(path)
    if media_type == "application/pdf":
        from extract.pdf_reader import read_pdf

        return read_pdf(path, options)
    if media_type.startswith("image/"):
        from extract.image_reader import read_image

        return read_image(path, options)
    if media_type == DOCX:
        from extract.docx_reader import read_docx

        return read_docx(path)
    if media_type == XLSX:
        from extract.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if media_type == "text/html":
        return read_html_file(path)
    return read_text(path)
