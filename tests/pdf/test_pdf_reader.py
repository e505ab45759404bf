"""The PDF reader on the rendered sample decrees gives the tables, lines and provenance of their seeds."""
from __future__ import annotations

from functools import cache

import pytest

from extract.layout import Layout, Line, Table
from extract.reader import read_layout
from samples.render.content import TableSpec, cell_text, load_seed
from tests.conftest import SAMPLES, sample_files

STEMS = [stem for stem, _ in sample_files()]


@cache
def layout_of(stem: str) -> Layout:
    return read_layout(SAMPLES / "pdf" / f"{stem}.pdf")


@cache
def seed_tables(stem: str) -> list[TableSpec]:
    text_file = dict(sample_files())[stem]
    return [b for b in load_seed(text_file, stem).blocks if isinstance(b, TableSpec)]


def pdf_cells(layout: Layout) -> set[str]:
    return {c.text for b in layout.blocks if isinstance(b, Table) for r in b.rows for c in r.cells}


@pytest.mark.parametrize("stem", STEMS)
def test_every_indicator_cell_of_the_seed_is_a_cell_of_the_pdf(stem: str) -> None:
    cells = pdf_cells(layout_of(stem))
    missing = []
    for table in seed_tables(stem):
        if table.key_value or not table.header:
            continue
        header = [cell_text(c).upper() for c in table.rows[0]]
        column = next((i for i, h in enumerate(header) if "INDIKATOR" in h), None)
        for row in table.rows[1:] if column is not None else []:
            text = cell_text(row[column])
            if text and text not in cells:
                missing.append(text)
    assert not missing


@pytest.mark.parametrize("stem", STEMS)
def test_nearly_all_seed_cells_come_back_verbatim(stem: str) -> None:
    cells = pdf_cells(layout_of(stem))
    expected = [cell_text(c) for t in seed_tables(stem) for row in t.rows for c in row if cell_text(c)]
    found = sum(text in cells for text in expected)
    assert found >= 0.98 * len(expected)


@pytest.mark.parametrize("stem", STEMS)
def test_every_piece_has_page_box_and_increasing_line_numbers(stem: str) -> None:
    layout = layout_of(stem)
    assert layout.method == "pdf-text" and layout.pages >= 5
    previous = 0
    for block in layout.blocks:
        spans = [block.span] if isinstance(block, Line) else [c.span for r in block.rows for c in r.cells]
        for span in spans:
            assert 1 <= span.page <= layout.pages and span.box is not None and span.box.page == span.page
            assert 0 <= span.box.x0 <= span.box.x1 <= 595.3 and 0 <= span.box.y0 <= span.box.y1 <= 841.9
        assert block.span.line_start > previous
        previous = block.span.line_end


def test_fraction_is_read_as_numerator_over_denominator() -> None:
    assert "Σ Sarpras dlm kondisi yg baik / Σ Sarpras x 100" in pdf_cells(layout_of("000_0cea4872b926cf0e"))


def test_stacked_fractions_in_one_cell_stay_apart() -> None:
    cell = ("Jumlah prasarana layak fungsi / Jumlah seluruh prasarana x 100 %\n"
            "Jumlah kehadiran ASN / Jumlah ASN x 100 %\n"
            "Jumlah ASN dengan nilai SKP baik / Jumlah seluruh ASN x 100")
    assert cell in pdf_cells(layout_of("001_821f072a5aa436a8"))


def test_list_cell_keeps_one_item_per_line() -> None:
    assert ("• Jumlah Desa yang memiliki Profil\n• Jumlah Dokumen Profil Kecamatan"
            in pdf_cells(layout_of("000_0cea4872b926cf0e")))


@pytest.mark.parametrize("stem", [s for s in STEMS if s != "004_b962c9f166388f5e"])
def test_tables_crossing_pages_are_joined_without_the_repeated_header(stem: str) -> None:
    tables = [b for b in layout_of(stem).blocks if isinstance(b, Table)]
    got = [r.texts for t in tables for r in t.rows]
    expected = [[cell_text(c) for c in row] for t in seed_tables(stem) for row in t.rows]
    assert got == expected


def test_some_table_does_cross_a_page_break() -> None:
    tables = [b for b in layout_of("003_82fb6ffd05021492").blocks if isinstance(b, Table)]
    assert sum(len({r.span.page for r in t.rows}) > 1 for t in tables) >= 2


def test_borderless_key_value_block_is_a_table_with_the_colon_column() -> None:
    first = next(b for b in layout_of("004_b962c9f166388f5e").blocks if isinstance(b, Table))
    assert first.rows[0].texts == ["JABATAN", ":", "SEKRETARIS CAMAT"]
    assert first.rows[2].texts[2].startswith("a. penyusunan rencana rencana Sekretariat Kecamatan ;\nb. ")


def test_running_text_is_one_line_per_visual_line_in_reading_order() -> None:
    lines = [b.text for b in layout_of("000_0cea4872b926cf0e").blocks if isinstance(b, Line)]
    assert lines[:3] == ["PEMERINTAH KABUPATEN BLITAR KECAMATAN PONGGOK",
                         "Jl. Jendr. Sudirman No. 01 Ponggok .Tlpn (0342) 551003", "PONGGOK"]
    assert lines.index("MEMUTUSKAN :") < lines.index("CAMAT PONGOK") < lines.index("Drs. PURWANTO, MM")
