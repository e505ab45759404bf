"""Layout noise out, list items apart: the text rules every field shares.

GUIDELINES.md asks to strip only layout noise (markdown markers, HTML tags,
bullets, list markers) and to join what the layout broke, never to fix wording.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

_HTML_BREAK = re.compile(r"<\s*(br|/p|/li|/div|/tr)\s*/?>", re.I)
_HTML_ITEM = re.compile(r"<\s*li[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]{0,300}>")
_BULLET_CHARS = "•●▪◦‣∙·*-–—"
_MARKER = re.compile(r"^\s*(?:[-•●▪◦‣∙·*–—]\s*)*(?:\(?(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})[.)]\s*)?")
_BARE_LETTER = re.compile(r"^([a-zA-Z])\s+(?=[A-Z])")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A list marker inside running text: a letter or number with a dot or bracket, after a space,
# or glued to the end of the previous item's last word when the next item starts in capitals.
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|^|(?<=[a-z;,.]))(\(?([a-zA-Z]|\d{1,2})[.)])\s+(?=\S)")


def strip_markup(text: str) -> str:
    """Remove markdown emphasis and headings and HTML tags; list items become separate lines."""
    text = _HTML_ITEM.sub("\n• ", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub(" ", text)
    text = html.unescape(text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?m)^\s*#{1,6}\s+", "", text)
    text = re.sub(r"(?<!\w)\*(?=\S)([^*\n]+?)\*(?!\w)", r"\1", text)
    return text


def squash(text: str) -> str:
    """Collapse runs of spaces inside each line and drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=8192)
def clean(text: str | None) -> str:
    """Markup stripped and whitespace collapsed to single spaces on one line (asked again and again per cell)."""
    if not text:
        return ""
    return _SPACES.sub(" ", strip_markup(text).replace("\n", " ")).strip()


def strip_marker(text: str) -> str:
    """Drop a leading bullet or list marker ('- ', '•', 'a.', '1)', 'b ') from an item."""
    stripped = _MARKER.sub("", text, count=1)
    stripped = _BARE_LETTER.sub("", stripped, count=1)
    return stripped.strip()


def starts_with_marker(text: str) -> bool:
    return bool(re.match(r"^\s*(?:[•●▪◦‣∙·*\-–—]|\(?(?:[a-zA-Z]|\d{1,2})[.)]\s)", text))


def _sequence(kind_of: str, letter: str) -> int | None:
    if kind_of == "alpha" and letter.isalpha() and len(letter) == 1:
        return ord(letter.lower()) - ord("a")
    if kind_of == "digit" and letter.isdigit():
        return int(letter) - 1
    return None


def _marker_cuts(text: str, kind_of: str) -> list[tuple[int, int]]:
    """Positions (start, end) of markers that count up one by one: a, b, c... or 1, 2, 3...

    A marker glued to the previous word ('keuanganc. Pelaksanaan') counts only when it is
    the next expected one and a capitalised word follows, so abbreviations such as 'Kec.'
    never split an item.
    """
    cuts: list[tuple[int, int]] = []
    expected: int | None = None
    for match in _INLINE_MARKER.finditer(text):
        index = _sequence(kind_of, match.group(2))
        if index is None:
            continue
        start = match.start(1)
        glued = start > 0 and text[start - 1].isalpha()
        after = text[match.end():match.end() + 1]
        if expected is None:
            if start != len(text) - len(text.lstrip()) and index != 0:
                continue
            if glued:
                continue
        elif index != expected or (glued and not after.isupper()):
            continue
        cuts.append((start, match.end()))
        expected = index + 1
    return cuts


def split_inline_list(text: str) -> list[str]:
    """Split 'a. X b. Y' or '1. X 2. Y' into items; the text before the first marker stays first."""
    for kind_of in ("alpha", "digit"):
        cuts = _marker_cuts(text, kind_of)
        starts_at_marker = bool(cuts) and not text[:cuts[0][0]].strip()
        if len(cuts) >= 2 or (cuts and starts_at_marker):
            items = [text[:cuts[0][0]]] if not starts_at_marker else []
            for (_, end), nxt in zip(cuts, [*cuts[1:], (len(text), len(text))], strict=True):
                items.append(text[end:nxt[0]])
            return [re.sub(r"\s+;$", "", item.strip()) for item in items if item.strip(" ;")]
    return [text.strip()] if text.strip() else []


def _dash_list(text: str) -> bool:
    """' - ' separates items when the text opens with one, or when two or more precede capitals."""
    text = text.strip()
    if re.match(r"^[-–]\s+\S", text) and re.search(r"\s[-–]\s+[A-Z0-9(]", text[1:]):
        return True
    return len(re.findall(r"\s[-–]\s+[A-Z]", text)) >= 2


def split_items(text: str) -> list[str]:
    """Items of a cell or paragraph that lists several things; [text] when it is one thing."""
    text = strip_markup(text)
    if re.search(r"(^|\s)[•●▪◦‣]\s*", text):
        parts = re.split(r"(?:^|\s)[•●▪◦‣]\s*", text)
    elif _dash_list(text):
        parts = re.split(r"(?:^|\s)[-–]\s+(?=[A-Z0-9(]|[a-z][.)]\s)", text)
    else:
        parts = text.split("\n") if "\n" in text.strip() else [text]
    items: list[str] = []
    for part in parts:
        part = _SPACES.sub(" ", part.replace("\n", " ")).strip()
        if part:
            items.extend(split_inline_list(part))
    return [strip_marker(item) if starts_with_marker(item) else item for item in items if item.strip()]
