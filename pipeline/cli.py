"""The `iki` command."""
from __future__ import annotations

import typer

from pipeline.commands import concepts_cmds, extract_cmds, regions_cmds, store_cmds, summary_cmds, web_cmds

app = typer.Typer(help="Turn IKI decrees (Keputusan Camat) into clean, comparable data.", no_args_is_help=True)
extract_cmds.register(app)
summary_cmds.register(app)
regions_cmds.register(app)
store_cmds.register(app)
concepts_cmds.register(app)
web_cmds.register(app)
