import os
import random
import time

import pytest

from extract.errors import ExtractError, InputRefused
from extract.layout import Line, Table
from extract.reader import ReaderOptions, read_layout
from extract.text_reader import decode, parse_text


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
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    with pytest.raises(ExtractError, match="kosong.txt.*empty"):
        read_layout(empty)


def test_nul_bytes_are_dropped_with_a_warning():
    text, warnings = decode(b"JABATAN : Camat\x00\n\x00Tugas", "x.txt")
    assert text == "JABATAN : Camat\nTugas" and warnings == ["x.txt: 2 NUL byte(s) dropped"]


def test_binary_data_is_no_text_whatever_its_name():
    with pytest.raises(ExtractError, match="x.txt: not a text file"):
        decode(random.Random(9).randbytes(4096), "x.txt")


def test_a_fifo_or_a_folder_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipa.txt"
    os.mkfifo(fifo)
    with pytest.raises(ExtractError, match="pipa.txt: a FIFO .named pipe., not a regular file"):
        read_layout(fifo)
    with pytest.raises(ExtractError, match="a folder, not a regular file"):
        read_layout(tmp_path)


def test_the_time_budget_runs_from_the_start_of_a_document():
    options = ReaderOptions(max_seconds=0.05)
    assert options.seconds_left("x.pdf") == float("inf")
    started = options.started()
    assert 0 < started.seconds_left("x.pdf") <= 0.05
    time.sleep(0.06)
    with pytest.raises(InputRefused, match="x.pdf: reading took longer than the limit of 0.05 s per document"):
        started.seconds_left("x.pdf")
