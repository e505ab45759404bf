"""Variants of every sample decree in every form, each with its gold record and its recorded choices.

A variant `<stem>-s<seed>-v<k>` draws one design from its seed; every form of it
draws its own format choices from the same seed and the form's name, so adding
or dropping a form never changes what another form draws. Forms needed only as
a step (the DOCX behind docx-pdf, the PDF a scan is made from) are made in a
scratch folder when not asked for.
"""
from __future__ import annotations

import dataclasses
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from samples.render.compose import decree_document, matrix
from samples.render.convert import ConversionError, docx_to_pdf, html_to_pdf, page_count, pdf_to_layout_text
from samples.render.design import Design, draw_design
from samples.render.docx_writer import draw_docx_choices, write_docx
from samples.render.gold import Record, variant_gold
from samples.render.html_writer import draw_html_choices, write_html
from samples.render.model import Document
from samples.render.paper_scan import draw_scan_choices, scan_pdf
from samples.render.phone_photo import draw_photo_choices, photo_jpeg
from samples.render.photo_page import layouts, page_gold, render_page
from samples.render.reportlab_writer import draw_reportlab_choices, write_reportlab_pdf
from samples.render.xlsx_writer import draw_xlsx_choices, write_xlsx


class Form(Enum):
    DOCX = "docx"
    DOCX_PDF = "docx-pdf"
    HTML = "html"
    HTML_PDF = "html-pdf"
    REPORTLAB_PDF = "reportlab-pdf"
    XLSX = "xlsx"
    LAYOUT_TEXT = "layout-text"
    SCAN = "scan"
    PHOTO = "photo"

    @property
    def suffix(self) -> str:
        return {Form.DOCX: ".docx", Form.HTML: ".html", Form.XLSX: ".xlsx", Form.LAYOUT_TEXT: ".txt",
                Form.PHOTO: ".jpg"}.get(self, ".pdf")


PDF_FORMS = (Form.DOCX_PDF, Form.HTML_PDF, Form.REPORTLAB_PDF)
GOLD, PHOTO_GOLD = "gold", "gold-photo"


def variant_id(stem: str, seed: int, k: int) -> str:
    return f"{stem}-s{seed}-v{k}"


def plain(value: Any) -> Any:
    """Choices as JSON: enums by value, dataclasses as objects."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot record {type(value).__name__}")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=plain) + "\n", encoding="utf-8")


@dataclass
class Outcome:
    """What one variant's run recorded: the manifest entry, and timings and sizes kept apart from it."""

    id: str
    entry: dict[str, Any]
    timings: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class VariantRun:
    def __init__(self, record: Record, seed: int, k: int, out: Path, work: Path, forms: list[Form]) -> None:
        self.record, self.seed, self.k, self.out, self.work, self.forms = record, seed, k, out, work, forms
        self.id = variant_id(record.stem, seed, k)
        self.design: Design = draw_design(self.rng(), record)
        self.doc: Document = decree_document(record, self.design)
        d = record.decree
        day = d.tanggal or datetime(d.tahun, 1, 1).date()
        self.created = datetime(day.year, day.month, day.day)
        self.made: dict[Form, Path] = {}
        self.failed: dict[Form, str] = {}
        self.outcome = Outcome(self.id, {"sample": record.stem, "seed": seed, "variant": k, "design": self.design,
                                         "forms": {}})

    def rng(self, *parts: str) -> random.Random:
        return random.Random("/".join([str(self.seed), self.record.stem, str(self.k), *parts]))

    def path(self, form: Form) -> Path:
        root = self.out if form in self.forms else self.work
        target = root / form.value / f"{self.id}{form.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    # -- forms -----------------------------------------------------------------------------------------------
    def ensure(self, form: Form) -> Path:
        if form in self.made:
            return self.made[form]
        if form in self.failed:
            raise ConversionError(self.failed[form])
        choices, needs = self._choices(form)
        try:
            for need in needs:
                self.ensure(need)
            target = self.path(form)
            start = time.perf_counter()
            details = MAKERS[form](self, choices, target)
            seconds = time.perf_counter() - start
        except Exception as exc:  # a writer or tool failing fails this form only, never the batch
            message = f"{self.id} {form.value}: {type(exc).__name__}: {exc}"
            self.failed[form] = message
            self.outcome.entry["forms"][form.value] = {"error": message}
            raise ConversionError(message) from exc
        self.made[form] = target
        self.outcome.entry["forms"][form.value] = {"file": f"{form.value}/{target.name}", "choices": choices,
                                                   **details}
        self.outcome.timings[form.value] = {"seconds": round(seconds, 3), "bytes": target.stat().st_size,
                                            "asked": form in self.forms}
        return target

    def _choices(self, form: Form) -> tuple[Any, list[Form]]:
        rng = self.rng(form.value)
        if form is Form.DOCX:
            return draw_docx_choices(rng), []
        if form is Form.HTML:
            return draw_html_choices(rng), []
        if form is Form.REPORTLAB_PDF:
            return draw_reportlab_choices(rng), []
        if form is Form.XLSX:
            return draw_xlsx_choices(rng), []
        if form is Form.DOCX_PDF:
            return None, [Form.DOCX]
        if form is Form.HTML_PDF:
            return None, [Form.HTML]
        if form is Form.LAYOUT_TEXT:
            source = rng.choice(PDF_FORMS)
            return {"source": source}, [source]
        if form is Form.SCAN:
            choices = draw_scan_choices(rng, tuple(f.value for f in PDF_FORMS))
            return choices, [Form(choices.source)]
        return None, []

    def run(self) -> Outcome:
        write_json(self.out / GOLD / f"{self.id}.gold.json",
                   variant_gold(self.record, self.id, formula=self.design.has_formula, target=self.design.has_target))
        for form in self.forms:
            try:
                self.ensure(form)
            except ConversionError as exc:
                self.outcome.errors.append(str(exc))
        return self.outcome


def _docx(run: VariantRun, choices, target: Path) -> dict:
    write_docx(run.doc, choices, target, run.created)
    return {}


def _docx_pdf(run: VariantRun, _choices, target: Path) -> dict:
    docx_to_pdf(run.made[Form.DOCX], target)
    return {"pages": page_count(target)}


def _html(run: VariantRun, choices, target: Path) -> dict:
    write_html(run.doc, choices, target)
    return {}


def _html_pdf(run: VariantRun, _choices, target: Path) -> dict:
    html_to_pdf(run.made[Form.HTML], target)
    return {"pages": page_count(target)}


def _reportlab(run: VariantRun, choices, target: Path) -> dict:
    write_reportlab_pdf(run.doc, choices, target)
    return {"pages": page_count(target)}


def _xlsx(run: VariantRun, choices, target: Path) -> dict:
    write_xlsx(matrix(run.record, run.design), choices, target, run.created)
    return {}


def _layout_text(run: VariantRun, choices, target: Path) -> dict:
    pdf_to_layout_text(run.made[choices["source"]], target)
    return {}


def _scan(run: VariantRun, choices, target: Path) -> dict:
    d = run.record.decree
    pages = scan_pdf(run.made[Form(choices.source)], target, choices, office=f"CAMAT {d.kecamatan.upper()},",
                     name=d.penandatangan, key=f"{run.id}/scan",
                     stamp_texts=(f"PEMERINTAH KABUPATEN {d.kabupaten.upper()}", f"KECAMATAN {d.kecamatan.upper()}",
                                  "CAMAT"))
    return {"pages": pages}


def _photo(run: VariantRun, _choices, target: Path) -> dict:
    """A lampiran page checked to be one page, photographed; its gold holds only what the page shows."""
    rng = run.rng(Form.PHOTO.value)
    renderer = rng.choice(PDF_FORMS).value
    with tempfile.TemporaryDirectory(prefix="iki-photo-", dir=run.work) as tmp:
        for page in layouts(run.record, rng):
            pdf = render_page(run.record, run.design, page, renderer, Path(tmp), run.rng("photo", renderer),
                              run.created)
            if page_count(pdf) == 1:
                break
        else:
            raise ConversionError("no part of a position fits on one photographed page")
        choices = draw_photo_choices(rng, renderer, page)
        width, height = photo_jpeg(pdf, target, choices, key=f"{run.id}/photo")
    write_json(run.out / PHOTO_GOLD / f"{run.id}.gold.json", page_gold(run.record, run.id, run.design, page))
    return {"choices": choices, "size_px": [width, height]}


MAKERS: dict[Form, Callable[[VariantRun, Any, Path], dict]] = {
    Form.DOCX: _docx, Form.DOCX_PDF: _docx_pdf, Form.HTML: _html, Form.HTML_PDF: _html_pdf,
    Form.REPORTLAB_PDF: _reportlab, Form.XLSX: _xlsx, Form.LAYOUT_TEXT: _layout_text, Form.SCAN: _scan,
    Form.PHOTO: _photo,
}


def _run_variant(args: tuple[Record, int, int, Path, list[Form]]) -> Outcome:
    record, seed, k, out, forms = args
    with tempfile.TemporaryDirectory(prefix="iki-family-") as work:
        return VariantRun(record, seed, k, out, Path(work), forms).run()


def _merge(path: Path, seed: int, outcomes: list[Outcome], key: str) -> None:
    """Add this run's entries to a manifest already in the folder (another run may have made other forms)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    variants = data.setdefault("variants", {})
    for o in outcomes:
        fresh = json.loads(json.dumps(getattr(o, key), default=plain))
        old = variants.get(o.id, {})
        if key == "entry":
            fresh["forms"] = {**old.get("forms", {}), **fresh["forms"]}
        else:
            fresh = {**old, **fresh}
        variants[o.id] = fresh
    data["variants"] = dict(sorted(variants.items()))
    if key == "entry":
        data["seed"] = seed
    write_json(path, data)


def generate(records: list[Record], variants: int, seed: int, out: Path, forms: list[Form], jobs: int = 2,
             log: Callable[[str], None] = print) -> list[Outcome]:
    """Every variant of every record in every form; a form that fails is recorded and the rest go on."""
    out.mkdir(parents=True, exist_ok=True)
    tasks = [(r, seed, k, out, forms) for r in records for k in range(1, variants + 1)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        outcomes = []
        for outcome in pool.map(_run_variant, tasks):
            outcomes.append(outcome)
            made = ", ".join(f"{f} {t['seconds']:.1f}s" for f, t in outcome.timings.items() if t["asked"])
            log(f"{outcome.id}: {made}")
            for error in outcome.errors:
                print(f"error {error}", file=sys.stderr)
    _merge(out / "manifest.json", seed, outcomes, "entry")
    _merge(out / "timings.json", seed, outcomes, "timings")
    return outcomes
