"""The folder of original decree files, named by content hash, so screens can show what was extracted.

Files are found through their `source_files` row (id -> sha256 + suffix),
never through a name a browser sent, so no request can reach another path.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path, PurePath

from store.models import SourceFile

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


def stored_path(files_dir: Path, sha256: str, name: str) -> Path:
    return files_dir / f"{sha256}{Path(name).suffix.lower()}"


def keep(files_dir: Path, path: Path, sha256: str) -> Path:
    """Copy a decree file into the folder (once) and return where it is."""
    files_dir.mkdir(parents=True, exist_ok=True)
    target = stored_path(files_dir, sha256, path.name)
    if not target.exists():
        shutil.copyfile(path, target)
    return target


def original(files_dir: Path, source: SourceFile) -> Path | None:
    """The kept original of a source file, or None when it was never given to the web app."""
    path = stored_path(files_dir, source.sha256, source.name)
    return path if path.is_file() else None


def text_lines(path: Path) -> list[str]:
    """A text decree's lines, numbered from 1 like the rows' line_start/line_end."""
    return path.read_text(encoding="utf-8", errors="replace").splitlines()
