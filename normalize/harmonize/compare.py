"""Tables that put the same concept or the same position side by side across kecamatan.

The grouping says which indicators measure the same thing; these tables are
what a reader compares: per kecamatan, the wording, formula, target and data
source of one concept, or every concept one kind of position is judged by.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from normalize.harmonize.catalogue import Concept
from normalize.harmonize.concepts import ConceptAssignment
from normalize.harmonize.jabatan import map_jabatan
from normalize.records import LEVELS, DecreeRecord

COLUMNS = ["kecamatan", "source", "position", "jabatan", "level", "jabatan_code", "indicator", "concept",
           "concept_name", "indikator", "formula", "target", "sumber_data", "score", "proposed"]


def _kecamatan(record: DecreeRecord) -> str:
    return record.decree.kecamatan or Path(record.source).stem


def assignment_frame(records: list[DecreeRecord], assignments: list[ConceptAssignment]) -> pd.DataFrame:
    """One row per grouped indicator, with its position's canonical jabatan."""
    by_source = {r.source: r for r in records}
    codes = {(r.source, i): map_jabatan(p.jabatan, p.level, p.tugas, p.fungsi).code
             for r in records for i, p in enumerate(r.positions)}
    rows = []
    for a in assignments:
        record = by_source[a.source]
        rows.append([_kecamatan(record), a.source, a.position_index, a.jabatan, a.level,
                     codes[(a.source, a.position_index)],
                     a.indicator_index, a.concept.code, a.concept.name, a.indikator, a.formula, a.target,
                     a.sumber_data, a.score, a.proposed])
    return pd.DataFrame(rows, columns=COLUMNS)


def concepts_used(frame: pd.DataFrame, concepts: list[Concept]) -> pd.DataFrame:
    """Every concept the indicators use, with how many kecamatan and indicators use it, most shared first."""
    info = {c.code: c for c in concepts}
    usage = frame.groupby("concept").agg(kecamatan=("kecamatan", "nunique"), indicators=("indikator", "size"))
    rows = []
    for code, row in usage.iterrows():
        c = info[code]
        rows.append([code, c.name, c.kind, c.unit, c.polarity, c.status, int(row.kecamatan), int(row.indicators)])
    table = pd.DataFrame(rows, columns=["code", "name", "kind", "unit", "polarity", "status", "kecamatan",
                                        "indicators"])
    return table.sort_values(["kecamatan", "indicators", "code"], ascending=[False, False, True], ignore_index=True)


def for_concept(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    """The indicators of one concept, by kecamatan: wording, formula, target and data source."""
    rows = frame[frame["concept"] == code]
    return rows.sort_values(["kecamatan", "position", "indicator"], ignore_index=True)[
        ["kecamatan", "jabatan", "jabatan_code", "indikator", "formula", "target", "sumber_data"]]


def for_jabatan(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The indicators of one level (camat, kasi, ...) or one canonical position (kasubag_umum, ...)."""
    column = "level" if key in LEVELS else "jabatan_code"
    rows = frame[frame[column] == key]
    return rows.sort_values(["concept", "kecamatan", "position", "indicator"], ignore_index=True)[
        ["concept", "concept_name", "kecamatan", "jabatan", "indikator", "formula", "target", "sumber_data"]]


def jabatan_matrix(rows: pd.DataFrame) -> pd.DataFrame:
    """Concepts x kecamatan, concepts shared by most kecamatan first; a cell holds each wording used there."""
    def cell(group: pd.DataFrame) -> str:
        return "\n".join(w if pd.isna(t) or not t else f"{w} [{t}]" for w, t in zip(group["indikator"],
                                                                                      group["target"], strict=True))

    matrix = rows.groupby(["concept_name", "kecamatan"]).apply(cell, include_groups=False).unstack("kecamatan")
    shared = matrix.notna().sum(axis=1).rename("shared")
    order = shared.reset_index().sort_values(["shared", "concept_name"], ascending=[False, True])["concept_name"]
    return matrix.loc[order].fillna("")
