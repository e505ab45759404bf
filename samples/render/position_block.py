"""A position's JABATAN / TUGAS / FUNGSI block in the four forms decrees use.

Fields the gold leaves empty are not drawn. A block with no tugas but with fungsi
items is sometimes labelled "Tugas dan Fungsi": GUIDELINES.md puts the items of
such a combined block in `fungsi`, which is where the gold has them.
"""
from __future__ import annotations

from dataclasses import dataclass

from samples.render.design import BlockForm, Design
from samples.render.gold import Position
from samples.render.model import Block, Cell, Grid, ItemList, Para, Piece, TableRole

LABEL_TAB_MM = 38.0
VALUE_TAB_MM = 42.0
NUMBERED_TAB_MM = 48.0


@dataclass(frozen=True)
class Field:
    label: str
    value: str | None
    items: ItemList | None


def fields(position: Position, design: Design) -> list[Field]:
    labels = design.labels
    out: list[Field] = []
    if position.jabatan:
        out.append(Field(labels["jabatan"], position.jabatan, None))
    tugas = position.tugas_items
    if len(tugas) == 1:
        out.append(Field(labels["tugas"], tugas[0], None))
    elif tugas:
        out.append(Field(labels["tugas"], None, ItemList(tuple(tugas), design.tugas_marker)))
    if position.fungsi:
        combined = design.combined_label and not tugas
        label = labels["tugas_fungsi"] if combined else labels["fungsi"]
        out.append(Field(label, None, ItemList(position.fungsi, design.fungsi_marker)))
    return out


def _indented(items: ItemList, indent_mm: float) -> ItemList:
    return ItemList(items.items, items.marker, indent_mm)


def _labelled(fs: list[Field]) -> list[Block]:
    blocks: list[Block] = []
    for f in fs:
        blocks.append(Para(f"{f.label} : {f.value or ''}".rstrip(), bold=f is fs[0], space_before_pt=3))
        if f.items:
            blocks.append(_indented(f.items, 6))
    return blocks


def _tabbed(fs: list[Field], numbered: bool) -> list[Block]:
    value_at = NUMBERED_TAB_MM + 4 if numbered else VALUE_TAB_MM
    tabs = (value_at - 4, value_at)
    blocks: list[Block] = []
    for n, f in enumerate(fs, start=1):
        label = f"{n}. {f.label}" if numbered else f.label
        blocks.append(Para(f"{label}\t:\t{f.value or ''}".rstrip(), indent_mm=value_at, hanging_mm=value_at,
                           tabs_mm=tabs, space_before_pt=2))
        if f.items:
            blocks.append(_indented(f.items, value_at))
    return blocks


def _field_table(fs: list[Field]) -> Grid:
    cells: list[Cell] = []
    for r, f in enumerate(fs):
        value: tuple[Piece, ...] = (Para(f.value),) if f.value else ()
        if f.items:
            value += (f.items,)
        cells += [Cell(r, 0, (Para(f.label),)), Cell(r, 1, (Para(":"),)), Cell(r, 2, value)]
    return Grid(3, (0.22, 0.03, 0.75), cells, TableRole.FIELDS, borders=False)


def position_blocks(position: Position, design: Design) -> list[Block]:
    """The block, then the caption line before the table where the form has one."""
    fs = fields(position, design)
    caption = design.labels["iki"]
    form = design.block_form
    if form is BlockForm.NUMBERED:
        return [*_tabbed(fs, numbered=True), Para(f"{len(fs) + 1}. {caption} :", space_before_pt=2)]
    body = (_labelled(fs) if form is BlockForm.LABELLED else _tabbed(fs, numbered=False) if form is BlockForm.TABBED
            else [_field_table(fs)] if fs else [])
    return body + ([Para(f"{caption} :", space_before_pt=3)] if design.iki_caption else [])
