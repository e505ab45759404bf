"""`iki summary`: what the database holds, per kecamatan, and what to type next."""
from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from pipeline.commands.store_cmds import reporting

if TYPE_CHECKING:
    import pandas as pd

NEXT_STEPS = (
    ("iki show Ponggok", "positions and indicators of one decree"),
    ("iki query --level kasi --kind persentase", "indicators across decrees (--csv for a file)"),
    ("iki export --format xlsx --out iki.xlsx", "everything, for a spreadsheet"),
    ("iki eval", "accuracy against the hand-made gold files"),
)


def per_kecamatan(decrees: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Positions, indicators and the share whose formula parsed into a ratio, per kecamatan and year."""
    parsed = indicators.assign(parsed=indicators["numerator"].notna() & indicators["denominator"].notna())
    rows = parsed.groupby(["kecamatan", "tahun"], dropna=False).agg(
        indicators=("row_id", "count"), with_formula=("formula", "count"), parsed=("parsed", "sum"))
    positions = decrees.groupby(["kecamatan", "tahun"], dropna=False)["positions"].sum()
    table = rows.join(positions, how="outer").fillna(0).reset_index()
    table["parsed_share"] = (table["parsed"] / table["with_formula"].where(table["with_formula"] > 0)).fillna(0.0)
    return table


def summary(db: str | None = typer.Option(None, "--db", help="Database URL (default sqlite:///iki.db).")) -> None:
    """Per kecamatan: positions, indicators, and the share of formulas parsed into numerator/denominator."""
    import pandas as pd  # the database and data-frame libraries load when the command runs, not for `iki --help`

    from store.db import open_store
    from store.queries import decrees_frame, indicators_frame

    with reporting():
        factory = open_store(db)
        with factory() as session:
            table = per_kecamatan(decrees_frame(session), indicators_frame(session))
    out = Table("kecamatan", "tahun", "positions", "indicators", "with formula", "formula parsed")
    for row in table.itertuples():
        out.add_row(str(row.kecamatan), str(int(row.tahun)) if pd.notna(row.tahun) else "-", str(int(row.positions)),
                    str(int(row.indicators)), str(int(row.with_formula)), f"{row.parsed_share:.0%}")
    console = Console()
    console.print(out)
    steps = Table.grid(padding=(0, 2))
    steps.add_column(no_wrap=True)
    steps.add_column()
    for command, what in NEXT_STEPS:
        steps.add_row(f"[bold]{command}[/bold]", what)
    console.print("Next:")
    console.print(steps)


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
