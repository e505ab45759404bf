"""Table rows rebuilt into indicator records.

A converted or scanned table rarely has one physical row per indicator: a
wrapped cell spills onto the next row, a page break splits a row, a numerator
sits on one row and its denominator on the next, OCR repeats a line, a merged
sasaran cell is written once for many indicators, and one cell may list several
indicators. Each physical row is therefore judged: does it start a new
indicator, continue the previous one, or give the previous formula its
denominator? The judgement uses what rows say about themselves (a number in
the No column, an indicator opening with a kind word, a lowercase start, a
previous fragment ending on a word that cannot end a phrase), never the
wording of any particular decree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from rapidfuzz import fuzz

from extract.layout import RowKind, Span
from normalize.classify import RATIO_KINDS, kind_of, starts_with_kind_word
from normalize.columns import CANONICAL, HeaderMap
from normalize.confidence import RowEvidence, row_signals
from normalize.formula import ends_with_multiplier, parse_formula
from normalize.grid_rows import GridRow
from normalize.latex import math_segments
from normalize.records import Indicator, Provenance
from normalize.repairs import Repair
from normalize.target import parse_target
from normalize.text import clean, split_items, starts_with_marker
from normalize.vocabulary import words

_STRAY = re.compile(r"(^|\s)[•●▪◦‣]+(?=\s|$)")
_LONE_MARKER = re.compile(r"(^|\s)[•●▪◦‣]$")


@dataclass
class _Group:
    """A sasaran that may be written once for several indicators and wrap over rows."""

    fragments: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        joined = _STRAY.sub(" ", " ".join(self.fragments))
        return " ".join(joined.split()) or None


@dataclass
class _Draft:
    group: _Group
    cells: dict[str, list[str]] = field(default_factory=dict)
    denominator: list[str] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)
    span: Span | None = None
    evidence: RowEvidence = field(default_factory=RowEvidence)
    notes: list[str] = field(default_factory=list)
    line: int = 0
    item: bool = False  # opened by the next item of a cell that lists indicators line by line

    def text(self, name: str) -> str:
        return " ".join(self.cells.get(name, []))

    def add(self, name: str, value: str, span: Span) -> None:
        if not value:
            return
        values = self.cells.setdefault(name, [])
        if values and clean(values[-1]) == clean(value):
            self.notes.append(f"{Repair.REPEATED} {name} text dropped")
            return
        values.append(value)
        self.span = span if self.span is None else self.span.merge(span)


_FORMULA_PIECE = re.compile(r"(?=.*[Σ∑/]|.*[xX×]\s*100)(?:[xX×*/()Σ∑%]|100|\s)+")  # 'x 100 % / Σ', '/ Σ'


def _first_word(text: str) -> str:
    match = re.match(r"[\w%-]+", clean(text).lower())
    return match.group(0) if match else ""


def _is_hanging(text: str) -> bool:
    """Whether a fragment stops on a word that cannot end a phrase ('dan', 'yang', '/', ',')."""
    stripped = clean(text).rstrip()
    if not stripped:
        return False
    if stripped[-1] in ",/&-":
        return True
    return stripped.split()[-1].lower() in words("hanging_words")


def _starts_lower(text: str) -> bool:
    stripped = clean(text).lstrip(" ,.;:-•")
    return bool(stripped) and (stripped[0].islower() or not stripped[0].isalnum())


def _goes_on(text: str, above: str) -> bool:
    """Whether a line's fragment of a cell is the rest of the cell's text above it: it closes a bracket left
    open there, or starts in lower case after a word that cannot end a phrase."""
    text, above = clean(text), clean(above)
    if not text or not above:
        return False
    closes = ")" in text and text.find(")") < (text.find("(") if "(" in text else len(text))
    return (above.count("(") > above.count(")") and closes) or (_is_hanging(above) and text[0].islower())


def _opens_outcome(text: str) -> bool:
    """Sasaran are outcome phrases; 'Meningkatnya', 'Terlaksananya', 'Terpenuhinya/...' open one."""
    first = re.split(r"[\s/]", clean(text), maxsplit=1)[0]
    return len(first) >= 6 and first[0].isupper() and first.lower().endswith("nya")


def _opens_quantity(text: str) -> bool:
    flat = clean(text).lstrip("($ \\").lower()
    return flat.startswith(r"frac") or _first_word(flat) in words("quantity_openers") or flat[:1] in "Σ∑"


def _is_repeat(fragment: str, previous: str) -> bool:
    """OCR sometimes reads the tail of a wrapped line twice; such a fragment adds nothing."""
    frag, prev = clean(fragment).lower(), clean(previous).lower()
    if not frag or not prev:
        return False
    tail = " ".join(prev.split()[-len(frag.split()):])
    return fuzz.ratio(frag, tail) >= 70


class RowAssembler:
    """Feeds physical rows in table order; `indicators()` gives the rebuilt records."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.group: _Group | None = None
        self.previous_sasaran_cell = ""
        self.previous_table: int | None = None
        self.previous_page = 0
        self.opened_without_sasaran = False
        self.previous_row_new = False
        self.lines_only = True

    @staticmethod
    def _fields(header: HeaderMap, row: GridRow) -> tuple[dict[str, str], dict[str, str], set[str]]:
        """The row's own text per field, its extra columns, and the fields it carries from a merged cell above."""
        values: dict[str, list[str]] = {}
        carried: set[str] = set()
        for i, text in enumerate(row.texts):
            name = header.field_at(i)
            if text.strip():
                values.setdefault(name, []).append(text.strip())
            elif row.carried[i]:
                carried.add(name)
        known = {k: " ".join(v) for k, v in values.items() if k in CANONICAL}
        extra = {k: " ".join(v) for k, v in values.items() if k not in CANONICAL}
        return known, extra, carried - set(values)

    def _next_item(self, ind: str, source_row: bool) -> bool:
        """Whether a line's indicator text is the next item of a cell that lists its indicators line by line."""
        return bool(self.drafts) and not source_row and starts_with_marker(clean(ind)) and starts_with_marker(
            clean(self.drafts[-1].text("indikator")))

    def _goes_on_item(self, ind: str, cells: dict[str, str], extra: dict[str, str]) -> bool:
        """Whether a line read line by line goes on with the indicator above although its text could open one
        (a wrapped indicator's last word may be a kind word: 'Tepat' / 'Waktu'): the indicator cell lists its
        items with markers and this line has none, beside no sasaran (nor column of its own) or the rest of
        one; or the line's formula goes on with the formula above (when the formulas are not listed with
        markers of their own, which go to their items)."""
        draft = self.drafts[-1]
        if starts_with_marker(clean(ind)):
            return False
        sas = cells.get("sasaran", "")
        fragments = self.group.fragments if self.group else []
        sasaran_goes_on = not sas or _starts_lower(sas) or bool(fragments and _is_hanging(fragments[-1]))
        beside = all(_starts_lower(text) for text in extra.values())
        if starts_with_marker(clean(draft.text("indikator"))) and sasaran_goes_on and beside:
            return True
        formula = cells.get("formula", "")
        formulas = draft.cells.get("formula", [])
        return not (formulas and starts_with_marker(clean(formulas[0]))) and _goes_on(formula, draft.text("formula"))

    def _new_indicator(self, ind: str, number: bool, source_row: bool, cells: dict[str, str],
                       extra: dict[str, str]) -> bool:
        """Whether the row opens an indicator. A source row does unless it reads as the rest of the row above
        (a row a page break cut in two); a line must show that it starts one (`_goes_on_item`)."""
        if number or not self.drafts:
            return True
        if not ind:
            return False
        previous = self.drafts[-1].text("indikator")
        if self._next_item(ind, source_row):
            return True
        if not source_row and self._goes_on_item(ind, cells, extra):
            return False
        if previous and _starts_lower(ind) and not source_row:
            return False
        if starts_with_kind_word(ind) or _first_word(ind) in words("indicator_openers"):
            return True
        if _starts_lower(ind) or (previous and _is_hanging(previous)):
            return False
        return source_row or not previous

    def _new_sasaran(self, sas: str, number: bool, new_row: bool, source_row: bool, table: int) -> bool:
        """Whether a sasaran cell opens a new sasaran. In a source row it does unless it reads as the rest of
        the one above; a line must show it (an outcome phrase, a first word like the one it would follow), or
        come after an indicator of the same table opened on a line with the sasaran column empty: a cell's
        lines do not leave room for a row, so that text is another cell (a merged cell writes its text once,
        centred down its rows), unless it reads as an indicator or a quantity that a converter set askew."""
        above = self.group.fragments if self.group and self.previous_sasaran_cell else []
        wraps = bool(above) and (_starts_lower(sas) or _is_hanging(above[-1]))
        if number:
            # a merged cell's text centred down numbered lines: its next line goes on under it
            return source_row or not wraps
        if self.group is None or not self.group.fragments:
            return not (self.drafts and _starts_lower(sas) and not new_row)
        if _opens_outcome(sas):
            return True
        if _starts_lower(sas) or _is_hanging(self.group.fragments[-1]):
            return False
        if source_row:
            return True
        if self.opened_without_sasaran and self.previous_table == table and not (
                starts_with_kind_word(sas) or _opens_quantity(sas)):
            return True
        if not new_row:
            return False
        if not self.previous_sasaran_cell:
            return True
        return self.previous_row_new and len(self.group.fragments) == 1 and \
            _first_word(sas) == _first_word(self.group.fragments[0])

    def _continue_formula(self, draft: _Draft, formula: str, span: Span) -> None:
        """A formula line under the formula so far: the start of its denominator when it opens a quantity
        after a ratio's numerator, or when the line above ended on the 'x 100%' drawn beside a fraction's
        bar (or, when the line taken for it opens no quantity and this one does, this one); else more of the
        denominator, or more of the formula."""
        previous = draft.text("formula")
        ratio_expected = kind_of(clean(draft.text("indikator"))) in RATIO_KINDS or re.search(
            r"[xX×]\s*100", previous)
        beside_bar = ends_with_multiplier(draft.cells.get("formula", [""])[-1])
        opens = _opens_quantity(formula) and not _is_hanging(previous) and not _starts_lower(formula) and (
            ratio_expected or _opens_quantity(previous))
        if (previous and not draft.denominator and (opens or beside_bar)
                and " / " not in previous and "frac" not in previous):
            draft.denominator.append(formula)
            draft.span = draft.span.merge(span) if draft.span else span
            draft.notes.append(f"{Repair.DENOMINATOR_NEXT} table row")
        elif draft.denominator and (not _opens_quantity(formula) or clean(formula)[:1].islower()):
            draft.denominator.append(formula)
        elif draft.denominator and not _opens_quantity(draft.denominator[0]) and not _starts_lower(formula):
            # the numerator's last line came first: a fraction's lines are centred, and the 'x 100%' beside
            # the bar is centred on the whole cell, not on the bar
            draft.cells["formula"].extend(draft.denominator)
            draft.denominator[:] = [formula]
        else:
            draft.add("formula", formula, span)

    def _formula_overflow(self, cells: dict[str, str]) -> None:
        """A line's sumber data fragment that is the rest of its formula goes back to the formula: read line by
        line, a formula that runs past its column's edge leaves its tail in the column beside it ('x 100 % /
        Σ': operators and the multiplier, which no sumber data is made of)."""
        sumber, formula = cells.get("sumber_data", ""), cells.get("formula", "")
        if not sumber or not _FORMULA_PIECE.fullmatch(clean(sumber)):
            return
        if formula or (self.drafts and self.drafts[-1].text("formula")):
            cells["formula"] = f"{formula} {sumber}".strip()
            del cells["sumber_data"]

    def _formula_row_is_new(self, cells: dict[str, str]) -> bool:
        """A row with a complete formula and its own sumber data but no indicator text is an indicator
        whose text the layout lost, unless it can be the denominator of a ratio above it."""
        formula = cells.get("formula", "")
        if not (formula and cells.get("sumber_data") and self.drafts) or cells.get("target"):
            return False
        previous = self.drafts[-1]
        return bool(previous.text("formula") and previous.text("sumber_data")) and _opens_quantity(formula) \
            and not _starts_lower(formula) and not _is_hanging(previous.text("formula")) \
            and kind_of(clean(previous.text("indikator"))) not in RATIO_KINDS

    @staticmethod
    def _add_indicator_text(draft: _Draft, ind: str, new_row: bool, span: Span) -> None:
        previous, formula = draft.text("indikator"), clean(draft.text("formula"))
        if not new_row and _is_repeat(ind, previous):
            draft.notes.append(f"line {Repair.OCR_TWICE} dropped")
        elif not new_row and not previous and formula and formula.lower().endswith(clean(ind).lower()):
            draft.add("indikator", draft.text("formula"), span)
            draft.notes.append(f"indicator's {Repair.FIRST_LINE_MISSING}; read from the formula that repeats it")
        else:
            draft.add("indikator", ind, span)

    def _owner(self, name: str, value: str, source_row: bool) -> _Draft:
        """The indicator a line's fragment of a column belongs to. In a table read line by line, a column that
        lists its items with bullets gives its k-th item to the sasaran's k-th indicator, however far the
        indicator column has moved on (a long formula keeps its items lower than their indicators), and
        goes on with its last item until its next bullet."""
        draft = self.drafts[-1]
        if source_row or len(self.drafts) < 2:
            return draft
        group = [d for d in self.drafts if d.group is draft.group]
        listed = [d for d in group if d.cells.get(name) and starts_with_marker(clean(d.cells[name][0]))]
        if starts_with_marker(clean(value)):
            return next((d for d in group if not d.cells.get(name)), draft) if listed else draft
        return listed[-1] if listed and not draft.cells.get(name) else draft

    def _rest_of_row(self, cells: dict[str, str], number: bool, row: GridRow) -> bool:
        """Whether a source row opening a new page of the table is the rest of the row that closed the page
        before: it has no number of its own, and some cell of the indicator goes on with the text above it
        rather than opening anything (a lowercase start, a first line without the marker every item of the cell
        above has, or a cell above that stops on a hanging word or on a bare marker whose item the page break
        pushed over). A sasaran going on says nothing: a merged sasaran cell cut by the break spans rows."""
        if number or not self.drafts or row.row_kind is not RowKind.SOURCE or row.table != self.previous_table \
                or row.span.page <= self.previous_page:
            return False
        draft = self.drafts[-1]
        for name, text in cells.items():
            above = draft.cells.get(name, [])
            if name in ("no", "sasaran") or not text or not above:
                continue
            last = clean(above[-1])
            if _LONE_MARKER.search(last) or _is_hanging(last):
                return True
            if not starts_with_marker(text) and (clean(text)[:1].islower() or starts_with_marker(clean(above[0]))):
                return True
        return False

    def _join_rest(self, cells: dict[str, str], extra: dict[str, str], row: GridRow) -> None:
        """The rest of a row cut by a page break, each cell joined to the same column's cell above."""
        draft = self.drafts[-1]
        for name, text in cells.items():
            if name == "sasaran":
                draft.group.fragments.append(text)
                draft.group.lines.append(row.span.line_start)
            elif name == "formula":
                self._continue_formula(draft, text, row.span)
            elif name != "no":
                draft.add(name, text, row.span)
        for name, value in extra.items():
            draft.extra.setdefault(name, []).append(value)
        draft.notes.append(f"row {Repair.PAGE_CUT} joined")
        draft.span = draft.span.merge(row.span) if draft.span else row.span
        self.previous_page = row.span.page

    def feed(self, header: HeaderMap, row: GridRow) -> None:
        cells, extra, carried = self._fields(header, row)
        if not any(cells.get(k) for k in ("sasaran", "indikator", "formula", "sumber_data", "target")) and not extra:
            return
        number = bool(re.fullmatch(r"\d{1,3}\.?", cells.get("no", "").strip()))
        if self._rest_of_row(cells, number, row):
            _note_evidence(self.drafts[-1].evidence, header, row)
            self._join_rest(cells, extra, row)
            return
        self.previous_page = row.span.page
        source_row = row.row_kind is RowKind.SOURCE
        if not source_row:
            self._formula_overflow(cells)
        ind, sas = cells.get("indikator", ""), cells.get("sasaran", "")
        formula = cells.get("formula", "")
        self.lines_only = self.lines_only and not source_row
        continues = "indikator" in carried and not number
        item = not continues and not number and self._next_item(ind, source_row)
        new_row = not continues and self._new_indicator(ind, number, source_row, cells, extra)
        starts_group = bool(sas) and self._new_sasaran(sas, number, new_row, source_row, row.table)
        if starts_group:
            self.group = _Group([sas], [row.span.line_start])
            # a line that opens a sasaran beside the rest of the indicator above (a merged cell's text centred
            # down its rows) goes on with that indicator; otherwise the sasaran opens one
            new_row = new_row or source_row or bool(ind) or not self.drafts or not any(
                cells.get(k) for k in ("formula", "sumber_data", "target"))
        elif sas:
            self.group = self.group or _Group()
            self.group.fragments.append(sas)
            self.group.lines.append(row.span.line_start)
        if not new_row and not ind and self._formula_row_is_new(cells):
            new_row = True
        self.previous_sasaran_cell = sas
        self.previous_table = row.table
        self.opened_without_sasaran = not sas and (new_row or self.opened_without_sasaran)
        self.previous_row_new = new_row
        if new_row:
            self.group = self.group or _Group()
            self.drafts.append(_Draft(self.group, line=row.span.line_start, item=item))
        draft = self.drafts[-1]
        _note_evidence(draft.evidence, header, row)
        if ind:
            self._add_indicator_text(draft, ind, new_row, row.span)
        if formula:
            owner = self._owner("formula", formula, source_row)
            if new_row and owner is draft:
                draft.add("formula", formula, row.span)
            else:
                self._continue_formula(owner, formula, row.span)
        for name in ("sumber_data", "target"):
            if cells.get(name):
                self._owner(name, cells[name], source_row).add(name, cells[name], row.span)
        for name, value in extra.items():
            draft.extra.setdefault(name, []).append(value)
        draft.span = draft.span.merge(row.span) if draft.span else row.span

    def _centred_sasaran(self) -> None:
        """A merged sasaran cell read line by line: a converter writes its text once, centred down the rows it
        spans, so the first indicators come before any sasaran and the rows of the cell reach as far below
        its text as above it. Each sasaran then takes the indicators from where the one above ends to as far
        below its text as its first indicator lies above it, and never those at or after the next one's text."""
        if not self.lines_only or not self.drafts or self.drafts[0].group.fragments:
            return
        groups: list[_Group] = []
        for draft in self.drafts:
            if draft.group.fragments and draft.group not in groups:
                groups.append(draft.group)
        if not groups:
            return
        waiting = list(self.drafts)
        for k, group in enumerate(groups):
            if not waiting:
                break
            first, last = group.lines[0], group.lines[-1]
            end = max(first + last - waiting[0].line, last)
            limit = groups[k + 1].lines[0] if k + 1 < len(groups) else None
            taken = [d for d in waiting if d.line <= end and (limit is None or d.line < limit)] or \
                [d for d in waiting if limit is None or d.line < limit]
            if k + 1 == len(groups):
                taken = waiting
            for draft in taken:
                draft.group = group
            waiting = waiting[len(taken):]

    def _shared_cells(self) -> None:
        """A cell that lists its indicators line by line beside a cell that does not: the one value (a single
        sumber data beside three listed indicators) applies to every item, as a merged cell would."""
        head = None
        for draft in self.drafts:
            if not draft.item:
                head = draft
                continue
            if head is None or head.group is not draft.group:
                continue
            for name in ("formula", "sumber_data", "target"):
                shared = head.cells.get(name)
                if shared and not draft.cells.get(name) and not starts_with_marker(clean(shared[0])):
                    draft.cells[name] = list(shared)
                    draft.notes.append(f"{name} cell {Repair.COPIED} of the items listed beside it")

    def indicators(self) -> list[Indicator]:
        self._centred_sasaran()
        self._shared_cells()
        out: list[Indicator] = []
        for draft in self.drafts:
            out.extend(_finish(draft))
        return out


def _note_evidence(evidence: RowEvidence, header: HeaderMap, row: GridRow) -> None:
    """What one physical row tells about how far the indicator it feeds can be trusted."""
    evidence.rows += 1
    evidence.line_rows += row.row_kind is RowKind.LINE
    evidence.ocr = min(evidence.ocr, row.confidence)
    evidence.columns_off += len(row.texts) != len(header.fields)
    evidence.unknown_columns = evidence.unknown_columns or bool(header.unknown)
    evidence.has_formula_column = evidence.has_formula_column or "formula" in header.fields
    evidence.has_sumber_column = evidence.has_sumber_column or "sumber_data" in header.fields


def _split_at_capitals(text: str, count: int) -> list[str] | None:
    """Cut a cell whose line breaks were lost ('Sarpras yg layak fungsi Daftar hadir ASN ...').

    Items start with a capital; a capitalised word after a lowercase one is a likelier
    start than an acronym after an acronym, and items of a list are of similar length.
    """
    tokens = text.split()
    starts = [i for i in range(2, len(tokens) - 1) if tokens[i][:1].isupper()]
    if len(starts) < count - 1 or len(starts) > 14:
        return None

    def weight(i: int) -> float:
        titled = tokens[i][1:2].islower() and tokens[i - 1][-1:].islower()
        return 3.0 if titled else 0.5

    best: tuple[float, tuple[int, ...]] | None = None
    for cut in combinations(starts, count - 1):
        bounds = (0, *cut, len(tokens))
        sizes = [b - a for a, b in pairwise(bounds)]
        if min(sizes) < 2:
            continue
        mean = len(tokens) / count
        score = sum(weight(i) for i in cut) - sum(abs(s - mean) for s in sizes) / mean
        if best is None or score > best[0]:
            best = (score, cut)
    if best is None:
        return None
    bounds = (0, *best[1], len(tokens))
    return [" ".join(tokens[a:b]) for a, b in pairwise(bounds)]


def _split_at_openers(items: list[str], count: int) -> list[str] | None:
    """Indicators a cell listed without separators ('Angka Kriminalitas Prosentase penyelesaian ...') cut
    where a capitalised kind word opens the next one, when that gives exactly `count` items."""
    pieces: list[str] = []
    for item in items:
        tokens = item.split()
        starts = [i for i in range(1, len(tokens)) if tokens[i][:1].isupper() and tokens[i - 1][-1:] not in "/&-"
                  and (starts_with_kind_word(" ".join(tokens[i:])) or tokens[i].lower() in words("indicator_openers"))]
        bounds = (0, *starts, len(tokens))
        pieces.extend(" ".join(tokens[a:b]) for a, b in pairwise(bounds))
    return pieces if len(pieces) == count else None


def _split_cell(raw: str, count: int) -> tuple[list[str] | None, bool]:
    """A formula or sumber cell cut into `count` items (None when it does not list that many),
    and whether the cut was guessed from capitals rather than read from list markers."""
    segments = math_segments(raw)
    if len(segments) == count:
        return segments, False
    items = split_items(raw)
    if len(items) == count:
        return items, False
    if len(items) == 1 and not re.search(r"[$•●▪◦‣]|<(?:li|ul|ol)\b", raw) and not starts_with_marker(raw):
        return _split_at_capitals(clean(raw), count), True
    return None, False


def _finish(draft: _Draft) -> list[Indicator]:
    """One draft into one or more indicators (a cell may list several)."""
    raw_ind = " ".join(draft.cells.get("indikator", []))
    items = split_items(raw_ind) if raw_ind else []
    notes = list(draft.notes)
    listed = max(len(split_items(draft.text(name))) if draft.text(name) else 0 for name in ("formula", "sumber_data"))
    if 1 <= len(items) < listed:
        regrouped = _split_at_openers(items, listed)
        if regrouped:
            items = regrouped
            notes.append(f"indicator cell {Repair.SPLIT_OPENS}, into {listed} items")
    count = max(len(items), 1)
    formulas = sumbers = None
    if count > 1:
        formulas, guessed_f = _split_cell(draft.text("formula"), count)
        sumbers, guessed_s = _split_cell(draft.text("sumber_data"), count)
        for name, parts, guessed in (("formula", formulas, guessed_f), ("sumber_data", sumbers, guessed_s)):
            if draft.text(name) and parts is None:
                notes.append(f"{name} cell {Repair.COPIED} of {count} indicators")
            elif guessed and parts:
                notes.append(f"{name} cell {Repair.SPLIT_CAPITALS} into {count} items")
    out = []
    for i in range(count):
        formula_raw = formulas[i] if formulas else draft.text("formula")
        sumber_raw = sumbers[i] if sumbers else draft.text("sumber_data")
        parsed = parse_formula(formula_raw, " ".join(draft.denominator) or None)
        target = clean(draft.text("target")) or None
        value, unit = parse_target(target)
        indikator = items[i] if items else None
        sumber_items = split_items(sumber_raw) if sumber_raw else []
        indicator = Indicator(
            sasaran=draft.group.text,
            indikator=indikator,
            kind=kind_of(indikator),
            formula=parsed.formula,
            numerator=parsed.numerator,
            denominator=parsed.denominator,
            multiplier=parsed.multiplier,
            sumber_data="\n".join(sumber_items) or None,
            target=target,
            target_value=value,
            target_unit=unit,
            provenance=Provenance.of(draft.span) if draft.span else None,
            notes=notes,
            extra={k: clean(" ".join(v)) for k, v in draft.extra.items()},
        )
        indicator.signals = row_signals(indicator, draft.evidence, count)
        out.append(indicator)
    return out
