"""Office files (DOCX, XLSX) rewritten with fixed zip timestamps.

python-docx and openpyxl stamp every zip member with the time of saving; the same
seed must give the same bytes, so members are re-stored with one fixed date.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXED = (2020, 1, 1, 0, 0, 0)


def freeze_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            dst.writestr(zipfile.ZipInfo(name, FIXED), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
