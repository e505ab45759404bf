"""Bad inputs get errors naming the file; a form that cannot be made does not stop the others."""
from __future__ import annotations

import json

import pytest

from samples.render.__main__ import main
from samples.render.convert import ConversionError, docx_to_pdf
from samples.render.family import Form, generate
from samples.render.gold import GoldError, load_record, load_records


def test_a_broken_gold_file_is_refused_with_its_name(tmp_path, capsys):
    bad = tmp_path / "999_broken.gold.json"
    bad.write_text('{"decree": {"kecamatan": "X"', encoding="utf-8")
    with pytest.raises(GoldError, match="999_broken.gold.json"):
        load_record(bad)
    assert main(["--gold", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "999_broken.gold.json" in capsys.readouterr().err


def test_an_unknown_sample_is_refused():
    with pytest.raises(GoldError, match="no gold record for nope"):
        load_records(stems=["nope"])


def test_libreoffice_on_a_file_that_is_not_a_word_document_names_it(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConversionError, match="fake.docx"):
        docx_to_pdf(fake, tmp_path / "fake.pdf")


def test_a_missing_tool_fails_only_the_forms_that_need_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    records = load_records(stems=["001_821f072a5aa436a8"])
    (outcome,) = generate(records, 1, 1, tmp_path, [Form.DOCX, Form.DOCX_PDF, Form.REPORTLAB_PDF], jobs=1,
                          log=lambda _: None)
    assert len(outcome.errors) == 1 and "soffice not found" in outcome.errors[0]
    forms = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["variants"][outcome.id]["forms"]
    assert "error" in forms["docx-pdf"] and "file" in forms["docx"] and "file" in forms["reportlab-pdf"]
    assert (tmp_path / "reportlab-pdf" / f"{outcome.id}.pdf").exists()
