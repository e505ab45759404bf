"""Build records from small decree texts written in the tests."""
from __future__ import annotations

from textwrap import dedent

from extract.text_reader import parse_text
from normalize.document import normalize_layout
from normalize.records import DecreeRecord


def records_of(text: str) -> DecreeRecord:
    return normalize_layout(parse_text(dedent(text).replace("|", "\t"), "snippet.txt"))
