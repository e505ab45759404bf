"""Layout text (pdftotext -layout of a Word table with a merged sasaran cell) read by its columns."""
from __future__ import annotations

from pathlib import Path

from extract.layout import Line, RowKind, Table
from extract.reader import read_layout
from normalize.document import normalize_layout

LAYOUT = Path(__file__).resolve().parents[1] / "data" / "layout" / "pemerintahan-layout.txt"


def test_columns_come_from_the_gutters():
    layout = read_layout(LAYOUT)
    assert layout.method == "layout-text"
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert [c.text for c in tables[0].rows[0].cells] == ["JABATAN", ": Kepala Seksi Pemerintahan"]
    table = tables[1]
    assert table.row_kind is RowKind.LINE and table.columns == 5
    assert [c.text for c in table.rows[0].cells] == ["No", "SASARAN", "INDIKATOR", "FORMULASI", "SUMBER DATA"]
    wrapped = table.rows[7]
    assert [(c.col, c.text) for c in wrapped.cells] == [(1, "kecamatan"), (2, "Jumlah"), (3, "Jumlah perdes"),
                                                         (4, "Arsip evaluasi")]
    assert [b.span.line_start for b in layout.blocks if isinstance(b, Line)][:2] == [3, 4]


def test_wrapped_cells_become_whole_indicators():
    record = normalize_layout(read_layout(LAYOUT))
    position = record.positions[0]
    assert position.jabatan == "Kepala Seksi Pemerintahan"
    assert [(i.indikator, i.formula, i.sumber_data) for i in position.indicators] == [
        ("Persentase desa yang tertib administrasi pemerintahan",
         "Jumlah desa tertib administrasi / Jumlah seluruh desa x 100%", "Laporan Seksi Pemerintahan"),
        ("Jumlah peraturan desa yang dievaluasi", "Jumlah perdes yang dievaluasi", "Arsip evaluasi"),
        ("Persentase pilkades yang difasilitasi tepat waktu dan sesuai jadwal yang ditetapkan",
         "Jumlah pilkades difasilitasi / Jumlah pilkades x 100%", "Laporan"),
    ]
    assert {i.sasaran for i in position.indicators} == {
        "Meningkatnya kualitas penyelenggaraa n pemerintahan desa di wilayah kecamatan"}
