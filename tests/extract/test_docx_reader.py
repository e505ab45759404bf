"""The Word reader on documents written with python-docx the way clerks type decrees."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from extract.errors import ExtractError
from extract.layout import Line, Table
from extract.reader import read_layout


def _save(document, tmp_path: Path, name: str = "keputusan.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _tables(path: Path) -> list[Table]:
    return [b for b in read_layout(path).blocks if isinstance(b, Table)]


def test_merged_cells_keep_their_slots(tmp_path):
    document = Document()
    table = document.add_table(rows=4, cols=4)
    for col, text in enumerate(["No", "Sasaran", "Indikator", "Sumber Data"]):
        table.cell(0, col).text = text
    table.cell(1, 0).merge(table.cell(3, 0)).text = "1"
    table.cell(1, 1).merge(table.cell(3, 1)).text = "Meningkatnya pelayanan"
    for row in (1, 2, 3):
        table.cell(row, 2).text = f"Indikator {row}"
        table.cell(row, 3).text = f"Data {row}"
    grid = _tables(_save(document, tmp_path))[0]
    first = {c.text: (c.row, c.col, c.row_span, c.col_span) for r in grid.rows for c in r.cells}
    assert first["Meningkatnya pelayanan"] == (1, 1, 3, 1)
    assert first["1"] == (1, 0, 3, 1)
    assert first["Indikator 3"] == (3, 2, 1, 1)
    assert grid.slots[3][1] is grid.slots[1][1]


def test_cell_spanning_columns(tmp_path):
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "INDIKATOR"
    table.cell(0, 2).text = "TARGET"
    grid = _tables(_save(document, tmp_path))[0]
    header = grid.rows[0].cells
    assert [(c.text, c.col, c.col_span) for c in header] == [("INDIKATOR", 0, 2), ("TARGET", 2, 1)]


def test_word_numbering_is_written_as_shown(tmp_path):
    document = Document()
    document.add_paragraph("FUNGSI :")
    for text in ("Penyusunan rencana", "Evaluasi program"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Pelaporan", style="List Bullet")
    lines = [b.text for b in read_layout(_save(document, tmp_path)).blocks if isinstance(b, Line)]
    assert lines == ["FUNGSI :", "1. Penyusunan rencana", "2. Evaluasi program", "• Pelaporan"]


def test_tab_aligned_label_keeps_its_tab(tmp_path):
    document = Document()
    document.add_paragraph("Jabatan\t: Sekretaris Kecamatan")
    line = read_layout(_save(document, tmp_path)).blocks[0]
    assert isinstance(line, Line) and line.text == "Jabatan\t: Sekretaris Kecamatan"


def _formula_cell(tmp_path: Path, fill) -> str:
    document = Document()
    table = document.add_table(rows=1, cols=1)
    fill(table.cell(0, 0))
    return _tables(_save(document, tmp_path))[0].rows[0].cells[0].text


def _underlined(cell):
    paragraph = cell.paragraphs[0]
    paragraph.add_run("Jumlah ASN hadir").underline = True
    paragraph.add_run("\tx 100%")
    cell.add_paragraph("Jumlah ASN")


def _bordered(cell):
    paragraph = cell.paragraphs[0]
    paragraph.add_run("Jumlah ASN hadir")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'))
    cell.add_paragraph("Jumlah ASN")
    cell.add_paragraph("x 100%")


def _nested(cell):
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "Jumlah ASN hadir"
    inner.cell(1, 0).text = "Jumlah ASN"
    inner.cell(0, 1).merge(inner.cell(1, 1)).text = "x 100%"


def _equation(cell):
    math = parse_xml(
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        '<m:f><m:num><m:r><m:t>Jumlah ASN hadir</m:t></m:r></m:num><m:den><m:r><m:t>Jumlah ASN</m:t></m:r></m:den>'
        '</m:f><m:r><m:t>×100%</m:t></m:r></m:oMath>')
    cell.paragraphs[0]._p.append(math)


@pytest.mark.parametrize("fill", [_underlined, _bordered, _nested, _equation],
                         ids=["underlined numerator", "bottom border", "nested table", "equation"])
def test_stacked_fraction_reads_as_numerator_over_denominator(tmp_path, fill):
    text = _formula_cell(tmp_path, fill)
    assert text.replace("×", "x ").replace("  ", " ") == "Jumlah ASN hadir / Jumlah ASN x 100%"


def test_letterhead_in_the_page_header_is_read_first(tmp_path):
    document = Document()
    document.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN BLITAR"
    document.add_paragraph("KEPUTUSAN CAMAT PONGGOK")
    lines = [b.text for b in read_layout(_save(document, tmp_path)).blocks]
    assert lines == ["PEMERINTAH KABUPATEN BLITAR", "KEPUTUSAN CAMAT PONGGOK"]


def test_page_breaks_count_pages(tmp_path):
    document = Document()
    document.add_paragraph("halaman satu")
    document.add_page_break()
    document.add_paragraph("halaman dua")
    layout = read_layout(_save(document, tmp_path))
    assert layout.pages == 2
    assert [b.span.page for b in layout.blocks] == [1, 2]


def test_deleted_text_of_tracked_changes_is_not_read(tmp_path):
    document = Document()
    paragraph = document.add_paragraph("Camat ")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "Lama"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    paragraph.add_run("Ponggok")
    assert read_layout(_save(document, tmp_path)).blocks[0].text == "Camat Ponggok"


@pytest.mark.parametrize(("content", "problem"), [
    (b"PK\x03\x04 not really a zip", "corrupt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "encrypted"),
])
def test_broken_word_files_are_refused_with_the_file_named(tmp_path, content, problem):
    path = tmp_path / "rusak.docx"
    path.write_bytes(content)
    with pytest.raises(ExtractError) as info:
        read_layout(path)
    assert "rusak.docx" in str(info.value) and problem in str(info.value)
