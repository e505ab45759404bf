from tests.normalize.snippets import records_of

DECREE = """
PEMERINTAH KABUPATEN BLITAR KECAMATAN PONGGOK

**KEPUTUSAN
CAMAT PONGGOK
NOMOR : 188/33.2/KEP/409.25/2022**

TENTANG
PENETAPAN INDIKATOR KINERJA INDIVIDU (IKI) TAHUN 2022
DI LINGKUNGAN KECAMATAN PONGGOK KABUPATEN BLITAR

- Mengingat : 1. Peraturan Menteri Nomor: PER/09/M.PAN/5/2007 tentang Pedoman;
2. Undang-Undang Nomor 12 Tahun 2011 tentang Pembentukan;

Ditetapkan : di Blitar
Pada tanggal : 28 Oktober 202

CAMAT PONGOK

Drs. PURWANTO, MM
Pembina Tk. I
NIP.19650927 199203 1 009
"""


def test_decree_fields():
    decree = records_of(DECREE).decree
    assert decree.kecamatan == "Ponggok"
    assert decree.kabupaten == "Blitar"
    assert decree.tahun == 2022
    assert decree.nomor == "188/33.2/KEP/409.25/2022"
    assert decree.tanggal == "2022-10-28"
    assert decree.penandatangan == "Drs. PURWANTO, MM"
    assert decree.nip == "19650927 199203 1 009"


def test_kabupaten_from_bupati_and_date_without_ditetapkan():
    decree = records_of("Kantor Kecamatan Ngluyu\nKecamatan Ngluyu\na.n. BUPATI NGANJUK\n\n"
                        "Ngluyu, 08 Maret 2021\n\n**SUDJITO, SH**\nPembina Tingkat I\n"
                        "NIP. 19630603 198603 1 019\n").decree
    assert (decree.kecamatan, decree.kabupaten, decree.tanggal, decree.tahun) == (
        "Ngluyu", "Nganjuk", "2021-03-08", 2021)
    assert (decree.penandatangan, decree.nip) == ("SUDJITO, SH", "19630603 198603 1 019")


def test_year_range_in_title_is_not_the_iki_year():
    decree = records_of("PENETAPAN INDIKATOR KINERJA INDIVIDU TAHUN 2019-2024\nDitetapkan di Sampang\n"
                        "Pada Tanggal : 28 Januari 2022\n").decree
    assert decree.tahun == 2022


def test_kabupaten_inferred_from_a_unique_kecamatan_name():
    decree = records_of("INDIKATOR KINERJA INDIVIDU (IKI) TAHUN 2023\nKecamatan Lumajang\nCAMAT LUMAJANG\n").decree
    assert (decree.kabupaten, decree.kecamatan_code, decree.region_status) == ("Lumajang", "35.08.10", "resolved")


def test_ambiguous_kecamatan_is_reported_with_candidates_not_guessed():
    record = records_of("Keputusan Camat Sukorejo\nKecamatan Sukorejo\n")
    assert record.decree.region_status == "ambiguous"
    assert record.decree.kecamatan_code is None and record.decree.kabupaten is None
    assert len(record.decree.region_candidates) >= 2
    assert any("ambiguous" in w and "candidates" in w for w in record.warnings)
