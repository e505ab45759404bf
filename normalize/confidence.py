"""Row confidence: the chance that a row is right, from evidence that does not depend on one decree's wording.

Officers review what the program says it is unsure of, so confidence must rank the wrong rows first on
layouts never seen before. It is therefore built from signals every layout has: how well each cell fits
its column's content type (an indikator opens with a kind word, a formula reads as a quantity, a sumber
data does not read like an indikator or a formula), whether the rows were the source's own or lines placed
by alignment, how many physical rows one indicator took, whether the row's cells match the header's
columns, OCR word confidence, whether the formula parsed and agrees with the indicator's kind, and which
repairs the row needed. Signals of the whole decree (its share of rows placed by alignment, of rows
without an indikator, of misfitting cells) go with every row, because a layout read badly makes most of
its rows wrong at once.

The signals are combined in one place: a logistic model whose intercept and weights are data
(normalize/data/confidence_model.json, fitted by bench/confidence_fit.py on rendered layout families), so
`confidence = 1 / (1 + exp(-(intercept + sum(weight * signal))))`. Confidence never changes a value.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from normalize.classify import RATIO_KINDS, starts_with_kind_word
from normalize.records import DecreeRecord, Indicator
from normalize.repairs import Repair
from normalize.text import clean, strip_markup
from normalize.vocabulary import groups, words

_OPERATOR = re.compile(r"\s/\s|÷|\bdibagi\b|\\frac|[xX×*]\s*100|\bdikali|\s:\s|=|∑|Σ")
_HUNDRED = re.compile(r"100|%|persen", re.I)
_WORD = re.compile(r"[A-Za-z][\w%-]*")
# The repairs a row's notes name, by signal.
_REPAIRS = {
    "repair_copied": (Repair.COPIED,),
    "repair_split": (Repair.SPLIT_CAPITALS, Repair.SPLIT_OPENS),
    "repair_ocr": (Repair.OCR_TWICE, Repair.FIRST_LINE_MISSING),
    "repair_denominator": (Repair.DENOMINATOR_NEXT,),
    "repair_repeat": (Repair.REPEATED,),
}
# Per-row signals averaged over the decree.
_DOCUMENT = ("line", "no_indikator", "misfit", "ocr_low", "continued", "columns_off")
ROW_SIGNALS = (
    "ocr_low", "line", "continued", "many_rows", "columns_off", "unknown_columns", "split", "no_indikator",
    "no_sasaran", "no_formula", "no_sumber", "indikator_not_kind", "indikator_formula_like",
    "indikator_sasaran_like", "indikator_inner_kind", "indikator_fragment", "indikator_long", "sasaran_inner_kind",
    "sasaran_fragment", "sasaran_indicator_like", "formula_not_quantity", "formula_fragment", "formula_lines",
    "ratio_unparsed", "kind_formula_disagree", "sumber_indicator_like", "sumber_formula_like", "sumber_long",
    "garbled", "markup", "extra_cells", "repairs", *_REPAIRS, "misfit",
)
# Read from the finished row's text at scoring time.
TEXT_SIGNALS = ("odd_tokens", "leading_number", "header_words", "no_multiplier")
# Every signal a row can carry: its own, its position's, its decree's.
SIGNALS = frozenset((*ROW_SIGNALS, *TEXT_SIGNALS, "no_jabatan", *(f"doc_{name}" for name in _DOCUMENT)))
# A token no field of an IKI row is made of: digits and letters mixed ('1UU', 'x1O0'), lone quote or arrow
# marks, or two letters of mixed case ('oF', 'Yo') - what OCR makes of stamps, rules and smudges.
_ODD = re.compile(r"^(?=\w*\d)(?=\w*[A-Za-z])\w+$|^[“”„»«›‹|~_^{}]+$|^[A-Z][a-z]$|^[a-z][A-Z]$")
_UNITS = re.compile(r"^\d+(?:%|x|rb|jt|kk|th|km|m2)$", re.I)



@dataclass
class RowEvidence:
    """What the table showed while one indicator was assembled from its physical rows."""

    rows: int = 0
    line_rows: int = 0
    ocr: float = 1.0
    columns_off: int = 0
    unknown_columns: bool = False
    has_formula_column: bool = False
    has_sumber_column: bool = False


def _has_inner_kind_word(text: str) -> bool:
    """A kind word opening a later capitalised phrase ('... Daerah Persentase fasilitasi ...'): two cells or two
    rows run together."""
    tokens = text.split()
    return any(tokens[i][:1].isupper() and starts_with_kind_word(" ".join(tokens[i:]))
               for i in range(2, len(tokens)))


def _opens_outcome(text: str) -> bool:
    first = re.split(r"[\s/]", text, maxsplit=1)[0]
    return len(first) >= 6 and first.lower().endswith("nya")


def _fragment(text: str) -> bool:
    """A text that starts in lowercase or stops on a word that cannot end a phrase: part of a cut cell."""
    stripped = text.strip(" .;")
    if not stripped:
        return False
    if stripped[0].islower() or stripped[-1] in ",/&-(":
        return True
    return stripped.split()[-1].lower() in words("hanging_words")


def _reads_as_quantity(text: str) -> bool:
    match = _WORD.search(text.lower())
    first = match.group(0) if match else ""
    return bool(_OPERATOR.search(text)) or first in words("quantity_openers") or starts_with_kind_word(text)


def row_signals(ind: Indicator, evidence: RowEvidence, count: int) -> dict[str, float]:
    """The signals of one assembled indicator (see the module docstring), each 0 or 1 but `ocr_low` (1 - the
    lowest OCR word confidence); the position's own (`no_jabatan`) is added where positions are built. Only the
    signals that are present are kept, so a record lists what made a row doubtful."""
    indikator, sasaran = clean(ind.indikator), clean(ind.sasaran)
    formula, sumber = clean(ind.formula), clean(ind.sumber_data)
    notes = " ".join(ind.notes)
    text = indikator + " " + sasaran
    letters = len(re.sub(r"[^A-Za-z]", "", text))
    signals = {
        "ocr_low": round(1.0 - evidence.ocr, 3),
        "line": float(evidence.line_rows > 0),
        "continued": float(evidence.rows > 1),
        "many_rows": float(evidence.rows > 3),
        "columns_off": float(evidence.columns_off > 0),
        "unknown_columns": float(evidence.unknown_columns),
        "split": float(count > 1),
        "no_indikator": float(not indikator),
        "no_sasaran": float(not sasaran),
        "no_formula": float(evidence.has_formula_column and not formula),
        "no_sumber": float(evidence.has_sumber_column and not sumber),
        "indikator_not_kind": float(bool(indikator) and ind.kind == "lainnya"),
        "indikator_formula_like": float(bool(_OPERATOR.search(indikator))),
        "indikator_sasaran_like": float(bool(indikator) and _opens_outcome(indikator)),
        "indikator_inner_kind": float(_has_inner_kind_word(indikator)),
        "indikator_fragment": float(_fragment(indikator)),
        "indikator_long": float(len(indikator.split()) > 25),
        "sasaran_inner_kind": float(_has_inner_kind_word(sasaran)),
        "sasaran_fragment": float(_fragment(sasaran)),
        "sasaran_indicator_like": float(starts_with_kind_word(sasaran)),
        "formula_not_quantity": float(bool(formula) and not _reads_as_quantity(formula)),
        "formula_fragment": float(_fragment(formula)),
        "formula_lines": float("\n" in (ind.formula or "")),
        "ratio_unparsed": float(ind.kind in RATIO_KINDS and bool(formula) and not ind.denominator),
        "kind_formula_disagree": float(bool(formula) and (
            (ind.kind == "persentase" and not _HUNDRED.search(formula) and not ind.denominator)
            or (ind.kind == "jumlah" and bool(ind.multiplier)))),
        "sumber_indicator_like": float(starts_with_kind_word(sumber) or _opens_outcome(sumber)),
        "sumber_formula_like": float(bool(_OPERATOR.search(sumber))),
        "sumber_long": float(len(sumber.split()) > 15),
        "garbled": float(bool(text.strip()) and letters < 0.6 * len(text.replace(" ", ""))),
        "markup": float(strip_markup(ind.indikator or "") != (ind.indikator or "")),
        "extra_cells": float(any(v for v in ind.extra.values())),
        "repairs": float(bool(ind.notes)),
    }
    for name, phrases in _REPAIRS.items():
        signals[name] = float(any(p in notes for p in phrases))
    signals["misfit"] = float(any(signals[k] for k in (
        "indikator_formula_like", "indikator_sasaran_like", "indikator_inner_kind", "sasaran_inner_kind",
        "formula_not_quantity", "sumber_indicator_like", "sumber_formula_like", "no_indikator")))
    return {name: value for name, value in signals.items() if value}


@dataclass(frozen=True)
class Model:
    """A logistic model over named signals; signals it does not name weigh nothing."""

    intercept: float
    weights: dict[str, float]

    def confidence(self, signals: dict[str, float]) -> float:
        z = self.intercept + sum(w * signals.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model:
    data = json.loads(resources.files("normalize").joinpath("data/confidence_model.json").read_text(encoding="utf-8"))
    return Model(float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()})


@cache
def _column_words() -> frozenset[str]:
    return frozenset(word for names in groups("columns").values() for name in names for word in name.split()
                     if len(word) >= 5)


def _is_header_word(token: str) -> bool:
    """A column heading's word in capitals inside a value ('... disediakan PENJELASAN / FORMULASI'): a repeated
    header read into the row above or below it."""
    word = token.strip("()/:.,")
    return word.isupper() and word.lower() in _column_words()


def text_signals(ind: Indicator) -> dict[str, float]:
    """Signals read from the finished row's fields: tokens that look like OCR noise, a sasaran, indikator or
    denominator opening on a number that no field of the genre opens on, a column heading's word in capitals,
    a percentage's ratio without its 'x 100' (often lost with the line it stood on)."""
    fields = [clean(v) for v in (ind.sasaran, ind.indikator, ind.formula, ind.numerator, ind.denominator,
                                 ind.sumber_data) if v]
    odd = sum(bool(_ODD.match(token)) and not _UNITS.match(token) for text in fields for token in text.split())
    leading = any(re.match(r"\d+\s+[A-Za-z]", clean(v)) for v in (ind.sasaran, ind.indikator, ind.denominator) if v)
    found = {"odd_tokens": float(min(odd, 3)), "leading_number": float(leading),
             "header_words": float(any(_is_header_word(token) for text in fields for token in text.split())),
             "no_multiplier": float(ind.kind == "persentase" and bool(ind.denominator) and not ind.multiplier)}
    return {name: value for name, value in found.items() if value}


def document_signals(record: DecreeRecord) -> None:
    """Add to every row the decree's mean of the per-row signals that mark a layout read badly."""
    rows = record.indicators
    if not rows:
        return
    means = {f"doc_{name}": round(sum(r.signals.get(name, 0.0) for r in rows) / len(rows), 3) for name in _DOCUMENT}
    for row in rows:
        row.signals.update({name: value for name, value in means.items() if value})


def score(record: DecreeRecord) -> None:
    """Set every row's confidence from its signals, those its text shows and its decree's."""
    for row in record.indicators:
        for name in TEXT_SIGNALS:
            row.signals.pop(name, None)
        row.signals.update(text_signals(row))
    document_signals(record)
    found = model()
    for row in record.indicators:
        row.confidence = round(found.confidence(row.signals), 3)
