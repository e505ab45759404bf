"""Table headers mapped to canonical columns by meaning.

Every office names the columns differently ('SASARAN PROGRAM', 'Sasaran/ Kinerja
Utama', 'RUMUS/ FORMULA', 'PENJELASAN/FORMULAS I PENGHITUNGAN'); what a header
means is decided by the words in it. Converters also split one header over two
cells ('Indikato' | 'r Kinerja Individu') or leave an empty cell beside a
merged one: such fragments belong to the column on their left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from normalize.text import clean
from normalize.vocabulary import groups

JOINED_WORDS = 3
CANONICAL = ("no", "sasaran", "indikator", "formula", "sumber_data", "target")
NARROW_FIELDS = ("sumber_data", "target")  # columns narrow enough for their heading to run into the next one


@dataclass(frozen=True)
class HeaderMap:
    """Field for each cell position; unknown headers keep their own text as the field name."""

    fields: tuple[str, ...]
    unknown: tuple[str, ...] = field(default_factory=tuple)

    def field_at(self, index: int) -> str:
        return self.fields[index] if index < len(self.fields) else self.fields[-1]


@cache
def _column_words() -> re.Pattern[str]:
    """One pattern naming every column word, each alternative tagged with its field."""
    parts = [f"(?P<{name}>(?<![a-z])(?:{'|'.join(re.escape(w) for w in groups('columns')[name])}))"
             for name in ("sasaran", "indikator", "formula", "sumber_data", "target")]
    return re.compile("|".join(parts))


@cache
def field_of(header: str) -> str | None:
    """The field a header names; the word that comes first decides ('FORMULA INDIKATOR' is a formula). A
    column too narrow for its heading breaks words over lines ('N' / 'O', 'SUMBE' / 'R DATA'); a short
    heading that names nothing is read again with its pieces joined."""
    text = " ".join(re.sub(r"[^a-z ]", " ", clean(header).lower()).split())
    if not text:
        return None
    match = _column_words().search(text)
    if match:
        return match.lastgroup
    if text in groups("columns")["no"]:
        return "no"
    joined = text.replace(" ", "")
    if joined != text and len(text.split()) <= JOINED_WORDS:
        return field_of(joined)
    return None


def _fields_in(header: str) -> list[str]:
    """Every field a header names, in order, words run together or not: two narrow columns' headings may
    run into one cell ('TARGETSUMBER DATA', 'TARGET SUMBER DATA') and leave the cell beside it without one."""
    text = " ".join(re.sub(r"[^a-z ]", " ", clean(header).lower()).split())
    found = []
    while (match := _column_words().search(text)) is not None:
        found.append(str(match.lastgroup))
        text = text[match.end():]
    return found


def _is_fragment(header: str) -> bool:
    text = clean(header)
    return not text or text[0].islower()


def map_header(cells: list[str]) -> HeaderMap | None:
    """A HeaderMap when the row reads as an IKI table header, else None."""
    if sum(len(c) for c in cells) > 60 * max(len(cells), 1):
        return None
    raw = [field_of(c) for c in cells]
    known = {f for f in raw if f and f != "no"}
    if len(known) < 2 or not ({"indikator", "sasaran"} & known):
        return None
    fields: list[str | None] = []
    unknown: list[str] = []
    for cell, mapped in zip(cells, raw, strict=True):
        if mapped:
            fields.append(mapped)
        elif _is_fragment(cell):
            fields.append(None)
        else:
            name = clean(cell)
            fields.append(name)
            unknown.append(name)
    for i, value in enumerate(fields):
        if value is None:
            if not clean(cells[i]) and i > 0:
                fused = [f for f in _fields_in(cells[i - 1])[1:] if f in NARROW_FIELDS and f not in fields]
                if fused:
                    fields[i] = fused[0]
                    continue
            left = next((fields[j] for j in range(i - 1, -1, -1) if fields[j]), None)
            right = next((f for f in fields[i + 1:] if f), None)
            fields[i] = left or right
    return HeaderMap(tuple(f or "sasaran" for f in fields), tuple(unknown))
