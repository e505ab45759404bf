"""A target column whose heading was lost (under a stamp, to OCR) is still the target's."""
from __future__ import annotations

from extract.text_reader import parse_text
from normalize.document import normalize_layout

BLOCK = [
    "JABATAN : KEPALA SEKSI PEMERINTAHAN",
    "TUGAS : membantu Camat dalam urusan pemerintahan",
    "FUNGSI :",
    "a. penyusunan program seksi pemerintahan",
    "",
]


def _rows(heading: str, values: list[str]) -> list[tuple[str | None, str | None]]:
    lines = [*BLOCK,
             f"| No | Sasaran | Indikator Kinerja | Sumber Data | {heading} | Satuan |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {n}. | Meningkatnya tertib administrasi desa {n} | Persentase desa tertib {n} | Laporan desa | "
              f"{value} | % |" for n, value in enumerate(values, 1)]
    record = normalize_layout(parse_text("\n".join(lines), "iki.md"))
    return [(i.sumber_data, i.target) for p in record.positions for i in p.indicators]


def test_an_unheaded_column_of_quantities_is_the_target() -> None:
    assert _rows("", ["100 %", "90%", "12 dokumen"]) == [
        ("Laporan desa", "100 %"), ("Laporan desa", "90%"), ("Laporan desa", "12 dokumen")]


def test_an_unheaded_column_of_words_stays_with_its_left_neighbour() -> None:
    rows = _rows("", ["Kecamatan", "Desa", "Kelurahan"])
    assert [target for _, target in rows] == [None, None, None]
    assert rows[0][0] is not None and "Kecamatan" in rows[0][0]
