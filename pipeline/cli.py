"""The `iki` command.

Each sub-command lives in a module of `pipeline.commands` that registers it
(`register(app)`). Building a command means importing its module and reading
the types of all its options, which for every command together costs more
than running one; so the root group builds a command only when it is asked
for: `iki extract FILE` imports and builds the extraction commands alone,
while `iki --help` (which lists them all) builds every one. The help lists
the commands in the order of `COMMANDS`.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Annotated, Any

import typer
from typer._click import Command  # the Click that Typer bundles
from typer.core import TyperGroup
from typer.main import get_group

# Every command of `iki`, in the order the help lists them, with the module of pipeline.commands that registers it.
COMMANDS: dict[str, str] = {
    "extract": "extract_cmds", "eval": "extract_cmds", "summary": "summary_cmds", "regions": "regions_cmds",
    "import": "store_cmds", "show": "store_cmds", "query": "store_cmds", "export": "store_cmds",
    "compare": "concepts_cmds", "serve": "web_cmds", "db": "store_cmds", "correct": "store_cmds",
    "concepts": "concepts_cmds", "user": "web_cmds",
}


@cache
def module_commands(module: str) -> dict[str, Command]:
    """The Click commands one module of pipeline.commands registers, built as Typer builds them for `iki`."""
    area = typer.Typer()
    importlib.import_module(f"pipeline.commands.{module}").register(area)
    return dict(get_group(area).commands)


class _LazyCommands(Mapping[str, Command]):
    """Command name -> Click command, building a command's module on first use; the names alone need no import."""

    def __getitem__(self, name: str) -> Command:
        if name not in COMMANDS:
            raise KeyError(name)
        return module_commands(COMMANDS[name])[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TyperGroup):
    """The root group of `iki`, whose sub-commands are built when they are looked up."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands()  # type: ignore[assignment]  # read-only: commands come from COMMANDS


app = typer.Typer(cls=LazyGroup, help="Turn IKI decrees (Keputusan Camat) into clean, comparable data.",
                  no_args_is_help=True)


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


if __name__ == "__main__":
    app(prog_name="iki")
