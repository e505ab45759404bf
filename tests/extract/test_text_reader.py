from extract.layout import Line, Table
from extract.reader import read_layout
from extract.text_reader import parse_text


def test_tab_rows_with_blank_lines_stay_one_table():
    layout = parse_text("Judul\nA\tB\n\nC\tD\nakhir\n", "x.txt")
    kinds = [type(b) for b in layout.blocks]
    assert kinds == [Line, Table, Line]
    assert [r.texts for r in layout.blocks[1].rows] == [["A", "B"], ["C", "D"]]
    assert layout.blocks[1].rows[1].span.line_start == 4


def test_markdown_pipe_table_and_separator():
    layout = parse_text("| a | b |\n|---|---|\n| 1 | 2 |\n", "x.md")
    assert [r.texts for r in layout.blocks[0].rows] == [["a", "b"], ["1", "2"]]


def test_html_table():
    layout = parse_text("<table><tr><td>Sasaran</td><td>Indikator</td></tr>\n<tr><td>X</td><td>Y</td></tr></table>",
                        "x.md")
    assert [r.texts for r in layout.blocks[0].rows] == [["Sasaran", "Indikator"], ["X", "Y"]]


def test_utf16_and_cp1252_fall_back_with_a_warning(tmp_path):
    utf16 = tmp_path / "a.txt"
    utf16.write_bytes("JABATAN : Camat\n".encode("utf-16"))
    cp1252 = tmp_path / "b.txt"
    cp1252.write_bytes("Tugas – Camat\n".encode("cp1252"))
    first, second = read_layout(utf16), read_layout(cp1252)
    assert first.blocks[0].text == "JABATAN : Camat" and "UTF-16" in first.warnings[0]
    assert second.blocks[0].text == "Tugas – Camat" and "Windows-1252" in second.warnings[0]
    assert "b.txt" in second.warnings[0]


def test_empty_file_is_a_clear_error(tmp_path):
    import pytest

    from extract.errors import ExtractError

    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    with pytest.raises(ExtractError, match="kosong.txt.*empty"):
        read_layout(empty)
