"""The extractor version follows the code and data that shape records, so a re-import applies changed rules."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.version import RECORD_PACKAGES, code_digest, extractor_version, package_roots
from store.db import open_store
from store.models import IndicatorRow, SourceFile
from tests.conftest import ROOT, SAMPLES

PACKAGES = ("extract", "normalize", "pipeline", "store", "web")
SAMPLE = SAMPLES / "text" / "ponggok-blitar-2022.txt"
VOCABULARY = Path("normalize", "data", "vocabulary.json")


def _copy_packages(target: Path) -> Path:
    target.mkdir()
    for name in PACKAGES:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _flip_one_byte(path: Path, old: bytes, new: bytes) -> None:
    """Replace the first `old` by `new`, which differs from it in exactly one byte."""
    data = path.read_bytes()
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1 and old in data
    path.write_bytes(data.replace(old, new, 1))


@pytest.mark.parametrize("changed", [VOCABULARY, Path("normalize", "rows.py"), Path("extract", "text_reader.py"),
                                     Path("normalize", "harmonize", "data", "variants.tsv")])
def test_one_changed_byte_of_a_rule_or_data_file_changes_the_version(tmp_path, changed):
    copy = _copy_packages(tmp_path / "copy")
    roots = [copy / name for name in RECORD_PACKAGES]
    assert code_digest(roots) == code_digest(package_roots()), "the digest must not depend on where the code is"
    _flip_one_byte(copy / changed, b"a", b"b")
    assert code_digest(roots) != code_digest(package_roots())


def test_the_version_is_the_package_version_plus_the_digest():
    version = extractor_version()
    package, digest = version.split("+")
    assert package == "0.1.0" and code_digest(package_roots()).startswith(digest) and len(digest) == 12


def _iki(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy), "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=copy)


def _kinds(url: str) -> dict[str, int]:
    factory = open_store(url)
    with factory() as session:
        found = dict(session.execute(select(IndicatorRow.kind, func.count()).group_by(IndicatorRow.kind)).all())
        versions = set(session.scalars(select(SourceFile.extractor_version)))
    factory.kw["bind"].dispose()
    return {"versions": len(versions), **found}


def test_reimport_after_a_vocabulary_change_extracts_again_and_applies_the_new_rule(tmp_path):
    """One byte of normalize's data changes records; the skip check must see a new version and re-extract."""
    copy = _copy_packages(tmp_path / "copy")
    url = f"sqlite:///{tmp_path / 'iki.db'}"
    assert _iki(copy, "db", "upgrade", "--db", url).returncode == 0
    first = _iki(copy, "import", str(SAMPLE), "--db", url, "--report", str(tmp_path / "first.json"))
    assert first.returncode == 0, first.stderr
    before = _kinds(url)
    assert before.get("jumlah", 0) > 0
    old_version = _iki(copy, "--version").stdout

    _flip_one_byte(copy / VOCABULARY, b'["jumlah", "banyaknya"]', b'["jxmlah", "banyaknya"]')
    new_version = _iki(copy, "--version").stdout
    assert new_version != old_version and new_version.startswith("iki, extractor version 0.1.0+")
    again = _iki(copy, "import", str(SAMPLE), "--db", url, "--report", str(tmp_path / "again.json"))
    assert again.returncode == 0, again.stderr
    assert "0 imported, 1 updated, 0 unchanged, 0 failed" in again.stdout
    after = _kinds(url)
    assert after.get("jumlah", 0) < before["jumlah"] and after["versions"] == 1
