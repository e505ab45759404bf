"""The word lists that harmonisation relies on, read from data files.

Spelling variants, abbreviations, multi-word synonyms, units and fillers
change with every new batch of decrees, so they live in TSV/JSON files that a
data officer can extend without touching code. The words that open an
indicator and the kind of measure they name are the genre's vocabulary,
shared with normalize/classify.py (normalize/data/vocabulary.json), so both
read one list.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from normalize.vocabulary import groups, words


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
    """Spelling variant, informal short form or frequent typo -> canonical word."""
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
def function_words() -> frozenset[str]:
    """Words that join an indicator's words without saying what it measures."""
    return frozenset(row[0] for row in _rows("function_words.tsv"))


@cache
def fillers() -> frozenset[str]:
    """Words and stems that frame a measure without saying what is measured."""
    return frozenset(row[0] for row in _rows("fillers.tsv"))


@cache
def stem_exceptions() -> dict[str, str]:
    """Word -> the stem it keeps where the stemmer would reduce it too far."""
    return {row[0]: row[1] for row in _rows("stem_exceptions.tsv")}


@cache
def kind_openers() -> dict[str, str]:
    """Word(s) an indicator opens with -> the kind of measure they name (the genre's vocabulary)."""
    return {opener: kind for kind, openers in groups("kind_openers").items() for opener in openers}


@cache
def other_openers() -> frozenset[str]:
    """Words that open an indicator without naming a kind ("Terlaksananya", "Capaian", ...)."""
    return frozenset(words("indicator_openers"))


@cache
def lead_counts() -> dict[str, str]:
    """Opening word -> what the indicator counts when no unit follows it."""
    return {row[0]: row[1] for row in _rows("lead_counts.tsv")}


@cache
def kind_families() -> dict[str, str]:
    """Kind of measure -> family of kinds measured on the same scale."""
    return {row[0]: row[1] for row in _rows("kinds.tsv")}


@cache
def lower_is_better() -> frozenset[str]:
    """Stems whose presence makes a concept better when its value goes down."""
    return frozenset(row[0] for row in _rows("polarity.tsv") if row[1] == "lower_is_better")


@cache
def units() -> dict[str, str]:
    """Word -> the unit (satuan) it names."""
    return {row[0]: row[1] for row in _rows("units.tsv")}


@cache
def containers() -> frozenset[str]:
    """Unit words that say nothing beyond what they count ("dokumen", "kegiatan")."""
    return frozenset(row[0] for row in _rows("units.tsv") if len(row) > 3 and row[3] == "container")


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
