"""Indicator kind and jabatan level, as GUIDELINES.md defines them."""
from __future__ import annotations

import re

from normalize.vocabulary import groups

# Kinds measured as a ratio: their formula is a numerator over a denominator (often given on two rows).
RATIO_KINDS = frozenset({"persentase", "rata-rata", "tingkat", "indeks"})

_WORD = re.compile(r"[a-z0-9%]+(?:[- ]rata)?")


def _lead(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w%\- ]", " ", text.lower())).strip()


def kind_of(indikator: str | None) -> str:
    """The kind from how the indicator begins: 'Prosentase ...' is persentase, 'IKM' indeks."""
    if not indikator:
        return "lainnya"
    lead = _lead(indikator)
    if indikator.lstrip().startswith("%"):
        return "persentase"
    best = ("lainnya", 0)
    for kind, openers in groups("kind_openers").items():
        for opener in openers:
            if (lead == opener or lead.startswith(opener + " ")) and len(opener) > best[1]:
                best = (kind, len(opener))
    return best[0]


def starts_with_kind_word(text: str) -> bool:
    return kind_of(text) != "lainnya"


def _contains(haystack: str, needle: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(needle) + r"(?![a-z])", haystack) is not None


def level_of(jabatan: str | None, tasks: str = "") -> str:
    """Level from the title; for a block without a title, from what its tasks say."""
    if jabatan:
        title = _lead(jabatan)
        for level in ("sekretaris", "kasubag", "kasi", "pelaksana", "camat"):
            if any(_contains(title, word) for word in groups("levels")[level]):
                return level
        return "pelaksana"
    text = _lead(tasks)
    for level in ("camat", "sekretaris", "kasubag", "kasi"):
        if any(phrase in text for phrase in groups("level_from_tasks")[level]):
            return level
    return "pelaksana"
