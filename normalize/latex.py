"""LaTeX as PDF-to-markdown converters write it inside table cells, turned into plain text.

Converters render formula cells as `$\\frac{\\sum \\text{A}}{\\sum \\text{B}} \\times 100 \\%$`;
data officers read and store them as "Σ A / Σ B x 100 %". Fractions are also
returned as structure so formula parsing never has to re-split flattened text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MATH = re.compile(r"\$\$?(.+?)\$\$?", re.S)
_SYMBOLS = {
    r"\times": " x ", r"\cdot": " x ", r"\sum": " Σ ", r"\Sigma": " Σ ", r"\%": "%", r"\&": "&",
    r"\div": " : ", r"\,": " ", r"\;": " ", r"\quad": " ", r"\left": "", r"\right": "", r"\_": "_",
}
_TEXT_COMMANDS = ("text", "textbf", "textit", "mathrm", "mathbf", "operatorname", "mbox")


@dataclass(frozen=True)
class Fraction:
    numerator: str
    denominator: str
    before: str
    after: str


def _group(src: str, start: int) -> tuple[str, int]:
    """The content of the brace group opening at `start` and the index after it."""
    depth = 0
    for i in range(start, len(src)):
        if src[i] == "{" and (i == 0 or src[i - 1] != "\\"):
            depth += 1
        elif src[i] == "}" and src[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return src[start + 1:i], i + 1
    return src[start + 1:], len(src)


def _flatten(src: str) -> str:
    """Math source to text, fractions written as 'A / B'."""
    out: list[str] = []
    i = 0
    while i < len(src):
        if src.startswith(r"\frac", i) or src.startswith(r"\dfrac", i) or src.startswith(r"\tfrac", i):
            j = src.index("frac", i) + 4
            while j < len(src) and src[j] == " ":
                j += 1
            if j < len(src) and src[j] == "{":
                num, j = _group(src, j)
                while j < len(src) and src[j] == " ":
                    j += 1
                den, j = _group(src, j) if j < len(src) and src[j] == "{" else ("", j)
                out.append(f" {_flatten(num)} / {_flatten(den)} ")
                i = j
                continue
        if src[i] == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", src[i:])
            name = match.group(1) if match else ""
            j = i + len(name) + 1
            if name in _TEXT_COMMANDS and j < len(src) and src[j] == "{":
                content, j = _group(src, j)
                out.append(_flatten(content))
                i = j
                continue
            out.append(_SYMBOLS.get("\\" + name, " " if name.isalpha() else name))
            i = j
            continue
        if src[i] in "{}":
            i += 1
            continue
        out.append(src[i])
        i += 1
    return "".join(out)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("$", " "))
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return text.strip()


def latex_to_text(text: str) -> str:
    """Replace every `$...$` math segment by its plain-text reading."""
    if "$" not in text and "\\" not in text:
        return text
    converted = _MATH.sub(lambda m: " " + _tidy(_flatten(m.group(1))) + " ", text)
    if "\\" in converted:
        converted = _flatten(converted)
    return _tidy(converted)


def math_segments(text: str) -> list[str]:
    """The `$...$` segments of a cell, for cells that hold one formula per indicator."""
    return [m.group(0) for m in _MATH.finditer(text)]


def first_fraction(text: str) -> Fraction | None:
    """The first \\frac in the text with its flattened parts, or None."""
    match = re.search(r"\\[dt]?frac\s*\{", text)
    if not match:
        return None
    brace = text.index("{", match.start())
    num, j = _group(text, brace)
    while j < len(text) and text[j] == " ":
        j += 1
    den, j = _group(text, j) if j < len(text) and text[j] == "{" else ("", j)
    return Fraction(_tidy(_flatten(num)), _tidy(_flatten(den)),
                    latex_to_text(text[:match.start()]), latex_to_text(text[j:]))
