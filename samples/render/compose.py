"""A whole decree (or one lampiran page) as a Document, from a gold record and a design.

Every value comes from the gold decree fields; a field the gold has as null is not
drawn (at most a dotted blank where offices leave one to fill in by hand).
"""
from __future__ import annotations

from dataclasses import dataclass

from samples.render.design import Design, LampiranHeading, Orientation, Paper
from samples.render.fonts import Font
from samples.render.gold import Position, Record
from samples.render.indicator_table import indicator_grid
from samples.render.model import (
    Align,
    Block,
    Cell,
    Document,
    Grid,
    ItemList,
    Marker,
    PageBreak,
    Para,
    Section,
    TableRole,
)
from samples.render.position_block import position_blocks
from samples.render.settings import SETTINGS
from samples.render.wording import DIKTUM, MENGINGAT, MENIMBANG, TITLE_SUBJECT, long_date

DOTS = "...................."
SIGNATURE_AT = 0.55
SIGN_TAB_MM = 30.0


def _paper(design: Design) -> tuple[float, float]:
    return SETTINGS.paper.a4 if design.paper is Paper.A4 else SETTINGS.paper.f4


def _names(record: Record) -> dict[str, str]:
    d = record.decree
    return {"KEC": d.kecamatan.upper(), "KAB": d.kabupaten.upper(), "Kec": d.kecamatan, "Kab": d.kabupaten,
            "tahun": str(d.tahun)}


def _blank(value: str | None, design: Design) -> str | None:
    return value if value else DOTS if design.dotted_blanks else None


def letterhead(record: Record, design: Design) -> list[Block]:
    n = _names(record)
    return [Para(f"PEMERINTAH KABUPATEN {n['KAB']}", bold=True, align=Align.CENTER, size_delta=2),
            Para(f"KECAMATAN {n['KEC']}", bold=True, align=Align.CENTER, size_delta=4),
            Para(design.address, align=Align.CENTER, size_delta=-1, rule_below=True)]


def subject(record: Record, design: Design) -> str:
    return TITLE_SUBJECT[design.title_subject].format(**_names(record))


def title(record: Record, design: Design) -> list[Block]:
    n = _names(record)
    blocks: list[Block] = [Para(f"KEPUTUSAN CAMAT {n['KEC']}", bold=True, align=Align.CENTER, space_before_pt=12)]
    nomor = _blank(record.decree.nomor, design)
    if nomor:
        blocks.append(Para(f"NOMOR : {nomor}", align=Align.CENTER))
    blocks += [Para("TENTANG", align=Align.CENTER, space_before_pt=6),
               Para(subject(record, design), bold=True, align=Align.CENTER),
               Para(f"CAMAT {n['KEC']},", bold=True, align=Align.CENTER, space_before_pt=10)]
    return blocks


def _preamble_rows(record: Record, design: Design) -> list[tuple[str, str | ItemList]]:
    n = _names(record)
    menimbang = tuple(t.format(**n) for t in MENIMBANG[design.menimbang])
    mengingat = tuple(MENGINGAT[i].format(**n) for i in design.mengingat)
    return [("Menimbang", ItemList(menimbang, Marker.LETTER)), ("Mengingat", ItemList(mengingat, Marker.NUMBER))]


def _diktum_rows(record: Record, design: Design) -> list[tuple[str, str | ItemList]]:
    n = _names(record)
    rows: list[tuple[str, str | ItemList]] = [("Menetapkan", f"KEPUTUSAN CAMAT {n['KEC']} TENTANG "
                                                             f"{subject(record, design)}.")]
    return rows + [(label, text.format(**n)) for label, text in DIKTUM]


def _label_rows(rows: list[tuple[str, str | ItemList]], as_table: bool) -> list[Block]:
    """Label : content rows, as a borderless table or as paragraphs hung on tab stops."""
    if as_table:
        cells: list[Cell] = []
        for r, (label, content) in enumerate(rows):
            body = (content,) if isinstance(content, ItemList) else (Para(content, align=Align.JUSTIFY),)
            cells += [Cell(r, 0, (Para(label),)), Cell(r, 1, (Para(":"),)), Cell(r, 2, body)]
        return [Grid(3, (0.18, 0.03, 0.79), cells, TableRole.PREAMBLE, borders=False)]
    blocks: list[Block] = []
    for label, content in rows:
        if isinstance(content, str):
            blocks.append(Para(f"{label}\t:\t{content}", indent_mm=36, hanging_mm=36, tabs_mm=(31, 36),
                               align=Align.JUSTIFY, space_before_pt=3))
            continue
        for i, item in enumerate(content.items):
            lead = f"{label}\t:\t" if i == 0 else "\t\t"
            blocks.append(Para(f"{lead}{content.marker.label(i)}\t{item}", indent_mm=43, hanging_mm=43,
                               tabs_mm=(31, 36, 43), align=Align.JUSTIFY, space_before_pt=3 if i == 0 else 0))
    return blocks


def preamble(record: Record, design: Design) -> list[Block]:
    return [*_label_rows(_preamble_rows(record, design), design.preamble_as_table),
            Para("MEMUTUSKAN :", bold=True, align=Align.CENTER, space_before_pt=8),
            *_label_rows(_diktum_rows(record, design), design.preamble_as_table)]


def signature(record: Record, design: Design, width_mm: float, place: bool) -> list[Block]:
    d = record.decree
    x = round(width_mm * SIGNATURE_AT, 1)
    tabs = (x + SIGN_TAB_MM,)
    blocks: list[Block] = []
    if place:
        blocks.append(Para(f"Ditetapkan di\t: {d.kecamatan}", indent_mm=x, tabs_mm=tabs, space_before_pt=14))
        tanggal = _blank(long_date(d.tanggal) if d.tanggal else None, design)
        if tanggal:
            blocks.append(Para(f"pada tanggal\t: {tanggal}", indent_mm=x, tabs_mm=tabs))
    blocks.append(Para(f"CAMAT {d.kecamatan.upper()},", bold=True, indent_mm=x, space_before_pt=6 if place else 14))
    blocks += [Para("", indent_mm=x)] * 3
    if d.penandatangan:
        blocks.append(Para(d.penandatangan, bold=True, underline=True, indent_mm=x))
    blocks.append(Para(design.pangkat, indent_mm=x))
    if d.nip:
        blocks.append(Para(f"NIP. {d.nip}", indent_mm=x))
    return blocks


def lampiran_heading(record: Record, design: Design, width_mm: float) -> list[Block]:
    d, n = record.decree, _names(record)
    nomor = _blank(d.nomor, design)
    tanggal = _blank(long_date(d.tanggal) if d.tanggal else None, design)
    lines = [("LAMPIRAN", f"KEPUTUSAN CAMAT {n['KEC']}")] + ([("NOMOR", nomor)] if nomor else []) + (
        [("TANGGAL", tanggal)] if tanggal else [])
    if design.lampiran_heading is LampiranHeading.RIGHT_BLOCK:
        x = round(width_mm * SIGNATURE_AT, 1)
        blocks: list[Block] = [Para(f"{label}\t: {value}", indent_mm=x, tabs_mm=(x + 22,)) for label, value in lines]
    else:
        blocks = [Para(f"{lines[0][0].title()} {lines[0][1].title()}")]
        blocks += [Para(f"{label.title()} : {value}") for label, value in lines[1:]]
    where = f"KECAMATAN {n['KEC']}" + (f" KABUPATEN {n['KAB']}" if design.lampiran_kabupaten else "")
    return blocks + [Para("INDIKATOR KINERJA INDIVIDU (IKI)", bold=True, align=Align.CENTER, space_before_pt=10),
                     Para(where, bold=True, align=Align.CENTER),
                     Para(f"TAHUN {d.tahun}", bold=True, align=Align.CENTER)]


def lampiran_decree_fields(record: Record, design: Design) -> set[str]:
    """The decree fields a lampiran page shows in its heading (what a photo of that page holds)."""
    d = record.decree
    shown = {"kecamatan", "tahun"} | ({"kabupaten"} if design.lampiran_kabupaten else set())
    return shown | {name for name in ("nomor", "tanggal") if getattr(d, name)}


def position_parts(record: Record, design: Design, positions: list[Position]) -> list[list[Block]]:
    """Each position's block followed by its indicator table."""
    return [[*position_blocks(p, design), indicator_grid(p, design, record.decree.tahun)] for p in positions]


def _positions(record: Record, design: Design, positions: list[Position]) -> list[Block]:
    blocks: list[Block] = []
    for i, part in enumerate(position_parts(record, design, positions)):
        if i and design.position_on_new_page:
            blocks.append(PageBreak())
        blocks += [*part, Para("")]
    return blocks


@dataclass(frozen=True)
class Matrix:
    """The lampiran as an IKI matrix kept in a workbook: heading, one part per position, the signing block."""

    heading: list[Block]
    positions: list[list[Block]]
    signature: list[Block]
    font: Font
    font_pt: float
    landscape: bool
    paper: Paper
    width_mm: float


def matrix(record: Record, design: Design) -> Matrix:
    """Under the office's name (a workbook has no letterhead, but every decree field must still show)."""
    landscape = design.orientation is not Orientation.PORTRAIT
    width = _document(record, design, []).text_width_mm(landscape)
    office = letterhead(record, design)[:2]
    return Matrix(office + lampiran_heading(record, design, width),
                  position_parts(record, design, list(record.positions)),
                  signature(record, design, width, place=True), design.font, design.font_pt, landscape, design.paper,
                  width)


def _document(record: Record, design: Design, sections: list[Section]) -> Document:
    return Document(_paper(design), design.margins_mm, design.font, design.font_pt, sections,
                    f"Keputusan Camat {record.decree.kecamatan} {record.decree.tahun}")


def decree_document(record: Record, design: Design) -> Document:
    body_landscape = design.orientation is Orientation.LANDSCAPE
    lampiran_landscape = design.orientation is not Orientation.PORTRAIT
    doc = _document(record, design, [])
    body = Section(body_landscape, [*letterhead(record, design), *title(record, design), *preamble(record, design),
                                    *signature(record, design, doc.text_width_mm(body_landscape), place=True)])
    width = doc.text_width_mm(lampiran_landscape)
    lampiran = Section(lampiran_landscape, [*lampiran_heading(record, design, width),
                                            *_positions(record, design, list(record.positions))])
    if design.lampiran_signature:
        lampiran.blocks += signature(record, design, width, place=False)
    doc.sections = [body, lampiran]
    return doc


def page_document(record: Record, design: Design, shown: list[Position], heading: bool) -> Document:
    """One lampiran page: the given positions, under the lampiran heading when it is the first page."""
    landscape = design.orientation is not Orientation.PORTRAIT
    doc = _document(record, design, [])
    top = lampiran_heading(record, design, doc.text_width_mm(landscape)) if heading else []
    doc.sections = [Section(landscape, [*top, *_positions(record, design, shown)])]
    return doc
