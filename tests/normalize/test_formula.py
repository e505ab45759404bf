import pytest

from normalize.formula import parse_formula


@pytest.mark.parametrize(("raw", "num", "den", "mult"), [
    (r"$\frac{\sum \text{A baik}}{\sum \text{A}} \times 100$", "A baik", "A", 100),
    (r"$\frac{\sum \text{A} \times 100 \%}{\sum \text{desa/kelurahan}}$", "A", "desa/kelurahan", 100),
    (r"$\frac{\text{KTP diproses}}{100\%} \times \text{Usulan KTP}$", "KTP diproses", "Usulan KTP", 100),
    ("(Jumlah A dibagi jumlah B) dikali 100%", "Jumlah A", "jumlah B", 100),
    ("(Jumlah A yang dilaksanakan dibagi Jumlah B)x 100 %", "Jumlah A yang dilaksanakan", "Jumlah B", 100),
    ("(Total Nilai per Unsur : Total Unsur yang terisi) x nilai tertimbang", "Total Nilai per Unsur",
     "Total Unsur yang terisi", None),
    (r"$(\text{Jumlah A} / \text{Jumlah B}) \times 100$", "Jumlah A", "Jumlah B", 100),
    (r"$\frac{\text{Jumlah desa tertib}}{14 \text{ desa}} \times 100 \%$", "Jumlah desa tertib", "14 desa", 100),
])
def test_ratio_forms(raw, num, den, mult):
    parsed = parse_formula(raw)
    assert (parsed.numerator, parsed.denominator, parsed.multiplier) == (num, den, mult)


@pytest.mark.parametrize("raw", [
    "Jumlah kejadian kriminalitas – Target Jumlah kriminalitas",
    "Hasil survey 1 tahun sekali",
    "Dokumen penganggaran : 1. RKA 2. DPA",
    "Jumlah kegiatan dengan realisasi capaian kinerja 91%-100%",
    "Cukup Jelas",
])
def test_non_ratios_have_no_parts(raw):
    parsed = parse_formula(raw)
    assert parsed.numerator is None and parsed.denominator is None and parsed.multiplier is None


def test_denominator_from_next_row_and_glued_multiplier():
    parsed = parse_formula("Jumlah desa melapor dengan baikx100%", "Jumlah seluruh desa")
    assert parsed.formula == "Jumlah desa melapor dengan baik / Jumlah seluruh desa x 100%"
    assert (parsed.numerator, parsed.denominator, parsed.multiplier) == (
        "Jumlah desa melapor dengan baik", "Jumlah seluruh desa", 100)


def test_times_inside_brackets_is_not_a_multiplier():
    parsed = parse_formula("Jumlah waktu (pemohon x waktu layanan)", "Jumlah pemohon")
    assert parsed.multiplier is None
    assert parsed.numerator == "Jumlah waktu (pemohon x waktu layanan)"


def test_empty_formula():
    assert parse_formula("  ").formula is None


def test_ratio_on_one_line_of_a_longer_cell():
    parsed = parse_formula("Laporan koordinasi dengan pemda\nΣ hasil koordinasi / Σ seluruh koordinasi x 100 %")
    assert (parsed.numerator, parsed.denominator, parsed.multiplier) == ("hasil koordinasi", "seluruh koordinasi", 100)


def test_scrambled_fraction_as_plain_text():
    parsed = parse_formula("Jumlah KTP diproses / 100% x Jumlah usulan KTP")
    assert (parsed.numerator, parsed.denominator) == ("Jumlah KTP diproses", "Jumlah usulan KTP")
    assert parsed.multiplier == 100
