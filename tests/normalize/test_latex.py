from normalize.latex import first_fraction, latex_to_text, math_segments


def test_fraction_with_sums_and_text_becomes_plain_ratio():
    src = r"$\frac{\sum \text{Sarpras dlm kondisi yg baik}}{\sum \text{Sarpras}} \times 100$"
    assert latex_to_text(src) == "Σ Sarpras dlm kondisi yg baik / Σ Sarpras x 100"


def test_escaped_percent_and_ampersand():
    assert latex_to_text(r"$\frac{\text{A \& B}}{\text{C}} \times 100 \%$") == "A & B / C x 100 %"


def test_text_around_math_is_kept():
    src = r"Laporan koordinasi  $\frac{\sum \text{hasil}}{\sum \text{seluruh}} \times 100 \%$"
    assert latex_to_text(src) == "Laporan koordinasi Σ hasil / Σ seluruh x 100 %"


def test_first_fraction_gives_structure():
    fraction = first_fraction(r"$\frac{\text{A}}{100\%} \times \text{B}$")
    assert fraction is not None
    assert (fraction.numerator, fraction.denominator, fraction.after) == ("A", "100%", "x B")


def test_math_segments_one_per_formula():
    cell = r"$\frac{a}{b} \times 100$ $\frac{c}{d} \times 100$"
    assert len(math_segments(cell)) == 2


def test_plain_text_untouched():
    assert latex_to_text("Cukup Jelas") == "Cukup Jelas"
