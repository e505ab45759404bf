"""Layout text whose header and rows a converter laid out apart: headings centred over three lines, a header
set off by a blank line, a caption under a position block, columns one space apart, a narrow column's
heading past its edge. Each text is drawn the way pdftotext lays out a Word table of that kind."""
from __future__ import annotations

from extract.layout import Table
from extract.text_reader import parse_text
from normalize.columns import HeaderMap
from normalize.document import normalize_layout
from normalize.headers import refit
from normalize.records import Indicator


def _laid_out(*parts: tuple[int, str]) -> str:
    """One line of layout text: each text starting at its column (in characters)."""
    out = ""
    for x, text in parts:
        out = out.ljust(x) + text
    return out


def _indicators(*lines: str) -> list[Indicator]:
    record = normalize_layout(parse_text("\n".join(lines), "laid-out.txt"))
    return [i for p in record.positions for i in p.indicators]


FUNGSI = [
    _laid_out((0, "JABATAN"), (21, ": SEKRETARIS CAMAT")),
    _laid_out((0, "TUGAS POKOK"), (21, ": merencanakan dan mengendalikan kegiatan penyusunan program kecamatan")),
    _laid_out((0, "URAIAN FUNGSI"), (21, ":")),
    _laid_out((23, "1. penyusunan rencana rencana Sekretariat Kecamatan")),
    _laid_out((23, "2. pelaksanaan fungsi lain yang diberikan oleh Camat")),
]

# 'INDIKATOR KINERJA KEGIATAN' centred over three lines in its cell: its first line sits right under the
# last fungsi item, inside that block's value column, and the header's middle line leaves it a hole
CENTRED_HEADING = [
    *FUNGSI,
    _laid_out((41, "INDIKATOR KINERJA")),
    _laid_out((10, "SASARAN"), (76, "FORMULA INDIKATOR"), (113, "SUMBER DATA"), (129, "SATUAN")),
    _laid_out((47, "KEGIATAN")),
    _laid_out((0, "Terlaksananya Program Penunjang"), (34, "Persentase pemenuhan fasilitasi"),
              (70, "(Jumlah fasilitasi kebutuhan operasional"), (113, "Kecamatan"), (129, "%")),
    _laid_out((0, "Urusan Pemerintahan Daerah"), (34, "kebutuhan operasional perkantoran"),
              (70, "perkantoran yang dipenuhi dibagi jumlah"), (113, "Lumajang")),
    _laid_out((0, "Kabupaten/ Kota"), (70, "fasilitasi yang direncanakan) x 100")),
]


def test_a_heading_piece_the_block_above_took_goes_back_to_its_header():
    table = next(b for b in parse_text("\n".join(CENTRED_HEADING), "centred.txt").blocks
                 if isinstance(b, Table) and b.columns >= 4)
    assert [(c.col, c.text) for c in table.rows[0].cells] == [(1, "INDIKATOR KINERJA")]
    [indicator] = _indicators(*CENTRED_HEADING)
    assert indicator.indikator == "Persentase pemenuhan fasilitasi kebutuhan operasional perkantoran"
    assert indicator.sasaran == "Terlaksananya Program Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota"
    assert indicator.sumber_data == "Kecamatan Lumajang"
    assert indicator.numerator == "Jumlah fasilitasi kebutuhan operasional perkantoran yang dipenuhi"


# The header's tall cells leave a blank line above the rows, and no row fills the formula column, so the
# rows' columns end where the header's go on
PADDED_HEADER = [
    *FUNGSI,
    "Indikator Kinerja Individu :",
    _laid_out((65, "SUMBER"), (79, "TARGET"), (91, "PENJELASAN / FORMULASI")),
    _laid_out((1, "NO"), (14, "SASARAN"), (33, "INDIKATOR KINERJA UTAMA")),
    _laid_out((66, "DATA"), (80, "2023"), (96, "PERHITUNGAN")),
    "",
    _laid_out((0, "1."), (6, "Tersusunnya dokumen"), (32, "Jumlah dokumen RKA"), (63, "Sub Bagian"),
              (78, "3 dokumen")),
    _laid_out((6, "Rencana Kegiatan dan"), (32, "pergeseran dan perubahannya"), (63, "Keuangan")),
    _laid_out((6, "Anggaran")),
    _laid_out((0, "2."), (6, "Tersusunnya Laporan"), (32, "Jumlah laporan keuangan"), (63, "Sub Bagian"),
              (78, "13 laporan")),
    _laid_out((6, "Keuangan"), (32, "bulanan dan tahunan"), (63, "Keuangan")),
]


def test_a_header_a_blank_line_above_its_rows_names_their_columns():
    assert [(i.indikator, i.sumber_data, i.target, i.formula) for i in _indicators(*PADDED_HEADER)] == [
        ("Jumlah dokumen RKA pergeseran dan perubahannya", "Sub Bagian Keuangan", "3 dokumen", None),
        ("Jumlah laporan keuangan bulanan dan tahunan", "Sub Bagian Keuangan", "13 laporan", None)]


def test_rows_of_short_cells_above_a_position_block_are_no_header_of_it():
    lines = [*FUNGSI, *PADDED_HEADER[len(FUNGSI):], "",
             _laid_out((0, "JABATAN"), (21, ": Sub Bagian Keuangan")),
             _laid_out((0, "TUGAS POKOK"), (21, ": membantu Sekretaris melaksanakan urusan keuangan")),
             _laid_out((0, "URAIAN FUNGSI"), (21, ":")),
             _laid_out((23, "1. menyusun rencana program kerja Sub Bagian Keuangan"))]
    record = normalize_layout(parse_text("\n".join(lines), "two.txt"))
    assert [p.jabatan for p in record.positions] == ["SEKRETARIS CAMAT", "Sub Bagian Keuangan"]
    assert [len(p.indicators) for p in record.positions] == [2, 0]


# A wrapped indicator whose last line is a kind word ('Waktu'), beside the formula's closing bracket
KIND_WORD_LINE = [
    *FUNGSI,
    _laid_out((0, "NO"), (6, "SASARAN"), (31, "INDIKATOR"), (60, "SUMBER DATA"), (80, "FORMULA")),
    _laid_out((0, "1."), (6, "Terlaksananya Program"), (31, "Persentase Desa yang"), (60, "Kecamatan"),
              (80, "(Jumlah Desa yang menetapkan")),
    _laid_out((6, "Pembinaan dan Pengawasan"), (31, "menetapkan RKPDes Tepat"), (60, "Lumajang"),
              (80, "RKPDes tepat waktu dibagi")),
    _laid_out((6, "Pemerintahan Desa"), (31, "Waktu"), (80, "jumlah Desa) dikali 100%")),
    _laid_out((0, "2."), (6, "Terlaksananya Program"), (31, "Persentase Desa yang"), (60, "Kecamatan"),
              (80, "(Jumlah Desa yang menetapkan")),
    _laid_out((6, "Pembinaan dan Pengawasan"), (31, "menetapkan APBDes Tepat"), (60, "Lumajang"),
              (80, "APBDes tepat waktu dibagi")),
    _laid_out((6, "Pemerintahan Desa"), (31, "Waktu"), (80, "jumlah Desa) dikali 100%")),
]


def test_a_line_whose_formula_closes_the_bracket_above_goes_on_with_its_indicator():
    indicators = _indicators(*KIND_WORD_LINE)
    assert [i.indikator for i in indicators] == ["Persentase Desa yang menetapkan RKPDes Tepat Waktu",
                                                 "Persentase Desa yang menetapkan APBDes Tepat Waktu"]
    assert [(i.numerator, i.denominator) for i in indicators] == [
        ("Jumlah Desa yang menetapkan RKPDes tepat waktu", "jumlah Desa"),
        ("Jumlah Desa yang menetapkan APBDes tepat waktu", "jumlah Desa")]


# A sasaran that ran long into the indicator column, one space from the indicator's first word, which
# starts where the column's other cells start
RAN_LONG = [
    *FUNGSI,
    _laid_out((5, "No"), (26, "Sasaran"), (50, "Indikator Kinerja"), (97, "Formula")),
    _laid_out((0, "1."), (10, "Terlaksananya Penerbitan layanan"), (50, "Jumlah ijin yang diterbitkan"),
              (97, "Jumlah ijin terbit / Jumlah permohonan x 100")),
    _laid_out((10, "Perijinan")),
    _laid_out((0, "2."), (10, "Terlaksananya Monev Pelayanan Publik di"), (50, "Jumlah obyek Monev"),
              (97, "Σ obyek dimonev / Σ obyek x 100")),
    _laid_out((10, "Wilayah Kecamatan")),
    _laid_out((0, "3."), (10, "Terlaksananya Pembinaan Kelembagaan"), (50, "Jumlah lembaga dibina"),
              (97, "Σ lembaga dibina")),
]


def test_a_cell_that_ran_into_the_gutter_ends_where_the_next_column_starts():
    indicators = _indicators(*RAN_LONG)
    assert [(i.sasaran, i.indikator) for i in indicators][1] == (
        "Terlaksananya Monev Pelayanan Publik di Wilayah Kecamatan", "Jumlah obyek Monev")


# Two headings one space apart over two columns, and column numbers under the header
SPANNING_TWO = [
    *FUNGSI,
    _laid_out((55, "PENJELASAN /")),
    _laid_out((1, "SASARAN/KINERJA INDIKATOR KINERJA"), (79, "SUMBER")),
    _laid_out((57, "FORMULASI"), (91, "KET.")),
    _laid_out((8, "UTAMA"), (31, "INDIVIDU"), (80, "DATA")),
    _laid_out((54, "PENGHITUNGAN")),
    _laid_out((10, "(1)"), (34, "(2)"), (62, "(3)"), (83, "(4)"), (92, "(5)")),
    _laid_out((0, "Meningkatkan kinerja"), (21, "IKM"), (50, "(Total Nilai dari nilai"), (79, "Survei"),
              (90, "Semeste")),
    _laid_out((0, "pelayanan Perijinan"), (50, "persepsi per Unsur : Total"), (79, "Kepuasan"), (90, "ran")),
    _laid_out((0, "dan administrasi"), (50, "Unsur yang terisi) x nilai"), (79, "Masyarakat")),
    _laid_out((0, "Kependudukan"), (50, "tertimbang")),
    _laid_out((23, "Prosentase penyelesaian"), (50, "Jumlah KTP yang diproses"), (79, "Laporan"), (90, "Semeste")),
    _laid_out((23, "pelayanan tepat waktu"), (50, "/ Jumlah usulan x 100 %"), (79, "Seksi"), (90, "ran")),
]


def test_a_heading_over_two_columns_naming_two_fields_gives_each_its_own():
    sasaran = "Meningkatkan kinerja pelayanan Perijinan dan administrasi Kependudukan"
    assert [(i.sasaran, i.indikator, i.sumber_data) for i in _indicators(*SPANNING_TWO)] == [
        (sasaran, "IKM", "Survei Kepuasan Masyarakat"),
        (sasaran, "Prosentase penyelesaian pelayanan tepat waktu", "Laporan Seksi")]


# 'SATUAN' centred over a narrow column past the edge its '%' cells give: the rows fill the column left of
# the heading and leave the one under it empty (a tab-separated export of such a table does the same)
NARROW_HEADING = [
    *FUNGSI,
    "NO\tSASARAN PROGRAM\tINDIKATOR KINERJA INDIVIDU\tSUMBER DATA\t\tSATUAN\tFORMULASI PENGHITUNGAN",
    "1.\tMeningkatnya Kinerja Pelayanan\tProsentase Penyelesaian Perencanaan\tRKA\t%\t\t"
    "Jumlah Dok perencanaan tepat waktu / Jumlah Dokumen perencanaan x 100 %",
    "2.\tMeningkatnya Kinerja Pelayanan\tTersedianya arsip surat masuk\tRegister Surat\t%\t\t"
    "Jumlah surat diarsip / Jumlah surat x 100 %",
]


def test_a_heading_past_its_narrow_column_heads_the_column_its_rows_fill():
    indicators = _indicators(*NARROW_HEADING)
    assert [(i.sumber_data, i.extra) for i in indicators] == [("RKA", {"SATUAN": "%"}),
                                                             ("Register Surat", {"SATUAN": "%"})]


# A fraction drawn stacked in a narrow cell, each part over lines of its own and 'x 100 %' centred on the
# whole cell, below the numerator's second line
STACKED = [
    *FUNGSI,
    _laid_out((0, "SASARAN PROGRAM"), (30, "INDIKATOR KINERJA"), (61, "SUMBER DATA"), (79, "FORMULA")),
    _laid_out((0, "Meningkatnya kualitas"), (30, "Tingkat kehadiran ASN"), (61, "Daftar hadir"),
              (81, "Jumlah")),
    _laid_out((0, "pelayanan public kepada"), (61, "ASN"), (79, "kehadiran")),
    _laid_out((91, "x 100 %")),
    _laid_out((0, "masyarakat"), (82, "ASN")),
    _laid_out((78, "Jumlah ASN")),
    _laid_out((0, "Meningkatnya kualitas"), (30, "Prosentase prasarana layak"), (61, "Sarpras layak"),
              (81, "Jumlah")),
    _laid_out((0, "pelayanan public"), (30, "fungsi"), (79, "prasarana")),
    _laid_out((91, "x 100 %")),
    _laid_out((81, "Jumlah")),
    _laid_out((81, "seluruh")),
    _laid_out((79, "prasarana")),
]


def test_a_stacked_fraction_keeps_the_numerator_lines_the_multiplier_cut():
    assert [(i.numerator, i.denominator, i.multiplier) for i in _indicators(*STACKED)] == [
        ("Jumlah kehadiran ASN", "Jumlah ASN", 100), ("Jumlah prasarana", "Jumlah seluruh prasarana", 100)]


def test_rows_a_column_narrower_than_their_header_lose_the_column_none_fills():
    header = HeaderMap(("sasaran", "indikator", "target", "sumber_data", "formula"))
    rows = [["Terpenuhinya Pengadministrasian", "Persentase fasilitasi Administrasi", "100 %", "Kecamatan"],
            ["Barang Milik Daerah", "Barang Milik Daerah", "", "Lumajang"]]
    assert refit(header, rows).fields == ("sasaran", "indikator", "target", "sumber_data")
    repeated = HeaderMap(("sasaran", "indikator", "indikator", "sumber_data", "formula"))
    rows = [["Meningkatkan Pengelolaan Administrasi", "Prosentase desa yang tertib", "Administrasi desa",
             "Jumlah desa yang tertib administrasi"]]
    assert refit(repeated, rows).fields == ("sasaran", "indikator", "sumber_data", "formula")


# A formula that ran past its column: its multiplier and the next bar's sign fell into the sumber column
OVERFLOW = [
    *FUNGSI,
    _laid_out((0, "NO"), (6, "SASARAN"), (26, "INDIKATOR"), (48, "FORMULA"), (70, "SUMBER DATA")),
    _laid_out((0, "1."), (6, "Terlaksananya"), (26, "Jumlah pembinaan dan"), (48, "Σ Pembinaan yg"),
              (70, "Dokumen")),
    _laid_out((6, "Pembinaan dan"), (26, "monev yang dibina"), (48, "dilaksanakan"), (70, "x 100 % / Σ")),
    _laid_out((6, "Monev Ekonomi"), (48, "desa/kelurahan")),
    _laid_out((0, "2."), (6, "Terlaksananya"), (26, "Jumlah laporan"), (48, "Σ laporan tersusun"),
              (70, "Arsip")),
    _laid_out((6, "Pelaporan"), (70, "Laporan")),
]


def test_a_formula_tail_in_the_sumber_column_goes_back_to_the_formula():
    assert [(i.numerator, i.denominator, i.sumber_data) for i in _indicators(*OVERFLOW)] == [
        ("Pembinaan yg dilaksanakan", "desa/kelurahan", "Dokumen"), (None, None, "Arsip Laporan")]
