from tests.normalize.snippets import records_of

TABLE = "\nSASARAN|INDIKATOR|FORMULA|SUMBER DATA\nMeningkatnya kinerja|Jumlah laporan|Cukup jelas|SIMDA\n\n"


def test_labelled_block():
    rec = records_of("- JABATAN : Kepala Seksi PEMERINTAHAN\n- TUGAS : Menyusun program kerja.\n- FUNGSI :\n"
                     "- a. Mengumpulkan data;\n - b. Mengkoordinasikan kegiatan;\n" + TABLE)
    pos = rec.positions[0]
    assert (pos.jabatan, pos.level, pos.tugas) == ("Kepala Seksi PEMERINTAHAN", "kasi", "Menyusun program kerja.")
    assert pos.fungsi == ["Mengumpulkan data;", "Mengkoordinasikan kegiatan;"]


def test_title_on_a_later_line_and_cut_fragment():
    rec = records_of("1. Jabatan : Pe\n\nPengadministrasian Umum\n\n2. Tugas\n\n: Melakukan pencatatan\n\n"
                     "- : a. Menerima surat\n- b. Mencatat surat\n" + TABLE)
    pos = rec.positions[0]
    assert pos.jabatan == "Pengadministrasian Umum"
    assert pos.tugas == "Melakukan pencatatan"
    assert pos.fungsi == ["Menerima surat", "Mencatat surat"]


def test_unit_organisasi_title_in_brackets_on_next_line():
    rec = records_of("Unit Organisasi : Kantor Kecamatan X\n ( **Sekretaris Camat** )\n\nTugas Pokok : membina.\n"
                     + TABLE)
    assert rec.positions[0].jabatan == "Sekretaris Camat"
    assert rec.positions[0].level == "sekretaris"


def test_mempunyai_tugas_sentence_introduces_the_tugas_items():
    rec = records_of("1. JABATAN : Sub Bagian Umum\n2. Sub Bagian Umum, mempunyai tugas :\n - a. Menyusun rencana;\n"
                     " - b. Melaksanakan pelayanan;\n" + TABLE)
    assert rec.positions[0].tugas == "Menyusun rencana;\nMelaksanakan pelayanan;"
    assert rec.positions[0].fungsi == []


def test_labels_read_before_their_values():
    rec = records_of("1. Jabatan\n\nPengolah Data\n\nTugas\n Fungsi\n\n: Melakukan pengolahan data\n\n"
                     "- : a. Mengumpulkan data b. Menyajikan data\n" + TABLE)
    pos = rec.positions[0]
    assert pos.tugas == "Melakukan pengolahan data"
    assert pos.fungsi == ["Mengumpulkan data", "Menyajikan data"]


def test_misread_label_still_recognised():
    rec = records_of("1. Jabatan : Bendahara\n2. Tugas : Melakukan pembukuan.\n3. Funasi\n- : a. Membuat SPP\n" + TABLE)
    assert rec.positions[0].fungsi == ["Membuat SPP"]


def test_block_without_title_after_a_table():
    rec = records_of("JABATAN : Seksi Pendapatan\nTugas Pokok :\n- Memungut pajak\n" + TABLE
                     + "- **Tugas Pokok :**\n  - Pelaksanaan tugas lain yang diberikan oleh Camat.\n" + TABLE)
    assert [p.jabatan for p in rec.positions] == ["Seksi Pendapatan", None]
    assert rec.positions[1].level == "kasi"


def test_key_value_rows_of_a_layout_table():
    rec = records_of("JABATAN|:|SEKRETARIS CAMAT\nTUGAS|:|merencanakan kegiatan.\n"
                     "FUNGSI|:|<ol> a. penyusunan rencana ; b. pengoordinasian program ;\n" + TABLE)
    pos = rec.positions[0]
    assert (pos.jabatan, pos.tugas) == ("SEKRETARIS CAMAT", "merencanakan kegiatan.")
    assert pos.fungsi == ["penyusunan rencana", "pengoordinasian program"]


def test_document_without_tables_reports_no_content():
    rec = records_of("Surat edaran tentang kebersihan kantor.\n")
    assert rec.status == "no_content"
    assert any("no IKI content" in w for w in rec.warnings)


def test_fungsi_list_continued_in_a_later_html_row():
    rec = records_of("JABATAN|:|Seksi Pemerintahan\nTUGAS|:|membantu Camat\n"
                     "FUNGSI|:|<ul> a. menyusun rencana ; b. melaksanakan pembinaan ;\n\n"
                     "|<ul> c. memberikan saran ; d. melaksanakan tugas lain.\n" + TABLE)
    assert rec.positions[0].fungsi == ["menyusun rencana", "melaksanakan pembinaan", "memberikan saran",
                                       "melaksanakan tugas lain."]


def test_long_title_wrapped_onto_the_next_line():
    rec = records_of("1. JABATAN : Kepala Seksi Pemberdayaan Masyarakat Desa dan Kesejahteraan Sosial\n"
                     "Kecamatan Camplong\n2. Seksi Pemberdayaan, Mempunyai tugas :\n - a. Melaksanakan program;\n"
                     + TABLE)
    assert rec.positions[0].jabatan == ("Kepala Seksi Pemberdayaan Masyarakat Desa dan Kesejahteraan Sosial "
                                        "Kecamatan Camplong")
    assert rec.positions[0].tugas == "Melaksanakan program;"


def test_labels_whose_colon_a_scan_lost_or_read_as_a_semicolon():
    rec = records_of("Nama Jabatan Pengadministrasi Pajak\nTugas Pokok; Melakukan penerimaan data pajak.\n"
                     "Fungsi :\n- a. Menerima surat;\n- b. Mencatat surat;\n" + TABLE)
    pos = rec.positions[0]
    assert (pos.jabatan, pos.tugas) == ("Pengadministrasi Pajak", "Melakukan penerimaan data pajak.")
    assert pos.fungsi == ["Menerima surat;", "Mencatat surat;"]


def test_a_tugas_item_ending_in_a_semicolon_is_no_label():
    rec = records_of("JABATAN : Kepala Seksi Umum\nTugas :\n- a. Menyusun tugas;\n- b. Melaksanakan fungsi;\n" + TABLE)
    assert rec.positions[0].tugas == "Menyusun tugas;\nMelaksanakan fungsi;"
