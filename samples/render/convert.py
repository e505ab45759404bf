"""The office tools a real decree passes through: LibreOffice, Chromium, pdftotext (Debian packages).

Each call gets a private profile directory so that several processes can convert
at once; a tool that fails or times out raises ConversionError naming the file.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from samples.render.settings import SETTINGS

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")


class ConversionError(RuntimeError):
    pass


def _run(args: list[str], what: Path) -> None:
    try:
        subprocess.run(args, check=True, capture_output=True, timeout=SETTINGS.tool_timeout_s)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, FileNotFoundError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise ConversionError(f"{what}: {args[0]} failed ({exc}) {detail.decode(errors='replace')[-300:]}") from exc


def require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise ConversionError(f"{tool} not found: install the Debian packages listed in the Makefile (make install)")
    return path


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    """Word file to PDF as LibreOffice's writer_pdf_Export makes it."""
    soffice = require("soffice")
    with tempfile.TemporaryDirectory(prefix="iki-lo-") as tmp:
        out = Path(tmp) / "out"
        _run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
              "--convert-to", "pdf", "--outdir", str(out), str(docx)], docx)
        made = out / f"{docx.stem}.pdf"
        if not made.exists():
            raise ConversionError(f"{docx}: LibreOffice wrote no PDF")
        shutil.move(made, pdf)


def html_to_pdf(html: Path, pdf: Path) -> None:
    """A saved web page printed to PDF by headless Chromium, honouring the page's @page size."""
    chromium = require("chromium")
    with tempfile.TemporaryDirectory(prefix="iki-chromium-") as tmp:
        _run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
             html)
    if not pdf.exists():
        raise ConversionError(f"{html}: Chromium wrote no PDF")


def pdf_to_layout_text(pdf: Path, txt: Path) -> None:
    _run([require("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), str(txt)], pdf)


def page_count(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()
