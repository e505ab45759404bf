"""Formula cells into text plus numerator, denominator and multiplier.

Decrees write the same ratio as a LaTeX fraction, 'A / B x 100', 'A dibagi B
dikali 100%', '(A : B) x nilai tertimbang', or a numerator on one table row and
its denominator on the next; converters even scramble fractions into
`\\frac{A}{100\\%} \\times B`. All of them mean numerator A over denominator B.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.latex import first_fraction, latex_to_text
from normalize.text import split_items, strip_markup
from normalize.vocabulary import words

_MULTIPLIER = re.compile(
    r"\s*(?:\b[xX]|×|\*|\bdikali(?:kan)?(?:\s+dengan)?|(?<=[a-z])x)\s*100\s*(?:%|persen)?\s*", re.I)
_TRAILING_MULTIPLIER = re.compile(r"(?:^|\s)[xX×*]\s*100\s*(?:%|persen)?\s*$", re.I)
_OPERATORS = (" dibagi dengan ", " dibagi ", " / ", " ÷ ", " : ")
_HUNDRED = re.compile(r"^\(?\s*100\s*%?\s*\)?$")
_SCRAMBLED = re.compile(r"^\(?\s*100\s*%?\s*\)?\s*[xX×*]\s*(.+)$")


@dataclass(frozen=True)
class ParsedFormula:
    formula: str | None
    numerator: str | None = None
    denominator: str | None = None
    multiplier: int | None = None


def _bare(term: str | None) -> str | None:
    """A ratio term without Σ/∑ signs, surrounding brackets or a leading 'x'."""
    if term is None:
        return None
    term = term.strip()
    for _ in range(3):
        term = re.sub(r"^(?:[Σ∑]|\bsum\b)\s*", "", term).strip()
        term = re.sub(r"^[xX×]\s+", "", term).strip()
        if term.startswith("(") and term.endswith(")") and _closing(term, 0) == len(term) - 1:
            term = term[1:-1].strip()
        term = term.strip(" ,;")
    term = re.sub(r"\s*[Σ∑]\s*", " ", term).strip()
    return term or None


def _from_sum(numerator: str) -> str:
    """A numerator that a description precedes ('Laporan koordinasi ... Σ hasil koordinasi') starts at its Σ."""
    at = max(numerator.rfind("Σ"), numerator.rfind("∑"))
    return numerator[at:] if at > 0 and numerator[:at].strip() else numerator


def _closing(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _quantity(term: str) -> bool:
    return _first_word(term) in words("quantity_openers") or term.lstrip()[:1] in "Σ∑("


def _first_word(term: str) -> str:
    match = re.match(r"\W*(\w+)", term.lower())
    return match.group(1) if match else ""


def _split_top_level(text: str) -> tuple[str, str] | None:
    """Split at the first division operator outside brackets. A colon divides only between two quantities
    ('Jumlah A : Jumlah B'); after a label ('Dokumen penganggaran : RKA ...') it introduces a list."""
    for op in _OPERATORS:
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and text.startswith(op, i):
                left, right = text[:i].strip(), text[i + len(op):].strip()
                if op == " : " and not (_quantity(left) and _quantity(right)):
                    continue
                if len(left) > 1 and len(right) > 1:
                    return left, right
    return None


def ends_with_multiplier(text: str) -> bool:
    """Whether a fragment ends on the 'x 100%' of a formula."""
    return bool(_TRAILING_MULTIPLIER.search(text))


def _without_multiplier(text: str) -> tuple[str, int | None]:
    stripped, count = _MULTIPLIER.subn(" ", text)
    return (re.sub(r"\s+", " ", stripped).strip(), 100) if count else (text, None)


def _ratio_core(text: str) -> str:
    """The part that holds the ratio: '(A dibagi B) dikali 100%' -> 'A dibagi B'."""
    text = text.strip()
    if text.startswith("("):
        end = _closing(text, 0)
        if end > 0 and (end == len(text) - 1 or re.match(r"\s*[xX×*]", text[end + 1:])):
            return text[1:end]
    return text


def formula_text(raw: str) -> str:
    """The cell as plain text; a list keeps one item per line."""
    items = split_items(latex_to_text(strip_markup(raw)))
    return "\n".join(items)


def parse_formula(raw: str | None, denominator_raw: str | None = None) -> ParsedFormula:
    """Parse a formula cell; `denominator_raw` is the next table row's text when the layout split a ratio."""
    if not raw or not raw.strip():
        return ParsedFormula(None)
    if denominator_raw:
        numerator, multiplier = _without_multiplier(latex_to_text(strip_markup(raw)))
        denominator, den_multiplier = _without_multiplier(latex_to_text(strip_markup(denominator_raw)))
        multiplier = multiplier or den_multiplier
        text = f"{numerator} / {denominator}" + (" x 100%" if multiplier else "")
        return ParsedFormula(text, _bare(numerator), _bare(denominator), multiplier)
    text = formula_text(raw)
    fraction = first_fraction(raw)
    if fraction:
        return _from_fraction(text, fraction.numerator, fraction.denominator, fraction.after)
    ratio_lines = [line for line in text.split("\n") if _split_top_level(_ratio_core(_without_multiplier(line)[0]))]
    if "\n" in text and len(ratio_lines) != 1:
        return ParsedFormula(text, multiplier=_without_multiplier(text)[1])
    core, multiplier = _without_multiplier(ratio_lines[0] if ratio_lines else text)
    parts = _split_top_level(_ratio_core(core))
    if not parts:
        return ParsedFormula(text, multiplier=multiplier)
    numerator, denominator = parts
    numerator = _from_sum(numerator)
    scrambled = _SCRAMBLED.match(denominator)
    if scrambled:
        denominator, multiplier = scrambled.group(1), 100
    return ParsedFormula(text, _bare(numerator), _bare(denominator), multiplier)


def _from_fraction(text: str, numerator: str, denominator: str, after: str) -> ParsedFormula:
    numerator, num_mult = _without_multiplier(numerator)
    after_clean, after_mult = _without_multiplier(after)
    multiplier = num_mult or after_mult
    if _HUNDRED.match(denominator):
        multiplier = 100
        denominator = after_clean
    return ParsedFormula(text, _bare(numerator), _bare(denominator), multiplier)
