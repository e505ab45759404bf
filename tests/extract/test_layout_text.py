"""Layout text (pdftotext -layout of a Word table with a merged sasaran cell) read by its columns."""
from __future__ import annotations

from pathlib import Path

from extract.aligned import AlignedCell, AlignedRow, AlignedTable, Gutter, row_of
from extract.layout import Line, RowKind, Table
from extract.layout_columns import carried_on
from extract.pdf_words import Word
from extract.reader import read_layout
from extract.text_reader import parse_text
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


def _laid_out(*parts: tuple[int, str]) -> str:
    """One line of layout text: each text starting at its column (in characters)."""
    out = ""
    for x, text in parts:
        out = out.ljust(x) + text
    return out


# A heading wrapped over two lines whose first word a converter set to the right of its column, into the
# gutter and over the next column ('INDIKATOR' over RUMUS, 'KINERJA' over the indicators)
PUSHED_HEADING = "\n".join([
    _laid_out((2, "NO"), (14, "SASARAN"), (52, "INDIKATOR"), (86, "SUMBER DATA")),
    _laid_out((36, "KINERJA"), (66, "RUMUS")),
    _laid_out((0, "1."), (7, "Terpenuhinya Layanan"), (32, "Jumlah layanan yang"), (57, "Σ layanan selesai / Σ"),
              (86, "Laporan")),
    _laid_out((7, "Administrasi"), (32, "diselesaikan"), (57, "layanan x 100"), (86, "Seksi")),
    _laid_out((0, "2."), (7, "Tertibnya Arsip Desa"), (32, "Jumlah arsip yang"), (57, "Σ arsip tertata / Σ"),
              (86, "Buku")),
    _laid_out((7, "dan Kelurahan"), (32, "ditata"), (57, "arsip x 100"), (86, "Arsip")),
])


def test_a_heading_pushed_into_a_gutter_leaves_the_gutter_whole():
    table = next(b for b in parse_text(PUSHED_HEADING, "pushed.txt").blocks if isinstance(b, Table))
    assert table.columns == 5
    assert [(c.col, c.text) for c in table.rows[2].cells] == [
        (0, "1."), (1, "Terpenuhinya Layanan"), (2, "Jumlah layanan yang"), (3, "Σ layanan selesai / Σ"),
        (4, "Laporan")]
    assert [(c.col, c.text) for c in table.rows[1].cells] == [(2, "KINERJA"), (3, "RUMUS")]


def test_the_pushed_heading_names_its_own_column():
    text = "JABATAN : Kepala Seksi Pelayanan\n\n" + PUSHED_HEADING
    indicators = normalize_layout(parse_text(text, "pushed.txt")).positions[0].indicators
    assert [(i.indikator, i.formula, i.sumber_data) for i in indicators] == [
        ("Jumlah layanan yang diselesaikan", "Σ layanan selesai / Σ layanan x 100", "Laporan Seksi"),
        ("Jumlah arsip yang ditata", "Σ arsip tertata / Σ arsip x 100", "Buku Arsip")]


# Columns one space apart on some rows: pdftotext set the third row's indicator three characters left of
# the others', one space after its sasaran, so no edge at one position fits every row
SHIFTED_ROW = "\n".join([
    _laid_out((0, "No"), (10, "Sasaran"), (50, "Indikator"), (90, "Sumber Data")),
    _laid_out((0, "1."), (10, "Terpenuhinya Administrasi Perkantoran"), (50, "Indeks Kepuasan Aparatur"),
              (90, "Survey Kepuasan")),
    _laid_out((10, "Aparatur Kecamatan"), (90, "Aparatur")),
    _laid_out((0, "2."), (10, "Meningkatnya Sarana dan Prasarana"), (50, "Presentase Sarana dan Prasarana"),
              (90, "Simbada")),
    _laid_out((0, "3."), (10, "Meningkatnya Kemampuan kapasitas SDM"), (47, "Persentase aparatur yang mengikuti"),
              (90, "Laporan")),
    _laid_out((10, "Aparatur Kecamatan yang"), (47, "peningkatan kapasitas SDM"), (90, "Kepegawaian")),
])


def test_a_row_set_off_its_neighbours_is_cut_at_the_gap_nearest_the_column_edge():
    table = next(b for b in parse_text(SHIFTED_ROW, "shifted.txt").blocks if isinstance(b, Table))
    assert table.columns == 4
    assert [(c.col, c.text) for c in table.rows[4].cells] == [
        (0, "3."), (1, "Meningkatnya Kemampuan kapasitas SDM"), (2, "Persentase aparatur yang mengikuti"),
        (3, "Laporan")]
    assert [(c.col, c.text) for c in table.rows[5].cells] == [
        (1, "Aparatur Kecamatan yang"), (2, "peningkatan kapasitas SDM"), (3, "Kepegawaian")]
    assert [(c.col, c.text) for c in table.rows[1].cells][1:3] == [
        (1, "Terpenuhinya Administrasi Perkantoran"), (2, "Indeks Kepuasan Aparatur")]


def test_running_text_in_a_column_is_no_shifted_edge():
    # the sasaran column's words start near one another on several lines, but no line leaves a gutter there
    table = next(b for b in parse_text(SHIFTED_ROW, "shifted.txt").blocks if isinstance(b, Table))
    assert {c.col for r in table.rows for c in r.cells if c.text.startswith(("Meningkatnya", "Aparatur K"))} == {1}


# A tall header as pdftotext gives it: headings centred vertically in their cells fall on lines of their
# own, narrow columns break words over lines ('TARG' / 'ET', 'PENANGG' / 'UNG'), and a group heading
# ('INDIKATOR') centred over two sub-headings reaches across the column start between them
STACKED_HEADER = "\n".join([
    "JABATAN : Kepala Seksi Ketenteraman",
    "",
    _laid_out((100, "TARG")),
    _laid_out((48, "INDIKATOR"), (88, "PENANGG")),
    _laid_out((1, "SASARAN"), (78, "SUMBER"), (100, "ET")),
    _laid_out((90, "UNG")),
    _laid_out((60, "RUMUS"), (79, "DATA")),
    _laid_out((30, "KINERJA"), (89, "JAWAB"), (100, "2024")),
    _laid_out((0, "Menurunnya gangguan"), (24, "Jumlah kejadian gangguan"), (54, "Σ kejadian tahun ini"),
              (78, "Laporan"), (88, "Seksi"), (100, "10 kasus")),
    _laid_out((0, "ketertiban umum"), (24, "ketertiban"), (54, "dibanding tahun"), (78, "Satpol"), (88, "Trantib")),
    _laid_out((54, "lalu")),
    _laid_out((0, "Meningkatnya patroli"), (24, "Jumlah patroli bersama"), (54, "Σ patroli terlaksana"),
              (78, "Laporan"), (88, "Seksi"), (100, "48 kali")),
    _laid_out((0, "wilayah"), (24, "di malam hari"), (78, "Satpol"), (88, "Trantib")),
])


def test_a_group_heading_spans_the_columns_named_below_it():
    table = next(b for b in parse_text(STACKED_HEADER, "stacked.txt").blocks if isinstance(b, Table))
    group = next(c for r in table.rows for c in r.cells if c.text == "INDIKATOR")
    assert (group.col, group.col_span) == (1, 2)


def test_a_header_stacked_over_many_lines_names_every_column():
    position = normalize_layout(parse_text(STACKED_HEADER, "stacked.txt")).positions[0]
    assert [(i.sasaran, i.indikator, i.formula, i.sumber_data, i.target) for i in position.indicators] == [
        ("Menurunnya gangguan ketertiban umum", "Jumlah kejadian gangguan ketertiban",
         "Σ kejadian tahun ini dibanding tahun lalu", "Laporan Satpol", "10 kasus"),
        ("Meningkatnya patroli wilayah", "Jumlah patroli bersama di malam hari", "Σ patroli terlaksana",
         "Laporan Satpol", "48 kali")]


# One cell listing its indicators with bullets, beside a formula cell listing theirs lower down (each formula
# is longer than its indicator) and a sumber data cell that names one source for all; the bullets hang left
# of their column's text, one of them in the gutter
LISTED = "\n".join([
    "JABATAN : Kepala Seksi Pelayanan",
    "",
    _laid_out((0, "No"), (6, "Sasaran"), (28, "Indikator"), (50, "Formula"), (78, "Sumber Data")),
    _laid_out((0, "1."), (6, "Meningkatnya mutu"), (28, "• Jumlah izin"), (48, "• Σ izin terbit tepat"),
              (78, "Register")),
    _laid_out((6, "pelayanan"), (30, "terbit"), (50, "waktu / Σ izin"), (78, "layanan")),
    _laid_out((28, "• Jumlah aduan"), (50, "diajukan x 100 %")),
    _laid_out((30, "selesai"), (48, "• Σ aduan selesai /")),
    _laid_out((50, "Σ aduan masuk x 100")),
])


def test_items_listed_in_a_cell_keep_their_order_across_columns():
    indicators = normalize_layout(parse_text(LISTED, "listed.txt")).positions[0].indicators
    assert [(i.indikator, i.formula, i.sumber_data) for i in indicators] == [
        ("Jumlah izin terbit", "Σ izin terbit tepat waktu / Σ izin diajukan x 100 %", "Register layanan"),
        ("Jumlah aduan selesai", "Σ aduan selesai / Σ aduan masuk x 100", "Register layanan")]


# A sasaran merged over five numbered rows, its two lines centred down them: the line on row 4 goes on
# from the one on row 3 although row 4 has a number of its own
CENTRED_OVER_NUMBERS = "\n".join([
    "JABATAN : Kepala Seksi Kesejahteraan Sosial",
    "",
    _laid_out((0, "No"), (6, "Sasaran"), (44, "Indikator"), (80, "Sumber Data")),
    _laid_out((0, "1."), (44, "Jumlah posyandu dibina"), (80, "Laporan")),
    _laid_out((0, "2."), (44, "Jumlah kader terlatih"), (80, "Laporan")),
    _laid_out((0, "3."), (6, "Meningkatnya pembinaan kegiatan"), (44, "Jumlah lansia terlayani"), (80, "Laporan")),
    _laid_out((0, "4."), (6, "di bidang kesejahteraan sosial"), (44, "Jumlah bantuan tersalur"), (80, "Laporan")),
    _laid_out((0, "5."), (44, "Jumlah rumah direhab"), (80, "Laporan")),
])


def test_a_merged_sasaran_centred_down_numbered_rows_stays_whole():
    indicators = normalize_layout(parse_text(CENTRED_OVER_NUMBERS, "centred.txt")).positions[0].indicators
    assert len(indicators) == 5
    assert {i.sasaran for i in indicators} == {"Meningkatnya pembinaan kegiatan di bidang kesejahteraan sosial"}


# A page where the converter left one space between the row numbers and the sasaran of rows 10 and on,
# so the No column and the sasaran column came out as one
NUMBERS_RUN_IN = "\n".join([
    _laid_out((0, "9.   Terlaksananya"), (24, "Jumlah rapat koordinasi"), (52, "Notulen")),
    _laid_out((5, "koordinasi wilayah"), (24, "yang dihadiri"), (52, "rapat")),
    _laid_out((0, "10. Terlaksananya"), (24, "Jumlah laporan bulanan"), (52, "Arsip")),
    _laid_out((4, "pelaporan"), (24, "yang dikirim"), (52, "laporan")),
])


def test_row_numbers_run_into_the_next_column_are_set_apart():
    table = next(b for b in parse_text(NUMBERS_RUN_IN, "numbers.txt").blocks if isinstance(b, Table))
    assert [(c.col, c.text) for c in table.rows[2].cells] == [
        (0, "10."), (1, "Terlaksananya"), (2, "Jumlah laporan bulanan"), (3, "Arsip")]
    assert [(c.col, c.text) for c in table.rows[1].cells][0] == (1, "koordinasi wilayah")


# A numbered table, one blank line, then the next position block typed as running text
NEXT_BLOCK = "\n".join([
    "Jabatan : Kepala Seksi Trantib",
    "",
    _laid_out((0, "SASARAN"), (30, "INDIKATOR"), (60, "SUMBER DATA")),
    _laid_out((10, "1"), (40, "2"), (65, "3")),
    _laid_out((0, "Terlaksananya patroli"), (30, "Jumlah patroli wilayah"), (60, "Laporan")),
    _laid_out((0, "ketertiban umum"), (30, "dilaksanakan"), (60, "patroli")),
    "",
    "Jabatan : Kepala Seksi Pembinaan Ekonomi",
    "Tugas : menyusun program kerja di bidang kesejahteraan sosial",
])


def test_running_text_after_a_blank_line_ends_a_numbered_table():
    record = normalize_layout(parse_text(NEXT_BLOCK, "next.txt"))
    assert [p.jabatan for p in record.positions] == [
        "Kepala Seksi Trantib", "Kepala Seksi Pembinaan Ekonomi"]
    assert [i.sumber_data for i in record.positions[0].indicators] == ["Laporan patroli"]


# Rows under a merged sasaran leave its column empty, and one of them runs its indicator one space from the
# sumber data; the rows from there on must keep the columns of the table above
CARRIED = "\n".join([
    _laid_out((0, "No"), (5, "Sasaran"), (30, "Indikator"), (66, "Sumber Data"), (82, "Formula")),
    _laid_out((0, "1."), (5, "Terlaksananya tertib"), (30, "Jumlah kegiatan koordinasi"), (66, "Subbag. Umum"),
              (82, "Jumlah kegiatan")),
    _laid_out((5, "administrasi."), (30, "anggaran"), (82, "koordinasi")),
    _laid_out((30, "Jumlah kegiatan verifikasi usulan dana"), (69, "Subbag. Umum"), (82, "Jumlah verifikasi")),
    _laid_out((30, "Jumlah laporan keuangan"), (66, "Subbag. Umum"), (82, "Jumlah laporan")),
    _laid_out((30, "Jumlah Renja yang disusun"), (66, "Subbag. Umum"), (82, "Jumlah Renja")),
])


def test_a_table_that_goes_on_further_right_keeps_the_columns_above():
    tables = [b for b in parse_text(CARRIED, "carried.txt").blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [(c.col, c.text) for c in tables[0].rows[5].cells] == [
        (2, "Jumlah Renja yang disusun"), (3, "Subbag. Umum"), (4, "Jumlah Renja")]



def test_a_table_below_with_a_heading_right_of_its_columns_is_kept_apart():
    # a header joined to its rows may name a column right of the rows' last gutter (a target the rows leave
    # empty); such a table is not put on the columns of the table above, which has no such column
    def word(text: str, x: float, line: int) -> Word:
        return Word(text, x, line * 12.0, x + 6.0 * len(text), line * 12.0 + 9.6)

    above_lines = [[word("Sasaran", 0, 1), word("Indikator", 120, 1)], [word("Rapat", 0, 2), word("Jumlah", 120, 2)]]
    above = AlignedTable([row_of(line, [Gutter(60, 120)]) for line in above_lines], [0.0, 120.0],
                         [Gutter(60, 120)], above_lines)
    below_lines = [[word("Arsip", 0, 3), word("Jumlah", 120, 3)]]
    heading = AlignedRow([AlignedCell("TARGET", (300.0, 36.0, 336.0, 45.6), 1.0, 2)], (300.0, 36.0, 336.0, 45.6))
    below = AlignedTable([heading, row_of(below_lines[0], [Gutter(60, 120)])], [0.0, 120.0], [Gutter(60, 120)],
                         [[word("TARGET", 300, 3)], *below_lines])
    assert carried_on([above, below], 18.0, 12.0) == [above, below]
