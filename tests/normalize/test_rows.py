from tests.normalize.snippets import records_of

HEADER = "SASARAN|INDIKATOR|FORMULASI PERHITUNGAN|SUMBER DATA"


def rows(body: str):
    return records_of("JABATAN : Kepala Seksi Pemerintahan\n\n" + HEADER + "\n" + body).indicators


def test_sasaran_carried_down_to_rows_below():
    got = rows("Meningkatnya kualitas|Jumlah desa|Cukup jelas|Laporan\n|Jumlah dokumen||Laporan\n")
    assert [i.sasaran for i in got] == ["Meningkatnya kualitas", "Meningkatnya kualitas"]


def test_wrapped_cells_fold_into_one_row():
    got = rows("Terlaksananya urusan|Jumlah desa yang melaksanakan ADD|Jumlah desa ADD dengan baik dan|Seksi\n"
               "pemerintahan desa.|dengan baik dan benar|benar|\n")
    assert len(got) == 1
    assert got[0].sasaran == "Terlaksananya urusan pemerintahan desa."
    assert got[0].indikator == "Jumlah desa yang melaksanakan ADD dengan baik dan benar"
    assert got[0].formula == "Jumlah desa ADD dengan baik dan benar"


def test_denominator_on_the_next_row():
    got = rows("Meningkatnya disiplin|Persentase pegawai disiplin|Jumlah pegawai yang disiplin|\n"
               "||Jumlah total pegawai|\n")
    assert len(got) == 1
    assert (got[0].numerator, got[0].denominator) == ("Jumlah pegawai yang disiplin", "Jumlah total pegawai")


def test_ocr_repeat_of_a_wrapped_line_is_dropped():
    got = rows("Meningkatnya disiplin|Persentase tingkat disiplin tata laksana pakaian dinas|Jumlah a|\n"
               "|tata iaksaria pakaiari dinas|Jumlah b|\n")
    assert got[0].indikator == "Persentase tingkat disiplin tata laksana pakaian dinas"


def test_cell_listing_several_indicators_gives_one_row_each():
    got = rows("Meningkatnya layanan|a. Persentase sarana layak b. Tingkat kehadiran ASN|"
               r"$\frac{\text{A}}{\text{B}} \times 100$ $\frac{\text{C}}{\text{D}} \times 100$|Laporan Kegiatan" + "\n")
    assert [i.indikator for i in got] == ["Persentase sarana layak", "Tingkat kehadiran ASN"]
    assert [i.numerator for i in got] == ["A", "C"]
    assert [i.sumber_data for i in got] == ["Laporan Kegiatan", "Laporan Kegiatan"]


def test_sasaran_row_without_indicator_is_kept():
    got = records_of("JABATAN : Pengadministrasi Umum\n\nNo|SASARAN|INDIKATOR|FORMULA|SUMBER DATA\n"
                     "1|Pengadaan barang|Persentase sarana layak|A / B x 100|Laporan\n"
                     "2|Pemeliharaan barang|||\n").indicators
    assert [(i.sasaran, i.indikator) for i in got] == [
        ("Pengadaan barang", "Persentase sarana layak"), ("Pemeliharaan barang", None)]


def test_rows_split_by_a_repeated_header_continue():
    got = rows("Meningkatnya Efektifitas/ Kualitas|Persentase rekomendasi yang|||\n"
               + HEADER + "\n" + "koordinasi ekonomi|ditindaklanjuti||\n")
    assert len(got) == 1
    assert got[0].sasaran == "Meningkatnya Efektifitas/ Kualitas koordinasi ekonomi"
    assert got[0].indikator == "Persentase rekomendasi yang ditindaklanjuti"


def test_target_column_parsed():
    got = records_of("JABATAN : Sub Bagian Keuangan\n\nSASARAN KEGIATAN|INDIKATOR KEGIATAN|TARGET|SUMBER DATA\n"
                     "Tersusunnya laporan|Jumlah laporan keuangan|13 laporan|Sub Bagian Keuangan\n").indicators
    assert (got[0].target, got[0].target_value, got[0].target_unit) == ("13 laporan", 13, "laporan")


def test_every_row_has_provenance_and_confidence():
    got = rows("Meningkatnya kualitas|Jumlah desa|Cukup jelas|Laporan\n")
    assert got[0].provenance is not None and got[0].provenance.line_start == 4
    assert 0.0 < got[0].confidence <= 1.0
