"""The words a decree is typed with, in the variants offices use.

Header wordings are those GUIDELINES.md lists for each field, so every variant's
columns can be mapped by meaning; the preamble is generic wording of our own,
varied the way decrees from different kabupaten vary.
"""
from __future__ import annotations

from datetime import date

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")

HEADERS = {
    "sasaran": ("SASARAN PROGRAM", "SASARAN KEGIATAN", "SASARAN (KINERJA KEGIATAN)", "Sasaran/Kinerja Utama",
                "Sasaran"),
    "indikator": ("INDIKATOR KINERJA", "INDIKATOR KINERJA KEGIATAN", "Indikator Kinerja Utama",
                  "Indikator Kinerja Individu", "INDIKATOR KEGIATAN"),
    "formula": ("PENJELASAN / FORMULASI PERHITUNGAN", "PENJELASAN / FORMULASI PENGHITUNGAN", "FORMULA INDIKATOR",
                "RUMUS/ FORMULA", "Formulasi Penghitungan"),
    "sumber_data": ("SUMBER DATA",),
    "target": ("TARGET",),
    "no": ("No", "NO", "No."),
    "satuan": ("SATUAN", "Satuan"),
    "penanggung_jawab": ("PENANGGUNG JAWAB", "Penanggung Jawab"),
    "keterangan": ("KETERANGAN", "Ket."),
}
# Two-row headers: the word over a column group, and what stays under it for each member.
GROUP_TOP, GROUP_KINERJA = "INDIKATOR", "KINERJA"
GROUP_FORMULA = ("FORMULA", "FORMULASI PERHITUNGAN", "RUMUS")

LABELS = {
    "jabatan": ("JABATAN", "Jabatan", "NAMA JABATAN", "Nama Jabatan"),
    "tugas": ("TUGAS", "Tugas", "TUGAS POKOK", "Tugas Pokok"),
    "fungsi": ("FUNGSI", "Fungsi", "URAIAN FUNGSI", "Uraian Fungsi"),
    "tugas_fungsi": ("TUGAS DAN FUNGSI", "Tugas dan Fungsi", "Tugas & Fungsi"),
    "iki": ("INDIKATOR KINERJA INDIVIDU", "Indikator Kinerja Individu"),
}

PANGKAT = ("Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Penata Tingkat I")
STREETS = ("Jl. Raya {kec}", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Merdeka", "Jl. Pahlawan")
AREA_CODES = ("0342", "0358", "0323", "0338", "0334")

TITLE_SUBJECT = (
    "PENETAPAN INDIKATOR KINERJA INDIVIDU (IKI) DI LINGKUNGAN KECAMATAN {KEC} TAHUN {tahun}",
    "PENETAPAN INDIKATOR KINERJA INDIVIDU PADA KANTOR KECAMATAN {KEC} KABUPATEN {KAB} TAHUN {tahun}",
    "PENETAPAN INDIKATOR KINERJA INDIVIDU PEJABAT STRUKTURAL DAN STAF KECAMATAN {KEC} TAHUN {tahun}",
)

MENIMBANG = (
    (
        "bahwa dalam rangka meningkatkan akuntabilitas kinerja instansi pemerintah perlu ditetapkan "
        "indikator kinerja bagi setiap jabatan di lingkungan Kecamatan {Kec};",
        "bahwa indikator kinerja individu menjadi dasar penilaian capaian kinerja pegawai;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud huruf a dan huruf b, perlu menetapkan Keputusan "
        "Camat tentang Penetapan Indikator Kinerja Individu;",
    ),
    (
        "bahwa untuk mengukur keberhasilan pelaksanaan tugas dan fungsi setiap pejabat dan pegawai diperlukan "
        "ukuran kinerja yang jelas;",
        "bahwa sehubungan dengan hal tersebut perlu ditetapkan dengan Keputusan Camat {Kec};",
    ),
    (
        "bahwa penerapan Sistem Akuntabilitas Kinerja Instansi Pemerintah mengharuskan setiap unit kerja "
        "memiliki ukuran keberhasilan yang terukur;",
        "bahwa ukuran keberhasilan tersebut dituangkan dalam Indikator Kinerja Individu untuk setiap jabatan;",
        "bahwa untuk maksud tersebut perlu ditetapkan dengan Keputusan Camat.",
    ),
)

MENGINGAT = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, "
    "terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
    "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara;",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Bupati {Kab} tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Kecamatan;",
)

DIKTUM = (
    ("KESATU", "Menetapkan Indikator Kinerja Individu di lingkungan Kecamatan {Kec} sebagaimana tercantum dalam "
               "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini."),
    ("KEDUA", "Indikator Kinerja Individu sebagaimana dimaksud Diktum KESATU digunakan sebagai acuan dalam "
              "penyusunan perjanjian kinerja dan penilaian kinerja pegawai."),
    ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari "
               "terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."),
)

KETERANGAN = ("", "-", "Tahunan", "Semesteran", "Triwulanan")
SATUAN_BY_KIND = {"persentase": "%", "indeks": "Indeks", "nilai": "Nilai", "jumlah": "Dokumen", "rata-rata": "Hari",
                  "angka": "Angka", "tingkat": "Tingkat", "lainnya": "Kegiatan"}


def long_date(day: date) -> str:
    """28 Oktober 2022: how a decree writes its signing date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def cased(text: str, upper: bool) -> str:
    """Header and label wording in the case the variant types its headers ("Tugas dan Fungsi", "SASARAN")."""
    if upper:
        return text.upper()
    if not text.isupper():
        return text
    return " ".join("dan" if w == "Dan" else w for w in text.title().split(" "))
