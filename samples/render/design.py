"""The seeded choices one variant is drawn with, shared by every form of that variant.

A choice that changes what the gold holds (which columns exist) lives here so that
the DOCX, the PDFs, the HTML and the workbook of one variant all carry the same
gold; how each format draws the shared design is chosen by that format's writer.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum

from samples.render.fonts import Font
from samples.render.gold import Record
from samples.render.model import Marker
from samples.render.settings import SETTINGS, RenderSettings
from samples.render.wording import (
    AREA_CODES,
    GROUP_FORMULA,
    HEADERS,
    KETERANGAN,
    LABELS,
    MENGINGAT,
    MENIMBANG,
    PANGKAT,
    STREETS,
    TITLE_SUBJECT,
    cased,
)


class Paper(Enum):
    A4 = "A4"
    F4 = "F4"


class Orientation(Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"
    MIXED = "mixed"  # decree portrait, lampiran landscape


class BlockForm(Enum):
    """How a position's JABATAN / TUGAS / FUNGSI block is laid out."""

    LABELLED = "labelled"  # JABATAN : X lines
    FIELD_TABLE = "field-table"  # borderless label | : | value table
    NUMBERED = "numbered"  # 1. Nama Jabatan : X ... 4. Indikator Kinerja Individu :
    TABBED = "tabbed"  # Jabatan<TAB>: X with tab stops


class Column(Enum):
    NO = "no"
    SASARAN = "sasaran"
    INDIKATOR = "indikator"
    FORMULA = "formula"
    SUMBER = "sumber_data"
    TARGET = "target"
    SATUAN = "satuan"
    PENANGGUNG_JAWAB = "penanggung_jawab"
    KETERANGAN = "keterangan"


EXTRA_COLUMNS = (Column.SATUAN, Column.PENANGGUNG_JAWAB, Column.KETERANGAN)


class SpanLayout(Enum):
    """A value shared by consecutive rows: one merged cell, repeated on each row, or written once."""

    MERGED = "merged"
    REPEATED = "repeated"
    BLANK_BELOW = "blank-below"


class Numbering(Enum):
    """What the No column counts: every row, or every sasaran group."""

    PER_ROW = "per-row"
    PER_SASARAN = "per-sasaran"


class NumberRow(Enum):
    """The column-number row under the header: none, "(1) (2) (3)", or "1 2 3"."""

    NONE = "none"
    PARENTHESISED = "parenthesised"
    PLAIN = "plain"


class FormulaStyle(Enum):
    ONE_LINE = "one-line"
    STACKED = "stacked"


class LampiranHeading(Enum):
    RIGHT_BLOCK = "right-block"  # LAMPIRAN / NOMOR / TANGGAL tab-aligned at the right
    LEFT_LINES = "left-lines"  # Lampiran Keputusan Camat ... Nomor ... Tanggal ... at the left


@dataclass(frozen=True)
class Design:
    paper: Paper
    orientation: Orientation
    margins_mm: tuple[float, float, float, float]
    font: Font
    font_pt: int
    table_pt: int
    # decree body
    address: str
    title_subject: int
    menimbang: int
    mengingat: tuple[int, ...]
    preamble_as_table: bool
    pangkat: str
    dotted_blanks: bool
    lampiran_heading: LampiranHeading
    lampiran_kabupaten: bool
    lampiran_signature: bool
    # position blocks
    block_form: BlockForm
    labels: dict[str, str]
    fungsi_marker: Marker
    tugas_marker: Marker
    iki_caption: bool
    position_on_new_page: bool
    # indicator tables
    columns: tuple[Column, ...]
    headers: dict[str, str]
    two_row_header: bool
    number_row: NumberRow
    sasaran_layout: SpanLayout
    no_layout: SpanLayout
    numbering: Numbering
    formula_style: FormulaStyle
    combined_cells: bool
    group_formula_word: str
    combined_label: bool
    repeat_header: bool
    rows_can_split: bool
    keterangan: str

    @property
    def has_formula(self) -> bool:
        return Column.FORMULA in self.columns

    @property
    def has_target(self) -> bool:
        return Column.TARGET in self.columns


def _columns(rng: random.Random, record: Record, s: RenderSettings) -> tuple[Column, ...]:
    """No?, SASARAN, INDIKATOR, then FORMULA / TARGET in either order and SUMBER DATA, an extra column maybe."""
    middle = [Column.SUMBER]
    if rng.random() >= s.table.drop_formula:
        middle.insert(rng.randrange(len(middle) + 1), Column.FORMULA)
    if record.has_targets and rng.random() >= s.table.drop_target:
        middle.insert(rng.randrange(len(middle) + 1), Column.TARGET)
    if rng.random() < s.table.extra_column:
        middle.insert(rng.choice([len(middle), len(middle) - 1]), rng.choice(EXTRA_COLUMNS))
    head = [Column.NO] if rng.random() < s.table.no_column else []
    return tuple(head + [Column.SASARAN, Column.INDIKATOR] + middle)


def _address(rng: random.Random, record: Record) -> str:
    street = rng.choice(STREETS).format(kec=record.decree.kecamatan)
    phone = f"({rng.choice(AREA_CODES)}) {rng.randint(100000, 999999)}"
    return f"{street} No. {rng.randint(1, 120)} Telp. {phone} Kode Pos {rng.randint(61100, 69499)}"


def draw_design(rng: random.Random, record: Record, s: RenderSettings = SETTINGS) -> Design:
    t = s.table
    orientation = rng.choice(list(Orientation))
    columns = _columns(rng, record, s)
    header_upper = rng.random() < 0.7
    label_upper = rng.random() < 0.5
    headers = {c.value: cased(rng.choice(HEADERS[c.value]), header_upper) for c in Column}
    labels = {k: cased(rng.choice(v), label_upper) for k, v in LABELS.items()}
    margins = tuple(round(rng.uniform(*s.paper.margin_mm) / 2.5) * 2.5 for _ in range(4))
    font_pt = rng.randint(*s.paper.font_pt)
    return Design(
        paper=rng.choice(list(Paper)),
        orientation=orientation,
        margins_mm=margins,
        font=rng.choice(list(Font)),
        font_pt=font_pt,
        table_pt=font_pt - rng.choice((0, 1, 1, 2)) if orientation is Orientation.PORTRAIT else font_pt - 1,
        address=_address(rng, record),
        title_subject=rng.randrange(len(TITLE_SUBJECT)),
        menimbang=rng.randrange(len(MENIMBANG)),
        mengingat=tuple(sorted(rng.sample(range(len(MENGINGAT)), rng.randint(3, len(MENGINGAT))))),
        preamble_as_table=rng.random() < 0.5,
        pangkat=rng.choice(PANGKAT),
        dotted_blanks=rng.random() < 0.5,
        lampiran_heading=rng.choice(list(LampiranHeading)),
        lampiran_kabupaten=rng.random() < 0.5,
        lampiran_signature=rng.random() < 0.4,
        block_form=rng.choice(list(BlockForm)),
        labels=labels,
        fungsi_marker=rng.choice((Marker.LETTER, Marker.LETTER, Marker.NUMBER, Marker.BULLET, Marker.DASH)),
        tugas_marker=rng.choice((Marker.LETTER, Marker.NUMBER, Marker.DASH)),
        iki_caption=rng.random() < 0.5,
        position_on_new_page=rng.random() < t.position_on_new_page,
        columns=columns,
        headers=headers,
        two_row_header=rng.random() < t.two_row_header,
        number_row=(rng.choice((NumberRow.PARENTHESISED, NumberRow.PLAIN)) if rng.random() < t.number_row
                    else NumberRow.NONE),
        sasaran_layout=rng.choice(list(SpanLayout)),
        no_layout=rng.choice(list(SpanLayout)),
        numbering=rng.choice(list(Numbering)),
        formula_style=rng.choice(list(FormulaStyle)),
        combined_cells=rng.random() < t.combined_cell,
        group_formula_word=cased(rng.choice(GROUP_FORMULA), header_upper),
        combined_label=rng.random() < 0.5,
        repeat_header=rng.random() < t.repeat_header,
        rows_can_split=rng.random() < t.rows_can_split,
        keterangan=rng.choice(KETERANGAN),
    )
