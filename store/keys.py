"""Keys that name positions and indicator rows the same way across re-imports and re-extractions.

A key is derived from what the extraction read (level, title, indicator and
target text, and the occurrence among identical ones), never from database
ids, so a correction recorded against one import finds its row in the next.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str | None) -> str:
    """Case-, accent-, space- and punctuation-blind form of a text, for keys and matching."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(text.lower()))


class KeyMaker:
    """Hands out keys, numbering repeats so identical blocks or rows get distinct keys."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def _next(self, base: str) -> int:
        self._seen[base] += 1
        return self._seen[base]

    def position_key(self, level: str | None, jabatan: str | None) -> str:
        slug = fold(jabatan).replace(" ", "-")[:80] or "untitled"
        base = f"{level or 'unknown'}/{slug}"
        return f"{base}/{self._next(base)}"

    def row_key(self, position_key: str, sasaran: str | None, indikator: str | None) -> str:
        base = "|".join((position_key, fold(sasaran), fold(indikator)))
        digest = hashlib.sha1(f"{base}|{self._next(base)}".encode()).hexdigest()
        return digest[:12]
