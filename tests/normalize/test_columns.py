from normalize.columns import map_header


def test_headers_mapped_by_meaning():
    header = map_header(["No", "SASARAN (KINERJA KEGIATAN)", "INDIKATOR KINERJA KEGIATAN",
                         "PENJELASAN/FORMULAS I PENGHITUNGAN", "SUMBER DATA"])
    assert header is not None
    assert header.fields == ("no", "sasaran", "indikator", "formula", "sumber_data")


def test_first_word_decides_between_two_meanings():
    header = map_header(["SASARAN", "INDIKATOR", "FORMULA INDIKATOR", "TARGET"])
    assert header is not None and header.fields == ("sasaran", "indikator", "formula", "target")


def test_split_and_empty_header_cells_join_their_neighbour():
    header = map_header(["", "Sasaran", "Indikato", "r Kinerja Individu", "", "Sumber Data"])
    assert header is not None
    assert header.fields == ("sasaran", "sasaran", "indikator", "indikator", "indikator", "sumber_data")


def test_unknown_header_is_reported_not_dropped():
    header = map_header(["Sasaran", "Indikator Kinerja", "Satuan", "Target"])
    assert header is not None
    assert header.unknown == ("Satuan",)
    assert header.fields[2] == "Satuan"


def test_a_data_row_is_not_a_header():
    assert map_header(["Meningkatnya kinerja", "Jumlah dokumen", "Cukup jelas", "SIMDA"]) is None


def test_headings_run_together_give_the_empty_cell_beside_them_the_second_field():
    # 'TARGET' and 'SUMBER DATA' over two narrow columns, read as one word over the first of them
    header = map_header(["NO", "SASARAN KEGIATAN", "INDIKATOR KINERJA INDIVIDU", "TARGETSUMBER DATA", "",
                         "PENJELASAN / FORMULASI PERHITUNGAN"])
    assert header is not None
    assert header.fields == ("no", "sasaran", "indikator", "target", "sumber_data", "formula")


def test_a_qualified_heading_leaves_its_empty_neighbour_to_the_left_column():
    header = map_header(["SASARAN", "INDIKATOR", "FORMULA INDIKATOR", "", "SUMBER DATA"])
    assert header is not None
    assert header.fields == ("sasaran", "indikator", "formula", "formula", "sumber_data")


def test_a_heading_pushed_into_the_next_column_is_given_back():
    # 'INDIKATOR' / 'KINERJA' wrapped in its column, its first word set over the RUMUS column
    header = map_header(["NO", "SASARAN", "KINERJA", "INDIKATOR RUMUS", "SUMBER DATA"])
    assert header is not None
    assert header.fields == ("no", "sasaran", "indikator", "formula", "sumber_data")


def test_a_sasaran_heading_cut_apart_is_no_pushed_heading():
    # 'SASARAN (KINERJA' on the line above, 'KEGIATAN)' left over a column with no field of its own
    header = map_header(["NO", "KEGIATAN)", "INDIKATOR KINERJA UTAMA SUMBER DATA", "FORMULASI PENGHITUNGAN"])
    assert header is not None
    assert header.fields[2] == "indikator" and "KEGIATAN)" in header.unknown


def test_a_narrow_heading_run_into_an_extra_columns_heading_is_given_back():
    header = map_header(["SASARAN", "INDIKATOR", "RUMUS", "SUMBER DATA", "KETERANGAN TARGET", ""])
    assert header is not None
    assert header.fields == ("sasaran", "indikator", "formula", "sumber_data", "KETERANGAN", "target")
    assert header.unknown == ("KETERANGAN",)


def test_a_heading_that_names_one_field_in_two_words_stays_whole():
    header = map_header(["SASARAN", "INDIKATOR", "RUMUS", "SUMBER DATA", ""])
    assert header is not None
    assert header.fields[3:] == ("sumber_data", "sumber_data")


def test_column_numbers_with_a_heading_run_down_over_them_are_still_column_numbers():
    from normalize.headers import is_column_numbers

    assert is_column_numbers(["1", "KEGIATAN) 2", "3", "4", "DATA 5"])
    assert not is_column_numbers(["1.", "Meningkatnya Sarana 2", "3", "4"])


def test_a_misread_heading_in_a_header_names_the_field_the_header_lacks():
    # OCR read 'S' as '5', and a wrapped 'PENANGGU' / 'NG JAWAB' left its 'NG' in front of the next heading
    for misread in ("VG5UMBER DATA", "NGSUMBER DATA", "SUMBFR DATA"):
        header = map_header(["NO", "SASARAN KEGIATAN", "INDIKATOR KINERJA", "FORMULA", "PENANGGU JAWAB", misread])
        assert header is not None and header.fields[-1] == "sumber_data", misread
        assert header.unknown == ("PENANGGU JAWAB",)


def test_an_extra_heading_a_letter_or_two_from_a_field_stays_an_extra_column():
    header = map_header(["No", "Indikator", "Satuan", "Tahunan", "Sumber Data"])
    assert header is not None and header.unknown == ("Satuan", "Tahunan")
    header = map_header(["No", "Sasaran", "Indikator", "Satuan", "Data"])
    assert header is not None and header.unknown == ("Satuan", "Data")


def test_column_numbers_with_one_misread_by_ocr_are_still_column_numbers():
    from normalize.headers import is_column_numbers

    assert is_column_numbers(["qa)", "(2)", "(3)", "(4)", "(5)"])  # '(1)' on a phone photo
    assert not is_column_numbers(["qa)", "(2)", "(4)", "(5)"])  # the count skips: not one misreading
    assert not is_column_numbers(["1", "2", "3", "ok"])  # a row's last cell without bracket or digit
