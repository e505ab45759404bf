"""A seeded synthetic corpus of kecamatan IKI decrees whose wording varies the way offices vary it.

Each kabupaten writes its own template (which indicators each position has,
how each is worded: lead word, synonyms of the object, formula, data
source); its kecamatan copy the template and change it as offices do:
abbreviations written out or shortened, typos and OCR confusions, the order
of coordinated objects, a synonym for the object, a qualifier ("di
Kecamatan X", "tahun 2023"), another lead spelling. The generator knows the
concept of every indicator, so the grouping can be scored on the corpus too.

Decrees come out as text files in the samples' layout (JABATAN / TUGAS /
FUNGSI blocks, tab-separated indicator tables) that `iki import` reads, or
directly as records for the database benchmarks (the same decrees without
the extraction step). Both are seeded: two runs measure the same corpus.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from normalize.classify import kind_of
from normalize.records import Decree, DecreeRecord, Indicator, Position
from pipeline.version import extractor_version

HEADS = ("Sumber", "Karang", "Tanjung", "Banyu", "Wono", "Sido", "Kali", "Gunung", "Rejo", "Tegal", "Pandan",
         "Suka", "Mekar", "Jati", "Watu", "Kedung", "Bumi", "Tirta", "Sri", "Purwo")
TAILS = ("rejo", "sari", "mulyo", "agung", "jaya", "asri", "makmur", "harjo", "wangi", "anom", "kulon", "wetan",
         "lor", "kidul", "baru", "indah", "sejati", "luhur", "tengah", "arum")
KABUPATEN = ("Blitar", "Nganjuk", "Sampang", "Situbondo", "Lumajang", "Kediri", "Malang", "Jember", "Banyuwangi",
             "Probolinggo", "Pasuruan", "Madiun", "Ngawi", "Tuban", "Gresik", "Bojonegoro", "Lamongan", "Sragen",
             "Klaten", "Boyolali", "Wonogiri", "Grobogan", "Demak", "Kendal", "Cilacap", "Banyumas", "Garut",
             "Tasikmalaya", "Ciamis", "Cianjur", "Sukabumi", "Bogor", "Karawang", "Subang", "Indramayu", "Majalengka",
             "Lebak", "Pandeglang", "Serang", "Gunungkidul", "Bantul", "Sleman", "Kulon Progo", "Lombok Timur",
             "Lombok Tengah", "Bima", "Sumbawa", "Kupang", "Belu", "Gowa", "Bone", "Maros", "Pinrang", "Minahasa",
             "Banjar", "Tapin", "Kutai Kartanegara", "Ketapang", "Sambas", "Kampar", "Bengkalis", "Agam", "Tanah Datar",
             "Deli Serdang", "Langkat", "Simalungun", "Aceh Besar", "Pidie", "Lampung Selatan", "Lampung Tengah",
             "Musi Banyuasin", "Ogan Komering Ilir", "Rejang Lebong", "Merangin", "Badung", "Gianyar", "Tabanan",
             "Buleleng", "Jayapura", "Merauke")

# Indicator concepts of kecamatan offices: (code, levels, kind, wordings of what is measured, formula numerator
# and denominator or None, data sources). A wording lists synonymous ways of naming the object; "{tw}" marks
# where "tepat waktu" goes.
CONCEPTS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...], tuple[str, str] | None, tuple[str, ...]], ...] = (
    ("ikm", ("camat", "sekretaris", "kasi_pelayanan"), "indeks",
     ("Kepuasan Masyarakat", "Kepuasan Masyarakat terhadap pelayanan kecamatan",
      "Kepuasan Masyarakat atas layanan publik"),
     ("Total nilai persepsi per unsur", "Total unsur yang terisi"), ("Survei Kepuasan Masyarakat", "Hasil SKM")),
    ("sarpras", ("kasubag_umum", "sekretaris"), "persentase",
     ("sarana dan prasarana dalam kondisi baik", "sarana prasarana layak fungsi",
      "sarana dan prasarana kantor yang berfungsi baik"),
     ("Jumlah sarana dan prasarana dalam kondisi baik", "Jumlah seluruh sarana dan prasarana"), ("SIMBADA", "KIB")),
    ("kehadiran", ("kasubag_umum",), "tingkat",
     ("kehadiran ASN", "kehadiran pegawai", "disiplin kehadiran aparatur"),
     ("Jumlah kehadiran pegawai", "Jumlah hari kerja pegawai"), ("Absensi elektronik", "Daftar hadir")),
    ("skp", ("kasubag_umum",), "persentase",
     ("ASN dengan nilai SKP baik", "pegawai yang nilai SKP minimal baik", "aparatur berkinerja baik"),
     ("Jumlah ASN dengan nilai SKP baik", "Jumlah seluruh ASN"), ("e-Kinerja", "Dokumen SKP")),
    ("bimtek", ("kasubag_umum",), "persentase",
     ("aparatur yang mengikuti peningkatan kapasitas", "ASN yang mengikuti bimtek", "pegawai yang mengikuti diklat"),
     ("Jumlah aparatur yang mengikuti bimtek", "Jumlah seluruh aparatur"), ("Sertifikat", "Laporan kepegawaian")),
    ("arsip", ("kasubag_umum",), "persentase",
     ("surat masuk dan keluar yang diarsipkan", "arsip surat yang tertata", "pengelolaan arsip surat"),
     ("Jumlah surat yang diarsipkan", "Jumlah surat masuk dan keluar"), ("Buku agenda", "Aplikasi arsip")),
    ("lapkeu", ("kasubag_keuangan", "sekretaris"), "persentase",
     ("laporan keuangan yang disusun {tw}", "penyusunan laporan keuangan {tw}", "laporan keuangan yang selesai {tw}"),
     ("Jumlah laporan keuangan yang disusun tepat waktu", "Jumlah laporan keuangan yang harus disusun"),
     ("Laporan keuangan", "SIPD")),
    ("lapkin-keu", ("sekretaris", "kasubag_keuangan"), "persentase",
     ("laporan kinerja dan laporan keuangan yang disusun {tw}", "dokumen keuangan dan pelaporan kinerja {tw}",
      "laporan kinerja dan keuangan yang selesai {tw}"),
     ("Jumlah laporan kinerja dan keuangan tepat waktu", "Jumlah seluruh laporan kinerja dan keuangan"),
     ("LKjIP", "Laporan keuangan")),
    ("perencanaan", ("kasubag_keuangan",), "persentase",
     ("dokumen perencanaan yang disusun {tw}", "penyelesaian dokumen perencanaan {tw}",
      "ketersediaan dokumen perencanaan {tw}"),
     ("Jumlah dokumen perencanaan yang disusun tepat waktu", "Jumlah dokumen perencanaan yang harus disusun"),
     ("Renja", "Renstra")),
    ("serapan", ("kasubag_keuangan", "sekretaris"), "persentase",
     ("realisasi anggaran", "penyerapan anggaran belanja", "serapan anggaran kecamatan"),
     ("Realisasi belanja", "Pagu anggaran"), ("SIPD", "Laporan realisasi anggaran")),
    ("spj", ("kasubag_keuangan",), "persentase",
     ("SPJ yang diselesaikan {tw}", "surat pertanggungjawaban yang selesai {tw}", "penyelesaian SPJ {tw}"),
     ("Jumlah SPJ yang selesai tepat waktu", "Jumlah seluruh SPJ"), ("Buku kas umum", "SPJ")),
    ("lakip", ("kasubag_keuangan",), "jumlah",
     ("dokumen LKjIP yang disusun", "LAKIP yang tersusun", "laporan kinerja instansi pemerintah yang disusun"),
     None, ("LKjIP",)),
    ("renja", ("kasubag_keuangan",), "jumlah",
     ("dokumen Renja yang disusun", "Renja yang tersusun", "rencana kerja yang disusun"), None, ("Renja",)),
    ("rka", ("kasubag_keuangan",), "jumlah",
     ("dokumen RKA dan DPA yang disusun", "RKA dan DPA yang tersusun", "rencana kerja anggaran yang disusun"),
     None, ("RKA", "DPA")),
    ("pemdes-tertib", ("kasi_pemerintahan",), "persentase",
     ("desa yang tertib administrasi", "desa dengan administrasi pemerintahan yang tertib", "tertib administrasi desa"),
     ("Jumlah desa yang tertib administrasi", "Jumlah desa"), ("Laporan pembinaan", "Hasil monev")),
    ("apbdes", ("kasi_pemerintahan", "kasi_pmd"), "persentase",
     ("desa yang menetapkan APBDes {tw}", "penyelesaian evaluasi APBDes {tw}", "APBDes yang ditetapkan {tw}"),
     ("Jumlah desa yang menetapkan APBDes tepat waktu", "Jumlah desa"), ("Perdes APBDes", "Laporan evaluasi")),
    ("lppdes", ("kasi_pemerintahan",), "persentase",
     ("desa yang menyampaikan LPPDes {tw}", "laporan penyelenggaraan pemerintahan desa yang masuk {tw}",
      "LPPDes yang disampaikan {tw}"),
     ("Jumlah desa yang menyampaikan LPPDes tepat waktu", "Jumlah desa"), ("LPPDes",)),
    ("pertanahan", ("kasi_pemerintahan",), "persentase",
     ("pelayanan pertanahan yang diselesaikan {tw}", "penyelesaian administrasi pertanahan {tw}",
      "berkas pertanahan yang selesai {tw}"),
     ("Jumlah berkas pertanahan yang selesai tepat waktu", "Jumlah berkas pertanahan yang masuk"),
     ("Register pertanahan",)),
    ("pembinaan-desa", ("kasi_pemerintahan",), "jumlah",
     ("pembinaan pemerintahan desa", "kegiatan pembinaan aparatur desa", "pembinaan penyelenggaraan pemerintahan desa"),
     None, ("Laporan kegiatan", "Notulen")),
    ("perdes", ("kasi_pemerintahan",), "jumlah",
     ("peraturan desa yang dievaluasi", "rancangan perdes yang difasilitasi", "perdes yang diverifikasi"),
     None, ("Register perdes",)),
    ("trantib-koordinasi", ("kasi_trantib",), "persentase",
     ("rekomendasi koordinasi ketenteraman dan ketertiban umum yang ditindaklanjuti",
      "hasil koordinasi trantibum yang ditindaklanjuti", "koordinasi ketenteraman dan ketertiban yang ditindaklanjuti"),
     ("Jumlah rekomendasi yang ditindaklanjuti", "Jumlah rekomendasi koordinasi"), ("Notulen rapat", "Laporan")),
    ("gangguan", ("kasi_trantib", "camat"), "persentase",
     ("gangguan ketenteraman dan ketertiban yang tertangani", "penanganan gangguan trantibum",
      "kasus gangguan ketertiban umum yang diselesaikan"),
     ("Jumlah gangguan trantibum yang ditangani", "Jumlah gangguan trantibum"), ("Laporan Satpol PP",)),
    ("kriminalitas", ("camat", "kasi_trantib"), "angka",
     ("Kriminalitas", "Kriminalitas di wilayah kecamatan", "Kriminalitas yang tertangani"),
     ("Jumlah tindak kriminalitas", "Jumlah penduduk"), ("Polsek",)),
    ("linmas", ("kasi_trantib",), "jumlah",
     ("anggota linmas yang dibina", "pembinaan perlindungan masyarakat", "personil linmas terlatih"),
     None, ("Data linmas",)),
    ("bencana", ("kasi_trantib",), "persentase",
     ("kejadian bencana yang ditangani", "penanganan bencana di wilayah kecamatan", "respon kejadian bencana"),
     ("Jumlah kejadian bencana yang ditangani", "Jumlah kejadian bencana"), ("Laporan kebencanaan",)),
    ("musrenbang", ("kasi_pmd", "kasi_ekbang"), "jumlah",
     ("pelaksanaan musrenbang kecamatan", "musrenbang kecamatan yang terselenggara", "kegiatan musrenbang kecamatan"),
     None, ("Berita acara musrenbang",)),
    ("musrenbang-usulan", ("kasi_pmd", "kasi_ekbang"), "persentase",
     ("usulan musrenbang yang terakomodir", "usulan desa hasil musrenbang yang diakomodasi",
      "usulan pembangunan desa yang masuk RKPD"),
     ("Jumlah usulan yang terakomodir", "Jumlah usulan musrenbang"), ("Hasil musrenbang",)),
    ("dana-desa", ("kasi_pmd",), "persentase",
     ("realisasi dana desa", "penyaluran dana desa {tw}", "dana desa yang terealisasi"),
     ("Realisasi dana desa", "Pagu dana desa"), ("Laporan realisasi",)),
    ("lembaga-desa", ("kasi_pmd",), "jumlah",
     ("lembaga kemasyarakatan desa yang dibina", "pembinaan lembaga kemasyarakatan", "LKD yang aktif"),
     None, ("Data LKD",)),
    ("bumdes", ("kasi_pmd", "kasi_ekbang"), "jumlah",
     ("BUMDes yang aktif", "badan usaha milik desa yang berkembang", "BUMDes yang dibina"), None, ("Data BUMDes",)),
    ("posyandu", ("kasi_kesos",), "persentase",
     ("posyandu aktif", "posyandu yang berstatus aktif", "pembinaan posyandu aktif"),
     ("Jumlah posyandu aktif", "Jumlah posyandu"), ("Data puskesmas",)),
    ("bansos", ("kasi_kesos",), "persentase",
     ("bantuan sosial yang tersalurkan {tw}", "penyaluran bansos {tw}", "penerima bantuan sosial yang terverifikasi"),
     ("Jumlah bantuan sosial yang tersalurkan", "Jumlah bantuan sosial"), ("DTKS",)),
    ("kemiskinan", ("kasi_kesos", "camat"), "persentase",
     ("penduduk miskin", "keluarga miskin", "penduduk miskin di wilayah kecamatan"),
     ("Jumlah penduduk miskin", "Jumlah penduduk"), ("DTKS", "BPS")),
    ("pkk", ("kasi_kesos",), "jumlah",
     ("kegiatan PKK yang difasilitasi", "pembinaan kelompok PKK",
      "fasilitasi kegiatan pemberdayaan kesejahteraan keluarga"),
     None, ("Laporan PKK",)),
    ("stunting", ("kasi_kesos",), "persentase",
     ("balita stunting", "prevalensi stunting", "kasus stunting pada balita"),
     ("Jumlah balita stunting", "Jumlah balita"), ("e-PPGBM",)),
    ("adminduk", ("kasi_pelayanan",), "persentase",
     ("pelayanan administrasi kependudukan yang diselesaikan {tw}", "penyelesaian dokumen kependudukan {tw}",
      "dokumen kependudukan yang selesai {tw}"),
     ("Jumlah dokumen kependudukan yang selesai tepat waktu", "Jumlah permohonan dokumen kependudukan"),
     ("Register pelayanan", "SIAK")),
    ("perizinan", ("kasi_pelayanan",), "persentase",
     ("pelayanan perizinan yang diselesaikan {tw}", "penyelesaian perizinan {tw}", "izin yang diterbitkan {tw}"),
     ("Jumlah izin yang terbit tepat waktu", "Jumlah permohonan izin"), ("Register perizinan",)),
    ("paten", ("kasi_pelayanan",), "persentase",
     ("pelayanan PATEN sesuai SOP", "pelayanan administrasi terpadu kecamatan sesuai standar pelayanan",
      "layanan PATEN yang sesuai SOP"),
     ("Jumlah pelayanan sesuai SOP", "Jumlah seluruh pelayanan"), ("Register PATEN",)),
    ("pengaduan", ("kasi_pelayanan", "camat"), "persentase",
     ("pengaduan masyarakat yang ditindaklanjuti", "pengaduan yang diselesaikan", "penanganan pengaduan masyarakat"),
     ("Jumlah pengaduan yang ditindaklanjuti", "Jumlah pengaduan"), ("Register pengaduan", "SP4N LAPOR")),
    ("pbb", ("kasi_ekbang", "kasi_pemerintahan"), "persentase",
     ("realisasi penerimaan PBB-P2", "capaian pajak bumi dan bangunan", "penerimaan PBB yang terealisasi"),
     ("Realisasi penerimaan PBB-P2", "Target penerimaan PBB-P2"), ("Laporan PBB",)),
    ("infrastruktur", ("kasi_ekbang",), "persentase",
     ("pembangunan infrastruktur desa yang dimonitor", "monitoring pembangunan fisik desa",
      "kegiatan pembangunan desa yang dievaluasi"),
     ("Jumlah kegiatan pembangunan yang dimonitor", "Jumlah kegiatan pembangunan"), ("Laporan monev",)),
    ("umkm", ("kasi_ekbang",), "jumlah",
     ("UMKM yang dibina", "pelaku usaha mikro yang difasilitasi", "pembinaan usaha mikro kecil dan menengah"),
     None, ("Data UMKM",)),
    ("idm", ("kasi_pmd", "camat"), "persentase",
     ("desa dengan status IDM meningkat", "desa yang status Indeks Desa Membangun naik", "peningkatan status IDM desa"),
     ("Jumlah desa yang status IDM-nya meningkat", "Jumlah desa"), ("Data IDM",)),
    ("koordinasi-camat", ("camat",), "persentase",
     ("koordinasi penyelenggaraan pemerintahan yang terlaksana", "efektivitas koordinasi pemerintahan kecamatan",
      "rapat koordinasi yang ditindaklanjuti"),
     ("Jumlah hasil koordinasi yang ditindaklanjuti", "Jumlah rapat koordinasi"), ("Notulen",)),
    ("sakip", ("camat", "sekretaris"), "nilai",
     ("SAKIP Kecamatan", "akuntabilitas kinerja instansi pemerintah", "evaluasi SAKIP"), None, ("LHE SAKIP",)),
    ("atk", ("pengadministrasi_umum",), "persentase",
     ("kebutuhan alat tulis kantor yang terpenuhi", "pemenuhan ATK", "ketersediaan alat tulis kantor"),
     ("Jumlah ATK yang tersedia", "Jumlah kebutuhan ATK"), ("Buku persediaan",)),
    ("surat", ("pengadministrasi_umum", "pengadministrasi_persuratan"), "jumlah",
     ("surat masuk yang diagendakan", "surat yang dicatat dalam agenda", "agenda surat masuk dan keluar"),
     None, ("Buku agenda",)),
    ("bmd", ("pengadministrasi_umum", "pengelola_keuangan"), "persentase",
     ("barang milik daerah yang tercatat", "aset yang terinventarisasi", "inventarisasi BMD"),
     ("Jumlah BMD yang tercatat", "Jumlah BMD"), ("KIB", "SIMBADA")),
    ("kas", ("pengelola_keuangan", "bendahara"), "persentase",
     ("buku kas umum yang ditutup {tw}", "penutupan kas bulanan {tw}", "rekonsiliasi kas bendahara {tw}"),
     ("Jumlah bulan kas ditutup tepat waktu", "Jumlah bulan"), ("BKU",)),
    ("data-kependudukan", ("pengolah_data",), "jumlah",
     ("data kependudukan yang diolah", "pengolahan data penduduk", "data penduduk yang dimutakhirkan"),
     None, ("Data monografi",)),
    ("kebersihan", ("pramu_kebersihan",), "persentase",
     ("ruang kantor yang bersih", "kebersihan lingkungan kantor", "area kantor yang terpelihara kebersihannya"),
     ("Jumlah ruangan bersih", "Jumlah ruangan"), ("Daftar periksa",)),
)

LEADS = {"persentase": ("Persentase", "Prosentase", "Presentase", "Persentase", "Persentase", "%"),
         "jumlah": ("Jumlah", "Jumlah", "Jumlah", "Banyaknya"),
         "indeks": ("Indeks", "Indeks", "Nilai Indeks"), "tingkat": ("Tingkat", "Persentase", "Prosentase"),
         "angka": ("Angka", "Angka"), "nilai": ("Nilai", "Nilai", "Capaian nilai"), "rata-rata": ("Rata-rata",)}
TEPAT_WAKTU = ("tepat waktu", "tepat waktu", "secara tepat waktu", "sesuai jadwal", "tepat wkt")
SHORTEN = (("sarana dan prasarana", "sarpras"), ("Survei Kepuasan Masyarakat", "SKM"), ("yang", "yg"),
           ("dalam", "dlm"), ("dengan", "dgn"), ("ketenteraman dan ketertiban umum", "trantibum"),
           ("pajak bumi dan bangunan", "PBB"), ("aparatur sipil negara", "ASN"), ("Jumlah", "Jml"),
           ("kegiatan", "keg."), ("pelayanan", "yan."), ("laporan", "lap."), ("dokumen", "dok."))
LENGTHEN = (("ASN", "aparatur sipil negara"), ("SKP", "sasaran kinerja pegawai"), ("SPJ", "surat pertanggungjawaban"),
            ("APBDes", "anggaran pendapatan dan belanja desa"), ("BUMDes", "badan usaha milik desa"),
            ("PATEN", "pelayanan administrasi terpadu kecamatan"), ("trantibum", "ketenteraman dan ketertiban umum"),
            ("musrenbang", "musyawarah perencanaan pembangunan"),
            ("LPPDes", "laporan penyelenggaraan pemerintahan desa"),
            ("UMKM", "usaha mikro kecil dan menengah"), ("ATK", "alat tulis kantor"), ("BMD", "barang milik daerah"))
OCR = (("l", "1"), ("o", "0"), ("m", "rn"), ("rn", "m"), ("e", "c"), ("i", "l"), ("s", "5"), ("a", "e"))
QUALIFIERS = (" di Kecamatan {kecamatan}", " Kecamatan {kecamatan}", " di wilayah Kecamatan {kecamatan}",
              " tahun {tahun}", " pada Kantor Kecamatan {kecamatan}", " Kabupaten {kabupaten}", " setiap tahun",
              " per tahun", " di tingkat kecamatan")
SASARAN = ("Meningkatnya kualitas pelayanan publik", "Meningkatnya akuntabilitas kinerja", "Terwujudnya tata kelola "
           "pemerintahan yang baik", "Meningkatnya kapasitas aparatur", "Terselenggaranya pemerintahan yang efektif",
           "Meningkatnya ketenteraman dan ketertiban", "Meningkatnya pemberdayaan masyarakat",
           "Meningkatnya kesejahteraan sosial masyarakat")

# Canonical positions: (code, level, title variants, fungsi lines)
POSITIONS = (
    ("camat", "camat", ("Camat", "CAMAT"), ("Pengoordinasian kegiatan pemberdayaan masyarakat",
                                            "Pengoordinasian penyelenggaraan kegiatan pemerintahan")),
    ("sekretaris", "sekretaris", ("Sekretaris Kecamatan", "Sekretaris Camat", "SEKRETARIS KECAMATAN", "Sekcam"),
     ("Penyusunan rencana kegiatan dan program kerja kecamatan", "Pengelolaan ketatausahaan kantor")),
    ("kasubag_umum", "kasubag", ("Kepala Subbagian Umum dan Kepegawaian", "Kasubag Umum",
                                 "Kasubbag Umum dan Kepegawaian", "Kepala Sub Bagian Umum"),
     ("Pelaksanaan urusan rumah tangga dan perlengkapan",)),
    ("kasubag_keuangan", "kasubag", ("Kepala Subbagian Perencanaan dan Keuangan", "Kasubag Keuangan",
                                     "Kasubag Program dan Keuangan",
                                     "Kepala Sub Bagian Penyusunan Program dan Keuangan"),
     ("Penyusunan rencana anggaran", "Pengelolaan keuangan kecamatan")),
    ("kasi_pemerintahan", "kasi", ("Kepala Seksi Pemerintahan", "Kasi Pemerintahan", "Kasi Tata Pemerintahan"),
     ("Pembinaan penyelenggaraan pemerintahan desa",)),
    ("kasi_trantib", "kasi", ("Kepala Seksi Ketenteraman dan Ketertiban Umum", "Kasi Trantib", "Kasi Trantibum"),
     ("Pengoordinasian upaya penyelenggaraan ketenteraman dan ketertiban umum",)),
    ("kasi_pmd", "kasi", ("Kepala Seksi Pemberdayaan Masyarakat dan Desa", "Kasi PMD", "Kasi Pemberdayaan Masyarakat"),
     ("Fasilitasi pemberdayaan masyarakat desa",)),
    ("kasi_kesos", "kasi", ("Kepala Seksi Kesejahteraan Sosial", "Kasi Kesos", "Kasi Kesra"),
     ("Pembinaan kesejahteraan sosial masyarakat",)),
    ("kasi_pelayanan", "kasi", ("Kepala Seksi Pelayanan Umum", "Kasi Pelayanan", "Kasi Pelayanan Umum dan PATEN"),
     ("Pelaksanaan pelayanan administrasi terpadu kecamatan",)),
    ("kasi_ekbang", "kasi", ("Kepala Seksi Perekonomian dan Pembangunan", "Kasi Ekbang", "Kasi Ekonomi Pembangunan"),
     ("Fasilitasi pembangunan dan perekonomian desa",)),
    ("pengadministrasi_umum", "pelaksana", ("Pengadministrasi Umum", "Pengadministrasian Umum"),
     ("Melaksanakan administrasi umum",)),
    ("pengadministrasi_persuratan", "pelaksana", ("Pengadministrasi Persuratan",),
     ("Mengelola surat masuk dan keluar",)),
    ("pengelola_keuangan", "pelaksana", ("Pengelola Keuangan", "Pengelola Keuangan Kecamatan"),
     ("Mengelola keuangan kecamatan",)),
    ("bendahara", "pelaksana", ("Bendahara Pengeluaran", "Bendahara"), ("Menatausahakan keuangan",)),
    ("pengolah_data", "pelaksana", ("Pengolah Data", "Pengolah Data Pelayanan"), ("Mengolah data",)),
    ("pramu_kebersihan", "pelaksana", ("Pramu Kebersihan",), ("Menjaga kebersihan kantor",)),
)
TABLE_HEAD = "SASARAN PROGRAM\tINDIKATOR KINERJA\tPENJELASAN / FORMULASI PERHITUNGAN\tSUMBER DATA"
MUTATION = 0.35  # chance that a kecamatan rewords an indicator of its kabupaten's template
NAMED = 0.12  # chance that a kecamatan names itself (or its kabupaten, or the year) in an indicator


@dataclass
class SyntheticIndicator:
    concept: str
    indikator: str
    formula: str | None
    numerator: str | None
    denominator: str | None
    sumber_data: str
    sasaran: str


@dataclass
class SyntheticPosition:
    code: str
    level: str
    jabatan: str
    fungsi: tuple[str, ...]
    indicators: list[SyntheticIndicator] = field(default_factory=list)


@dataclass
class SyntheticDecree:
    index: int
    kecamatan: str
    kabupaten: str
    tahun: int
    positions: list[SyntheticPosition]

    @property
    def source(self) -> str:
        return f"syn-{self.index:05d}.txt"


def kecamatan_name(index: int) -> str:
    """A distinct, plausible kecamatan name for every index below 400 x 26 x 26."""
    head, tail = HEADS[index % len(HEADS)], TAILS[index // len(HEADS) % len(TAILS)]
    rest = index // (len(HEADS) * len(TAILS))
    suffix = "" if rest == 0 else " " + chr(ord("A") + rest % 26) + (chr(ord("a") + rest // 26) if rest >= 26 else "")
    return f"{head}{tail}{suffix}"


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:] if how == 1 else word[:i] + word[i] + word[i:]


def _ocr(word: str, rng: random.Random) -> str:
    found = [(a, b) for a, b in OCR if a in word[1:]]
    if not found:
        return word
    a, b = rng.choice(found)
    at = word.index(a, 1)
    return word[:at] + b + word[at + len(a):]


def _in_a_word(text: str, rng: random.Random, change) -> str:
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    words[i] = change(words[i], rng)
    return " ".join(words)


def _swap_coordination(text: str, rng: random.Random) -> str:
    match = re.search(r"(\w+(?: \w+)?) dan (\w+(?: \w+)?)", text)
    if not match or match.group(1).lower() in ("sarana", "ketenteraman"):
        return text
    return text[:match.start()] + f"{match.group(2)} dan {match.group(1)}" + text[match.end():]


def _replace_once(text: str, pairs, rng: random.Random) -> str:
    found = [(a, b) for a, b in pairs if re.search(rf"\b{re.escape(a)}\b", text)]
    if not found:
        return text
    a, b = rng.choice(found)
    return re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)


@dataclass(frozen=True)
class _Style:
    """How one kabupaten's template words one concept."""

    lead: str
    object: int
    tepat: str
    formula: bool
    source: int


def _template(rng: random.Random) -> dict[str, list[tuple[int, _Style]]]:
    """A kabupaten's template: per position, the concepts it measures and how it words each."""
    template: dict[str, list[tuple[int, _Style]]] = {}
    for code, *_ in POSITIONS:
        usable = [n for n, concept in enumerate(CONCEPTS) if code in concept[1]]
        if not usable:
            continue
        chosen = rng.sample(usable, min(len(usable), rng.randint(2, 5)))
        template[code] = [(n, _Style(rng.choice(LEADS[CONCEPTS[n][2]]), rng.randrange(len(CONCEPTS[n][3])),
                                     rng.choice(TEPAT_WAKTU), rng.random() < 0.8, rng.randrange(len(CONCEPTS[n][5]))))
                          for n in chosen]
    return template


def _word(n: int, style: _Style, place: dict[str, object], rng: random.Random, mutate: bool) -> SyntheticIndicator:
    code, _, kind, objects, formula, sources = CONCEPTS[n]
    lead, obj, tepat = style.lead, style.object, style.tepat
    if mutate and rng.random() < 0.3:
        obj = rng.randrange(len(objects))
    if mutate and rng.random() < 0.2:
        lead = rng.choice(LEADS[kind])
    text = objects[obj].replace("{tw}", tepat).strip()
    text = f"{lead} {text}" if lead != "%" else f"% {text}"
    if rng.random() < NAMED:
        text += rng.choice(QUALIFIERS).format(**place)
    if mutate:
        for _ in range(rng.randint(1, 2)):
            change = rng.randrange(6)
            if change == 0:
                text = _in_a_word(text, rng, _typo)
            elif change == 1:
                text = _in_a_word(text, rng, _ocr)
            elif change == 2:
                text = _swap_coordination(text, rng)
            elif change == 3:
                text = _replace_once(text, SHORTEN, rng)
            elif change == 4:
                text = _replace_once(text, LENGTHEN, rng)
            else:
                text = text.lower() if rng.random() < 0.5 else text.upper()
    numerator = denominator = shown = None
    if formula and style.formula:
        numerator, denominator = formula
        shown = f"{numerator} / {denominator} x 100%" if kind in ("persentase", "tingkat") else \
            f"{numerator} / {denominator}"
    return SyntheticIndicator(code, text, shown, numerator, denominator, sources[style.source],
                              rng.choice(SASARAN))


def _positions(template: dict[str, list[tuple[int, _Style]]], place: dict[str, object], rng: random.Random,
               titles: dict[str, str]) -> list[SyntheticPosition]:
    found = []
    for code, level, _, fungsi in POSITIONS:
        if code not in template or (level == "pelaksana" and rng.random() < 0.5):
            continue
        position = SyntheticPosition(code, level, titles[code], fungsi)
        for n, style in template[code]:
            if rng.random() < 0.9:
                position.indicators.append(_word(n, style, place, rng, rng.random() < MUTATION))
        if position.indicators:
            found.append(position)
    return found


def decrees(count: int, seed: int = 7) -> list[SyntheticDecree]:
    """`count` decrees of kecamatan spread over the kabupaten, each kabupaten with its own template."""
    rng = random.Random(seed)
    templates = [_template(rng) for _ in KABUPATEN]
    title_styles = [{code: rng.choice(titles) for code, _, titles, _ in POSITIONS} for _ in KABUPATEN]
    found = []
    for index in range(count):
        k = rng.randrange(len(KABUPATEN))
        place = {"kecamatan": kecamatan_name(index), "kabupaten": KABUPATEN[k], "tahun": rng.randint(2019, 2025)}
        found.append(SyntheticDecree(index, place["kecamatan"], place["kabupaten"], place["tahun"],
                                     _positions(templates[k], place, rng, title_styles[k])))
    return found


def decree_text(decree: SyntheticDecree) -> str:
    """The decree in the samples' text layout: heading, then per position its title, duties and indicator table."""
    name, kab = decree.kecamatan.upper(), decree.kabupaten.upper()
    lines = [f"PEMERINTAH KABUPATEN {kab}", f"KECAMATAN {name}", "", f"**KEPUTUSAN CAMAT {name}",
             f"NOMOR : 188/{decree.index % 97 + 1}/KEP/{decree.tahun}**", "", "TENTANG", "",
             f"**PENETAPAN INDIKATOR KINERJA INDIVIDU (IKI) TAHUN {decree.tahun}",
             f"DI LINGKUNGAN KECAMATAN {name}", f"KABUPATEN {kab}**", ""]
    for position in decree.positions:
        lines += [f"- JABATAN : {position.jabatan}", f"- TUGAS : Membantu Camat di bidang tugas {position.jabatan}.",
                  "- FUNGSI :", *(f" - {chr(ord('a') + i)}. {text};" for i, text in enumerate(position.fungsi)), "",
                  TABLE_HEAD]
        lines += ["\t".join([ind.sasaran, ind.indikator, ind.formula or "Cukup jelas", ind.sumber_data])
                  for ind in position.indicators]
        lines.append("")
    lines += [f"Ditetapkan di {decree.kecamatan}", f"Pada tanggal 2 Januari {decree.tahun}", f"CAMAT {name}", ""]
    return "\n".join(lines)


def write_text_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` decrees as text files; returns their paths."""
    paths = []
    for decree in decrees(count, seed):
        path = folder / decree.source
        path.write_text(decree_text(decree), encoding="utf-8")
        paths.append(path)
    return paths


def decree_record(decree: SyntheticDecree, seed: int) -> DecreeRecord:
    """The decree as a record, as extracting its text gives it (kinds read the way normalize reads them)."""
    positions = [Position(jabatan=p.jabatan, level=p.level, tugas=f"Membantu Camat di bidang tugas {p.jabatan}.",
                          fungsi=list(p.fungsi),
                          indicators=[Indicator(sasaran=i.sasaran, indikator=i.indikator, kind=kind_of(i.indikator),
                                                formula=i.formula, numerator=i.numerator, denominator=i.denominator,
                                                multiplier=100 if i.formula and "x 100" in i.formula else None,
                                                sumber_data=i.sumber_data) for i in p.indicators])
                 for p in decree.positions]
    return DecreeRecord(source=decree.source, media_type="text/plain", method="text",
                        decree=Decree(kecamatan=decree.kecamatan, kabupaten=decree.kabupaten, tahun=decree.tahun),
                        positions=positions,
                        sha256=hashlib.sha256(f"synthetic decree {seed} {decree.index}".encode()).hexdigest(),
                        extractor_version=extractor_version())


def synthetic_records(count: int, seed: int = 11) -> list[DecreeRecord]:
    """`count` decree records of the realistic corpus, for the database benchmarks."""
    return [decree_record(d, seed) for d in decrees(count, seed)]


