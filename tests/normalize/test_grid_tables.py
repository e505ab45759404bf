"""Normalisation reads tables by their grid: merged cells, headers over two rows, position blocks typed as tables.

The inputs are HTML pages as offices save them; the HTML reader turns them into grids with spans.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout import Layout
from extract.text_reader import read_html_file
from normalize.document import normalize_layout
from normalize.records import DecreeRecord

POSITION = """<p>JABATAN : Kepala Seksi Pemerintahan</p>
<p>TUGAS : membantu Camat dalam urusan pemerintahan</p>
<p>FUNGSI :</p><ol type="a"><li>penyusunan rencana kegiatan;</li><li>pelaksanaan pembinaan desa.</li></ol>"""


def _record(tmp_path: Path, body: str) -> DecreeRecord:
    path = tmp_path / "keputusan.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    layout: Layout = read_html_file(path)
    return normalize_layout(layout)


def _rows(record: DecreeRecord) -> list[tuple]:
    return [(i.sasaran, i.indikator, i.formula, i.sumber_data, i.target) for i in record.indicators]


def test_merged_sasaran_and_no_apply_to_every_row_they_span(tmp_path):
    record = _record(tmp_path, POSITION + """<table border=1>
      <tr><th>No</th><th>Sasaran</th><th>Indikator Kinerja</th><th>Formulasi</th><th>Sumber Data</th></tr>
      <tr><td rowspan=3>1</td><td rowspan=3>Meningkatnya tata kelola pemerintahan desa</td>
          <td>Persentase desa tertib administrasi</td><td>Desa tertib / Seluruh desa x 100%</td><td>Laporan</td></tr>
      <tr><td>Jumlah perdes yang dievaluasi</td><td>Jumlah perdes</td><td>Arsip</td></tr>
      <tr><td>Jumlah pilkades yang difasilitasi</td><td>Jumlah pilkades</td><td>Laporan desa</td></tr>
      <tr><td>2</td><td>Meningkatnya ketertiban umum</td><td>Jumlah patroli</td><td>Jumlah patroli</td>
          <td>Seksi Trantib</td></tr></table>""")
    assert _rows(record) == [
        ("Meningkatnya tata kelola pemerintahan desa", "Persentase desa tertib administrasi",
         "Desa tertib / Seluruh desa x 100%", "Laporan", None),
        ("Meningkatnya tata kelola pemerintahan desa", "Jumlah perdes yang dievaluasi", "Jumlah perdes", "Arsip", None),
        ("Meningkatnya tata kelola pemerintahan desa", "Jumlah pilkades yang difasilitasi", "Jumlah pilkades",
         "Laporan desa", None),
        ("Meningkatnya ketertiban umum", "Jumlah patroli", "Jumlah patroli", "Seksi Trantib", None),
    ]
    assert record.positions[0].jabatan == "Kepala Seksi Pemerintahan"
    assert record.positions[0].fungsi == ["penyusunan rencana kegiatan;", "pelaksanaan pembinaan desa."]


def test_header_over_two_rows_names_columns_from_the_lower_row(tmp_path):
    record = _record(tmp_path, POSITION + """<table border=1>
      <tr><th rowspan=2>No</th><th rowspan=2>SASARAN</th><th colspan=2>INDIKATOR</th><th rowspan=2>SUMBER DATA</th>
          <th rowspan=2>TARGET</th></tr>
      <tr><th>KINERJA</th><th>FORMULA</th></tr>
      <tr><td>(1)</td><td>(2)</td><td>(3)</td><td>(4)</td><td>(5)</td><td>(6)</td></tr>
      <tr><td>1</td><td>Meningkatnya pelayanan</td><td>Indeks Kepuasan Masyarakat</td><td>Hasil survei IKM</td>
          <td>Survei</td><td>80</td></tr></table>""")
    assert _rows(record) == [("Meningkatnya pelayanan", "Indeks Kepuasan Masyarakat", "Hasil survei IKM", "Survei",
                              "80")]


def test_target_before_formula_and_extra_column_reported(tmp_path):
    record = _record(tmp_path, POSITION + """<table border=1>
      <tr><td>Sasaran Kegiatan</td><td>Indikator Kegiatan</td><td>Target</td><td>Satuan</td><td>Rumus</td>
          <td>Sumber Data</td></tr>
      <tr><td>Terlaksananya administrasi</td><td>Persentase surat selesai</td><td>100</td><td>%</td>
          <td>Surat selesai / Surat masuk x 100%</td><td>Buku agenda</td></tr></table>""")
    indicator = record.indicators[0]
    assert (indicator.target, indicator.formula, indicator.sumber_data) == (
        "100", "Surat selesai / Surat masuk x 100%", "Buku agenda")
    assert indicator.extra == {"Satuan": "%"}
    assert any("Satuan" in w for w in record.warnings)


def test_header_repeated_inside_the_table_is_not_a_row(tmp_path):
    header = "<tr><th>Sasaran</th><th>Indikator</th><th>Sumber Data</th></tr>"
    record = _record(tmp_path, POSITION + f"""<table border=1>{header}
      <tr><td>Meningkatnya A</td><td>Jumlah A</td><td>Data A</td></tr>{header}
      <tr><td>Meningkatnya B</td><td>Jumlah B</td><td>Data B</td></tr></table>""")
    assert [i.indikator for i in record.indicators] == ["Jumlah A", "Jumlah B"]


@pytest.mark.parametrize("block", [
    """<table><tr><td>JABATAN</td><td>:</td><td>Sekretaris Kecamatan</td></tr>
       <tr><td>TUGAS</td><td>:</td><td>membantu Camat dalam administrasi</td></tr>
       <tr><td>FUNGSI</td><td>:</td><td><ol type="a"><li>penyusunan program;</li><li>pengelolaan keuangan.</li></ol>
       </td></tr></table>""",
    """<table><tr><td>1.</td><td>Nama Jabatan</td><td>:</td><td>Sekretaris Kecamatan</td></tr>
       <tr><td>2.</td><td>Tugas</td><td>:</td><td>membantu Camat dalam administrasi</td></tr>
       <tr><td>3.</td><td>Fungsi</td><td>:</td><td>a. penyusunan program;<br>b. pengelolaan keuangan.</td></tr>
       <tr><td>4.</td><td>Indikator Kinerja Individu</td><td>:</td><td></td></tr></table>""",
    """<p>1. Nama Jabatan : Sekretaris Kecamatan</p><p>2. Tugas : membantu Camat dalam administrasi</p>
       <p>3. Fungsi :</p><p>a. penyusunan program;</p><p>b. pengelolaan keuangan.</p>
       <p>4. Indikator Kinerja Individu :</p>""",
], ids=["label-colon-value table", "numbered fields table", "numbered field lines"])
def test_position_block_in_every_form(tmp_path, block):
    record = _record(tmp_path, block + """<table border=1>
      <tr><th>Sasaran</th><th>Indikator Kinerja</th><th>Sumber Data</th></tr>
      <tr><td>Meningkatnya kualitas administrasi</td><td>Persentase laporan tepat waktu</td><td>Laporan</td></tr>
      </table>""")
    assert len(record.positions) == 1
    position = record.positions[0]
    assert (position.jabatan, position.level) == ("Sekretaris Kecamatan", "sekretaris")
    assert position.tugas == "membantu Camat dalam administrasi"
    assert position.fungsi == ["penyusunan program;", "pengelolaan keuangan."]
    assert [i.indikator for i in position.indicators] == ["Persentase laporan tepat waktu"]
