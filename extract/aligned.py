"""Tables without rules, found from the alignment of words: columns are where every line leaves a gutter.

Borderless position blocks ("JABATAN | : | X"), tables in layout text
(`pdftotext -layout`) and tables whose rules a scan lost only show their
columns as runs of blank space down the lines. Lines cut into two or more
segments by wide gaps open a run; the run goes on through lines that stay
inside its columns (a wrapped cell's next line, a list item). A gutter is an
interval that the text of (nearly) no line of the run covers; a converter that
is short of room may push one line's words a little into it, which the few
lines allowed to cross absorb. Each word goes to the column right of the last
gutter that starts before it. Every line of a run is a row of the table: which
lines make one source row is for normalisation to judge, from what they say. A
line in columns with no other line aligned with it (a header whose rows went to
the next page) is a table of one row. Short lone lines and one-row tables right
above a table are pieces of a heading centred over several lines, and belong to
it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise

from extract.pdf_words import LIST_MARKER, Word, bounds, line_text, mean_conf, typical_height

BoxTuple = tuple[float, float, float, float]


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of column finding, in multiples of the page's typical word gap or text height."""

    gutter_gaps: float = 2.0
    min_gutter: float = 5.0
    start_tolerance: float = 0.6
    min_start_tolerance: float = 4.0
    crossing_share: float = 0.15
    shifted_blank_share: float = 0.6
    shifted_start_share: float = 0.5
    shifted_min_lines: int = 3
    blank_line: float = 2.0  # line-to-line distance, in text heights, beyond which a blank line lies between
    bullet_hang: float = 2.5  # how far left of its text a bullet may hang, in text heights


ALIGN = AlignSettings()
NEAR_GUTTERS = 3.0
HEADING_LINES = 3
SETTLED_RUN = 3
LOOKAHEAD = 4
HEADING_SHARE = 0.6
HEADING_GAP = 0.6
HEADING_WORDS = 4
OPENED_GAPS = 2  # gaps a line opens where a run has no gutter that make it another table's, however many line up
CUT_SLACK = 0.25  # in text heights: how exactly a word must start where a column does to be cut there


@dataclass
class AlignedCell:
    text: str
    box: BoxTuple
    conf: float
    col: int
    col_span: int = 1


@dataclass
class AlignedRow:
    cells: list[AlignedCell]
    box: BoxTuple


@dataclass(frozen=True)
class Gutter:
    """Blank space between two columns; `reach` is how far a line may cut its cells off it instead (a
    converter that sets one line's cells a character or two off its neighbours', one space from the
    column before)."""

    start: float
    end: float
    reach: float = 0.0


@dataclass
class AlignedTable:
    rows: list[AlignedRow]
    columns: list[float]
    gutters: list[Gutter]
    lines: list[list[Word]]
    head: int = 0  # how many first rows are heading lines set above the body

    @property
    def box(self) -> BoxTuple:
        boxes = [r.box for r in self.rows]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))


def word_gap(lines: list[list[Word]]) -> float:
    """The page's typical space between words, from gaps that are clearly not column gutters."""
    gaps = sorted(b.x0 - a.x1 for ln in lines for a, b in zip(ln, ln[1:], strict=False)
                  if 0 < b.x0 - a.x1 < 2 * a.height)
    return gaps[len(gaps) // 2] if gaps else 3.0


def segments(line: list[Word], gutter: float) -> list[list[Word]]:
    """A line cut where the space between two words is at least `gutter` wide."""
    segs = [[line[0]]]
    for word in line[1:]:
        if word.x0 - segs[-1][-1].x1 >= gutter:
            segs.append([word])
        else:
            segs[-1].append(word)
    return segs


def _blanks(segs: list[list[Word]], left: float, right: float) -> list[tuple[float, float]]:
    """Where a line has no text between the run's left and right edges."""
    spans = [(seg[0].x0, seg[-1].x1) for seg in segs]
    edges = [left, *(x for span in spans for x in span), right]
    return [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b > a]


def _candidates(run: list[list[list[Word]]], left: float, right: float, need: int) -> list[Gutter]:
    """Intervals where at least `need` lines of the run are blank."""
    events = sorted((x, step) for segs in run for a, b in _blanks(segs, left, right) for x, step in ((a, 1), (b, -1)))
    found: list[Gutter] = []
    depth, opened = 0, None
    for x, step in events:
        before = depth
        depth += step
        if before < need <= depth:
            opened = x
        elif depth < need <= before and opened is not None:
            found.append(Gutter(opened, x))
            opened = None
    return found


def _intrudes(x0: float, x1: float, gutter: Gutter) -> bool:
    """Whether text starts inside a gutter and runs on into the column after it: a heading centred over its
    column that a converter set a little to the right, not the ragged end of the column before."""
    return gutter.start < x0 < gutter.end < x1


def _narrowed(gutter: Gutter, run: list[list[list[Word]]], past_intruders: bool = False) -> tuple[list[Gutter], int]:
    """The blank parts of a candidate once the text of lines that reach into it is taken out (a sparse column
    inside it leaves a gutter on each side), and how many lines run right across it; `past_intruders` counts
    text intruding from the right (`_intrudes`) as running across instead."""
    def across(x0: float, x1: float) -> bool:
        return x0 <= gutter.start and x1 >= gutter.end or (past_intruders and _intrudes(x0, x1, gutter))

    spans = [(seg[0].x0, seg[-1].x1) for segs in run for seg in segs
             if seg[-1].x1 > gutter.start and seg[0].x0 < gutter.end]
    crossing = sum(1 for x0, x1 in spans if across(x0, x1))
    parts = [(gutter.start, gutter.end)]
    for x0, x1 in spans:
        if across(x0, x1):
            continue
        parts = [piece for a, b in parts for piece in ((a, min(b, x0)), (max(a, x1), b)) if piece[1] > piece[0]]
    return [Gutter(a, b) for a, b in parts], crossing


def gutters(run: list[list[list[Word]]], width: float, shift: float = 0.0) -> list[Gutter]:
    """Intervals at least `width` wide between text that nearly every line leaves blank; a line whose words
    a converter pushed across one may cross it, a line whose text merely reaches into it narrows it. Lines
    may cross a gutter only when they are few among the lines with text close to it, or when words on
    other lines start right after it (a column begins there); otherwise the crossing lines are simply the
    widest of their column."""
    allowed = round(ALIGN.crossing_share * len(run))
    left = min(segs[0][0].x0 for segs in run)
    right = max(segs[-1][-1].x1 for segs in run)
    found = []
    for candidate in _candidates(run, left, right, len(run) - allowed):
        parts, crossing = _narrowed(candidate, run)
        if not any(part.end - part.start >= width for part in parts):
            # a few lines intruding from the next column leave the gutter whole where its cells start
            passed, through = _narrowed(candidate, run, past_intruders=True)
            if through <= allowed and any(p.end - p.start >= width and _column_starts(p, run, width) >= 2
                                          for p in passed):
                parts, crossing = passed, through
        for part in parts:
            inside = left < part.start and part.end < right
            if not inside or part.end - part.start < width or crossing > allowed:
                continue
            near = _lines_near(part, run, NEAR_GUTTERS * width)
            if crossing <= round(ALIGN.crossing_share * near) or _column_starts(part, run, width) >= 2:
                found.append(part)
    if shift:
        found = sorted(found + _shifted(run, found, (left, right), (width, shift), allowed), key=lambda g: g.start)
    return found


def _shifted(run: list[list[list[Word]]], found: list[Gutter], span: tuple[float, float],
             sizes: tuple[float, float], allowed: int) -> list[Gutter]:
    """Column edges that lines set a little off their neighbours run across, one space from the cell before:
    in space most lines leave blank (and no gutter already parts), the place where most lines start a word
    within `shift` (cells are left-aligned, each line a little off; of equals, where most start exactly);
    nearly every line leaves a word gap or blank within `shift` of it, and most lines with text there a
    gutter's width of blank."""
    (left, right), (width, shift) = span, sizes
    lines = [[w for seg in segs for w in seg] for segs in run]
    starts = [[b.x0 for a, b in zip(line, line[1:], strict=False) if b.x0 > a.x1] for line in lines]
    reach = shift + width

    def starting(x: float) -> int:
        return sum(1 for line in starts if any(abs(y - x) <= shift for y in line))

    def exactly(x: float) -> int:
        return sum(1 for line in starts if x in line)

    out: list[Gutter] = []
    for c in _candidates(run, left, right, math.ceil(ALIGN.shifted_blank_share * len(run))):
        if not left < c.start < c.end < right:
            continue
        options = sorted({x for line in starts for x in line if c.start - shift <= x <= c.end + shift})
        if not options or any(g.start < c.end + reach and g.end > c.start - reach for g in found + out):
            continue
        edge = max(options, key=lambda x: (starting(x), exactly(x), -x))
        lo, hi = edge - shift, edge + shift
        blocked = sum(1 for line in lines if not _blank_within(line, lo, hi))
        near = [line for line in lines if any(w.x0 < hi + width and w.x1 > lo - width for w in line)]
        # running text has a word start wherever one looks, but between columns the lines set right leave
        # a gutter's width of blank
        wide = sum(1 for line in near if any(a <= hi and b >= lo and b - a >= width for a, b in
                                             zip([w.x1 for w in line], [w.x0 for w in line[1:]], strict=False)))
        need = max(ALIGN.shifted_min_lines, ALIGN.shifted_start_share * len(near))
        if blocked <= allowed and starting(edge) >= need and wide >= need:
            out.append(Gutter(edge, edge, shift))
    return out


def _blank_within(line: list[Word], lo: float, hi: float, whole: bool = False) -> bool:
    """Whether the line leaves some space blank between lo and hi (all of it, if `whole`): a gap between
    words, or its ends."""
    edges = [(-math.inf, line[0].x0), *((a.x1, b.x0) for a, b in zip(line, line[1:], strict=False)),
             (line[-1].x1, math.inf)]
    return any(a <= lo and b >= hi if whole else a <= hi and b >= lo for a, b in edges)


def _column_starts(gutter: Gutter, run: list[list[list[Word]]], width: float) -> int:
    """How many lines have a word starting where the gutter ends: the start of the next column."""
    return sum(1 for segs in run if any(abs(w.x0 - gutter.end) <= width / 2 for seg in segs for w in seg))


def _lines_near(gutter: Gutter, run: list[list[list[Word]]], reach: float) -> int:
    """How many lines have text close to the gutter: only they tell whether text runs across it."""
    return sum(1 for segs in run if any(seg[0].x0 < gutter.end + reach and seg[-1].x1 > gutter.start - reach
                                        for seg in segs))


def _tolerance(line: list[Word]) -> float:
    return max(typical_height(line) * ALIGN.start_tolerance, ALIGN.min_start_tolerance)


def _fits(segs: list[list[Word]], found: list[Gutter], margin: float, tol: float) -> bool:
    """Whether a one-segment line stays in the run's columns: indented into a later column, or inside the
    first column (a wrapped first cell), not a paragraph across the page."""
    if not found:
        return False
    x0, _, x1, _ = bounds(segs[0])
    if x0 >= found[0].start:
        return True
    return abs(x0 - margin) < tol * 3 and x1 < found[0].end


def _opens_next(cut: list[list[list[Word]]], i: int, j: int, gutter: float, tol: float) -> bool:
    """Whether line j, though it fits the run, is the first line of the table below: the line after it does
    not fit the run with it, and it fits the lines that follow it, with no blank line between them (a row
    that ends a table may fit the block after the blank line below it as well)."""
    if j + 1 >= len(cut) or len(cut[j + 1]) < 2:
        return False
    here, below = cut[j][0][0], cut[j + 1][0][0]
    if below.top - here.top > ALIGN.blank_line * here.height:
        return False
    ahead = gutters(cut[j:j + LOOKAHEAD], gutter)
    return bool(ahead) and clashes(cut[j + 1], gutters(cut[i:j + 1], gutter), tol) and not clashes(
        cut[j], ahead, tol)


def _hanging_item(segs: list[list[Word]]) -> bool:
    """A list item whose text hangs after its marker ('•   Pelaksanaan ...'): one line, not two columns."""
    return len(segs) == 2 and len(segs[0]) == 1 and bool(LIST_MARKER.match(segs[0][0].text))


def clashes(segs: list[list[Word]], found: list[Gutter], tol: float, entering: bool = True) -> bool:
    """Whether a line in columns belongs to another table: its text enters the run's gutters, or its gaps open
    where the run has none, more often than its gaps line up with the run's gutters (a line whose words were
    pushed across one gutter still lines up elsewhere). A heading may sit over a column the rows leave empty,
    so for it only text running right across a gutter counts (`entering` off)."""
    spans = [(seg[0].x0, seg[-1].x1) for seg in segs]
    gaps = [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False)]
    entered = sum(1 for g in found if any((x0 < g.end - tol and x1 > g.start + tol) if entering else
                                          (x0 < g.start - tol and x1 > g.end + tol) for x0, x1 in spans))
    matched = sum(1 for g in found if any(a <= g.end + tol and b >= g.start - tol for a, b in gaps))
    unmatched = sum(1 for a, b in gaps if not any(a <= g.end + tol and b >= g.start - tol for g in found))
    return entered + unmatched > matched or (entering and unmatched >= OPENED_GAPS)


def _column_of(word: Word, found: list[Gutter]) -> int:
    return sum(1 for g in found if g.start <= word.x0)


def _cut(line: list[Word], gutter: Gutter) -> float:
    """Where the line's next column begins at a gutter: its start, or at an edge lines are set off (a gutter
    with a reach), the start of the word after the gap nearest to the edge within that reach. A line that
    runs into the gutter from the left and goes on with a word right where the column after it starts (the
    cell before ran long, one space from the next) is cut at that word."""
    if not gutter.reach:
        aligned = [b.x0 for a, b in zip(line, line[1:], strict=False)
                   if gutter.start < a.x1 < b.x0 and abs(b.x0 - gutter.end) <= CUT_SLACK * b.height]
        return aligned[0] if aligned else gutter.start
    near = [(max(a - gutter.start, gutter.start - b, 0.0), a - b, b) for a, b in
            zip([w.x1 for w in line], [w.x0 for w in line[1:]], strict=False)
            if abs(b - gutter.start) <= gutter.reach]
    return min(near)[2] if near else gutter.start


BULLETS = frozenset("•●▪◦‣∙")  # list-marker glyphs (a dash alone may be a value: 'no target')
ITEM_NUMBER = re.compile(r"^(?:[a-zA-Z]|\d{1,2})[.)]$")  # '1.', 'b)': alone in a cell, a No column's number
ROW_NUMBER = re.compile(r"^\d{1,3}[.)]$")  # '12.': the number a table's row opens with


def hang_bullets(cells: list[tuple[int, list[Word]]]) -> None:
    """Move each list marker that ends a line's cell (column, words) to the cell after it when it sits just
    left of that cell's text: a bullet or an item number ('2.') opens the item after it, and hung left of its
    column's text it may fall in the gutter or the column before. A number alone in the first column is a
    No column's. The cells are changed in place; a cell left empty is the caller's to drop."""
    for (col, words), (_, after) in pairwise(cells):
        if not (words and after) or after[0].x0 - words[-1].x1 > ALIGN.bullet_hang * words[-1].height:
            continue
        if words[-1].text in BULLETS or ((len(words) > 1 or col > 0) and ITEM_NUMBER.match(words[-1].text)):
            after.insert(0, words.pop())


def row_of(line: list[Word], found: list[Gutter]) -> AlignedRow:
    """A line's cells between the gutters, bullets hung left of their text given to it."""
    cells: list[AlignedCell] = []
    groups: list[tuple[int, list[Word]]] = []
    cuts = [Gutter(x, max(x, g.end)) for g in found for x in (_cut(line, g),)]
    for word in line:
        col = _column_of(word, cuts)
        if groups and groups[-1][0] == col:
            groups[-1][1].append(word)
        else:
            groups.append((col, [word]))
    hang_bullets(groups)
    groups = [(col, words) for col, words in groups if words]
    for col, words in groups:
        x1 = bounds(words)[2]
        last = max(col, sum(1 for g in found if g.end <= x1))
        cells.append(AlignedCell(line_text(words), bounds(words), mean_conf(words), col, last - col + 1))
    return AlignedRow(cells, bounds(line))


def aligned_blocks(lines: list[list[Word]], shift: float = 0.0) -> list[list[Word] | AlignedTable]:
    """The lines in order, runs of aligned lines turned into tables; `shift` is how far a converter may set
    one line's cells off its neighbours' columns (none for a PDF's words, which keep their positions)."""
    if not lines:
        return []
    gutter = max(ALIGN.gutter_gaps * word_gap(lines), ALIGN.min_gutter)
    cut = [segments(line, gutter) for line in lines]
    out: list[list[Word] | AlignedTable] = []
    i = 0
    while i < len(lines):
        if len(cut[i]) < 2 or _hanging_item(cut[i]):
            out.append(lines[i])
            i += 1
            continue
        tol = _tolerance(lines[i])
        j = i + 1
        while j < len(lines):
            so_far = gutters(cut[i:j], gutter)
            if len(cut[j]) >= 2:
                if j - i >= SETTLED_RUN and so_far and (clashes(cut[j], so_far, tol)
                                                        or _opens_next(cut, i, j, gutter, tol)):
                    break
            elif not _fits(cut[j], so_far, min(segs[0][0].x0 for segs in cut[i:j]), tol):
                break
            j += 1
        found = gutters(cut[i:j], gutter, shift)
        if not found:
            out.append(lines[i])
            i += 1
            continue
        found = _without_marker_columns(lines[i:j], found)
        margin = min(segs[0][0].x0 for segs in cut[i:j])
        out.append(AlignedTable([row_of(line, found) for line in lines[i:j]], [margin, *(g.end for g in found)],
                                found, lines[i:j]))
        i = j
    return _headings_joined(out)


def _without_marker_columns(lines: list[list[Word]], found: list[Gutter]) -> list[Gutter]:
    """The gutters less those that only part list markers from their text: a column holding nothing but
    bullets or 'a.' is the hanging indent of the list in the column after it (numbers alone are a No column)."""
    kept = list(found)
    for gutter in found:
        index = kept.index(gutter)
        column = [w for line in lines for w in line if _column_of(w, kept) == index and w.x1 <= gutter.start]
        if column and all(LIST_MARKER.match(w.text) and not w.text[0].isdigit() for w in column):
            kept.remove(gutter)
    return kept


def _headings_joined(blocks: list[list[Word] | AlignedTable]) -> list[list[Word] | AlignedTable]:
    """Lone lines and one-row tables right above a table, inside its width, join it: a heading whose cells
    are centred over two or three lines reads as several short pieces."""
    out: list[list[Word] | AlignedTable] = []
    for block in blocks:
        if isinstance(block, AlignedTable) and len(block.lines) >= 2:
            pieces: list[list[Word]] = _heading_taken(out, block)
            while len(pieces) < HEADING_LINES and out and _heading_above(out[-1], (pieces or block.lines)[0], block):
                last = out.pop()
                pieces[:0] = last.lines if isinstance(last, AlignedTable) else [last]
            if pieces:
                lines = [*pieces, *block.lines]
                block = AlignedTable([row_of(line, block.gutters) for line in lines], block.columns, block.gutters,
                                     lines)
        out.append(block)
    return out


def _heading_taken(out: list[list[Word] | AlignedTable], table: AlignedTable) -> list[list[Word]]:
    """The last line of the table above when it is a piece of the heading of the table below that the table
    above took for the rest of a cell: short pieces right above, each over space the table's first line
    leaves blank (a header's headings centred over three lines, the first line's and the last's above and
    below their neighbours')."""
    above = out[-1] if out else None
    if not isinstance(above, AlignedTable) or len(above.lines) < 2 or all(
            len(seg) <= HEADING_WORDS for line in above.lines[:-1] for seg in segments(line, _gap(line))):
        return []  # a table of short pieces only is a heading itself, for the table below to take whole
    last = above.lines[-1]
    first = table.lines[0]
    reach = _gap(first)
    if not _heading_above(last, first, table) or not all(
            _blank_within(first, seg[0].x0 - reach, seg[-1].x1 + reach, whole=True)
            for seg in segments(last, _gap(last))):
        return []
    out[-1] = AlignedTable(above.rows[:-1], above.columns, above.gutters, above.lines[:-1], above.head)
    return [last]


def _heading_above(piece: list[Word] | AlignedTable, below: list[Word], table: AlignedTable) -> bool:
    """Whether a line (or a table of one line) right above a table belongs to it: it touches the line below,
    lies within the table's width, holds only short pieces (headings are labels), and is in columns or one
    piece indented into one."""
    lines = piece.lines if isinstance(piece, AlignedTable) else [piece]
    if len(lines) != 1:
        return False
    x0, _, x1, bottom = bounds(lines[0])
    left, _, right, _ = table.box
    height = typical_height(lines[0])
    adjacent = min(w.top for w in below) - bottom < height * HEADING_GAP
    segs = segments(lines[0], _gap(lines[0]))
    short = all(len(seg) <= HEADING_WORDS for seg in segs)
    columned = len(segs) >= 2 and not clashes(segs, table.gutters, height * ALIGN.start_tolerance, entering=False)
    indented = x0 > left + height and x1 - x0 < HEADING_SHARE * (right - left)
    return adjacent and short and x0 >= left - 1 and x1 <= right + height and (columned or indented)


def _gap(line: list[Word]) -> float:
    return max(ALIGN.gutter_gaps * word_gap([line]), ALIGN.min_gutter)
