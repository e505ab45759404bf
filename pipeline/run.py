"""One decree file through extract and normalize, with its identity (sha256, extractor version)."""
from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from extract.errors import ExtractError
from extract.reader import SUPPORTED_SUFFIXES, ReaderOptions, irregular_kind, read_layout
from normalize.document import normalize_layout
from normalize.records import DecreeRecord
from pipeline.version import extractor_version


def sha256_of(path: Path) -> str:
    """The file's content hash; refuses what is no regular file before opening it (a FIFO would block forever)."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise ExtractError(path.name, f"{irregular_kind(mode)}, not a regular file; only files can be imported")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(path: Path, options: ReaderOptions | None = None) -> DecreeRecord:
    """Read and normalise one file; raises an IkiError subclass naming the file on bad input."""
    layout = read_layout(path, options)
    record = normalize_layout(layout)
    record.sha256 = sha256_of(path)
    record.extractor_version = extractor_version()
    return record


def expand_inputs(items: list[Path]) -> list[Path]:
    """Files named directly, plus supported files found under named directories, in a stable order."""
    files: list[Path] = []
    for item in items:
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            files.append(item)
    return files
