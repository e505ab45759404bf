"""Position blocks: where each starts, its title, its tugas and fungsi.

Offices open a block with 'JABATAN : X', '1. Jabatan' and the title a few lines
later, 'Unit Organisasi : ... ( X )', or simply a new 'Tugas Pokok' after the
previous block's table. Tugas and fungsi come labelled, half-labelled (a label
whose value sits on a later line, labels read in column order before their
values), or as sentences ('Seksi X mempunyai tugas :').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz

from extract.layout import Span
from normalize.columns import HeaderMap
from normalize.grid_rows import GridRow
from normalize.text import clean, split_items, starts_with_marker, strip_marker
from normalize.vocabulary import groups

_LEAD = re.compile(r"^[\s\-•●*.:]*(?:\d{1,2}[.)]\s*)?[\s\-•●*.]*")
_PAREN = re.compile(r"\(\s*([^()]{2,80}?)\s*\)")


@dataclass(frozen=True)
class Label:
    kind: str
    value: str


def _label_kind(head: str) -> str | None:
    head = " ".join(re.sub(r"[^a-z& ]", " ", head.lower()).split())
    if not head or len(head) > 40:
        return None
    if fuzz.ratio(head, "unit organisasi") >= 85:
        return "unit"
    best, best_score = None, 0.0
    for kind, phrases in groups("labels").items():
        for phrase in phrases:
            score = 100.0 if head == phrase else fuzz.ratio(head, phrase)
            if score > best_score:
                best, best_score = kind, score
    threshold = 100 if len(head) < 5 else 80
    return best if best_score >= threshold else None


def _separated(line: str) -> tuple[str, str, str]:
    """The line cut at its label's colon; a semicolon after a label is OCR's reading of one."""
    head, sep, value = line.partition(":")
    if not sep:
        before, semi, after = line.partition(";")
        if semi and _label_kind(before):
            return before, ":", after
    return head, sep, value


def _opening_phrase(line: str) -> Label | None:
    """A label of two words or more opening a line whose colon a scan lost ('Nama Jabatan Kasi Umum'); not the
    indicator table's own ('Indikator Kinerja Kegiatan ...' heads a column as often as it opens a table)."""
    words = line.split()
    lowered = [re.sub(r"[^a-z&-]", "", word.lower()) for word in words]
    found = [(len(wanted), kind) for kind, phrases in groups("labels").items() if kind != "indicators"
             for wanted in (phrase.split() for phrase in phrases)
             if 2 <= len(wanted) < len(words) and lowered[:len(wanted)] == wanted]
    if not found:
        return None
    size, kind = max(found)  # the longest: 'Tugas Pokok dan Fungsi', not 'Tugas Pokok'
    return Label(kind, " ".join(words[size:]))


def detect_label(text: str, tugas_seen: bool) -> Label | None:
    """The label a line opens with ('JABATAN :', '3. Funasi', 'Tugas Pokok :'), if any."""
    line = _LEAD.sub("", clean(text))
    head, sep, value = _separated(line)
    kind = _label_kind(head) if head and (sep or len(line.split()) <= 4) else None
    if kind:
        return Label(kind, value.strip() if sep else "")
    if not sep and (opening := _opening_phrase(line)) is not None:
        return opening
    match = re.search(r"\bmempunyai\s+(tugas|fungsi)\b", line, re.I)
    if match and not (match.group(1).lower() == "tugas" and tugas_seen):
        value = "" if line.rstrip().endswith(":") else line.strip()
        return Label(match.group(1).lower(), value)
    return None


class Section(StrEnum):
    """Which list a block's text lines go to; CLOSED once the block announces its indicator table."""

    TUGAS = "tugas"
    FUNGSI = "fungsi"
    CLOSED = "closed"


@dataclass
class Sections:
    """Tugas and fungsi of one block, filled line by line as labels and values arrive."""

    mode: Section | None = None
    tugas_seen: bool = False
    paragraphs: list[str] = field(default_factory=list)
    tugas_items: list[str] = field(default_factory=list)
    fungsi: list[str] = field(default_factory=list)
    last: list[str] | None = None

    def label(self, label: Label) -> None:
        if label.kind == "indicators":
            self.mode, self.last = Section.CLOSED, None
            return
        if label.kind == "tugas":
            self.mode, self.tugas_seen = Section.TUGAS, True
        else:
            self.mode = Section.FUNGSI
        if label.value:
            if label.kind == "tugas" and not starts_with_marker(label.value):
                self.paragraphs.append(label.value)
                self.last = self.paragraphs
            else:
                self.text(label.value)

    def text(self, text: str) -> None:
        if self.mode is Section.CLOSED:
            return
        explicit = text.lstrip(" -•").startswith(":")
        body = re.sub(r"^[\s\-•]*:\s*", "", text) if explicit else text
        if not clean(body):
            return
        if starts_with_marker(clean(body)):
            self._items(body)
        else:
            self._paragraph(clean(body), explicit)

    def _items(self, body: str) -> None:
        items = split_items(body)
        to_fungsi = self.mode is Section.FUNGSI or (self.mode is Section.TUGAS and self.paragraphs)
        target = self.fungsi if to_fungsi else self.tugas_items
        target.extend(items)
        self.last = target

    def _paragraph(self, body: str, explicit: bool) -> None:
        if self.mode is Section.FUNGSI and self.tugas_seen and not (self.paragraphs or self.tugas_items or self.fungsi):
            self.paragraphs.append(body)
            self.last = self.paragraphs
            return
        fallback = self.fungsi if self.mode is Section.FUNGSI else self.paragraphs
        target = self.last if self.last is not None else fallback
        if target and not explicit and (body[0].islower() or not re.search(r"[.;:]$", target[-1])):
            target[-1] = f"{target[-1]} {body}"
        else:
            target.append(body)
        self.last = target

    @property
    def tugas(self) -> str | None:
        parts = [p for p in self.paragraphs + self.tugas_items if p]
        return "\n".join(parts) or None


@dataclass
class Block:
    """One position as read: title, sections and the table rows under it."""

    title: str | None = None
    span: Span | None = None
    sections: Sections = field(default_factory=Sections)
    rows: list[tuple[HeaderMap, GridRow]] = field(default_factory=list)
    header: HeaderMap | None = None
    awaiting_title: bool = False
    pending_paren: bool = False
    title_may_wrap: bool = False

    def take_title(self, text: str) -> bool:
        """Fill a title announced on an earlier line; False when this line is not it.

        A value of three letters or less after 'Jabatan :' is a fragment the layout cut off
        ('Pe' before 'Pengadministrasian Umum'), so the next line is taken as the title. A long
        title may wrap: a short capitalised line right after it, neither label nor list item,
        continues it.
        """
        if self.title_may_wrap:
            self.title_may_wrap = False
            text = clean(text)
            if self.title and text and text[0].isupper() and len(text.split()) <= 6 and not starts_with_marker(text):
                self.title = f"{self.title} {text}"
                return True
            return False
        if self.pending_paren:
            self.pending_paren = False
            match = _PAREN.search(clean(text))
            if match:
                self.title = match.group(1).strip()
                return True
            return False
        if self.awaiting_title:
            self.awaiting_title = False
            title = clean(text).lstrip(": ").strip()
            if not title:
                return False
            self.title = title
            return True
        return False


def title_from_label(label: Label, block: Block) -> None:
    """Set a block's title from its opening label, or mark it as coming on a later line."""
    value = clean(label.value)
    if label.kind == "unit":
        match = _PAREN.search(value)
        if match:
            block.title = match.group(1).strip()
        else:
            block.pending_paren = True
        return
    value = strip_marker(value) if value.startswith(("-", "•")) else value
    if len(value) <= 3:
        block.awaiting_title = True
    else:
        block.title = value
        block.title_may_wrap = True
