"""`iki import` and `iki correct` given odd input: binary data named .txt, NUL bytes, a FIFO, escape sequences
in file names, a name too long for the audit trail, and a scan that would take too long."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from pipeline.run import extract_file
from store import corrections
from store.errors import InvalidCorrection
from store.models import Decree, IndicatorRow, Position, SourceFile
from tests.conftest import ROOT, family_file

WIDE = {"COLUMNS": "250"}
ESCAPES = "\x1b[2J\x1b[31mmerah\x07"


def _import(cli, db_url: str, *args: str):
    return CliRunner().invoke(cli, ["import", *args, "--db", db_url], env=WIDE)


def _report(path: Path) -> dict[str, dict]:
    return {f["source"]: f for f in json.loads(path.read_text(encoding="utf-8"))["files"]}


def test_random_bytes_named_txt_are_refused_as_no_text(factory, db_url, cli, tmp_path):
    noise = tmp_path / "acak.txt"
    noise.write_bytes(random.Random(15).randbytes(1 << 20))
    result = _import(cli, db_url, str(noise), "--report", str(tmp_path / "run.json"))
    assert result.exit_code == 1
    error = _report(tmp_path / "run.json")["acak.txt"]["error"]
    assert error.startswith("acak.txt: not a text file")
    with factory() as session:
        assert session.scalar(select(SourceFile.status).where(SourceFile.name == "acak.txt")) == "failed"


def test_nul_bytes_are_dropped_and_the_decree_stored_on_every_backend(factory, db_url, cli, tmp_path, seed_paths):
    clean = seed_paths[0]
    dirty = tmp_path / "bernul.txt"
    text = clean.read_bytes()
    dirty.write_bytes(b"\x00".join(text.split(b"\n", 40)))
    result = _import(cli, db_url, str(dirty), "--report", str(tmp_path / "run.json"))
    assert result.exit_code == 0, result.output
    assert "NUL byte(s) dropped" in " ".join(_report(tmp_path / "run.json")["bernul.txt"]["warnings"])
    expected = extract_file(clean)
    with factory() as session:
        texts = session.execute(select(IndicatorRow.sasaran, IndicatorRow.indikator, IndicatorRow.formula)).all()
    assert len(texts) == len(expected.indicators)
    assert not [text for row in texts for text in row if text and "\x00" in text]


def test_a_fifo_is_refused_by_name_instead_of_hanging_the_import(factory, db_url, tmp_path, seed_paths):
    fifo = tmp_path / "pipa.txt"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT), **WIDE}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pipeline", "import", str(fifo), str(seed_paths[0]),
                             "--db", db_url, "--report", str(tmp_path / "run.json")],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and time.monotonic() - started < 120
    files = _report(tmp_path / "run.json")
    assert files["pipa.txt"]["error"] == "pipa.txt: a FIFO (named pipe), not a regular file; only files can be imported"
    assert files[seed_paths[0].name]["outcome"] == "imported"


def test_escape_sequences_in_file_names_are_printed_visibly(db_url, cli, factory, tmp_path, seed_paths):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / f"bad{ESCAPES}.txt").write_bytes(b"")
    (folder / f"good{ESCAPES}.txt").write_bytes(seed_paths[1].read_bytes())
    result = _import(cli, db_url, str(folder), "--report", str(tmp_path / "run.json"))
    assert result.exit_code == 1
    assert not any(ch in result.output for ch in "\x1b\x07"), "control characters reached the terminal"
    assert "bad\\x1b[2J\\x1b[31mmerah\\x07.txt: file is empty" in result.output
    shown = CliRunner().invoke(cli, ["show", "1", "--db", db_url], env=WIDE)
    assert "\x1b" not in shown.output and "good\\x1b[2J" in shown.output


def test_a_name_too_long_for_the_audit_trail_is_refused_cleanly(imported, db_url, cli):
    with imported() as session:
        key = session.scalars(select(IndicatorRow.row_key).order_by(IndicatorRow.id)).first()
    long = "x" * 101
    result = CliRunner().invoke(cli, ["correct", "set", "1", key, "target", "1", "--who", long, "--db", db_url],
                                env=WIDE)
    assert result.exit_code == 2 and "1 to 100 characters" in result.output, result.output
    user = CliRunner().invoke(cli, ["user", "add", long, "--role", "officer", "--password", "a long password",
                                    "--db", db_url], env=WIDE)
    assert user.exit_code == 1 and "1 to 100 characters" in user.output
    with imported.begin() as session, pytest.raises(InvalidCorrection, match="1 to 100 characters"):
        corrections.set_field(session, session.get_one(Decree, 1), key, "target", "1", who=long)


def test_a_scan_over_the_time_budget_is_refused_and_the_batch_goes_on(factory, db_url, cli, tmp_path, seed_paths):
    scan = family_file("scan")
    started = time.monotonic()
    result = _import(cli, db_url, str(scan), str(seed_paths[2]), "--max-seconds", "1",
                     "--report", str(tmp_path / "run.json"))
    assert result.exit_code == 1 and time.monotonic() - started < 60
    files = _report(tmp_path / "run.json")
    assert files[scan.name]["outcome"] == "failed" and files[seed_paths[2].name]["outcome"] == "imported"
    assert scan.name in files[scan.name]["error"] and "1 s" in files[scan.name]["error"]
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Position)) > 0
