"""Office files (DOCX, XLSX) rewritten so that the same seed gives the same bytes.

python-docx and openpyxl stamp every zip member with the time of saving, and
openpyxl sets the document's modified date to now; members are re-stored with
one fixed date and the document dates set to the decree's own.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

FIXED = (2020, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"
_DATES = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def freeze_zip(path: Path, when: datetime) -> None:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            if name == CORE:
                data = _DATES.sub(lambda m: f"{m.group(1)}{stamp}{m.group(2)}", data.decode("utf-8")).encode("utf-8")
            dst.writestr(zipfile.ZipInfo(name, FIXED), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
