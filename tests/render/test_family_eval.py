"""bench/family_eval.py scores each form of a family and reports a form whose files all fail, without dying."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT
from tests.render.conftest import FAMILY, variant_ids


def test_a_form_of_corrupt_files_is_reported_failed_and_the_other_forms_are_scored(tmp_path):
    family = tmp_path / "family"
    variant = variant_ids()[0]
    (family / "gold").mkdir(parents=True)
    shutil.copy(FAMILY / "gold" / f"{variant}.gold.json", family / "gold")
    (family / "layout-text").mkdir()
    shutil.copy(FAMILY / "layout-text" / f"{variant}.txt", family / "layout-text")
    (family / "reportlab-pdf").mkdir()
    whole = (FAMILY / "reportlab-pdf" / f"{variant}.pdf").read_bytes()
    (family / "reportlab-pdf" / f"{variant}.pdf").write_bytes(whole[: len(whole) // 3])
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "family_eval.py"), str(family), "--out",
                           str(tmp_path / "out"), "--json", str(report), "--referee", str(tmp_path / "none.py")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) == {"layout-text", "reportlab-pdf"}
    broken = data["reportlab-pdf"]
    assert broken["status"] == "failed" and variant in broken["failed"]
    assert f"{variant}.pdf" in broken["failed"][variant]
    assert broken["own"]["max"] == 0.0 and broken["referee"] is None
    text = data["layout-text"]
    assert text["files"] == 1 and set(text["own"]["variants"]) == {variant}
    assert "reportlab-pdf" in done.stdout and "FAILED" in done.stdout
