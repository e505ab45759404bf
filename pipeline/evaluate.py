"""Accuracy of extraction against hand-made gold records.

Texts are compared blind to case, accents, punctuation and spacing, and agree
from a similarity of 0.9; indicator rows are paired in document order by their
indicator text (sasaran when there is none) from a similarity of 0.8. Every
non-empty (row, field) value is a cell; cell F1 is the headline figure.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from extract.errors import IkiError
from pipeline.run import extract_file

ROW_FIELDS = ("jabatan", "sasaran", "indikator", "kind", "formula", "numerator", "denominator", "multiplier",
              "sumber_data", "target")
DECREE_FIELDS = ("kecamatan", "kabupaten", "tahun", "nomor", "tanggal", "penandatangan", "nip")
AGREE, PAIR = 90.0, 80.0


@dataclass
class Score:
    hits: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else float(not self.expected)

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else float(not self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    rows: Score = field(default_factory=Score)
    positions: Score = field(default_factory=Score)
    cells: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in ROW_FIELDS})
    decree_right: int = 0
    decree_total: int = 0
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class Report:
    documents: dict[str, DocumentScore]
    rows: Score
    positions: Score
    cells: Score
    decree_right: int
    decree_total: int


def canon(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKD", str(value)).replace("Σ", " ").replace("∑", " ").replace("×", " x ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text).split())


def agree(expected: Any, got: Any) -> bool:
    a, b = canon(expected), canon(got)
    return a == b or (bool(a) and bool(b) and fuzz.ratio(a, b) >= AGREE)


def pair_in_order(expected: list[str], got: list[str]) -> list[tuple[int, int]]:
    """Order-keeping pairing that maximises the summed similarity of pairs above the threshold."""
    if not expected or not got:
        return []
    sim = process.cdist(expected, got, scorer=fuzz.ratio, score_cutoff=PAIR)
    n, m = len(expected), len(got)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] and expected[i] and got[j] else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] and expected[i] and got[j] and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _rows(doc: dict) -> list[dict]:
    return [{**ind, "jabatan": pos.get("jabatan")} for pos in doc.get("positions") or []
            for ind in pos.get("indicators") or []]


def _row_key(row: dict) -> str:
    return canon(row.get("indikator")) or "sasaran " + canon(row.get("sasaran"))


def _position_key(pos: dict) -> str:
    return canon(pos.get("jabatan")) or "tugas " + canon(pos.get("tugas"))[:200]


def score_document(gold: dict, pred: dict) -> DocumentScore:
    score = DocumentScore()
    for name in DECREE_FIELDS:
        expected = (gold.get("decree") or {}).get(name)
        if expected is not None:
            score.decree_total += 1
            ok = agree(expected, (pred.get("decree") or {}).get(name))
            score.decree_right += ok
            if not ok:
                score.wrong.append((f"decree.{name}", expected, (pred.get("decree") or {}).get(name)))
    gp, pp = gold.get("positions") or [], pred.get("positions") or []
    score.positions = Score(len(pair_in_order([_position_key(p) for p in gp], [_position_key(p) for p in pp])),
                            len(pp), len(gp))
    gr, pr = _rows(gold), _rows(pred)
    pairs = pair_in_order([_row_key(r) for r in gr], [_row_key(r) for r in pr])
    score.rows = Score(len(pairs), len(pr), len(gr))
    for name in ROW_FIELDS:
        field_score = score.fields[name]
        field_score.expected = sum(bool(canon(r.get(name))) for r in gr)
        field_score.predicted = sum(bool(canon(r.get(name))) for r in pr)
        for i, j in pairs:
            if agree(gr[i].get(name), pr[j].get(name)):
                field_score.hits += bool(canon(gr[i].get(name)))
            else:
                score.wrong.append((name, gr[i].get(name), pr[j].get(name)))
        score.cells.add(field_score)
    return score


def sample_pairs(index: Path, gold_dir: Path, column: str) -> list[tuple[str, Path]]:
    """(gold stem, file to extract) pairs from the samples' index CSV."""
    with index.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [(row["seed_stem"], index.parent / row[column]) for row in rows if row.get(column)]


def evaluate(gold_dir: Path, pairs: list[tuple[str, Path]] | None = None, pred_dir: Path | None = None) -> Report:
    """Score either freshly extracted files (`pairs`) or JSON records already written to `pred_dir`."""
    documents: dict[str, DocumentScore] = {}
    stems = [stem for stem, _ in pairs] if pairs else sorted(
        p.name[: -len(".gold.json")] for p in gold_dir.glob("*.gold.json"))
    files = dict(pairs or [])
    for stem in stems:
        gold = json.loads((gold_dir / f"{stem}.gold.json").read_text(encoding="utf-8"))
        if pred_dir is not None:
            path = pred_dir / f"{stem}.json"
            pred = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        else:
            try:
                pred = extract_file(files[stem]).to_dict()
            except IkiError:
                pred = {}
        documents[stem] = score_document(gold, pred)
    totals = {name: Score() for name in ("rows", "positions", "cells")}
    for doc in documents.values():
        for name, total in totals.items():
            total.add(getattr(doc, name))
    return Report(documents, totals["rows"], totals["positions"], totals["cells"],
                  sum(d.decree_right for d in documents.values()), sum(d.decree_total for d in documents.values()))
