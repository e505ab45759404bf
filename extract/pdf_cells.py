"""A table cell's words turned into its text, with drawn fractions and list items restored.

Decrees draw formulas as a numerator over a short rule over a denominator with
"x 100%" beside the rule; read naively that is three unrelated lines. A word
too long for a narrow column is broken without a hyphen where the line is full, so a line
ending within a letter of the right margin (as far from the rule as the text is on the left)
on a word that, with the next line's first letters, would not fit on a line at all goes on
into those letters, unless the page writes that word whole elsewhere; a word that runs past
the cell's rule overflowed instead of breaking, so nothing in that cell is broken. In a flush-left cell, a
line that stops short although the next line's first word would have fitted
was ended by its writer: the next line is a new item (a cell listing several
indicators one per line), kept on a line of its own. Cells
that list items keep one item per line (joined with "\\n") because normalisation
splits indicators on them; wrapped lines of one paragraph are joined with a space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.pdf_words import (
    BoxTuple,
    Rule,
    Word,
    bounds,
    group_lines,
    is_whole,
    line_text,
    repair_bullet,
    starts_item,
    typical_height,
)

MULTIPLIER = re.compile(r"[x×X*«“\"]?\s*[1l]00\s*(%|Yo|yo|Jo|%o|o|Y|°|/o)?")
BROKEN_WORD_SLACK = 0.6
SUFFIX_REACH = 3.0
BAR_THICKNESS = 2.5
SPACE_SHARE = 0.3
SIGMA_MISREADS = {"2", "=", "£", "Z", "E", "€", "%", "5", "X", ">", "L", "¥"}


@dataclass(frozen=True)
class CellText:
    """A cell's text and how many visual lines it spans (line numbers count them)."""

    text: str
    lines: int


@dataclass
class _Entry:
    top: float
    text: str
    is_item: bool = False
    is_fraction: bool = False
    broken_word: bool = False
    end: float = 0.0
    first_width: float = 0.0
    last_width: float = 0.0
    left: float = 0.0


def _goes_on(previous: _Entry, entry: _Entry, right: float, height: float) -> bool:
    """Whether a line's last word is the first part of the next line's first word: the line stops short of
    the margin by less than a letter, the next line opens in lowercase, the two joined
    would not fit on a line of their own (a word breaks only when it cannot), and the page nowhere writes the
    last word as a whole word followed by another."""
    return previous.broken_word and entry.text[:1].islower() and right - previous.end <= BROKEN_WORD_SLACK * height \
        and previous.last_width + entry.first_width > right - entry.left


def _hard_break(previous: _Entry, entry: _Entry, right: float, height: float) -> bool:
    """Whether a line ended where its writer broke it: its next line's first word would have fitted after it
    (a wrapped line ends only when the next word does not fit), and the next line opens a new item."""
    if previous.is_fraction or (not entry.text[:1].isupper() and entry.text[:1] not in "(Σ∑"):
        return False
    return previous.end + height * SPACE_SHARE + entry.first_width < right - height * BROKEN_WORD_SLACK


def _bars_in(rules: list[Rule], box: BoxTuple) -> list[Rule]:
    """Rules lying inside the cell and clearly shorter than it: fraction bars, not borders. A bar drawn as a
    thin filled rectangle has two edges; they are one bar."""
    x0, top, x1, bottom = box
    found = sorted((r for r in rules if x0 - 1 <= r.x0 and r.x1 <= x1 + 1 and top + 2 < r.y < bottom - 2
                    and r.x1 - r.x0 < (x1 - x0) - 3 and r.x1 - r.x0 > 8), key=lambda r: r.y)
    bars: list[Rule] = []
    for rule in found:
        if bars and rule.y - bars[-1].y < BAR_THICKNESS and abs(rule.x0 - bars[-1].x0) < 2:
            continue
        bars.append(rule)
    return bars


def _take_stack(lines: list[list[Word]], bar: Rule, above: bool, height: float,
                limit: float) -> list[list[Word]]:
    """The contiguous lines right above (or below) a bar, within its width and not past `limit`, centred on
    it or flush with one of its ends."""
    if above:
        candidates = [ln for ln in lines if bounds(ln)[3] <= bar.y + height * 0.3 and bounds(ln)[1] >= limit]
    else:
        candidates = [ln for ln in lines if bounds(ln)[1] >= bar.y - height * 0.3 and bounds(ln)[3] <= limit]
    candidates.sort(key=lambda ln: bounds(ln)[1], reverse=above)
    stack: list[list[Word]] = []
    edge = bar.y
    for ln in candidates:
        x0, top, x1, bottom = bounds(ln)
        gap = edge - bottom if above else top - edge
        centred = abs((x0 + x1) / 2 - (bar.x0 + bar.x1) / 2) <= max(0.1 * (bar.x1 - bar.x0), height)
        flush = abs(x0 - bar.x0) <= height or abs(x1 - bar.x1) <= height
        if gap > height * 0.9 or x0 < bar.x0 - height or x1 > bar.x1 + height or not (centred or flush):
            break
        stack.append(ln)
        edge = top if above else bottom
    return stack[::-1] if above else stack


def _splits(lines: list[list[Word]], bars: list[Rule]) -> list[float]:
    """Between two stacked fractions, where the upper denominator ends and the lower numerator begins.

    The lines between two bars are cut at their widest vertical gap; with no
    lines to go by, halfway between the bars.
    """
    splits = []
    for upper, lower in zip(bars, bars[1:], strict=False):
        between = sorted((ln for ln in lines if upper.y < (bounds(ln)[1] + bounds(ln)[3]) / 2 < lower.y),
                         key=lambda ln: bounds(ln)[1])
        if len(between) < 2:
            splits.append((upper.y + lower.y) / 2)
            continue
        gaps = [(bounds(b)[1] - bounds(a)[3], (bounds(a)[3] + bounds(b)[1]) / 2)
                for a, b in zip(between, between[1:], strict=False)]
        splits.append(max(gaps)[1])
    return splits


def _multiplier(text: str) -> str:
    """The text beside a fraction bar; OCR's usual misreadings of "x 100 %" ('* 100 Yo', '«100') repaired."""
    match = MULTIPLIER.fullmatch(text)
    if not match or text in ("x 100", "x 100%", "x 100 %"):
        return text
    return "x 100" + (" %" if match.group(1) else "")


def _sigma(part: str) -> str:
    """A fraction part opening with a lone glyph OCR makes of Σ ('2', '=', '£', 'Z', 'E') gets its Σ back."""
    head, _, rest = part.partition(" ")
    return f"Σ {rest}" if head in SIGMA_MISREADS and rest[:1].isalpha() else part


def cell_text(words: list[Word], rules: list[Rule], box: BoxTuple, whole: frozenset[str] = frozenset()) -> CellText:
    """The text of one cell from the words inside it and the rules drawn in it; `whole` holds the words the
    page writes whole (see `inner_words`), which are never the first part of a broken word."""
    if not words:
        return CellText("", 0)
    height = typical_height(words)
    remaining = list(words)
    entries: list[_Entry] = []
    bars = _bars_in(rules, box)
    suffixes = [[w for w in remaining if w.x0 >= bar.x1 - 2 and abs(w.cy - bar.y) < height * SUFFIX_REACH]
                for bar in bars]
    in_suffix = {id(w) for group in suffixes for w in group}
    splits = _splits(group_lines([w for w in remaining if id(w) not in in_suffix]), bars)
    for i, (bar, suffix) in enumerate(zip(bars, suffixes, strict=True)):
        lines = group_lines([w for w in remaining if id(w) not in in_suffix])
        upper = splits[i - 1] if i else float("-inf")
        lower = splits[i] if i < len(splits) else float("inf")
        numerator = _take_stack(lines, bar, True, height, upper)
        denominator = _take_stack(lines, bar, False, height, lower)
        if not numerator or not denominator:
            continue
        top, bottom = bounds(numerator[0])[1], bounds(denominator[-1])[3]
        suffix = [w for w in suffix if top - height * 0.5 <= w.cy <= bottom + height * 0.5]
        used = {id(w) for ln in numerator + denominator for w in ln} | {id(w) for w in suffix}
        remaining = [w for w in remaining if id(w) not in used]
        text = _sigma(" ".join(line_text(ln) for ln in numerator)) + " / " + _sigma(
            " ".join(line_text(ln) for ln in denominator))
        if suffix:
            text += " " + _multiplier(" ".join(line_text(ln) for ln in group_lines(suffix)))
        entries.append(_Entry(bounds(numerator[0])[1], text, is_fraction=True))
    lines = [repair_bullet(ln) for ln in group_lines(remaining)]
    left = min((bounds(ln)[0] for ln in lines), default=box[0])
    # text that runs past the cell's right rule was not wrapped to the cell (a browser lets a long word
    # overflow rather than break it): the wrap width is then as far as the text reaches, and no word is broken
    reach = max((bounds(ln)[2] for ln in lines), default=box[2])
    right = reach if reach > box[2] else box[2] - max(left - box[0], 0.0)
    flush_left = all(bounds(ln)[0] <= left + height * 0.6 for ln in lines)
    for ln in lines:
        item = starts_item(ln) and bounds(ln)[0] <= left + height * 0.6
        broken = len(lines) > 1 and reach <= box[2] and not is_whole(ln[-1].text, whole)
        entries.append(_Entry(bounds(ln)[1], line_text(ln), is_item=item, broken_word=broken,
                              end=bounds(ln)[2], first_width=ln[0].x1 - ln[0].x0,
                              last_width=ln[-1].x1 - ln[-1].x0, left=ln[0].x0))
    entries.sort(key=lambda e: e.top)
    parts: list[str] = []
    for i, entry in enumerate(entries):
        previous = entries[i - 1] if i else None
        if previous is None:
            pass
        elif entry.is_item or entry.is_fraction or (flush_left and _hard_break(previous, entry, right, height)):
            parts.append("\n")
        elif not _goes_on(previous, entry, right, height):
            parts.append(" ")
        parts.append(entry.text)
    count = len(lines) + sum(e.is_fraction for e in entries) * 2
    return CellText("".join(parts).strip(), count)
