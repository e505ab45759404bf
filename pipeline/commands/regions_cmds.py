"""`iki regions KEYWORD`: look up official Kemendagri names and codes.

Data officers use it to check what a decree's kecamatan or kabupaten resolves to,
or to find the code of a region by name (or the regions under a code).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from normalize.regions import RegionEntry

_KIND_LABELS = {
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten",
    "kota": "Kota",
    "kecamatan": "Kecamatan",
    "distrik": "Distrik",
}


def regions_table(keyword: str, entries: list[RegionEntry], source: str) -> Table:
    """The matches as a table, best first, with the data source in the caption."""
    table = Table(title=f"Regions matching {keyword!r}", caption=f"Kemendagri codes from {source}")
    table.add_column("Code", no_wrap=True)
    table.add_column("Level")
    table.add_column("Name")
    table.add_column("Kabupaten/Kota")
    table.add_column("Provinsi")
    table.add_column("Score", justify="right")
    for entry in entries:
        table.add_row(entry.code, _KIND_LABELS[entry.kind], entry.name, entry.kabupaten or "",
                      entry.provinsi or "", f"{entry.score:.0f}")
    return table


def regions(
    keyword: Annotated[str, typer.Argument(help="A region name (any level, 'Kab.'/'Kota'/'Kec.' allowed) or code.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most rows to show.")] = 20,
) -> None:
    """Print provinsi, kabupaten/kota and kecamatan matching KEYWORD with their Kemendagri codes."""
    from normalize.regions import load_gazetteer, lookup  # the gazetteer and rapidfuzz load only for this command

    console = Console()
    entries = lookup(keyword, limit=limit)
    if not entries:
        console.print(f"No region matches {keyword!r}.")
        raise typer.Exit(code=1)
    console.print(regions_table(keyword, entries, load_gazetteer().source))


def register(app: typer.Typer) -> None:
    app.command("regions")(regions)
