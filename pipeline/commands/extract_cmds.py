"""`iki extract` and `iki eval`: records as JSON files, and their accuracy against gold files.

The extraction code is imported when a command runs, not with this module, so
that `iki --help` and the other commands do not load it.
"""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from extract.errors import IkiError
from pipeline.terminal import plain

console = Console(stderr=True)


def extract(
    files: list[Path] = typer.Argument(..., help="Decree files or folders (txt, md, pdf, png, jpg, tif)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for one <file stem>.json per decree."),
    ocr_lang: str = typer.Option("ind+eng", help="Tesseract languages for scanned pages."),
    max_pages: int = typer.Option(300, help="Refuse PDFs with more pages than this."),
) -> None:
    """Extract decrees into JSON records shaped like the gold files (plus provenance and confidence)."""
    from extract.reader import ReaderOptions
    from pipeline.run import expand_inputs, extract_file

    out.mkdir(parents=True, exist_ok=True)
    options = ReaderOptions(ocr_lang=ocr_lang, max_pages=max_pages)
    failed = 0
    for path in expand_inputs(files):
        try:
            record = extract_file(path, options)
        except IkiError as exc:
            failed += 1
            console.print(Text("error ", style="red") + plain(exc))
            continue
        target = out / f"{path.stem}.json"
        target.write_text(json.dumps(record.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        for warning in record.warnings:
            console.print(Text("warning ", style="yellow") + plain(warning))
        console.print(plain(f"{path.name}: {len(record.positions)} positions, {len(record.indicators)} indicators "
                            f"[{record.status}] -> {target}"))
    if failed:
        raise typer.Exit(1)


def eval_command(
    gold: Path = typer.Option(Path("samples/gold"), help="Folder of <stem>.gold.json files."),
    index: Path = typer.Option(Path("samples/index.csv"), help="CSV pairing seed stems with sample files."),
    pred: Path | None = typer.Option(None, help="Score JSON records in this folder instead of extracting."),
    column: str = typer.Option("text_file", help="Column of the index naming the files to extract."),
) -> None:
    """Score extraction against the gold files: rows, positions, decree fields and cell F1 per document."""
    from rich.table import Table

    from pipeline.evaluate import evaluate, sample_pairs

    pairs = sample_pairs(index, gold, column) if pred is None else None
    report = evaluate(gold, pairs=pairs, pred_dir=pred)
    table = Table("document", "rows P/R", "pos F1", "decree", "cell F1")
    for name, doc in report.documents.items():
        table.add_row(name, f"{doc.rows.precision:.2f}/{doc.rows.recall:.2f}", f"{doc.positions.f1:.2f}",
                      f"{doc.decree_right}/{doc.decree_total}", f"{doc.cells.f1:.3f}")
    Console().print(table)
    Console().print(f"cell F1 {report.cells.f1:.3f}   rows F1 {report.rows.f1:.3f}   "
                    f"positions F1 {report.positions.f1:.3f}   "
                    f"decree fields {report.decree_right}/{report.decree_total}")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(eval_command)
