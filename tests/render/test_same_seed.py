"""The same seed draws the same files: the committed family is exactly what the generator makes today."""
from __future__ import annotations

import json

from samples.render.family import Form, generate
from samples.render.gold import load_records
from tests.render.conftest import FAMILY, manifest, variant_ids

EXACT_FORMS = [Form.DOCX, Form.HTML, Form.XLSX, Form.REPORTLAB_PDF]


def test_generating_again_gives_byte_identical_files_and_the_same_choices(tmp_path):
    variant = variant_ids()[1]
    entry = manifest()["variants"][variant]
    records = load_records(stems=[entry["sample"]])
    generate(records, entry["variant"], entry["seed"], tmp_path, EXACT_FORMS, jobs=1, log=lambda _: None)
    for form in EXACT_FORMS:
        name = f"{variant}{form.suffix}"
        assert (tmp_path / form.value / name).read_bytes() == (FAMILY / form.value / name).read_bytes(), form
    gold = f"gold/{variant}.gold.json"
    assert (tmp_path / gold).read_bytes() == (FAMILY / gold).read_bytes()
    again = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["variants"][variant]
    assert again["design"] == entry["design"]
    assert {f: again["forms"][f] for f in again["forms"]} == {f: entry["forms"][f] for f in again["forms"]}
