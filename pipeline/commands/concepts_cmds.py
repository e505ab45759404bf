"""`iki concepts` and `iki compare`: indicator concepts and side-by-side views across kecamatan.

By default they read the database, where concepts are assigned at every
import and an officer's edits of the catalogue (`iki concepts confirm|merge|
split|rename|add`) are kept with an audit trail (`iki concepts log`) and as
decisions the grouping obeys (`iki concepts show CODE` lists which decisions
drove each wording of a concept). With
`--records DIR` they group the JSON records `iki extract FILES --out DIR`
writes instead, so grouping can be checked and tuned on any set of decrees
before it is stored. The grouping, database and data-frame code is imported
inside the commands, so that `iki --help` does not load it.
"""
from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from normalize.records import KINDS, DecreeRecord, record_from_dict
from pipeline.commands.store_cmds import DbOption, WhoOption, WhyOption, reporting, transaction

if TYPE_CHECKING:
    import pandas as pd

    from normalize.harmonize.catalogue import Catalogue

RecordsOption = Annotated[Path | None, typer.Option("--records", exists=True, file_okay=False,
                                                    help="Group this directory of records from `iki extract` "
                                                         "instead of reading the database.")]
CatalogueOption = Annotated[Path | None, typer.Option("--catalogue", exists=True, dir_okay=False,
                                                      help="With --records: concept catalogue (JSON) to match "
                                                           "against; default the shipped seed.")]
CsvOption = Annotated[Path | None, typer.Option("--csv", help="Also write the table as CSV.")]
CodeArgument = Annotated[str, typer.Argument(help="Concept code (see `iki concepts`).")]

concepts_app = typer.Typer(help="Indicator concepts: list them, edit the catalogue (audited), show its log.",
                           invoke_without_command=True)


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
    from normalize.harmonize.catalogue import load_catalogue
    from normalize.harmonize.compare import assignment_frame
    from normalize.harmonize.concepts import group_indicators, grow_catalogue

    records = load_records(records_dir)
    catalogue = load_catalogue(catalogue_path)
    assignments = group_indicators(records, catalogue)
    return assignment_frame(records, assignments), grow_catalogue(catalogue, assignments)


def _from_database(db: str | None) -> tuple[pd.DataFrame, Catalogue]:
    from store import concepts as stored
    from store.concept_catalogue import load_catalogue as load_stored_catalogue

    with transaction(db) as session:
        return stored.assignment_frame(session), load_stored_catalogue(session)


def _frame(records: Path | None, catalogue: Path | None, db: str | None) -> tuple[pd.DataFrame, Catalogue]:
    return _grouped(records, catalogue) if records else _from_database(db)


def _print(frame: pd.DataFrame, title: str) -> None:
    import pandas as pd

    table = Table(*[str(c) for c in frame.columns], title=title, show_lines=True)
    for row in frame.itertuples(index=False):
        table.add_row(*[Text("" if pd.isna(v) else str(v)) for v in row])
    Console().print(table)


def _joined(values: pd.Series) -> str:
    """The distinct values of one kecamatan's cells, in order, one a line."""
    import pandas as pd

    return "\n".join(dict.fromkeys(str(v) for v in values if not pd.isna(v) and str(v).strip()))


def concept_by_kecamatan(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per kecamatan: how it words, computes, targets and sources one concept."""
    return rows.groupby("kecamatan", sort=True).agg(_joined).reset_index()


def _cell(group: pd.DataFrame) -> str:
    import pandas as pd

    lines = []
    for row in group.itertuples(index=False):
        details = [f"{label}: {value}" for label, value in (("rumus", row.formula), ("target", row.target),
                                                              ("sumber", row.sumber_data)) if not pd.isna(value)]
        lines.append(row.indikator + (f" ({'; '.join(details)})" if details else ""))
    return "\n".join(lines)


def jabatan_by_kecamatan(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per kecamatan, one column per concept (most shared first): the wording, formula, target, source."""
    cells = rows.groupby(["kecamatan", "concept_name"]).apply(_cell, include_groups=False).unstack("concept_name")
    order = cells.notna().sum().reset_index(name="shared").sort_values(["shared", "concept_name"],
                                                                       ascending=[False, True])["concept_name"]
    return cells[list(order)].fillna("").reset_index()


@concepts_app.callback()
def concepts(ctx: typer.Context, records: RecordsOption = None, catalogue: CatalogueOption = None,
             min_kecamatan: Annotated[int, typer.Option("--min-kecamatan", min=1,
                                                        help="Only concepts used by at least this many "
                                                             "kecamatan.")] = 1,
             save: Annotated[Path | None, typer.Option("--save", help="With --records: write the catalogue grown "
                                                                      "by the proposals here.")] = None,
             csv: CsvOption = None, db: DbOption = None) -> None:
    """List the concepts the indicators use, with the number of kecamatan using each."""
    if ctx.invoked_subcommand is not None:
        return
    from normalize.harmonize.catalogue import save_catalogue
    from normalize.harmonize.compare import concepts_used
    from store.exports import write_frame

    if save and records is None:
        raise typer.BadParameter("--save needs --records (the database keeps its own catalogue)", param_hint="--save")
    frame, grown = _frame(records, catalogue, db)
    table = concepts_used(frame, list(grown.concepts))
    table = table[table["kecamatan"] >= min_kecamatan]
    _print(table, f"{len(table)} concepts over {frame['kecamatan'].nunique()} kecamatan")
    if csv:
        write_frame(table, "csv", csv)
    if save:
        save_catalogue(grown, save)


def _who(who: str | None) -> str:
    return who or getpass.getuser()


def _done(message: str) -> None:
    Console().print(Text(message))


@concepts_app.command("confirm")
def confirm(code: CodeArgument, who: WhoOption = None, why: WhyOption = None, db: DbOption = None) -> None:
    """Confirm a proposed concept."""
    from store import concepts as stored

    with transaction(db) as session:
        event = stored.confirm_concept(session, code, who=_who(who), why=why)
    _done(f"Concept {code} confirmed (event {event.id}).")


@concepts_app.command("rename")
def rename(code: CodeArgument, name: Annotated[str, typer.Argument(help="The new display name.")],
           who: WhoOption = None, why: WhyOption = None, db: DbOption = None) -> None:
    """Rename a concept; the old name stays as an alias, so its wording still matches."""
    from store import concepts as stored

    with transaction(db) as session:
        event = stored.rename_concept(session, code, name, who=_who(who), why=why)
    _done(f"Concept {code} renamed to {name!r} (event {event.id}).")


@concepts_app.command("merge")
def merge(codes: Annotated[list[str], typer.Argument(help="Concepts to fold into the --into concept.")],
          into: Annotated[str, typer.Option("--into", help="The concept that remains.")],
          who: WhoOption = None, why: WhyOption = None, db: DbOption = None) -> None:
    """Merge concepts into one; their codes redirect to it and their wordings become its aliases."""
    from store import concepts as stored

    with transaction(db) as session:
        event = stored.merge_concepts(session, codes, into, who=_who(who), why=why)
    _done(f"Merged {', '.join(codes)} into {into} (event {event.id}).")


@concepts_app.command("split")
def split(code: CodeArgument,
          new_code: Annotated[str, typer.Option("--new-code", help="Code of the new concept.")],
          new_name: Annotated[str, typer.Option("--new-name", help="Name of the new concept.")],
          wordings: Annotated[list[str], typer.Option("--wording", help="An alias of CODE that belongs to the new "
                                                                        "concept; repeat for several.")],
          who: WhoOption = None, why: WhyOption = None, db: DbOption = None) -> None:
    """Move some wordings of a concept into a new concept."""
    from store import concepts as stored

    with transaction(db) as session:
        event = stored.split_concept(session, code, new_code, new_name, wordings, who=_who(who), why=why)
    _done(f"Split {new_code} out of {code} (event {event.id}).")


@concepts_app.command("add")
def add(code: Annotated[str, typer.Argument(help="Code of the new concept.")],
        name: Annotated[str, typer.Argument(help="Its display name.")],
        kind: Annotated[str, typer.Option("--kind", help=f"One of: {', '.join(KINDS)}.")] = "lainnya",
        unit: Annotated[str | None, typer.Option("--unit", help="Unit (satuan), e.g. %.")] = None,
        lower_is_better: Annotated[bool, typer.Option("--lower-is-better", help="Less is better "
                                                                                "(e.g. complaints).")] = False,
        formula: Annotated[str | None, typer.Option("--formula", help="Usual formula, \"A / B x 100\".")] = None,
        aliases: Annotated[list[str] | None, typer.Option("--alias", help="Another wording; repeatable.")] = None,
        who: WhoOption = None, why: WhyOption = None, db: DbOption = None) -> None:
    """Enter a confirmed concept by hand."""
    from normalize.harmonize.catalogue import Concept
    from store import concepts as stored

    if kind not in KINDS:
        raise typer.BadParameter(f"{kind!r}; choose one of {', '.join(KINDS)}", param_hint="--kind")
    concept = Concept(code, name, kind, unit, "lower_is_better" if lower_is_better else "higher_is_better",
                      formula, "confirmed", tuple(aliases or ()))
    with transaction(db) as session:
        event = stored.add_concept(session, concept, who=_who(who), why=why)
    _done(f"Concept {code} added (event {event.id}).")


@concepts_app.command("assign")
def assign(db: DbOption = None) -> None:
    """Re-group every stored row into concepts (imports place only their new rows) and map canonical jabatan."""
    from store.concept_refresh import regroup_in_steps
    from store.db import open_store

    with reporting():  # worked out without the write lock: officers keep saving meanwhile
        summary = regroup_in_steps(open_store(db))
    _done(f"{summary.rows} rows over {summary.concepts} concepts ({summary.proposed} proposed by the data), "
          f"{summary.changed_rows} rows changed, {summary.positions_mapped} positions mapped, "
          f"in {summary.seconds:.1f} s.")


@concepts_app.command("show")
def show(code: CodeArgument, db: DbOption = None) -> None:
    """Show a concept's wordings with the officers' decisions that drove each there, and the decisions naming it."""
    from store import concepts as stored

    with transaction(db) as session:
        wordings = stored.concept_wordings(session, code)
        decisions = stored.concept_decisions(session, code)
    _print(wordings, f"Wordings of {code}")
    if decisions.empty:
        _done("No officer's decision names this concept or its wordings.")
    else:
        _print(decisions, "Decisions")


@concepts_app.command("log")
def log(db: DbOption = None) -> None:
    """Show the audit trail of the concept catalogue."""
    from store import concepts as stored

    with transaction(db) as session:
        events = stored.concept_events(session)
    table = Table("Id", "When", "Who", "Action", "Concepts", "Change", "Why", title="Concept catalogue edits")
    for e in events:
        table.add_row(*map(Text, (str(e.id), e.at.strftime("%Y-%m-%d %H:%M"), e.who, e.action, ", ".join(e.codes),
                                  stored.event_change(e), e.why or "")))
    Console().print(table if events else "No edits of the concept catalogue yet.")


def compare(records: RecordsOption = None, catalogue: CatalogueOption = None,
            concept: Annotated[str | None, typer.Option("--concept", help="Concept code (see `iki concepts`).")]
            = None,
            jabatan: Annotated[str | None, typer.Option("--jabatan", help="Level (camat, sekretaris, kasubag, kasi, "
                                                                          "pelaksana) or canonical position code "
                                                                          "(kasubag_umum, kasi_trantib, ...).")]
            = None,
            csv: Annotated[Path | None, typer.Option("--csv", help="Also write the matrix as CSV, one row per "
                                                                   "kecamatan.")] = None,
            db: DbOption = None) -> None:
    """Kecamatan side by side: one concept's wording, formula, target and data source, or one position's indicators."""
    if (concept is None) == (jabatan is None):
        raise typer.BadParameter("give exactly one of --concept and --jabatan")
    from normalize.harmonize.compare import for_concept, for_jabatan, jabatan_matrix
    from store.exports import write_frame

    frame, grown = _frame(records, catalogue, db)
    if concept is not None:
        if not grown.has(concept):
            raise typer.BadParameter(f"no concept {concept!r}; `iki concepts` lists them", param_hint="--concept")
        matrix = concept_by_kecamatan(for_concept(frame, grown.get(concept).code))
        _print(matrix, grown.get(concept).name)
    elif jabatan is not None:
        rows = for_jabatan(frame, jabatan)
        if rows.empty:
            raise typer.BadParameter(f"no indicators for {jabatan!r}", param_hint="--jabatan")
        matrix = jabatan_by_kecamatan(rows)
        _print(jabatan_matrix(rows).reset_index(), f"Indicators of {jabatan}")
    if csv:
        write_frame(matrix, "csv", csv)


def register(app: typer.Typer) -> None:
    app.add_typer(concepts_app, name="concepts")
    app.command("compare")(compare)
