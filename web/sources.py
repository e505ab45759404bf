"""Names for uploaded files, and a kept text original's lines (the originals themselves: store.originals)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePath

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


def safe_name(name: str) -> str:
    """A plain file name made from what a browser sent: no folders, no leading dots, ASCII only."""
    base = PurePath(name.replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("_", ascii_name).lstrip("._")
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and len(cleaned) > MAX_NAME:
        cleaned = f"{stem[:MAX_NAME - len(suffix) - 1]}.{suffix}"
    return cleaned[:MAX_NAME] or "upload"


def text_lines(path: Path) -> list[str]:
    """A text decree's lines, numbered from 1 like the rows' line_start/line_end."""
    return path.read_text(encoding="utf-8", errors="replace").splitlines()
