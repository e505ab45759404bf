"""The word lists that harmonisation relies on, read from the package's data files.

Spelling variants, abbreviations, multi-word synonyms, measure lead words and
units change with every new batch of decrees, so they live in TSV/JSON files
that a data officer can extend without touching code.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _data_text(name: str) -> str:
    return resources.files("normalize.harmonize").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without comments and blank lines."""
    rows = []
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def variants() -> dict[str, str]:
    """Spelling variant or informal short form -> canonical word."""
    return {row[0]: row[1] for row in _rows("variants.tsv")}


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation (lower case) -> its expansion (canonical words)."""
    return {row[0]: row[1] for row in _rows("abbreviations.tsv")}


@cache
def phrases() -> dict[str, str]:
    """Multi-word wording -> the canonical words that replace it."""
    return {row[0]: row[1] for row in _rows("phrases.tsv")}


@cache
def fillers() -> frozenset[str]:
    """Lemmas that frame a measure without saying what is measured."""
    return frozenset(row[0] for row in _rows("fillers.tsv"))


@cache
def stopword_exceptions() -> frozenset[str]:
    """Words on spaCy's stop list that still tell indicators apart."""
    return frozenset(row[0] for row in _rows("stopword_exceptions.tsv"))


@cache
def measures() -> dict[str, tuple[str, str | None]]:
    """Lead words of an indicator (canonical words) -> (kind of measure, what it counts or None)."""
    return {row[0]: (row[1], row[2] if len(row) > 2 else None) for row in _rows("measures.tsv")}


@cache
def kind_families() -> dict[str, str]:
    """Kind of measure -> family of kinds measured on the same scale."""
    return {row[0]: row[1] for row in _rows("kinds.tsv")}


@cache
def lower_is_better() -> frozenset[str]:
    """Lemmas whose presence makes a concept better when its value goes down."""
    return frozenset(row[0] for row in _rows("polarity.tsv") if row[1] == "lower_is_better")


@cache
def units() -> dict[str, str]:
    """Word -> the unit (satuan) it names."""
    return {row[0]: row[1] for row in _rows("units.tsv")}


@cache
def unit_counts() -> dict[str, str]:
    """Unit -> the kind of thing it counts (reports and documents both count documents)."""
    return {row[1]: row[2] for row in _rows("units.tsv")}


@cache
def jabatan_taxonomy() -> dict[str, Any]:
    """Canonical positions of a kecamatan office, with rank heads and staff roles."""
    return json.loads(_data_text("jabatan.json"))


@cache
def seed_catalogue() -> dict[str, Any]:
    """The concepts the catalogue starts from before any decree is read."""
    return json.loads(_data_text("concepts.json"))
