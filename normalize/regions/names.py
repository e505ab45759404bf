"""Turning place names as decrees write them into comparable forms.

Decrees write the same place as "KABUPATEN BLITAR", "Kab. Blitar", "a.n. BUPATI
BLITAR" or, after OCR, "Kab. BL1TAR"; the gazetteer writes "Kabupaten Blitar".
Two forms are compared: the *plain* form (lower case, punctuation dropped, level
words removed) and the *match key*, which also folds old Indonesian spellings,
common OCR digit confusions, spaces and doubled letters, so that "Karang Anyar",
"Karanganyar" and "KARANGANJAR" meet, and "PONGOK" meets "Ponggok".
"""
from __future__ import annotations

import re
import unicodedata
from typing import Literal

# Words that name an administrative level in front of a place name, and what they tell about it.
# Longest first so that "kota administrasi" is removed whole rather than as "kota".
RegencyKind = Literal["kabupaten", "kota"]
_REGENCY_WORDS: tuple[tuple[str, RegencyKind], ...] = (
    ("pemerintah kabupaten", "kabupaten"),
    ("pemerintah kota", "kota"),
    ("kabupaten administrasi", "kabupaten"),
    ("kota administrasi", "kota"),
    ("kota adm", "kota"),
    ("kabupaten", "kabupaten"),
    ("pemkab", "kabupaten"),
    ("pemkot", "kota"),
    ("bupati", "kabupaten"),
    ("walikota", "kota"),
    ("wali kota", "kota"),
    ("kab", "kabupaten"),
    ("kota", "kota"),
)
_DISTRICT_WORDS: tuple[str, ...] = ("kecamatan", "distrik", "camat", "kec")
_PROVINCE_WORDS: tuple[str, ...] = ("provinsi", "propinsi", "prov")

# "a.n." (atas nama) opens signature lines such as "a.n. BUPATI NGANJUK".
_ON_BEHALF = r"(?:a n\s+)?"
_REGENCY_PREFIX = re.compile(
    rf"^{_ON_BEHALF}(?P<word>{'|'.join(w for w, _ in _REGENCY_WORDS)})\b\s*", re.ASCII
)
_DISTRICT_PREFIX = re.compile(rf"^(?:{'|'.join(_DISTRICT_WORDS)})\b\s*", re.ASCII)
_PROVINCE_PREFIX = re.compile(rf"^(?:{'|'.join(_PROVINCE_WORDS)})\b\s*", re.ASCII)

_NOT_NAME = re.compile(r"[^a-z0-9]+")
# Spellings from before the 1972 reform (still in some letterheads) and OCR digit-for-letter confusions.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("oe", "u"), ("dj", "j"), ("tj", "c"),
    ("0", "o"), ("1", "i"), ("5", "s"),
)
_DOUBLED = re.compile(r"(.)\1+")
# "Banyuasin I" and "Banyuasin II" are different kecamatan: numerals keep their repeated letters.
_ROMAN_NUMERAL = re.compile(r"[ivx]+")


def plain(text: str) -> str:
    """Lower case ASCII words separated by one space; accents, quotes and punctuation dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_NAME.sub(" ", ascii_text.lower().replace("'", "")).strip()


def match_key(text: str) -> str:
    """The plain form with spellings folded, doubled letters squeezed (except in roman numerals), spaces removed."""
    words = []
    for word in plain(text).split():
        for old, new in _FOLDS:
            word = word.replace(old, new)
        words.append(word if _ROMAN_NUMERAL.fullmatch(word) else _DOUBLED.sub(r"\1", word))
    return "".join(words)


def split_regency(text: str) -> tuple[str, RegencyKind | None]:
    """Plain regency name without its level words, and "kabupaten" or "kota" when the text said which."""
    name = plain(text)
    found = _REGENCY_PREFIX.match(name)
    if not found:
        return name, None
    kind = dict(_REGENCY_WORDS)[found.group("word")]
    return name[found.end():], kind


def strip_district(text: str) -> str:
    """Plain kecamatan name without "Kecamatan", "Kec." or "Distrik" in front."""
    return _DISTRICT_PREFIX.sub("", plain(text), count=1)


def strip_province(text: str) -> str:
    """Plain provinsi name without "Provinsi" or "Prov." in front."""
    return _PROVINCE_PREFIX.sub("", plain(text), count=1)
