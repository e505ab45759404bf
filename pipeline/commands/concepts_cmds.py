"""`iki concepts` and `iki compare`: indicator concepts and side-by-side views across kecamatan.

They read the JSON records `iki extract FILES --out DIR` writes, so that
grouping can be checked and tuned on any set of decrees before it is stored.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from normalize.harmonize.catalogue import Catalogue, load_catalogue, save_catalogue
from normalize.harmonize.compare import assignment_frame, concepts_used, for_concept, for_jabatan, jabatan_matrix
from normalize.harmonize.concepts import group_indicators, grow_catalogue
from normalize.records import DecreeRecord, record_from_dict

RECORDS = typer.Option(..., "--records", exists=True, file_okay=False, help="Directory of records from `iki extract`.")
CATALOGUE = typer.Option(None, "--catalogue", exists=True, dir_okay=False,
                         help="Concept catalogue (JSON) to match against; default the shipped seed.")


def load_records(directory: Path) -> list[DecreeRecord]:
    """Every decree record (*.json with positions) in a directory, in file-name order."""
    records = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "positions" in data:
            data.setdefault("source", path.with_suffix("").name)
            records.append(record_from_dict(data))
    if not records:
        raise typer.BadParameter(f"no decree records in {directory}", param_hint="--records")
    return records


def _grouped(records_dir: Path, catalogue_path: Path | None) -> tuple[pd.DataFrame, Catalogue]:
    records = load_records(records_dir)
    catalogue = load_catalogue(catalogue_path)
    assignments = group_indicators(records, catalogue)
    return assignment_frame(records, assignments), grow_catalogue(catalogue, assignments)


def _print(frame: pd.DataFrame, title: str) -> None:
    table = Table(*[str(c) for c in frame.columns], title=title, show_lines=True)
    for row in frame.itertuples(index=False):
        table.add_row(*["" if pd.isna(v) else str(v) for v in row])
    Console().print(table)


def concepts(records: Path = RECORDS, catalogue: Path | None = CATALOGUE,
             min_kecamatan: int = typer.Option(1, "--min-kecamatan", min=1,
                                               help="Only concepts used by at least this many kecamatan."),
             save: Path | None = typer.Option(None, "--save", help="Write the catalogue grown by the proposals here."),
             csv: Path | None = typer.Option(None, "--csv", help="Also write the table as CSV.")) -> None:
    """List the concepts the indicators use, with the number of kecamatan using each."""
    frame, grown = _grouped(records, catalogue)
    table = concepts_used(frame, list(grown.concepts))
    table = table[table["kecamatan"] >= min_kecamatan]
    _print(table, f"{len(table)} concepts over {frame['kecamatan'].nunique()} kecamatan")
    if csv:
        table.to_csv(csv, index=False)
    if save:
        save_catalogue(grown, save)


def compare(records: Path = RECORDS, catalogue: Path | None = CATALOGUE,
            concept: str | None = typer.Option(None, "--concept", help="Concept code (see `iki concepts`)."),
            jabatan: str | None = typer.Option(None, "--jabatan",
                                               help="Level (camat, sekretaris, kasubag, kasi, pelaksana) or "
                                                    "canonical position code (kasubag_umum, kasi_trantib, ...)."),
            csv: Path | None = typer.Option(None, "--csv", help="Also write the rows as CSV.")) -> None:
    """Kecamatan side by side: one concept's wording, formula, target and data source, or one position's indicators."""
    if (concept is None) == (jabatan is None):
        raise typer.BadParameter("give exactly one of --concept and --jabatan")
    frame, grown = _grouped(records, catalogue)
    if concept is not None:
        if not grown.has(concept):
            raise typer.BadParameter(f"no concept {concept!r}; `iki concepts` lists them", param_hint="--concept")
        rows = for_concept(frame, grown.get(concept).code)
        _print(rows, grown.get(concept).name)
    else:
        rows = for_jabatan(frame, jabatan)
        if rows.empty:
            raise typer.BadParameter(f"no indicators for {jabatan!r}", param_hint="--jabatan")
        _print(jabatan_matrix(rows).reset_index(), f"Indicators of {jabatan}")
    if csv:
        rows.to_csv(csv, index=False)


def register(app: typer.Typer) -> None:
    app.command("concepts")(concepts)
    app.command("compare")(compare)
