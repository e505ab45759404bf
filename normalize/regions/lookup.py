"""Searching the gazetteer by name or code at every level, for people checking a region.

Unlike `resolve`, which must be strict, a search should also find partial names
("Kepanjen" finds "Kepanjen Kidul"), so names are compared with rapidfuzz's
WRatio as well as by match key. A level word in the keyword ("Kota Blitar",
"Kec. Ponggok") ranks entries of that level first without hiding the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from .gazetteer import load_gazetteer
from .names import match_key, plain, split_regency, strip_district, strip_province

EntryKind = Literal["provinsi", "kabupaten", "kota", "kecamatan", "distrik"]
Level = Literal["provinsi", "kabupaten_kota", "kecamatan"]

LOOKUP_CUTOFF = 80.0
# How much an entry loses when the keyword names another level than the entry's.
OTHER_LEVEL_PENALTY = 10.0
_LEVEL_ORDER: dict[str, int] = {"provinsi": 0, "kabupaten_kota": 1, "kecamatan": 2}
_CODE = re.compile(r"\d{2}(?:\.?\d{2}){0,2}")


@dataclass(frozen=True)
class RegionEntry:
    """One provinsi, kabupaten/kota or kecamatan; `name` as Kemendagri writes it ("Kota Blitar")."""

    code: str
    name: str
    kind: EntryKind
    level: Level
    kabupaten: str | None
    provinsi: str | None
    score: float


@dataclass(frozen=True)
class _Index:
    entries: tuple[RegionEntry, ...]
    plains: tuple[str, ...]
    keys: tuple[str, ...]


@cache
def _index() -> _Index:
    """Every level in one list, in code order, with the forms the search compares (the gazetteer's own)."""
    gazetteer = load_gazetteer()
    entries: list[RegionEntry] = []
    for province in gazetteer.provinces:
        entries.append(RegionEntry(province.code, province.name, "provinsi", "provinsi", None, None, 0.0))
    for regency in gazetteer.regencies:
        entries.append(RegionEntry(regency.code, regency.official_name, regency.kind, "kabupaten_kota", None,
                                   regency.province.name, 0.0))
    for district in gazetteer.districts:
        entries.append(RegionEntry(district.code, district.name, district.kind, "kecamatan",
                                   district.regency.official_name, district.regency.province.name, 0.0))
    plains = (*gazetteer.province_plain, *gazetteer.regency_plain, *gazetteer.district_plain)
    keys = (*gazetteer.province_keys, *gazetteer.regency_keys, *gazetteer.district_keys)
    order = sorted(range(len(entries)), key=lambda i: entries[i].code)
    return _Index(
        entries=tuple(entries[i] for i in order),
        plains=tuple(plains[i] for i in order),
        keys=tuple(keys[i] for i in order),
    )


def _dotted(code: str) -> str:
    digits = code.replace(".", "")
    return ".".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def _by_code(code: str, limit: int) -> list[RegionEntry]:
    """The region with this code and the regions inside it, in code order."""
    wanted = _dotted(code)
    found = [e for e in _index().entries if e.code == wanted or e.code.startswith(wanted + ".")]
    return [replace(e, score=100.0) for e in found[:limit]]


def _readings(keyword: str) -> list[tuple[str, Level | None, EntryKind | None]]:
    """The keyword as typed, and without a leading level word together with the level that word names."""
    as_typed = plain(keyword)
    readings: list[tuple[str, Level | None, EntryKind | None]] = [(as_typed, None, None)]
    regency, kind = split_regency(keyword)
    if kind is not None:
        readings.append((regency, "kabupaten_kota", kind))
    district = strip_district(keyword)
    if district != as_typed:
        readings.append((district, "kecamatan", None))
    province = strip_province(keyword)
    if province != as_typed:
        readings.append((province, "provinsi", None))
    return [reading for reading in readings if reading[0]]


def lookup(keyword: str, limit: int = 20) -> list[RegionEntry]:
    """Regions whose name (or Kemendagri code) matches `keyword`, best first, at most `limit`."""
    keyword = keyword.strip()
    if not keyword or limit <= 0:
        return []
    if _CODE.fullmatch(keyword):
        return _by_code(keyword, limit)
    index = _index()
    best: dict[int, float] = {}
    for text, level, kind in _readings(keyword):
        scores: dict[int, float] = {}
        for _, score, position in process.extract(text, index.plains, scorer=fuzz.WRatio, limit=None,
                                                  score_cutoff=LOOKUP_CUTOFF):
            scores[position] = score
        for _, score, position in process.extract(match_key(text), index.keys, scorer=fuzz.ratio, limit=None,
                                                  score_cutoff=LOOKUP_CUTOFF + 1):
            scores[position] = max(scores.get(position, 0.0), score - 1)
        for position, score in scores.items():
            entry = index.entries[position]
            off_level = (level is not None and entry.level != level) or (kind is not None and entry.kind != kind)
            adjusted = score - OTHER_LEVEL_PENALTY if off_level else score
            best[position] = max(best.get(position, 0.0), adjusted)
    ranked = sorted(
        best.items(),
        key=lambda item: (-item[1], _LEVEL_ORDER[index.entries[item[0]].level], index.entries[item[0]].code),
    )
    return [replace(index.entries[p], score=round(s, 1)) for p, s in ranked[:limit]]
