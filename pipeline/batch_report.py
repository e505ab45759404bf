"""What a batch import shows and leaves behind: the live progress bar, the summary table, the JSON run report."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pipeline.service import FileReport
from pipeline.terminal import plain, visible
from store.enums import Outcome


class BatchProgress:
    """A Rich progress bar over files, with the pages, rows and errors seen so far and the time left."""

    def __init__(self, console: Console, total: int):
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("files, {task.fields[pages]} pages, {task.fields[rows]} rows, "
                              "{task.fields[errors]} errors"),
                   TimeRemainingColumn())
        self.progress = Progress(*columns, console=console, transient=True)
        self.task = self.progress.add_task("Importing", total=total, pages=0, rows=0, errors=0)
        self.pages = self.rows = self.errors = 0

    def __enter__(self) -> BatchProgress:
        self.progress.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()

    def done(self, report: FileReport) -> None:
        self.pages += report.pages or 0
        self.rows += report.rows or 0
        self.errors += report.outcome == Outcome.FAILED
        self.progress.update(self.task, advance=1, description=_escaped(report.source), pages=self.pages,
                             rows=self.rows, errors=self.errors)


def _escaped(name: str) -> str:
    """A file name for the progress bar's description, which Rich reads as markup: controls and brackets escaped."""
    return escape(visible(name))


def summary_table(reports: list[FileReport]) -> Table:
    """Per file its outcome, status, pages, rows, seconds and error; the caption counts the outcomes."""
    table = Table(title="Import summary")
    for name in ("File", "Outcome", "Status", "Decree"):
        table.add_column(name)
    for name in ("Pages", "Rows", "Seconds"):
        table.add_column(name, justify="right")
    table.add_column("Error / note")
    for r in reports:
        note = r.error or (f"{r.conflicts} correction(s) in conflict" if r.conflicts else "") or "; ".join(
            [*(f"needs review: {doubt}" for doubt in r.doubts), *r.warnings])
        seconds = f"{r.seconds:.2f}" if r.outcome != Outcome.UNCHANGED else ""
        table.add_row(*map(plain, (r.source, r.outcome, r.status, r.decree_id, r.pages, r.rows, seconds, note)))
    counts = Counter(r.outcome for r in reports)
    table.caption = ", ".join(f"{counts[outcome]} {outcome}" for outcome in Outcome)
    return table


def default_report_path(run_id: int, started: datetime, folder: Path | None = None) -> Path:
    """iki-import-<run>-<UTC time>.json in `folder` (the current directory by default)."""
    return (folder or Path.cwd()) / f"iki-import-{run_id}-{started:%Y%m%dT%H%M%SZ}.json"


def write_report(path: Path, *, run_id: int, database: str, started: datetime, mode: str,
                 reports: list[FileReport]) -> None:
    """The run report: totals first, then one entry per file in input order."""
    counts = Counter(r.outcome for r in reports)
    document = {
        "run_id": run_id, "database": database, "mode": mode,
        "started_at": started.isoformat(), "finished_at": datetime.now(UTC).isoformat(),
        "totals": {"files": len(reports), **{outcome.value: counts[outcome] for outcome in Outcome},
                   "pages": sum(r.pages or 0 for r in reports), "rows": sum(r.rows or 0 for r in reports),
                   "seconds": round(sum(r.seconds for r in reports), 3)},
        "files": [asdict(r) for r in reports],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
