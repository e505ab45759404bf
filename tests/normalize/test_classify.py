import pytest

from normalize.classify import kind_of, level_of
from normalize.target import parse_target


@pytest.mark.parametrize(("text", "kind"), [
    ("Prosentase sarana layak", "persentase"), ("Presentase dokumen", "persentase"), ("% desa", "persentase"),
    ("Jumlah desa", "jumlah"), ("IKM", "indeks"), ("Indeks Kepuasan", "indeks"),
    ("Rata-rata persentase fasilitasi", "rata-rata"), ("Rata rata nilai SKP", "rata-rata"),
    ("Angka Kriminalitas", "angka"), ("Capaian nilai SAKIP", "nilai"), ("Tingkat kehadiran", "tingkat"),
    ("Survey kepuasan masyarakat", "lainnya"), (None, "lainnya"),
])
def test_kind(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize(("title", "level"), [
    ("Camat", "camat"), ("SEKRETARIS KECAMATANx", "sekretaris"), ("Sekretaris Camat", "sekretaris"),
    ("Kasubag. PENYUSUNAN PROGRAM & KEUANGAN", "kasubag"), ("Sub Bagian Keuangan", "kasubag"),
    ("Kepala Seksi Pemerintahan dan Pelayanan Umum Kecamatan X", "kasi"), ("Seksi Pendapatan", "kasi"),
    ("Pengadministrasi Umum", "pelaksana"), ("Bendahara Pengeluaran", "pelaksana"),
])
def test_level_from_title(title, level):
    assert level_of(title) == level


def test_level_of_untitled_block_from_tasks():
    assert level_of(None, "Pelaksanaan tugas kedinasan lain yang diberikan oleh Camat") == "kasi"
    assert level_of(None, "Penatausahaan arsip dinamis") == "pelaksana"


@pytest.mark.parametrize(("target", "value", "unit"), [
    ("100 %", 100, "%"), ("100%", 100, "%"), ("3 dokumen", 3, "dokumen"), ("12 bulan", 12, "bulan"),
    ("95,5 %", 95.5, "%"), ("1.250 orang", 1250, "orang"), (None, None, None),
])
def test_target(target, value, unit):
    assert parse_target(target) == (value, unit)
