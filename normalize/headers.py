"""Header rows that take more than one row: sub-headers under a spanning cell, wrapped headings, column numbers.

A grid's header may put "INDIKATOR" over two columns with "KINERJA" and
"FORMULA" under it, or "No" and "SASARAN" spanning two rows beside them; the
lower row names its column more precisely. Read line by line (layout text,
borderless tables), a heading that wrapped gives a second line of header words
only. Under the header some offices number the columns "(1) (2) (3)"; that row
is no content. A table repeated on every page repeats all of these. A table
that carries on another on the next page under no header of its own may have
a column more or fewer than the header; its cells say which.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from extract.column_numbers import numbers_of
from normalize.classify import kind_of
from normalize.columns import CANONICAL, HeaderMap, field_of, map_header
from normalize.grid_rows import GridRow
from normalize.target import parse_target
from normalize.text import clean
from normalize.vocabulary import groups, words

HEADER_WORD_SHARE = 0.6
FILLED_SHARE = 0.2  # rows with text in a column that make it a column of its own, not a stray heading's
FILLED_ROWS = 2
MISREAD_NUMBER_LENGTH = 4  # a column number misread by OCR ('qa)' for '(1)') is no longer than this
HEADING_RUN = 8  # lines a header read line by line may take (vertically centred headings of a tall one)


def is_column_numbers(texts: list[str]) -> bool:
    """'(1) (2) (3) ...' or '1 2 3 ...' under a header: three or more cells numbered upwards, nothing else but
    the last words of a heading that ran down over the numbers ('KEGIATAN) 2', 'DATA 5')."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    numbers = numbers_of(filled) or numbers_of([_without_header_words(t) for t in filled])
    if numbers is None:
        numbers = _one_misread(filled)
    return numbers is not None and numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[0] <= 2


def _one_misread(filled: list[str]) -> list[int] | None:
    """The numbers when one short cell among at least three numbers counting up by one is misread ('qa)' for
    '(1)' on a photo; it keeps a bracket or a digit): the number its place in the count gives it. None when
    the count skips or more misread."""
    read = [numbers_of([t]) for t in filled]
    misread = [i for i, n in enumerate(read) if n is None]
    if len(misread) != 1 or len(filled) < 4 or len(filled[misread[0]]) > MISREAD_NUMBER_LENGTH or \
            not re.search(r"[()\[\]\d]", filled[misread[0]]):
        return None
    at = misread[0]
    known = [n[0] if n else 0 for n in read]
    known[at] = known[at + 1] - 1 if at + 1 < len(known) else known[at - 1] + 1
    return known if all(b - a == 1 for a, b in zip(known, known[1:], strict=False)) else None


def _without_header_words(text: str) -> str:
    vocabulary = _header_vocabulary()
    return " ".join(w for w in text.split() if re.sub(r"[^a-z]", "", w.lower()) not in vocabulary)


@cache
def _header_vocabulary() -> frozenset[str]:
    column_words = {w for names in groups("columns").values() for phrase in names for w in phrase.split()}
    return frozenset(column_words | set(words("header_words")))


_YEAR = re.compile(r"\(?(?:19|20)\d\d\)?")


def continues_header(texts: list[str]) -> bool:
    """Whether a row holds header words: the next line of headings that wrapped (a word broken over two
    lines, 'PENANGGU' / 'NG JAWAB', leaves a fragment that is no word at all, hence a share; a year is the
    rest of 'TARGET 2023')."""
    filled = [clean(t) for t in texts if t.strip() and not _YEAR.fullmatch(t.strip())]
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


def combine(upper: list[str], lower: list[str], spanning: list[bool]) -> list[str]:
    """The headings two rows give: under a spanning cell the lower row names the column when it can (and
    keeps naming it on the rows after); elsewhere the two rows are one heading that wrapped."""
    combined = []
    for top, bottom, spans in zip(upper, lower, spanning, strict=True):
        if spans and field_of(bottom):
            combined.append(bottom)
        elif spans or not bottom.strip():
            combined.append(top)
        else:
            combined.append(f"{top} {bottom}".strip())
    return combined


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z]+", clean(text).lower())


def heading_line(rows: list[GridRow], at: int, start: int) -> bool:
    """Whether line `at` of a table read line by line holds header words only: short cells whose words are
    heading words, or pieces of one that a narrow column broke over lines ('TARG' over 'ET', 'PENANGG' over
    'UNG') and that join the nearest word in the same column on a line above (from `start`) or below."""
    vocabulary = _header_vocabulary()
    found, known = 0, 0
    for col, text in enumerate(rows[at].texts):
        cell = _tokens(text)
        if len(cell) > 4:
            return False
        if not cell:
            continue
        up = next((t for r in rows[at - 1:start - 1 if start else None:-1] if (t := _tokens(r.texts[col]))), [])
        down = next((t for r in rows[at + 1:at + HEADING_RUN] if (t := _tokens(r.texts[col]))), [])
        for i, token in enumerate(cell):
            found += 1
            joins = (i == 0 and up and up[-1] + token in vocabulary) or (
                i == len(cell) - 1 and down and token + down[0] in vocabulary)
            known += token in vocabulary or bool(joins)
    return found > 0 and known >= HEADER_WORD_SHARE * found


def heading_run(rows: list[GridRow], start: int) -> int:
    """How many rows from `start` on are lines of header words (at most HEADING_RUN rows)."""
    end = start
    while end < len(rows) and end - start < HEADING_RUN and heading_line(rows, end, start):
        end += 1
    return end - start


def folded(rows: list[GridRow]) -> GridRow | None:
    """The heading lines a reader set above a table's body as one header row, when together they name the
    columns: read line by line, a header's words fall on lines of their own (a narrow column breaks
    'TARG' / 'ET', cells centred vertically put 'TARGET' on the first line and 'SASARAN' on the third), so
    no line alone need be a header. A heading over several columns is named under it by the line below
    when that line can (as `combine` reads two header rows)."""
    texts = list(rows[0].heading)
    spanning = [w > 1 for w in rows[0].widths]
    for row in rows[1:]:
        texts = combine(texts, list(row.heading), spanning)
        spanning = [s or w > 1 for s, w in zip(spanning, row.widths, strict=True)]
    if map_header(texts) is None:
        return None
    width = tuple(1 for _ in texts)
    span = rows[0].span.merge(rows[-1].span)
    return replace(rows[0], texts=tuple(texts), heading=tuple(texts), widths=width, depth=1, span=span,
                   carried=tuple(False for _ in texts))


def over_filled(texts: list[str], rows: list[list[str]]) -> list[str]:
    """The headings with each one that sits over a column its rows leave empty moved to the unheaded column
    beside it that they fill: a heading centred over a narrow column ('SATUAN' over '%') can fall past the
    column's edge that the rows give."""
    out = list(texts)
    if not rows:
        return out

    def filled(col: int) -> int:
        return sum(1 for r in rows if col < len(r) and r[col].strip())

    for i in range(len(out)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(out) and out[i].strip() and not out[j].strip() and filled(i) == 0 \
                    and filled(j) >= max(FILLED_ROWS, FILLED_SHARE * len(rows)):
                out[i], out[j] = "", out[i]
                break
    return out


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


_NUMBER = re.compile(r"^\d{1,3}[.)]?$")


def _quantity(text: str) -> bool:
    """A target's value: a number and at most a one-word unit ('100 %', '3 dokumen', '12 bulan')."""
    value, unit = parse_target(text)
    return value is not None and len((unit or "").split()) <= 1


def _fit(field: str, text: str) -> float:
    """How well a cell's text suits the field its column is given (a number in No, a kind word opening an
    indicator, an outcome phrase opening a sasaran, a ratio in a formula, a quantity in a target and never
    in a sumber data)."""
    text = clean(text)
    if not text:
        return 0.0
    if field == "no":
        return 2.0 if _NUMBER.match(text) else -2.0
    if _NUMBER.match(text):
        return -1.0
    quantity = _quantity(text)
    if field == "target":
        return 1.0 if quantity else 0.0
    if field == "sumber_data" and quantity:
        return -1.0
    first = text.split()[0]
    if field == "indikator":
        return 1.0 if kind_of(text) != "lainnya" else 0.0
    if field == "sasaran":
        return 1.0 if first[:1].isupper() and first.lower().endswith("nya") else 0.0
    if field == "formula":
        return 1.0 if re.search(r" / |[xX×]\s*100|dibagi", text) else 0.0
    return 0.0


def unheaded_target(header: HeaderMap, texts: list[str], rows: list[list[str]]) -> HeaderMap:
    """The header with a column that has no heading but quantities in every cell ('100 %', '12 dokumen') made
    the target's, when no heading names a target: its heading was lost (under a stamp, to OCR, wrapped away),
    and an unheaded column is otherwise taken for the end of its left neighbour's cells."""
    if "target" in header.fields:
        return header
    for i, text in enumerate(texts[:len(header.fields)]):
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if not text.strip() and len(values) >= max(FILLED_ROWS, FILLED_SHARE * len(rows)) and \
                all(_quantity(v) and not _NUMBER.match(v) for v in values):
            return replace(header, fields=(*header.fields[:i], "target", *header.fields[i + 1:]))
    return header


def refit(header: HeaderMap, rows: list[list[str]]) -> HeaderMap:
    """The header for a table that carries on another one but has one column more or fewer (a converter laid
    the page out anew): of the headers one split or joined column away, the one its cells suit best; of
    equals, the one that keeps every field (the column lost is one that repeats its neighbour's heading),
    then the one that loses a column no field names, then the one that loses the column furthest right (a
    converter leaves out a last column that no row fills)."""
    width = max((len(r) for r in rows), default=len(header.fields))
    fields = list(header.fields)
    if width == len(fields):
        return header
    if width == len(fields) - 1:
        options = [(fields[:i] + fields[i + 1:], fields[i] not in CANONICAL, i) for i in range(len(fields))]
    elif width == len(fields) + 1:
        options = [(fields[:i + 1] + fields[i:], False, i) for i in range(len(fields))]
    else:
        return header
    best, _, _ = max(options, key=lambda option: (
        sum(_fit(f, t) for row in rows for f, t in zip(option[0], row, strict=False)), len(set(option[0])),
        option[1], option[2]))
    return replace(header, fields=tuple(best))
