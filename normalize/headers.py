"""Header rows that take more than one row: sub-headers under a spanning cell, wrapped headings, column numbers.

A grid's header may put "INDIKATOR" over two columns with "KINERJA" and
"FORMULA" under it, or "No" and "SASARAN" spanning two rows beside them; the
lower row names its column more precisely. Read line by line (layout text,
borderless tables), a heading that wrapped gives a second line of header words
only. Under the header some offices number the columns "(1) (2) (3)"; that row
is no content. A table repeated on every page repeats all of these.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from normalize.columns import HeaderMap, field_of, map_header
from normalize.text import clean
from normalize.vocabulary import groups, words

HEADER_WORD_SHARE = 0.6
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2})\s*\)?\.?$")


def is_column_numbers(texts: list[str]) -> bool:
    """'(1) (2) (3) ...' or '1 2 3 ...' under a header: three or more cells numbered upwards, nothing else."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    numbers = []
    for text in filled:
        match = _COLUMN_NUMBER.match(text)
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[0] <= 2


@cache
def _header_vocabulary() -> frozenset[str]:
    column_words = {w for names in groups("columns").values() for phrase in names for w in phrase.split()}
    return frozenset(column_words | set(words("header_words")))


def continues_header(texts: list[str]) -> bool:
    """Whether a row holds header words: the next line of headings that wrapped (a word broken over two
    lines, 'PENANGGU' / 'NG JAWAB', leaves a fragment that is no word at all, hence a share)."""
    filled = [clean(t) for t in texts if t.strip()]
    if not filled:
        return False
    vocabulary = _header_vocabulary()
    tokens = []
    for text in filled:
        cell = re.findall(r"[a-z]+", text.lower())
        if not cell or len(cell) > 4:
            return False
        tokens.extend(cell)
    return sum(t in vocabulary for t in tokens) >= HEADER_WORD_SHARE * len(tokens)


def combine(upper: list[str], lower: list[str], spanning: list[bool]) -> HeaderMap | None:
    """The header two rows give: under a spanning cell the lower row names the column when it can; elsewhere
    the two rows are one heading that wrapped."""
    combined = []
    for top, bottom, spans in zip(upper, lower, spanning, strict=True):
        if spans and field_of(bottom):
            combined.append(bottom)
        elif spans or not bottom.strip():
            combined.append(top)
        else:
            combined.append(f"{top} {bottom}".strip())
    return map_header(combined)


def complete(header: HeaderMap, above: str | None) -> HeaderMap:
    """A heading on the line above the header row (a cell spanning sub-columns, centred over them, that a
    line-by-line reading kept apart) names the field the header lacks: the unknown columns headed only by
    header words ('KINERJA' under 'INDIKATOR') get it."""
    if not above or len(above.split()) > 3:
        return header
    missing = field_of(above)
    if missing is None or missing in header.fields:
        return header
    generic = [name for name in header.unknown if continues_header([name])]
    if not generic:
        return header
    target = generic[0]
    fields = tuple(missing if name == target else name for name in header.fields)
    return replace(header, fields=fields, unknown=tuple(n for n in header.unknown if n != target))
