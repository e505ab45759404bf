from normalize.text import clean, split_items, strip_marker


def test_lettered_items_split_case_blind():
    assert split_items("a. Satu hal b. Dua hal C. Tiga hal") == ["Satu hal", "Dua hal", "Tiga hal"]


def test_html_bullets_split():
    cell = '<ul style="list-style-type: none"> • Jumlah Desa • Jumlah Dokumen </ul>'
    assert split_items(cell) == ["Jumlah Desa", "Jumlah Dokumen"]


def test_numbered_list_keeps_its_lead():
    assert split_items("Dokumen : 1. RKA 2. DPA 3. LKJIP") == ["Dokumen :", "RKA", "DPA", "LKJIP"]


def test_dash_separated_items_need_capitals_after_each_dash():
    assert split_items("Surat menyurat - Kearsipan - Hubungan masyarakat") == [
        "Surat menyurat", "Kearsipan", "Hubungan masyarakat"]
    assert split_items("Penegakan Peraturan Perundang - undangan") == ["Penegakan Peraturan Perundang - undangan"]


def test_marker_glued_to_previous_word_splits_only_in_sequence():
    assert split_items("b. Pengelolaan keuanganc. Pelaksanaan tata usaha") == [
        "Pengelolaan keuangan", "Pelaksanaan tata usaha"]
    assert split_items("Polsek Kec. Banyuates") == ["Polsek Kec. Banyuates"]


def test_list_continuing_from_a_later_letter():
    assert split_items("<ul> l. melakukan telaahan ; m. melaksanakan monitoring") == [
        "melakukan telaahan", "melaksanakan monitoring"]


def test_strip_marker_variants():
    assert strip_marker("- m Mengkoordinasikan kegiatan") == "Mengkoordinasikan kegiatan"
    assert strip_marker("- 0. Membuat daftar") == "Membuat daftar"
    assert strip_marker("Di tingkat kecamatan") == "Di tingkat kecamatan"


def test_clean_strips_markdown_and_html():
    assert clean("**JABATAN** : <b>Camat</b>") == "JABATAN : Camat"


def test_dash_inside_an_item_is_not_a_separator():
    assert split_items("- h. Memberikan legalisasi surat – surat yang dibutuhkan;") == [
        "Memberikan legalisasi surat – surat yang dibutuhkan;"]
