"""What an indicator measures, read as separate pieces of evidence.

An indicator is read as: the type of measure (jumlah, persentase, indeks, ...,
from the record's kind or the opening words, and a ratio when its formula
divides one count by another); what it counts ("Jumlah *dokumen* ...",
"Terlaksananya ..." counts activities); its head (Indonesian noun phrases put
the head first: "*Koordinasi* musrenbang desa" measures coordination, not the
musrenbang); what is measured (the stems after the opening words); its scope
(the objects it coordinates: "laporan kinerja *dan* laporan keuangan" names
two, "laporan keuangan" one); and what its formula's numerator and
denominator count. Comparisons (similarity.py) weigh each piece on its own.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from normalize.harmonize import lexicon
from normalize.harmonize.words import Analysis, analyse, canonical_words, stem

_ACTIVITY = "kegiatan"
_MIN_ROOT = 3
RATIO_KINDS = frozenset({"persentase", "tingkat", "rata-rata"})
_SCORE_KINDS = frozenset({"indeks", "nilai"})
_COORDINATION = re.compile(r"\s*(?:,|;|&|\bdan\b|\bserta\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Signature:
    """The evidence one wording gives about what it measures."""

    kind: str
    counts: str | None
    unit: str | None
    head: str | None
    text: frozenset[str]
    parts: tuple[frozenset[str], ...]
    numerator: frozenset[str]
    denominator: frozenset[str]
    lower_is_better: bool

    @property
    def family(self) -> str:
        return lexicon.kind_families().get(self.kind, "any")

    @property
    def has_formula(self) -> bool:
        return bool(self.numerator and self.denominator)

    @property
    def terms(self) -> frozenset[str]:
        return self.text | self.numerator | self.denominator

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, in a fixed order, for the store's index of wordings."""
        return {"kind": self.kind, "counts": self.counts, "unit": self.unit, "head": self.head,
                "text": sorted(self.text), "parts": [sorted(p) for p in self.parts],
                "numerator": sorted(self.numerator), "denominator": sorted(self.denominator),
                "lower_is_better": self.lower_is_better}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signature:
        return cls(data["kind"], data["counts"], data["unit"], data["head"], frozenset(data["text"]),
                   tuple(frozenset(p) for p in data["parts"]), frozenset(data["numerator"]),
                   frozenset(data["denominator"]), bool(data["lower_is_better"]))


@cache
def _openers() -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """Opening word sequences (canonical words) with the kind they name (None: no kind), longest first.

    An opener that is an abbreviation of a longer name ("IKM") opens with the
    name's first word, which is itself an opener ("indeks"); the rest of the
    name is what is measured, so only the openers written as words are kept.
    """
    found: dict[tuple[str, ...], str | None] = {}
    for opener, kind in lexicon.kind_openers().items():
        words = canonical_words(opener)
        if words and len(words) <= len(opener.split()):
            found.setdefault(words, kind)
    for opener in lexicon.other_openers():
        words = canonical_words(opener)
        if words:
            found.setdefault(words, None)
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def lead(words: tuple[str, ...]) -> tuple[str | None, str | None, int]:
    """Kind and counted thing named by the opening words, and how many words open (openers may repeat)."""
    kind, counts, used = None, None, 0
    while used < len(words):
        for phrase, phrase_kind in _openers():
            if words[used:used + len(phrase)] == phrase:
                kind = kind or phrase_kind
                counts = counts or lexicon.lead_counts().get(" ".join(phrase))
                used += len(phrase)
                break
        else:
            break
    return kind, counts, used


def _parts(text: str, repairs: dict[str, str], lead_terms: set[str]) -> tuple[frozenset[str], ...]:
    """The stems of each object the wording coordinates (split at commas, "dan", "serta")."""
    parts = []
    for piece in _COORDINATION.split(text):
        terms = _terms(analyse(piece).content, repairs) - lead_terms
        if terms:
            parts.append(terms)
    return tuple(parts)


def _terms(content: Iterable[tuple[str, str]], repairs: dict[str, str]) -> frozenset[str]:
    fillers = lexicon.fillers()
    return frozenset(t for t in (repairs.get(word, term) for word, term in content) if t not in fillers)


def texts_read(indikator: str | None, numerator: str | None, denominator: str | None) -> list[str]:
    """Every text `read` analyses for a wording, whatever the batch's repairs, so it can be analysed ahead."""
    return [t for t in (indikator, numerator, denominator, *_COORDINATION.split(indikator or "")) if t]


def read(kind: str | None, indikator: str, numerator: str | None, denominator: str | None,
         repairs: dict[str, str]) -> Signature:
    """Read one wording; the record's kind wins over the opening words, which are then left out of the text.

    `repairs` maps misspelt words of the batch to the stems they stand for.
    """
    analysis = analyse(indikator)
    lead_kind, lead_counts, used = lead(tuple(repairs.get(w, w) for w in analysis.words))
    opening = set(analysis.words[:used])
    lead_terms = {term for word, term in analysis.content if word in opening}
    content = [(w, t) for w, t in analysis.content if t not in lead_terms]
    counted, size = _counted_unit(analysis, used)
    containers = set(analysis.words[used:used + size]) & lexicon.containers()
    text = _terms([(w, t) for w, t in content if w not in containers], repairs) or _terms(content, repairs)
    num, den = _terms(analyse(numerator).content, repairs), _terms(analyse(denominator).content, repairs)
    kind = kind if kind and kind != "lainnya" else lead_kind or ("persentase" if num and den else "lainnya")
    after = analysis.words[used + size:]
    counts = lexicon.unit_counts().get(counted or "", lead_counts)
    if counts is None and after and _is_activity(after[0]):
        counts = _ACTIVITY
    counts = "%" if kind in RATIO_KINDS else counts
    unit = kind if kind in _SCORE_KINDS else ("%" if kind in RATIO_KINDS else counted)
    head = next((t for w, t in ((w, repairs.get(w, t)) for w, t in content)
                 if t in text and w in after and w not in lexicon.containers()), None)
    lower = bool(lexicon.lower_is_better() & (text | {w for w, _ in analysis.content}))
    return Signature(kind, counts, unit, head, text, _parts(indikator, repairs, lead_terms), num, den, lower)


def _is_activity(word: str) -> bool:
    """Whether a word is a verb made a noun of its doing (pe-...-an: "pembinaan"), so a count of it counts
    activities."""
    root = stem(word)
    return word.startswith("pe") and word.endswith("an") and root != word and len(root) >= _MIN_ROOT


def _counted_unit(analysis: Analysis, used: int) -> tuple[str | None, int]:
    """The unit named right after the opening words ("Jumlah *dokumen* ..."), which is what is counted, and
    how many words name it.

    An activity named by what it produces counts the product ("Jumlah
    kegiatan penyusunan RKA" counts documents, as "Jumlah RKA yang disusun" does).
    """
    units = lexicon.units()
    if used == 0 or used >= len(analysis.words) or analysis.words[used] not in units:
        return None, 0
    unit, size = units[analysis.words[used]], 1
    while (used + size < len(analysis.words) and lexicon.unit_counts().get(unit) == _ACTIVITY
           and analysis.words[used + size] in units):
        unit, size = units[analysis.words[used + size]], size + 1
    return unit, size
