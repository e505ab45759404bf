"""The Excel and HTML readers on workbooks and pages made the way offices make them."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from extract.errors import ExtractError
from extract.layout import Line, Table
from extract.reader import read_layout, sniff


def _workbook(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sekcam"
    sheet["A1"] = "INDIKATOR KINERJA INDIVIDU KECAMATAN PONGGOK"
    sheet.merge_cells("A1:E1")
    sheet["A3"], sheet["B3"], sheet["C3"] = "JABATAN", ":", "Sekretaris Kecamatan"
    for col, text in zip("ABCDE", ["No", "Sasaran", "Indikator", "Target", "Sumber Data"], strict=True):
        sheet[f"{col}5"] = text
    sheet["A6"], sheet["B6"] = 1, "Meningkatnya pelayanan\nadministrasi"
    sheet.merge_cells("A6:A7")
    sheet.merge_cells("B6:B7")
    sheet["C6"], sheet["D6"], sheet["E6"] = "Persentase surat selesai", 0.95, "Agenda"
    sheet["D6"].number_format = "0%"
    sheet["C7"], sheet["D7"], sheet["E7"] = "Jumlah arsip", 120, "Arsip"
    hidden = workbook.create_sheet("catatan")
    hidden["A1"] = "tidak dibaca"
    hidden.sheet_state = "hidden"
    path = tmp_path / "iki.xlsx"
    workbook.save(path)
    return path


def test_workbook_areas_titles_and_merged_ranges(tmp_path):
    layout = read_layout(_workbook(tmp_path))
    assert layout.pages == 1
    assert isinstance(layout.blocks[0], Line) and layout.blocks[0].text.startswith("INDIKATOR KINERJA")
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert [c.text for c in tables[0].rows[0].cells] == ["JABATAN", ":", "Sekretaris Kecamatan"]
    grid = tables[1]
    cells = {c.text: (c.row, c.col, c.row_span) for r in grid.rows for c in r.cells}
    assert cells["Meningkatnya pelayanan\nadministrasi"] == (1, 1, 2)
    assert cells["95%"] == (1, 3, 1) and cells["120"] == (2, 3, 1)
    assert "tidak dibaca" not in {c.text for t in tables for r in t.rows for c in r.cells}


def test_encrypted_workbook_is_refused(tmp_path):
    path = tmp_path / "terkunci.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ExtractError, match="terkunci.xlsx: Excel file is encrypted"):
        read_layout(path)


def test_office_files_are_recognised_by_content_not_name(tmp_path):
    path = _workbook(tmp_path)
    renamed = tmp_path / "lampiran.bin"
    renamed.write_bytes(path.read_bytes())
    assert sniff(renamed).endswith("spreadsheetml.sheet")


def test_saved_web_page_reads_lists_tables_and_charset(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>IKU</title>
      <style>p {color: red}</style><script>var x = 1;</script></head><body>
      <h2>Indikator Kinerja Utama Kecamatan Caf\xe9</h2>
      <ul><li>Satu</li><li>Dua</li></ul><ol start="3" style="list-style-type: lower-alpha"><li>Tiga</li></ol>
      <table><thead><tr><th>Sasaran</th><th>Indikator</th></tr></thead>
      <tbody><tr><td>Meningkatnya A</td><td><span style="border-bottom: 1px solid">Jumlah A baik</span>
      <br>Jumlah A</td></tr></tbody></table></body></html>"""
    path = tmp_path / "iku.htm"
    path.write_bytes(page.encode("cp1252"))
    layout = read_layout(path)
    lines = [b.text for b in layout.blocks if isinstance(b, Line)]
    assert lines == ["Indikator Kinerja Utama Kecamatan Café", "• Satu", "• Dua", "c. Tiga"]
    table = next(b for b in layout.blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[1].cells] == ["Meningkatnya A", "Jumlah A baik / Jumlah A"]
    assert layout.method == "html"


def test_mathml_fraction(tmp_path):
    path = tmp_path / "rumus.html"
    path.write_text("<html><body><table><tr><td><math><mfrac><mi>Jumlah hadir</mi><mi>Jumlah ASN</mi></mfrac>"
                    "</math> x 100%</td></tr></table></body></html>", encoding="utf-8")
    table = next(b for b in read_layout(path).blocks if isinstance(b, Table))
    assert table.rows[0].cells[0].text == "Jumlah hadir / Jumlah ASN x 100%"
