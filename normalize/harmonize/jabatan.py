"""Map a position title, as written in a decree, onto the canonical kecamatan positions.

Titles vary ("Kasubag Umum", "Kepala Sub Bagian Umum dan Kepegawaian",
"Kasubag. PENYUSUNAN UMUM & KEPEGAWAIAN") and carry noise (the kecamatan's
name, OCR letters glued to words). A title is read into canonical words
(words.py: spelling, abbreviations such as "Kasi", "Sekcam", "Trantibum"
spelt out), words close to the taxonomy's vocabulary are repaired, words
outside it (place names, noise) are set aside, and the rank head (Kepala Seksi,
Kasubag, ...) or staff role (Pengadministrasi, Pengolah, ...) is separated
from the field the position covers. A position maps only when every word of
one of its aliases is in the title's field: a title that fits nothing keeps
code None and stays visible instead of being forced onto a wrong position.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from normalize.harmonize import lexicon
from normalize.harmonize.words import canonical_words

_REPAIR_SCORE = 80  # rapidfuzz ratio above which an unknown word is read as a vocabulary word
_MIN_REPAIR_LENGTH = 5
_FROM_DUTIES_SCORE = 0.5  # a position recognised from its duties only is less certain


@dataclass(frozen=True)
class JabatanMatch:
    """The canonical position of a title: code None when nothing fits."""

    code: str | None
    name: str | None
    score: float


@dataclass(frozen=True)
class _Position:
    code: str
    name: str
    level: str
    role: str | None
    aliases: tuple[tuple[str, ...], ...]


UNMAPPED = JabatanMatch(None, None, 0.0)


@cache
def positions() -> tuple[_Position, ...]:
    """The taxonomy's positions, aliases split into words."""
    return tuple(
        _Position(p["code"], p["name"], p["level"], p.get("role"), tuple(tuple(a.split()) for a in p["aliases"]))
        for p in lexicon.jabatan_taxonomy()["positions"]
    )


@cache
def _head_words() -> dict[str, frozenset[str]]:
    return {level: frozenset(w for head in heads for w in head.split())
            for level, heads in lexicon.jabatan_taxonomy()["heads"].items()}


@cache
def _vocabulary() -> tuple[str, ...]:
    """Every word the taxonomy knows; other words of a title are noise."""
    taxonomy = lexicon.jabatan_taxonomy()
    words = {w for p in positions() for alias in p.aliases for w in alias}
    words |= {w for ws in _head_words().values() for w in ws}
    words |= set(taxonomy["roles"]) | {"kecamatan"}
    return tuple(sorted(words))


def _repair(word: str) -> str | None:
    """The vocabulary word a title word stands for, or None for noise."""
    vocabulary = _vocabulary()
    if word in vocabulary:
        return word
    if len(word) < _MIN_REPAIR_LENGTH:
        return None
    found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=_REPAIR_SCORE)
    return found[0] if found else None


@cache
def _rank_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Rank heads (id: their level) and staff roles (id "pelaksana") as word sequences, longest first."""
    taxonomy = lexicon.jabatan_taxonomy()
    phrases = [(tuple(head.split()), level) for level, heads in taxonomy["heads"].items() for head in heads]
    phrases += [((role,), "pelaksana") for role in taxonomy["roles"]]
    return tuple(sorted(phrases, key=lambda item: -len(item[0])))


def _named_level(words: tuple[str, ...] | list[str]) -> str | None:
    """The level named by the first rank head or staff role in the words, or None when that head is followed by
    another office ("Sekretaris *Desa*" is the village's secretary)."""
    others = set(lexicon.jabatan_taxonomy()["other_offices"])
    for i in range(len(words)):
        for phrase, level in _rank_phrases():
            if tuple(words[i:i + len(phrase)]) == phrase:
                after = words[i + len(phrase):i + len(phrase) + 1]
                return None if after and after[0] in others else level
    return None


def _read_title(title: str) -> tuple[list[str], str | None]:
    """The title's vocabulary words, and the level its rank head or staff role names."""
    written = canonical_words(title)
    words = [w for w in (_repair(word) for word in written) if w]
    level = _named_level(written) or _named_level(words)  # a repaired word may be the head ("SEKSl")
    return words, level


def _alias_fit(alias: tuple[str, ...], field: list[str]) -> tuple[float, int] | None:
    """(share of the title's field the alias explains, minus where its first word stands), or None if it does not fit.

    An empty alias stands for the bare role ("Bendahara").
    """
    if not alias:
        return (1.0 if not field else 0.5, -len(field))
    if not set(alias) <= set(field):
        return None
    return (len(set(alias)) / len(set(field)), -min(field.index(w) for w in alias))


def _best(candidates: list[_Position], field: list[str]) -> JabatanMatch:
    """The candidate with an alias wholly in the field: the field named first wins, then the one explaining most."""
    scored = []
    for position in candidates:
        fits = [fit for alias in position.aliases if (fit := _alias_fit(alias, field)) is not None]
        if fits:
            share, first = max(fits)
            scored.append(((first, share), position))
    if not scored:
        return UNMAPPED
    (_, share), position = max(scored, key=lambda item: item[0])
    return JabatanMatch(position.code, position.name, round(0.6 + 0.4 * share, 3))


def _from_title(words: list[str], level: str) -> JabatanMatch:
    candidates = [p for p in positions() if p.level == level]
    if level in ("camat", "sekretaris"):
        return _best(candidates, words)
    if level == "pelaksana":
        roles = lexicon.jabatan_taxonomy()["roles"]
        role = next((w for w in words if w in roles), None)
        field = [w for w in words if w != role and w != "kecamatan"]
        return _best([p for p in candidates if p.role == role], field)
    heads = _head_words()[level]
    return _best(candidates, [w for w in words if w not in heads and w != "kecamatan"])


def _from_duties(level: str, duties: str) -> JabatanMatch:
    """The position of the level whose field the duties name most often (a title-less block)."""
    vocabulary = set(_vocabulary())
    words = [w for w in canonical_words(duties) if w in vocabulary]
    counts = []
    for position in positions():
        if position.level != level:
            continue
        hits = max((sum(tuple(words[i:i + len(a)]) == a for i in range(len(words))) for a in position.aliases if a),
                   default=0)
        counts.append((hits, position))
    counts.sort(key=lambda item: -item[0])
    if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return UNMAPPED
    position = counts[0][1]
    return JabatanMatch(position.code, position.name, _FROM_DUTIES_SCORE)


def map_jabatan(title: str | None, level: str | None = None, tugas: str | None = None,
                fungsi: list[str] | None = None) -> JabatanMatch:
    """Canonical position of a title; `level` (camat|sekretaris|kasubag|kasi|pelaksana) narrows the choice.

    Without a usable title the duties (tugas, fungsi) are read instead, which
    needs the level and gives a lower score.
    """
    words, title_level = _read_title(title) if title else ([], None)
    level = level or title_level
    if level is None:
        return UNMAPPED
    if words:
        return _from_title(words, level)
    duties = "\n".join([tugas or "", *(fungsi or [])]).strip()
    return _from_duties(level, duties) if duties else UNMAPPED
