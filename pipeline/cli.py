"""The `iki` command."""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline.commands import concepts_cmds, extract_cmds, regions_cmds, store_cmds, summary_cmds, web_cmds

app = typer.Typer(help="Turn IKI decrees (Keputusan Camat) into clean, comparable data.", no_args_is_help=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        from pipeline.version import extractor_version

        typer.echo(f"iki, extractor version {extractor_version()}")
        raise typer.Exit()


@app.callback()
def main(
    _version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                           help="Print the extractor version (it changes with every rule) and exit.")]
    = False,
) -> None:
    """Turn IKI decrees (Keputusan Camat) into clean, comparable data."""


extract_cmds.register(app)
summary_cmds.register(app)
regions_cmds.register(app)
store_cmds.register(app)
concepts_cmds.register(app)
web_cmds.register(app)
