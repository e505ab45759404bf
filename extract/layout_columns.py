"""The columns of a table in layout text that numbers its columns ('1 2 3 4 5', '(1) (2) ...') under its header.

Gutters alone miss columns that a converter set one space apart ('Pelayanan
Administrasi administrasi perkantoran'), and a header centred in its column may
reach across the gutter beside it, so the header and the rows come out as tables
with different columns. A row of column numbers says how many columns there
are and, each number centred in its column, roughly where: between two numbers
the column edge is where the fewest words of the rows below run across, and
where most of them start (cells are left-aligned); the numbers themselves are
the columns in order. The header lines above the
numbers go by the centre of each heading, the rows below by the centre of each
word. The table goes on below the numbers while its blocks keep to those edges;
text that runs across them (a position block typed right under the table) ends
it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from extract.aligned import (
    ROW_NUMBER,
    AlignedCell,
    AlignedRow,
    AlignedTable,
    Gutter,
    clashes,
    gutters,
    hang_bullets,
    row_of,
    segments,
)
from extract.column_numbers import numbers_of
from extract.pdf_words import Word, bounds, line_text, mean_conf


@dataclass(frozen=True)
class NumberedSettings:
    """Thresholds of the column model, in characters of layout text or shares of words."""

    min_columns: int = 3
    heading_lines: int = 8
    heading_words: int = 5
    crossing_share: float = 0.12
    reach: int = 2
    across: int = 3
    carried_lines: float = 2.5  # line heights between a table and the table it goes on (one blank line)
    header_gap: float = 2.5  # line heights between a header and its rows (a tall header cell's padding)
    heading_gap: float = 1.5  # line heights between two lines of one header


NUMBERED = NumberedSettings()


def column_numbers(line: list[Word]) -> bool:
    """Whether a line holds nothing but the numbers of three or more columns, counted up from 1 or 2."""
    numbers = numbers_of([word.text for word in line])
    return numbers is not None and len(numbers) >= NUMBERED.min_columns and numbers[0] <= 2 and all(
        b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _crossing(words: list[Word], x: float) -> int:
    return sum(1 for w in words if w.x0 < x < w.x1)


def _edges(numbers: list[Word], body: list[list[Word]], char: float, gap: float) -> list[float]:
    """Where each column after the first begins: between two numbers, the position fewest body words run
    across, then the one most cells start at (a word after a gutter or at the line's start; a phrase that
    many cells open with leaves the same word start inside the column), then most words, then halfway.
    Numbers that start at 2 lost the first one to a column too narrow for it ('(1' over ')'): that column
    ends somewhere between the rows' margin and the first number."""
    words = [w for line in body for w in line]
    opening = [seg[0] for line in body for seg in segments(line, gap)]
    ranges = [(int(round(left.x1 / char)), int(round(right.x0 / char)) + NUMBERED.reach)
              for left, right in zip(numbers, numbers[1:], strict=False)]
    if _value(numbers[0]) > 1 and words:
        ranges.insert(0, (int(round(min(w.x0 for w in words) / char)) + 1, int(round(numbers[0].x0 / char))))
    edges = []
    for first, last in ranges:
        middle = (first + last) / 2 * char
        best = min(range(first, last + 1), key=lambda x: (
            _crossing(words, x * char), -sum(1 for w in opening if abs(w.x0 - x * char) < char / 2),
            -sum(1 for w in words if abs(w.x0 - x * char) < char / 2), abs(x * char - middle)))
        edge = best * char
        edges.append(edge)
    return edges


def _value(word: Word) -> int:
    number = numbers_of([word.text])
    return number[0] if number else 0


def _headings(line: list[Word], edges: list[float], gap: float) -> list[list[Word]]:
    """A header line's headings: its pieces between gutters, cut again where a column edge falls in the space
    between two words (two headings a converter set one space apart, 'Targ Sumber')."""
    out = []
    for seg in segments(line, gap):
        piece = [seg[0]]
        for a, b in zip(seg, seg[1:], strict=False):
            if any(a.x1 - gap / 2 <= e <= b.x0 + gap / 2 for e in edges):
                out.append(piece)
                piece = []
            piece.append(b)
        out.append(piece)
    return out


def _column(x: float, edges: list[float]) -> int:
    return sum(1 for e in edges if e <= x)


def _row(line: list[Word], edges: list[float], pieces: list[list[Word]]) -> AlignedRow:
    """A row from a line's pieces (whole headings or single words), each placed by its centre."""
    groups: list[tuple[int, list[Word]]] = []
    for piece in pieces:
        col = _column((bounds(piece)[0] + bounds(piece)[2]) / 2, edges)
        if groups and groups[-1][0] == col:
            groups[-1][1].extend(piece)
        else:
            groups.append((col, list(piece)))
    hang_bullets(groups)
    cells = [AlignedCell(line_text(words), bounds(words), mean_conf(words), col) for col, words in groups if words]
    return AlignedRow(cells, bounds(line))


def carried_on(blocks: list[list[Word] | AlignedTable], tol: float,
               line_height: float) -> list[list[Word] | AlignedTable]:
    """The blocks with each table that goes on right under another on the other's columns joined to it.
    Under a merged sasaran cell the rows leave the first columns empty, and a row whose text runs one space
    from the next column breaks the run of aligned lines, so the rows below come out as a table of their
    own that starts further right (one blank line may lie between rows, as under a stacked fraction); when
    each of its columns starts where one of the table above starts, its cells are that table's columns."""
    out: list[list[Word] | AlignedTable] = []
    for block in blocks:
        above = out[-1] if out else None
        if isinstance(block, AlignedTable) and isinstance(above, AlignedTable) and \
                block.lines[0][0].top - above.lines[-1][0].top <= NUMBERED.carried_lines * line_height:
            cols = [min(range(len(above.columns)), key=lambda k: abs(above.columns[k] - x)) for x in block.columns]
            inside = all(c.col + c.col_span <= len(cols) for row in block.rows for c in row.cells)
            if inside and all(abs(above.columns[k] - x) <= tol for k, x in zip(cols, block.columns, strict=True)) \
                    and cols == sorted(set(cols)) and len(cols) > 1:
                rows = [AlignedRow([replace(c, col=cols[c.col]) for c in row.cells], row.box) for row in block.rows]
                out[-1] = replace(above, rows=[*above.rows, *rows], lines=[*above.lines, *block.lines])
                continue
        out.append(block)
    return out


def numbers_apart(table: AlignedTable) -> AlignedTable:
    """The table with a No column that ran into the column after it set apart: when the first column's
    cells open with row numbers ('8. Terlaksananya', '10. Terlaksananya', a converter leaving one space
    where the rows of the page before had a gutter) and none is a number alone, each number is a cell of
    a column of its own and the rest moves one column right."""
    def numbered(cell: AlignedCell) -> bool:
        words = cell.text.split()
        return cell.col == 0 and len(words) > 1 and bool(ROW_NUMBER.match(words[0]))

    firsts = [cell for row in table.rows for cell in row.cells if cell.col == 0]
    if not any(map(numbered, firsts)) or any(ROW_NUMBER.match(c.text) for c in firsts):
        return table
    rows = []
    for row, line in zip(table.rows, table.lines, strict=True):
        cells = []
        for cell in row.cells:
            if numbered(cell):
                number = next(w for w in line if cell.box[0] <= w.x0)
                rest = [w for w in line if cell.box[0] <= w.x0 and w.x1 <= cell.box[2] and w is not number]
                cells += [AlignedCell(number.text, bounds([number]), number.conf, 0),
                          AlignedCell(line_text(rest), bounds(rest), mean_conf(rest), 1, cell.col_span)]
            else:
                cells.append(replace(cell, col=cell.col + 1))
        rows.append(AlignedRow(cells, row.box))
    return replace(table, rows=rows, columns=[table.columns[0], table.columns[0], *table.columns[1:]])


def group_headings(table: AlignedTable, char: float) -> AlignedTable:
    """The table with each group heading spanning the columns it heads: a heading centred over sub-headings
    ('INDIKATOR' over 'KINERJA' and 'FORMULA') reaches well into the columns on both sides of a column start,
    none of those columns has text above it, and its centre lies between the first text below it in the
    first and in the last of them. A value never runs across a column start, so only headings span."""
    starts = table.columns[1:]
    rows = []
    for i, row in enumerate(table.rows):
        cells: list[AlignedCell] = []
        for j, cell in enumerate(row.cells):
            words = [w for w in table.lines[i] if cell.box[0] <= w.x0 and w.x1 <= cell.box[2]]
            first, last = _spanned(words, starts, char)
            after = row.cells[j + 1].col if j + 1 < len(row.cells) else len(starts) + 1
            before = cells[-1].col + cells[-1].col_span if cells else 0
            grouped = before <= first < last < after and _heads(table.rows, i, cell, range(first, last + 1))
            cells.append(replace(cell, col=first, col_span=last - first + 1) if grouped else cell)
        rows.append(AlignedRow(cells, row.box))
    return replace(table, rows=rows)


def _heads(rows: list[AlignedRow], at: int, cell: AlignedCell, columns: range) -> bool:
    """Whether the cell of row `at` heads the columns: nothing above it in them, and its centre between the
    centres of the first text below it in the first and the last column."""
    def covers(c: AlignedCell, col: int) -> bool:
        return c.col <= col < c.col + c.col_span

    if any(covers(c, col) for row in rows[:at] for c in row.cells for col in columns):
        return False
    below = []
    for col in (columns[0], columns[-1]):
        under = next((c for row in rows[at + 1:] for c in row.cells if covers(c, col)), None)
        if under is None:
            return False
        below.append((under.box[0] + under.box[2]) / 2)
    return below[0] < (cell.box[0] + cell.box[2]) / 2 < below[1]


def _spanned(words: list[Word], starts: list[float], char: float) -> tuple[int, int]:
    """The first and last column a heading's words reach well into: the columns on both sides of each column
    start they run across by `across` characters either way, with no space between two of its words that
    near the start (two narrow columns' headings set one space apart, 'KETERANGAN TARGET', are two)."""
    if not words:
        return 0, 0
    reach = NUMBERED.across * char
    x0, x1 = words[0].x0, words[-1].x1
    spaces = [(a.x1, b.x0) for a, b in zip(words, words[1:], strict=False)]
    crossed = [i for i, x in enumerate(starts) if x0 <= x - reach and x1 >= x + reach and not any(
        a - reach <= x <= b + reach for a, b in spaces)]
    return (crossed[0], crossed[-1] + 1) if crossed else (0, 0)


def _lines(block: list[Word] | AlignedTable) -> list[list[Word]]:
    return block.lines if isinstance(block, AlignedTable) else [block]


def _heading_like(line: list[Word], gap: float) -> bool:
    """A line of a header: short pieces only, no label (a caption 'INDIKATOR KINERJA :' is no heading), and
    no row number opening it (a row of values numbered '1.', '2.' is the body of a table of its own; a
    letter may be the rest of a broken 'No.')."""
    return all(len(seg) <= NUMBERED.heading_words for seg in segments(line, gap)) and not any(
        w.text.endswith(":") for w in line) and not ROW_NUMBER.match(line[0].text)


def _runs_across(line: list[Word], starts: list[float], char: float, gap: float) -> bool:
    """Whether a line's text runs across the columns that start at `starts` (the margin, then each edge):
    a word well across an edge, or a piece of text that begins inside a column, not at its start, and goes
    on past the column's end (running text indented under a label). A cell a converter nudged over an edge,
    or text set one space from the next column, keeps to the starts."""
    reach = NUMBERED.across * char
    if any(w.x0 <= e - reach and w.x1 >= e + reach for w in line for e in starts[1:]):
        return True
    for seg in segments(line, gap):
        x0, x1 = seg[0].x0, seg[-1].x1
        column = max((i for i, x in enumerate(starts) if x <= x0 + reach), default=0)
        if x0 > starts[column] + reach and column + 1 < len(starts) and x1 > starts[column + 1]:
            return True
    return False


def _body_end(lines: list[list[Word]], edges: list[float], char: float, gap: float, line_height: float) -> int:
    """How many of the lines below the numbers belong to the table: it ends before text that runs across its
    columns on two lines running, or after a blank line."""
    starts = [min(w.x0 for line in lines for w in line), *edges]
    reach = NUMBERED.across * char
    for i, line in enumerate(lines):
        after_gap = i > 0 and line[0].top - lines[i - 1][0].top > 1.5 * line_height
        if after_gap and any(seg[0].x0 <= x - reach and seg[-1].x1 >= x + reach
                             for seg in segments(line, gap) for x in starts[1:]):
            return i  # after a blank line, running text (a position block's 'Jabatan : ...') ends the table
        if not _runs_across(line, starts, char, gap):
            continue
        if after_gap or i + 1 == len(lines) or _runs_across(lines[i + 1], starts, char, gap):
            return i
    return len(lines)


def numbered_tables(blocks: list[list[Word] | AlignedTable], char: float, gap: float,
                    line_height: float) -> list[list[Word] | AlignedTable]:
    """The blocks with each table under a row of column numbers rebuilt on the columns those numbers give."""
    flat = [(b, line) for b, block in enumerate(blocks) for line in _lines(block)]
    # blocks are cut by line: the part of a block left above or below the table keeps its own columns
    at = next((i for i, (_, line) in enumerate(flat) if column_numbers(line)), None)
    if at is None:
        return blocks
    numbers = flat[at][1]
    start = at
    while start > 0 and at - start < NUMBERED.heading_lines and _heading_like(flat[start - 1][1], gap) and \
            flat[start][1][0].top - flat[start - 1][1][0].top <= 2 * line_height:
        start -= 1
    below = [line for _, line in flat[at + 1:]]
    below = below[:next((i for i, line in enumerate(below) if column_numbers(line)), len(below))]
    if not below:
        return blocks
    # the columns first from the lines down to the first blank one, which belong to the table whatever
    # follows it; then from every line of the table those columns give
    count = next((i for i in range(1, len(below)) if below[i][0].top - below[i - 1][0].top > 1.5 * line_height),
                 len(below))
    for _ in range(2):
        edges = _edges(numbers, below[:count], char, gap)
        count = _body_end(below, edges, char, gap, line_height)
    if count == 0:
        return blocks
    edges = _edges(numbers, below[:count], char, gap)
    end = at + 1 + count
    rows = [_row(line, edges, _headings(line, edges, gap)) for _, line in flat[start:at]]
    rows.append(AlignedRow([AlignedCell(w.text, bounds([w]), w.conf, i + len(edges) + 1 - len(numbers))
                            for i, w in enumerate(numbers)], bounds(numbers)))
    rows += [_row(line, edges, [[w] for w in line]) for _, line in flat[at + 1:end]]
    lines = [line for _, line in flat[start:end]]
    margin = min(w.x0 for line in lines for w in line)
    table = AlignedTable(rows, [margin, *edges], [Gutter(e, e) for e in edges], lines, at - start)
    before = _prefix(blocks, flat, start)
    after = numbered_tables(_suffix(blocks, flat, end), char, gap, line_height)
    return [*before, table, *after]


def _prefix(blocks: list[list[Word] | AlignedTable], flat: list[tuple[int, list[Word]]],
            start: int) -> list[list[Word] | AlignedTable]:
    """The blocks before flat line `start`; a table cut there keeps its lines above as a table of their own."""
    if start == 0:
        return []
    b = flat[start][0]
    out = list(blocks[:b])
    kept = [line for i, line in flat[:start] if i == b]
    if kept:
        out.extend(_retabled(blocks[b], kept))
    return out


def _suffix(blocks: list[list[Word] | AlignedTable], flat: list[tuple[int, list[Word]]],
            end: int) -> list[list[Word] | AlignedTable]:
    if end >= len(flat):
        return []
    b = flat[end][0]
    rest = [line for i, line in flat[end:] if i == b]
    return [*_retabled(blocks[b], rest), *blocks[b + 1:]]


def _retabled(block: list[Word] | AlignedTable, lines: list[list[Word]]) -> list[list[Word] | AlignedTable]:
    """Part of a block: the lines themselves for a line, a table on the same columns for part of a table."""
    if not isinstance(block, AlignedTable):
        return [lines[0]]
    return [AlignedTable([row_of(line, block.gutters) for line in lines], block.columns, block.gutters, lines)]


def _heading_blocks(blocks: list[list[Word] | AlignedTable], below: AlignedTable, gap: float,
                    line_height: float) -> int:
    """How many of the blocks (the last ones) are the header of the table below them: lines of short
    headings right above it (no blank line between them, one at most above the rows: the padding of a tall
    header cell), not left of it, one of them at least in columns."""
    left = below.box[0]
    top = below.lines[0][0].top
    taken, lines = 0, 0
    for block in reversed(blocks):
        block_lines = _lines(block)
        fits = all(_heading_like(line, gap) and bounds(line)[0] >= left - gap for line in block_lines)
        apart = top - block_lines[-1][0].top
        padded = not taken and apart > NUMBERED.heading_gap * line_height
        if padded:
            # a header set off by a blank line names the rows' columns one heading each; rows of short cells
            # above another table (an indicator table's last rows over a position block) do not
            fits = fits and all(_one_per_column(line, below, gap) for line in block_lines)
        limit = NUMBERED.header_gap if not taken else NUMBERED.heading_gap
        if not fits or lines + len(block_lines) > NUMBERED.heading_lines or apart > limit * line_height:
            break
        taken, lines, top = taken + 1, lines + len(block_lines), block_lines[0][0].top
    heads = [line for block in blocks[len(blocks) - taken:] for line in _lines(block)]
    return taken if any(len(segments(line, gap)) >= 2 for line in heads) else 0


def _one_per_column(line: list[Word], table: AlignedTable, gap: float) -> bool:
    """Whether the line's pieces over the table's rows lie in columns of their own and clear of its gutters."""
    right = table.box[2]
    pieces = [seg for seg in segments(line, gap) if seg[0].x0 < right]
    if clashes(pieces, table.gutters, gap, entering=False):
        return False
    columns = [sum(1 for g in table.gutters if g.end <= (seg[0].x0 + seg[-1].x1) / 2) for seg in pieces]
    return len(set(columns)) == len(columns)


def _empty_columns(heads: list[list[Word]], table: AlignedTable, gap: float) -> list[float]:
    """Edges of columns the header names right of the rows' last gutter that the rows leave empty ('SUMBER
    DATA' over no data): where the header's own gutters there leave room that no word of the rows runs across."""
    last = max(g.end for g in table.gutters)
    words = [w for line in table.lines for w in line]
    edges = []
    for gutter in gutters([segments(line, gap) for line in heads], gap):
        if gutter.start <= last:
            continue
        middle = (gutter.start + gutter.end) / 2
        free = [x for x in _steps(gutter, gap / 2) if _crossing(words, x) == 0]
        if free:
            edges.append(min(free, key=lambda x: abs(x - middle)))
    return edges


def _steps(gutter: Gutter, step: float) -> list[float]:
    count = int((gutter.end - gutter.start) // step)
    return [gutter.start + i * step for i in range(count + 1)]


def headed_tables(blocks: list[list[Word] | AlignedTable], gap: float,
                  line_height: float) -> list[list[Word] | AlignedTable]:
    """The blocks with the header of each table of three columns or more joined to it. A heading is centred
    in its column and may reach across the gutter beside it, so the header's lines leave other gutters than
    the rows and come out as blocks of their own; each heading goes to the column its centre lies in."""
    out: list[list[Word] | AlignedTable] = []
    for block in blocks:
        if isinstance(block, AlignedTable) and len(block.gutters) >= 2 and len(block.lines) >= 2:
            taken = _heading_blocks(out, block, gap, line_height)
            if taken:
                heads = [line for piece in out[len(out) - taken:] for line in _lines(piece)]
                del out[len(out) - taken:]
                edges = [(g.start + g.end) / 2 for g in block.gutters] + _empty_columns(heads, block, gap)
                rows = [_row(line, edges, _headings(line, edges, gap)) for line in heads]
                block = AlignedTable([*rows, *block.rows], block.columns, block.gutters, [*heads, *block.lines],
                                     len(heads))
        out.append(block)
    return out
