"""One decree file through extract and normalize, with its identity (sha256, extractor version)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from extract.reader import SUPPORTED_SUFFIXES, ReaderOptions, read_layout
from normalize.document import normalize_layout
from normalize.records import DecreeRecord

EXTRACTOR_VERSION = "0.1.0"


def sha256_of(path: Path) -> str:
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
    record.extractor_version = EXTRACTOR_VERSION
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
