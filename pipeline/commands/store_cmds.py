"""Commands on the database: `iki db upgrade`, `iki import`, `iki correct ...`, `iki show`, `iki query`, `iki export`.

Every command takes `--db URL` (else the IKI_DB variable, else sqlite:///iki.db)
and, except `iki db upgrade`, refuses a database whose schema is not current.
Errors are printed as one line naming the file, decree or row and the problem.
The database, batch and data-frame code is imported inside the commands, so
that `iki --help` and commands that do not use it never load SQLAlchemy,
Alembic or pandas.
"""
from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from extract.errors import IkiError
from extract.options import ReaderOptions
from normalize.records import Kind, Level
from pipeline.terminal import plain, visible
from store.editable import EDITABLE_FIELDS
from store.enums import Outcome
from store.export_formats import FORMATS, TEXT_FORMATS

if TYPE_CHECKING:
    from distributed import Client
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from pipeline.service import ImportService
    from store.models import Correction

console = Console()
errors = Console(stderr=True)



def _check_who(who: str | None) -> str | None:
    from store.models import NAME_LENGTH

    if who is not None and not 0 < len(who.strip()) <= NAME_LENGTH:
        raise typer.BadParameter(f"give a name of 1 to {NAME_LENGTH} characters ({len(who.strip())} given)")
    return who


DbOption = Annotated[str | None, typer.Option("--db", help="Database URL (default: $IKI_DB or sqlite:///iki.db).")]
WhoOption = Annotated[str | None, typer.Option("--who", callback=_check_who,
                                               help="Who makes the change (default: your login).")]
WhyOption = Annotated[str | None, typer.Option("--why", help="Why the change is right, for the audit trail.")]
VersionOption = Annotated[int | None, typer.Option("--row-version", help="Row version you read (see `iki show`); "
                                                                      "refuses the change if the row changed since.")]
SetOption = Annotated[list[str] | None, typer.Option("--set", help="FIELD=VALUE; repeat for several fields.")]
KecamatanOption = Annotated[str | None, typer.Option(help="Only this kecamatan (case-blind).")]
KabupatenOption = Annotated[str | None, typer.Option(help="Only this kabupaten/kota (case-blind).")]
ProvinsiOption = Annotated[str | None, typer.Option(help="Only this provinsi (case-blind).")]
TahunOption = Annotated[int | None, typer.Option(help="Only decrees of this year.")]
LevelOption = Annotated[Level | None, typer.Option(help="Only positions of this level.")]
KindOption = Annotated[Kind | None, typer.Option(help="Only indicators of this kind.")]
TimeOption = Annotated[float, typer.Option("--max-seconds", min=1, help="Give up on a file whose reading takes "
                                                                        "longer than this (scans: OCR time).")]

db_app = typer.Typer(help="Create or migrate the database schema.", no_args_is_help=True)
correct_app = typer.Typer(help="Correct extracted rows; every change is kept in the audit trail.",
                          no_args_is_help=True)


@contextmanager
def reporting() -> Iterator[None]:
    """Turn the project's errors into one red line and exit status 1 instead of a traceback."""
    from sqlalchemy.exc import ArgumentError, DataError, OperationalError

    try:
        yield
    except IkiError as exc:
        _error(str(exc))
    except (ArgumentError, OperationalError) as exc:
        _error(f"cannot use the database: {exc.args[0]}")
    except DataError as exc:
        _error(f"the database refused a value: {str(exc.orig).splitlines()[0]}")


def _error(message: str) -> NoReturn:
    errors.print(Text("error: ", style="red") + Text(visible(message)))
    raise typer.Exit(code=1)


@contextmanager
def transaction(db: str | None) -> Iterator[Session]:
    """A transaction that writes (on SQLite it takes the write lock at once)."""
    from store.db import open_store

    with reporting():
        factory = open_store(db)
        with factory.begin() as session:
            yield session


@contextmanager
def reading(db: str | None) -> Iterator[Session]:
    """A session that only reads, so it never waits for an import's write lock."""
    from store.db import open_store

    with reporting():
        factory = open_store(db)
        with factory() as session:
            yield session


@contextmanager
def correcting(db: str | None) -> Iterator[Session]:
    """A transaction for an officer's correction that places the rows it touched before it commits.

    A changed wording, a new or split row, or a revert's replay changes (or
    resets) the rows' concepts; only those rows are placed again.
    """
    from sqlalchemy import func, select

    from store.concept_refresh import edited_by, refresh_concepts
    from store.models import Correction

    with transaction(db) as session:
        before = session.scalar(select(func.max(Correction.id))) or 0
        yield session
        done = session.scalars(select(Correction).where(Correction.id > before)).all()
        refresh_concepts(session, edited_by(session, done))


def _who(who: str | None) -> str:
    return who or getpass.getuser()


def _assignments(items: list[str] | None) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        values[name.strip()] = value
    return values


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the schema, or migrate it to the newest revision."""
    from store.db import display_url, make_engine, schema_revision, upgrade

    with reporting():
        engine = make_engine(db)
        upgrade(engine)
    console.print(plain(f"{display_url(engine)} is at schema revision {schema_revision(engine)}."))


def import_files(
    paths: Annotated[list[Path], typer.Argument(help="Decree files, or directories to search for them.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract in this many processes "
                                                                  "(1: in this process; not used with --dask).")] = 1,
    dask: Annotated[str | None, typer.Option("--dask", metavar="tcp://HOST:8786",
                                             help="Extract on this Dask scheduler's workers, which write to the "
                                                  "shared database (PostgreSQL).")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write the JSON run report here (default: "
                                                                 "beside a SQLite database, else in the current "
                                                                 "directory).")] = None,
    max_seconds: TimeOption = ReaderOptions.max_seconds,
) -> None:
    """Extract and store decrees, one transaction each; failures are recorded and the batch goes on.

    Files already imported with the same content and extractor version are skipped before extraction; a run
    that was interrupted is finished by running it again.
    """
    if workers > 1 and not dask:
        from pipeline.pool import start_fork_server

        start_fork_server()  # while the store loads and the files are hashed
    from pipeline.service import ImportService
    from store.db import open_store

    options = ReaderOptions(max_seconds=max_seconds)
    with reporting():
        if not dask:
            _import_batch(ImportService(open_store(db, mapped=False), options), paths, None, report, workers=workers)
            return
        from pipeline.batch_dask import check_shared_database, connect  # distributed loads only when asked for

        check_shared_database(db)
        service = ImportService(open_store(db), options)
        with connect(dask) as client:
            _import_batch(service, paths, client, report, mode=f"dask {dask}")


def _import_batch(service: ImportService, paths: list[Path], client: Client | None, report: Path | None, *,
                  workers: int = 1, mode: str = "") -> None:
    from pipeline.batch import run_local
    from pipeline.batch_report import BatchProgress, default_report_path, summary_table, write_report
    from pipeline.run import expand_inputs
    from store.db import display_url
    from store.importer import start_run

    files = expand_inputs(paths)
    if not files:
        _error(f"no decree files in {', '.join(map(str, paths))}")
    started = datetime.now(UTC)
    run_id = start_run(service.factory, len(files))
    todo, settled = service.plan(files)
    with BatchProgress(console, len(files)) as progress:
        for done in settled:
            progress.done(done)
        if client is not None:
            from pipeline.batch_dask import run_dask

            fresh = run_dask(client, service, todo, progress.done)
        else:
            fresh = run_local(service, todo, workers, progress.done)
    order = {str(path): index for index, path in enumerate(files)}
    reports = sorted(settled + fresh, key=lambda r: order[r.path])
    service.finish(run_id, reports)
    engine = service.factory.kw["bind"]
    path = report or default_report_path(run_id, started, _database_folder(engine))
    write_report(path, run_id=run_id, database=display_url(engine), started=started,
                 mode=mode or f"{workers} worker(s)", reports=reports)
    console.print(summary_table(reports))
    console.print(plain(f"Run report: {path}"))
    if any(r.outcome == Outcome.FAILED for r in reports):
        raise typer.Exit(code=1)


def _database_folder(engine: Engine) -> Path | None:
    """The folder of a SQLite database file, where its run reports go; None for a server or in-memory database."""
    if engine.url.get_backend_name() == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return Path(engine.url.database).resolve().parent
    return None


def _show_correction(correction: Correction) -> None:
    state = correction.status + (" (reverted)" if correction.reverted else "")
    console.print(plain(f"Correction {correction.id} ({correction.action}) recorded: {state}."))


@correct_app.command("set")
def correct_set(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    row: Annotated[str, typer.Argument(help="Row key (see `iki show`).")],
    field: Annotated[str, typer.Argument(help=f"One of: {', '.join(EDITABLE_FIELDS)}.")],
    value: Annotated[str, typer.Argument(help="New value; an empty string clears the field.")],
    why: WhyOption = None, who: WhoOption = None, version: VersionOption = None, db: DbOption = None,
) -> None:
    """Change one field of one row."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.set_field(session, find_decree(session, decree), row, field, value,
                                               who=_who(who), why=why, expected_version=version))


@correct_app.command("add")
def correct_add(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    position: Annotated[str, typer.Argument(help="Position key (see `iki show`).")],
    values: SetOption = None, why: WhyOption = None, who: WhoOption = None, db: DbOption = None,
) -> None:
    """Add an indicator row the extraction missed."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.add_row(session, find_decree(session, decree), position,
                                             _assignments(values), who=_who(who), why=why))


@correct_app.command("delete")
def correct_delete(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    row: Annotated[str, typer.Argument(help="Row key (see `iki show`).")],
    why: WhyOption = None, who: WhoOption = None, version: VersionOption = None, db: DbOption = None,
) -> None:
    """Delete a row that is not an indicator (the extracted values stay in the database)."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.delete_row(session, find_decree(session, decree), row,
                                                who=_who(who), why=why, expected_version=version))


def _part(text: str) -> dict[str, str | None]:
    """A split part: a JSON object of fields, or plain text taken as the indikator."""
    if not text.lstrip().startswith("{"):
        return {"indikator": text}
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"{text!r} is not a JSON object: {exc}", param_hint="--part") from None


@correct_app.command("split")
def correct_split(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    row: Annotated[str, typer.Argument(help="Row key (see `iki show`).")],
    parts: Annotated[list[str], typer.Option("--part", help='Indikator text, or JSON like {"indikator": "..", '
                                                             '"target": ".."}; give two or more.')],
    why: WhyOption = None, who: WhoOption = None, version: VersionOption = None, db: DbOption = None,
) -> None:
    """Split a row holding several indicators into one row per part."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.split_row(session, find_decree(session, decree), row,
                                               [_part(p) for p in parts], who=_who(who), why=why,
                                               expected_version=version))


@correct_app.command("merge")
def correct_merge(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    rows: Annotated[list[str], typer.Argument(help="Two or more row keys; the first gives the values.")],
    values: SetOption = None, why: WhyOption = None, who: WhoOption = None, db: DbOption = None,
) -> None:
    """Merge rows the extraction cut apart into one."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.merge_rows(session, find_decree(session, decree), rows, _assignments(values),
                                                who=_who(who), why=why))


@correct_app.command("move")
def correct_move(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    row: Annotated[str, typer.Argument(help="Row key (see `iki show`).")],
    position: Annotated[str, typer.Argument(help="Key of the position the row belongs to.")],
    why: WhyOption = None, who: WhoOption = None, version: VersionOption = None, db: DbOption = None,
) -> None:
    """Move a row to another position of the same decree."""
    from store import corrections
    from store.queries import find_decree

    with correcting(db) as session:
        _show_correction(corrections.move_row(session, find_decree(session, decree), row, position,
                                              who=_who(who), why=why, expected_version=version))


@correct_app.command("revert")
def correct_revert(
    correction_id: Annotated[int, typer.Argument(help="Id of the correction to undo (see `iki correct log`).")],
    why: WhyOption = None, who: WhoOption = None, db: DbOption = None,
) -> None:
    """Undo a correction; the undo is recorded in the audit trail too."""
    from store import corrections

    with correcting(db) as session:
        _show_correction(corrections.revert(session, correction_id, who=_who(who), why=why))


@correct_app.command("reviewed")
def correct_reviewed(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    why: WhyOption = None, who: WhoOption = None, db: DbOption = None,
) -> None:
    """Mark a decree as checked by an officer (its status becomes `reviewed`, kept across re-extractions).

    The mark is an entry of the audit trail; `iki correct revert` undoes it.
    """
    from store import corrections
    from store.queries import find_decree

    with transaction(db) as session:
        found = find_decree(session, decree)
        entry = corrections.mark_reviewed(session, found, who=_who(who), why=why)
        console.print(plain(f"Decree {found.id} ({found.source_file.name}) is marked reviewed (entry {entry.id})."))


def _corrections_table(title: str, found: list[Correction]) -> Table:
    table = Table(title=title)
    for name in ("Id", "Decree file", "When", "Who", "Action", "Row", "Field", "Old", "New", "Why", "Status"):
        table.add_column(name)
    for c in found:
        status = c.status + (" (reverted)" if c.reverted else "") + (f": {c.conflict}" if c.conflict else "")
        target = c.target_row_key or (f"#{c.reverts_id}" if c.reverts_id else None)
        table.add_row(*map(plain, (c.id, c.source_file.name, f"{c.at:%Y-%m-%d %H:%M}", c.who, c.action, target,
                                   c.field, c.old, c.new, c.why, status)))
    return table


@correct_app.command("conflicts")
def correct_conflicts(db: DbOption = None) -> None:
    """List corrections a re-import could not re-apply; revert them or apply them again by hand."""
    from store import corrections

    with reading(db) as session:
        found = corrections.conflicts(session)
        console.print(_corrections_table("Corrections in conflict", found) if found else "No conflicts.")


@correct_app.command("log")
def correct_log(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    db: DbOption = None,
) -> None:
    """Show a decree's audit trail."""
    from store import corrections
    from store.queries import find_decree

    with reading(db) as session:
        found = find_decree(session, decree)
        console.print(_corrections_table(f"Corrections of decree {found.id}", corrections.history(session, found)))


def show(
    decree: Annotated[str, typer.Argument(help="Decree id, source file name or kecamatan.")],
    db: DbOption = None,
) -> None:
    """Print a decree's positions and effective indicator rows, with the keys corrections use."""
    from store.queries import Filters, decrees_frame, find_decree, indicators_frame

    with reading(db) as session:
        found = find_decree(session, decree)
        head = decrees_frame(session, Filters(decree_id=found.id)).iloc[0]
        rows = indicators_frame(session, Filters(decree_id=found.id))
        facts = {"Kecamatan": head.kecamatan, (head.kabupaten_type or "kabupaten").title(): head.kabupaten,
                 "Provinsi": head.provinsi, "Tahun": head.tahun, "Nomor": head.nomor, "Tanggal": head.tanggal,
                 "File": f"{head.source} ({head.status})"}
        console.print(Text(f"Decree {found.id}: ", style="bold")
                      + plain("; ".join(f"{name} {plain(value) or '-'}" for name, value in facts.items())))
        for position in found.positions:
            title = plain(f"{position.jabatan or '(untitled)'} ({position.level}), key {position.position_key}")
            table = Table(title=title, title_justify="left")
            for name in ("Row", "V", "Kind"):
                table.add_column(name, no_wrap=True)
            for name in ("Sasaran", "Indikator", "Formula", "Sumber data", "Target"):
                table.add_column(name)
            for row in rows[rows.position_id == position.id].itertuples():
                table.add_row(*map(plain, (row.row_key, row.version, row.kind, row.sasaran, row.indikator,
                                           row.formula, row.sumber_data, row.target)))
            console.print(table)


QUERY_COLUMNS = ("decree_id", "kecamatan", "kabupaten", "tahun", "jabatan", "level", "indikator", "kind", "target",
                 "concept")


def query(
    kecamatan: KecamatanOption = None, kabupaten: KabupatenOption = None, provinsi: ProvinsiOption = None,
    tahun: TahunOption = None, level: LevelOption = None, kind: KindOption = None,
    csv: Annotated[bool, typer.Option("--csv", help="Print every column as CSV instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """Print effective indicator rows matching the filters."""
    from store.exports import frame_text
    from store.queries import Filters, indicators_frame

    with reading(db) as session:
        frame = indicators_frame(session, Filters(kecamatan, kabupaten, provinsi, tahun, level, kind))
    if csv:
        sys.stdout.write(frame_text(frame, "csv"))
        return
    table = Table(caption=f"{len(frame)} indicator rows")
    for name in QUERY_COLUMNS:
        table.add_column(name)
    for values in frame[list(QUERY_COLUMNS)].itertuples(index=False):
        table.add_row(*map(plain, values))
    console.print(table)


def export(
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="File to write (CSV and JSON go to stdout without it).")]
    = None,
    kecamatan: KecamatanOption = None, kabupaten: KabupatenOption = None, provinsi: ProvinsiOption = None,
    tahun: TahunOption = None, level: LevelOption = None, kind: KindOption = None,
    db: DbOption = None,
) -> None:
    """Export effective indicator rows (corrections applied, deleted rows left out)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    if out is None and fmt not in TEXT_FORMATS:
        raise typer.BadParameter(f"{fmt} is binary; name a file with --out", param_hint="--out")
    from store.exports import frame_text, write_frame
    from store.queries import Filters, indicators_frame

    with reading(db) as session:
        frame = indicators_frame(session, Filters(kecamatan, kabupaten, provinsi, tahun, level, kind))
    if out is None:
        sys.stdout.write(frame_text(frame, fmt))
        return
    write_frame(frame, fmt, out)
    errors.print(plain(f"Wrote {len(frame)} indicator rows to {out}."))


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.add_typer(correct_app, name="correct")
    app.command("import")(import_files)
    app.command("show")(show)
    app.command("query")(query)
    app.command("export")(export)
