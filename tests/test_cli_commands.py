"""The `iki` root group: every command is listed where it is registered, and a command loads only what it needs."""
from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import textwrap

import typer

import pipeline.commands
from pipeline.cli import COMMANDS, module_commands
from tests.conftest import ROOT, SAMPLES

HEAVY = ("sqlalchemy", "alembic", "pandas", "numpy", "fastapi", "uvicorn", "lokal", "pdfplumber", "cv2", "lxml")

LOADED_AFTER = textwrap.dedent("""
    import json, sys
    from pipeline.cli import app
    try:
        app(sys.argv[2:], prog_name="iki")
    except SystemExit:
        pass
    print(json.dumps([name for name in json.loads(sys.argv[1]) if name in sys.modules]))
""")


def test_every_registered_command_is_listed_with_its_module():
    registered = {}
    for module in pkgutil.iter_modules(pipeline.commands.__path__):
        area = typer.Typer()
        __import__(f"pipeline.commands.{module.name}", fromlist=["register"]).register(area)
        names = [info.name for info in area.registered_commands] + [info.name for info in area.registered_groups]
        registered.update(dict.fromkeys(names, module.name))
    assert registered == COMMANDS
    for name, module in COMMANDS.items():
        assert name in module_commands(module)


def _loaded(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", LOADED_AFTER, json.dumps(HEAVY), *args], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_help_and_extracting_a_text_file_load_no_database_data_frame_web_or_pdf_library(tmp_path):
    assert _loaded("--help") == []
    assert _loaded("extract", str(SAMPLES / "text" / "ponggok-blitar-2022.txt"), "--out", str(tmp_path)) == []
    assert (tmp_path / "ponggok-blitar-2022.json").is_file()


def test_a_database_command_still_loads_the_database_library(tmp_path):
    assert "sqlalchemy" in _loaded("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'iki.db'}")
    assert (tmp_path / "iki.db").is_file()
