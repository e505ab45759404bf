"""A photographed page is one page and shows exactly the positions its gold holds."""
from __future__ import annotations

import random
import re
from datetime import datetime

import pypdfium2 as pdfium

from samples.render.convert import page_count
from samples.render.photo_page import PhotoPage, render_page
from tests.render.conftest import manifest, variant_ids, variant_run


def test_the_recorded_photo_page_renders_as_one_page_showing_only_its_positions(tmp_path):
    variant = variant_ids()[0]
    choices = manifest()["variants"][variant]["forms"]["photo"]["choices"]
    run = variant_run(variant)
    page = PhotoPage(tuple(choices["page"]["positions"]), choices["page"]["heading"], choices["page"]["rows"])
    pdf = render_page(run.record, run.design, page, choices["renderer"], tmp_path, random.Random(0),
                      datetime(2022, 1, 1))
    assert page_count(pdf) == 1
    doc = pdfium.PdfDocument(str(pdf))
    text = re.sub(r"\s+", "", doc[0].get_textpage().get_text_range())
    doc.close()
    shown = {run.record.positions[i].jabatan for i in page.positions}
    for i, position in enumerate(run.record.positions):
        if position.jabatan and position.jabatan not in shown:
            assert re.sub(r"\s+", "", position.jabatan) not in text, i
    assert all(re.sub(r"\s+", "", j) in text for j in shown if j)
