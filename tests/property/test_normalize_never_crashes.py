"""Random and mutated decree text through parse_text + normalize_layout raises only the project's own errors.

A batch import records an IkiError against its file; any other exception
would be reported as "unexpected", so normalize/ must turn whatever text it
is given into a record or an IkiError naming the file.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import IkiError
from extract.text_reader import parse_text
from normalize.document import normalize_layout
from tests.conftest import SAMPLES

DECREE_LINES = (SAMPLES / "text" / "ngluyu-nganjuk-2021.txt").read_text(encoding="utf-8").splitlines()
EXAMPLES = int(os.environ.get("IKI_PROPERTY_EXAMPLES", "60"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow])

# pieces that steer the parser: table syntax, headings, numbers, formulas, dates
TOKENS = st.sampled_from([
    "\t", "|", "| --- |", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "**", "#", "-", "•",
    "CAMAT", "SEKRETARIS", "KEPALA SEKSI", "KASUBAG", "JABATAN :", "TUGAS :", "FUNGSI :", "INDIKATOR KINERJA",
    "SASARAN", "TARGET", "100%", "12 dokumen", "x 100", "$\\frac{a}{b}$", "\\times", "NOMOR :", "TAHUN 2022",
    "KECAMATAN NGLUYU", "KABUPATEN NGANJUK", "Tanggal 31 Desember 2021", "NIP. 19680101 199003 1 001", "\n",
    "0", "-1", "1e999", "½", "٣", "\u200b", "\x00", "\ufeff",
])


def run(text: str) -> None:
    try:
        normalize_layout(parse_text(text, "acak.txt"))
    except IkiError as exc:
        assert "acak.txt" in str(exc)


@PROFILE
@given(st.text(max_size=2_000))
def test_random_text(text: str) -> None:
    run(text)


@PROFILE
@given(st.lists(st.one_of(TOKENS, st.text(max_size=30)), max_size=200).map(" ".join))
def test_random_decree_vocabulary(text: str) -> None:
    run(text)


@st.composite
def mutated_decree(draw: st.DrawFn) -> str:
    """The sample decree with lines dropped, repeated, swapped, cut, or spliced with decree vocabulary."""
    lines = list(DECREE_LINES)
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "splice", "tabs"]))
        if action == "drop":
            del lines[at:at + draw(st.integers(1, 20))]
        elif action == "repeat":
            lines[at:at] = lines[at:at + draw(st.integers(1, 10))]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "cut":
            lines[at] = lines[at][:draw(st.integers(0, max(0, len(lines[at]))))]
        elif action == "splice":
            lines.insert(at, " ".join(draw(st.lists(st.one_of(TOKENS, st.text(max_size=20)), max_size=12))))
        else:
            lines[at] = lines[at].replace(" ", draw(st.sampled_from(["\t", "|", "\t\t", " | "])))
    return "\n".join(lines)


@PROFILE
@given(mutated_decree())
def test_mutated_decree(text: str) -> None:
    run(text)
