"""The extractor version: what decides whether a file already imported must be extracted again.

Records are shaped by the code and the data files of `extract/` and
`normalize/`, so the version is the package version plus a digest of every
file of those packages (their relative paths and contents, in sorted order):
any change to a rule, a vocabulary or a reader gives a new version, and the
next import re-extracts every file instead of keeping rows the old rules
made. It is computed on first use and kept for the process (reading the
files takes milliseconds), never at import time, so `iki --help` does not
pay for it.
"""
from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

RECORD_PACKAGES = ("extract", "normalize")
DIGEST_CHARS = 12


def code_digest(roots: list[Path]) -> str:
    """sha256 over the sorted relative paths and contents of every file under `roots` (compiled files left out)."""
    digest = hashlib.sha256()
    files = sorted((path.relative_to(root.parent).as_posix(), path) for root in roots for path in root.rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc")
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def package_roots() -> list[Path]:
    """The folders of the packages that shape records, wherever they are imported from."""
    roots = []
    for name in RECORD_PACKAGES:
        spec = find_spec(name)
        if spec is None or spec.origin is None:
            raise RuntimeError(f"the {name} package cannot be found")
        roots.append(Path(spec.origin).parent)
    return roots


@cache
def extractor_version() -> str:
    """`<package version>+<digest of extract/ and normalize/>`, e.g. 0.1.0+3f9a0c1d2b4e."""
    return f"{version('iki')}+{code_digest(package_roots())[:DIGEST_CHARS]}"
