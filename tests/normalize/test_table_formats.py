"""The same decree with its tables written as markdown pipes or HTML gives the same records."""
from __future__ import annotations

import html

import pytest

from extract.text_reader import parse_text
from normalize.document import normalize_layout


def _as_pipes(text: str) -> str:
    return "\n".join("| " + " | ".join(c.replace("|", "/") for c in line.split("\t")) + " |" if "\t" in line
                     else line for line in text.split("\n"))


def _as_html(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            out.append(f"<table><tr>{cells}</tr></table>")
        else:
            out.append(line)
    return "\n".join(out)


def _summary(text: str) -> list[tuple]:
    record = normalize_layout(parse_text(text, "x.md", "text/markdown"))
    return [(p.jabatan, i.sasaran, i.indikator, i.numerator, i.denominator, i.sumber_data)
            for p in record.positions for i in p.indicators]


@pytest.mark.parametrize("convert", [_as_pipes, _as_html])
def test_table_syntax_does_not_change_records(samples, convert):
    for _, path in samples:
        text = path.read_text(encoding="utf-8")
        if "|" in text:
            continue
        assert _summary(convert(text)) == _summary(text), path.name
