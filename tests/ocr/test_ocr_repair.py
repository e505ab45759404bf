"""Repairs of Tesseract's misreadings only where the page bears them out."""
from __future__ import annotations

from extract.ocr_repair import repair_colons, repair_column_numbers, repair_glyphs, repair_row_numbers
from extract.pdf_words import Word

TABLE = [(50.0, 100.0, 80.0, 120.0), (80.0, 100.0, 300.0, 120.0),
         (50.0, 120.0, 80.0, 160.0), (80.0, 120.0, 300.0, 160.0),
         (50.0, 160.0, 80.0, 200.0), (80.0, 160.0, 300.0, 200.0),
         (50.0, 200.0, 80.0, 240.0), (80.0, 200.0, 300.0, 240.0)]


def word(text: str, row: int, x: float = 55.0) -> Word:
    top = (100.0, 125.0, 165.0, 205.0)[row]
    return Word(text, x, top, x + 15, top + 10, 0.9)


def test_row_numbers_in_a_numbered_column_are_read_back() -> None:
    words = [word("NO", 0), word("1:", 1), word("i.", 2), word("3.", 3), word("Jumlah", 1, 100.0)]
    fixed = repair_row_numbers(words, [TABLE])
    assert [w.text for w in fixed] == ["NO", "1.", "1.", "3.", "Jumlah"]
    assert fixed[1].conf < 0.9 and fixed[3].conf == 0.9


def test_under_a_no_header_a_garbled_number_takes_its_place_in_the_count() -> None:
    words = [word("NO", 0), word("(1)", 1), word("a:", 2), word("2", 3)]
    assert [w.text for w in repair_row_numbers(words, [TABLE])] == ["NO", "(1)", "1.", "2"]


def test_a_first_column_of_words_is_left_alone() -> None:
    words = [word("a:", 1), word("Ii", 2), word("b:", 3)]
    assert repair_row_numbers(words, [TABLE]) == words
    wide = [(x0, y0, x1 + 100, y1) for x0, y0, x1, y1 in TABLE]
    numbers = [word("NO", 0), word("1:", 1), word("2:", 2)]
    assert repair_row_numbers(numbers, [wide]) == numbers


def test_percent_after_a_number() -> None:
    assert repair_glyphs("Yo", "100") == "%" and repair_glyphs("Yo", "kata") == "Yo"
    assert repair_glyphs("100%o", "x") == "100%"


def numbers_row(texts: list[str]) -> list[Word]:
    return [Word(t, 55.0 + 60 * i, 105, 70.0 + 60 * i, 115, 0.9) for i, t in enumerate(texts)]


def test_a_damaged_column_number_gets_its_place_in_the_count() -> None:
    row = [(50.0 + 60 * i, 100.0, 110.0 + 60 * i, 120.0) for i in range(5)]
    fixed = repair_column_numbers(numbers_row(["()", "(2)", "(3)", "l)", "(5)"]), [row])
    assert [w.text for w in fixed] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    for texts in (["a", "(2)", "(3)", "(4)", "(5)"], ["()", "(3)", "(3)", "(4)", "(5)"]):
        assert repair_column_numbers(numbers_row(texts), [row]) == numbers_row(texts)


def test_a_colon_read_as_one_is_read_back_where_a_clean_colon_stands_above() -> None:
    line = [Word("JABATAN", 69, 100, 108, 110, 0.96), Word("1.", 141, 100, 142, 110, 0.6),
            Word("SEKRETARIS", 160, 100, 215, 110, 0.9)]
    clean = [Word("FUNGSI", 71, 130, 103, 140, 0.95), Word(":", 141, 130, 142, 140, 0.9)]
    assert [w.text for w in repair_colons(line + clean)][:3] == ["JABATAN", ":", "SEKRETARIS"]
    assert repair_colons(line) == line  # no clean colon on the page: nothing to align with
    number = [Word("1.", 141, 160, 142, 170, 0.9), Word("Tugas", 160, 160, 190, 170, 0.9)]
    assert repair_colons(number + clean)[:2] == number  # first on its line: a row number
    wide = [Word("JABATAN", 69, 100, 108, 110, 0.96), Word("11.", 141, 100, 150, 110, 0.9)]
    assert repair_colons(wide + clean)[:2] == wide


def test_a_sums_sigma_read_as_a_currency_sign_or_after_a_fraction_bar() -> None:
    assert repair_glyphs("£", "") == "Σ" and repair_glyphs("€", "baik") == "Σ"
    assert repair_glyphs("=", "/") == "Σ" and repair_glyphs("=", "Target") == "="
