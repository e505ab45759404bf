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
from functools import cache, lru_cache

from rapidfuzz import fuzz

from normalize.text import clean
from normalize.vocabulary import groups, words

JOINED_WORDS = 3
CANONICAL = ("no", "sasaran", "indikator", "formula", "sumber_data", "target")
NARROW_FIELDS = ("sumber_data", "target")  # columns narrow enough for their heading to run into the next one
MAIN_FIELDS = {"sasaran", "indikator"}  # every indicator table heads these
# A heading misread by OCR or run into by its neighbour's wrapped word ('NGSUMBER DATA', 'VG5UMBER DATA') names
# a field it holds this close (rapidfuzz partial ratio: one letter in six), being at least as long as them.
MISREAD_SCORE = 83
MISREAD_MIN_LENGTH = 6


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


_LETTERS = re.compile(r"[^a-z ]")
_MISREAD_KEPT = re.compile(r"[^a-z0-9 ]")  # OCR reads letters as digits ('5UMBER'): they are kept to be matched


def _heading_words(header: str, dropped: re.Pattern[str] = _LETTERS) -> str:
    """A heading's words in lower case, what `dropped` matches (all but letters) turned into spaces."""
    return " ".join(dropped.sub(" ", clean(header).lower()).split())


@cache
def field_of(header: str) -> str | None:
    """The field a header names; the word that comes first decides ('FORMULA INDIKATOR' is a formula). A
    column too narrow for its heading breaks words over lines ('N' / 'O', 'SUMBE' / 'R DATA'); a short
    heading that names nothing is read again with its pieces joined."""
    text = _heading_words(header)
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


@lru_cache(maxsize=4096)
def _fields_in(header: str) -> tuple[str, ...]:
    """Every field a header names, in order, words run together or not: two narrow columns' headings may
    run into one cell ('TARGETSUMBER DATA', 'TARGET SUMBER DATA') and leave the cell beside it without one."""
    text = _heading_words(header)
    found = []
    while (match := _column_words().search(text)) is not None:
        found.append(str(match.lastgroup))
        text = text[match.end():]
    return tuple(found)


def _generic(header: str) -> bool:
    """A heading of header words only ('KINERJA', 'KEGIATAN'): it names no field by itself."""
    tokens = re.findall(r"[a-z]+", clean(header).lower())
    return bool(tokens) and all(t in words("header_words") for t in tokens)


def _pushed_right(raw: list[str | None], cells: list[str]) -> list[str | None]:
    """The fields once a heading a converter pushed into the next column is given back: a heading wrapped
    over two lines and centred in its column ('INDIKATOR' / 'KINERJA') may come out with its first word over
    the column to the right, so that one column reads only 'KINERJA' and the next names two fields
    ('INDIKATOR RUMUS'). The column of header words takes the first field, its neighbour the second, when
    the header then names both main columns (a column of header words where the sasaran is missing is the
    sasaran's own heading cut apart, 'SASARAN (KINERJA' / 'KEGIATAN)', for the line above to name)."""
    out = list(raw)
    for i in range(1, len(cells)):
        if out[i - 1] is not None or not _generic(cells[i - 1]):
            continue
        named = _fields_in(cells[i])
        if len(named) >= 2 and named[1] not in out and named[0] not in out[:i - 1] + out[i + 1:]:
            pushed = [*out[:i - 1], named[0], named[1], *out[i + 1:]]
            if set(pushed) >= MAIN_FIELDS:
                out = pushed
    return out


def _fused_after_extra(raw: list[str | None], cells: list[str]) -> tuple[list[str | None], list[str]]:
    """The fields and headings once a narrow column's heading that ran into the extra column before it is
    given back: 'KETERANGAN TARGET' over two columns, the right one empty, is an extra column's heading and
    the target's (an extra heading names no field, so the field it ran into seems to be the left column's)."""
    raw, cells = list(raw), list(cells)
    for i in range(len(cells) - 1):
        words = clean(cells[i]).split()
        if raw[i] not in NARROW_FIELDS or clean(cells[i + 1]) or raw[i + 1] is not None or len(words) < 2:
            continue
        for k in range(1, len(words)):
            lead, tail = " ".join(words[:k]), " ".join(words[k:])
            if field_of(lead) is None and field_of(words[k]) == raw[i] and field_of(tail) == raw[i]:
                cells[i], cells[i + 1] = lead, tail
                raw[i], raw[i + 1] = None, raw[i]
                break
    return raw, cells


def _spread(raw: list[str | None], cells: list[str]) -> list[str | None]:
    """The fields once a heading repeated over the columns it spans gives each its own: two headings a
    converter set one space apart came out as one cell over both columns ('SASARAN/KINERJA INDIKATOR
    KINERJA'); when the cell names as many fields as it spans, none named elsewhere, they go in order."""
    out = list(raw)
    i = 0
    while i < len(cells):
        j = i
        while j + 1 < len(cells) and clean(cells[j + 1]) == clean(cells[i]):
            j += 1
        named = _fields_in(cells[i]) if j > i and clean(cells[i]) else ()
        others = out[:i] + out[j + 1:]
        if j > i and len(named) == j - i + 1 == len(set(named)) and not set(named) & set(others):
            out[i:j + 1] = named
        i = j + 1
    return out


def _is_fragment(header: str) -> bool:
    text = clean(header)
    return not text or text[0].islower()


def _misread_field(header: str, free: list[str]) -> str | None:
    """The one free field whose column words the heading holds once a few letters are allowed to differ."""
    text = _heading_words(header, _MISREAD_KEPT)
    found = {name for name in free for phrase in groups("columns")[name]
             if len(phrase) >= MISREAD_MIN_LENGTH and len(text) >= len(phrase)
             and fuzz.partial_ratio(phrase, text) >= MISREAD_SCORE}
    return found.pop() if len(found) == 1 else None


def _misread(raw: list[str | None], cells: list[str]) -> list[str | None]:
    """The fields once each heading of a header that names none is read as a misreading of a field the header
    lacks: within a row already read as a header, the evidence that it is one is strong."""
    out = list(raw)
    for i, cell in enumerate(cells):
        if out[i] is None and clean(cell):
            free = [f for f in CANONICAL[1:] if f not in out]
            out[i] = _misread_field(cell, free)
    return out


def map_header(cells: list[str]) -> HeaderMap | None:
    """A HeaderMap when the row reads as an IKI table header, else None."""
    if sum(len(c) for c in cells) > 60 * max(len(cells), 1):
        return None
    raw, cells = _fused_after_extra(_spread(_pushed_right([field_of(c) for c in cells], cells), cells), cells)
    known = {f for f in raw if f and f != "no"}
    if len(known) < 2 or not (MAIN_FIELDS & known):
        return None
    raw = _misread(raw, cells)
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
