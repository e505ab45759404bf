"""The scripted scenario (import, 10 corrections, re-extraction, export) passes on each backend."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_scenario_finds_all_corrections_in_the_export(db_url, tmp_path):
    result = subprocess.run([sys.executable, "-m", "bench.store_scenario", "--db", db_url], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "10 of 10 corrections are in the export; the audit trail has 10 entries" in result.stdout
