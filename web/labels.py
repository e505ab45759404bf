"""What the screens and exports call the store's statuses, actions and fields, marked for translation.

Exports name their columns with the same labels, in the language of the
screen they were asked from, so a spreadsheet's header reads like the screen.
"""
from __future__ import annotations

from typing import Any

from normalize.doubt import DoubtReason
from store.enums import CorrectionAction, Role, SourceStatus
from web.i18n import N_, _

STATUSES = {SourceStatus.IMPORTED: N_("imported"), SourceStatus.NEEDS_REVIEW: N_("needs review"),
            SourceStatus.REVIEWED: N_("reviewed"), SourceStatus.FAILED: N_("failed"),
            SourceStatus.NO_CONTENT: N_("no content")}
ACTIONS = {CorrectionAction.SET: N_("cell"), CorrectionAction.ADD: N_("add row"),
           CorrectionAction.DELETE: N_("delete row"), CorrectionAction.SPLIT: N_("split row"),
           CorrectionAction.MERGE: N_("merge rows"), CorrectionAction.MOVE: N_("move row"),
           CorrectionAction.REVERT: N_("undo"), CorrectionAction.REVIEWED: N_("marked reviewed"),
           CorrectionAction.POSITION: N_("position"), CorrectionAction.DECREE: N_("decree field"),
           CorrectionAction.AUTHORITY: N_("form that counts")}
DOUBTS = {DoubtReason.DOUBTFUL_ROWS: N_("about %(share)s of the rows may be wrong"),
          DoubtReason.UNREAD_TABLES: N_("%(share)s of the table rows were not read as indicators"),
          DoubtReason.UNMAPPED_COLUMNS: N_("%(share)s of the rows are in tables with columns not recognised"),
          DoubtReason.ALIGNED_ROWS: N_("%(share)s of the rows were rebuilt from lines placed by alignment"),
          DoubtReason.LOW_OCR: N_("low OCR confidence on page(s) %(pages)s")}
ROLES = {Role.ADMIN: N_("admin"), Role.OFFICER: N_("officer"), Role.ANALYST: N_("analyst")}
FIELDS = {
    "decree_id": N_("Decree id"), "row_id": N_("Row id"), "row_key": N_("Row key"), "source": N_("Source file"),
    "sha256": N_("File sha256"), "kecamatan": N_("Kecamatan"), "kabupaten": N_("Kabupaten"),
    "kabupaten_type": N_("Kabupaten or kota"), "provinsi": N_("Provinsi"), "kecamatan_code": N_("Kecamatan code"),
    "kabupaten_code": N_("Kabupaten code"), "provinsi_code": N_("Provinsi code"), "tahun": N_("Year"),
    "nomor": N_("Decree number"), "tanggal": N_("Decree date"), "penandatangan": N_("Signed by"), "nip": N_("NIP"),
    "position_id": N_("Position id"), "position_ordinal": N_("Position order"), "position_key": N_("Position key"),
    "jabatan": N_("Position"), "level": N_("Level"), "canonical_jabatan": N_("Canonical position"),
    "jabatan_score": N_("Position match score"), "ordinal": N_("Row order"), "sasaran": N_("Target (sasaran)"),
    "indikator": N_("Indicator"), "kind": N_("Kind"), "formula": N_("Formula"), "numerator": N_("Numerator"),
    "denominator": N_("Denominator"), "multiplier": N_("Multiplier"), "sumber_data": N_("Data source"),
    "target": N_("Target value as written"), "target_value": N_("Target value"), "target_unit": N_("Target unit"),
    "confidence": N_("Confidence"), "concept_id": N_("Concept id"), "concept": N_("Concept"),
    "concept_status": N_("Concept status"), "concept_code": N_("Concept code"), "concept_score": N_("Concept score"),
    "reviewed": N_("Confirmed"), "origin": N_("Origin"), "line_start": N_("First line"), "line_end": N_("Last line"),
    "page": N_("Page"), "page_boxes": N_("Boxes on the pages"), "version": N_("Version"),
    "tugas": N_("Duties (tugas)"), "fungsi": N_("Functions (fungsi)"),
}


def status(value: str) -> str:
    return _(STATUSES[SourceStatus(value)])


def doubt(value: dict[str, Any]) -> str:
    """Why a decree needs review as a whole, from the doubt its file keeps ({"reason", "share", "pages"})."""
    try:
        message = DOUBTS[DoubtReason(str(value.get("reason")))]
    except ValueError:
        return str(value.get("reason"))
    return _(message, share=f"{round(100 * float(value.get('share') or 0))} %",
             pages=", ".join(str(p) for p in value.get("pages") or []))


def action(value: str) -> str:
    return _(ACTIONS[CorrectionAction(value)])


def field(name: str) -> str:
    """A column's label in the current language; a column without one keeps its name."""
    return _(FIELDS[name]) if name in FIELDS else name


def role(value: str) -> str:
    return _(ROLES[Role(value)])
