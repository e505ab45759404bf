"""Synthetic decrees for the benchmarks, made by recombining the sample decrees.

Text decrees keep a sample's wording but get a new kecamatan, year and a
different subset of its indicator rows; records (for the database figures)
take each position from a random sample decree of the same level. Both are
seeded, so two runs measure the same corpus.
"""
from __future__ import annotations

import hashlib
import random
import re
from copy import deepcopy
from pathlib import Path

from normalize.records import DecreeRecord
from pipeline.run import extract_file
from pipeline.version import extractor_version

ROOT = Path(__file__).resolve().parent.parent
TEXT_SAMPLES = sorted((ROOT / "samples" / "text").glob("*.txt"))
HEADS = ("Sumber", "Karang", "Tanjung", "Banyu", "Wono", "Sido", "Kali", "Gunung", "Rejo", "Tegal", "Pandan",
         "Suka", "Mekar", "Jati", "Watu", "Kedung", "Bumi", "Tirta", "Sri", "Purwo")
TAILS = ("rejo", "sari", "mulyo", "agung", "jaya", "asri", "makmur", "harjo", "wangi", "anom", "kulon", "wetan",
         "lor", "kidul", "baru", "indah", "sejati", "luhur", "tengah", "arum")
KABUPATEN = ("Blitar", "Nganjuk", "Sampang", "Situbondo", "Lumajang", "Kediri", "Malang", "Jember", "Banyuwangi",
             "Probolinggo", "Pasuruan", "Madiun", "Ngawi", "Tuban", "Gresik")


def kecamatan_name(index: int) -> str:
    """A distinct, plausible kecamatan name for every index below 400 x 26 x 26."""
    head, tail = HEADS[index % len(HEADS)], TAILS[index // len(HEADS) % len(TAILS)]
    rest = index // (len(HEADS) * len(TAILS))
    suffix = "" if rest == 0 else " " + chr(ord("A") + rest % 26) + (chr(ord("a") + rest // 26) if rest >= 26 else "")
    return f"{head}{tail}{suffix}"


def sample_texts() -> list[tuple[str, str, str]]:
    """(text, kecamatan, year) of each sample decree, read from its extracted record."""
    found = []
    for path in TEXT_SAMPLES:
        record = extract_file(path)
        found.append((path.read_text(encoding="utf-8"), record.decree.kecamatan or "", str(record.decree.tahun)))
    return found


def text_decree(samples: list[tuple[str, str, str]], index: int, rng: random.Random) -> str:
    """A sample decree with a new kecamatan and year, and about a tenth of its table rows left out."""
    text, kecamatan, year = samples[index % len(samples)]
    text = re.sub(re.escape(kecamatan), kecamatan_name(index), text, flags=re.IGNORECASE)
    text = text.replace(year, str(rng.randint(2019, 2025)))
    lines = [line for line in text.splitlines()
             if not ("\t" in line and line[:1].isdigit() and line[:2] != "1\t" and rng.random() < 0.1)]
    return "\n".join(lines) + "\n"


def write_text_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    samples = sample_texts()
    paths = []
    for index in range(count):
        path = folder / f"syn-{index:05d}.txt"
        path.write_text(text_decree(samples, index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def sample_records() -> list[DecreeRecord]:
    return [extract_file(path) for path in TEXT_SAMPLES]


def recombined_records(count: int, seed: int = 11) -> list[DecreeRecord]:
    """`count` decree records, each position drawn from the samples' positions of the same level."""
    rng = random.Random(seed)
    samples = sample_records()
    by_level: dict[str | None, list] = {}
    for record in samples:
        for position in record.positions:
            by_level.setdefault(position.level, []).append(position)
    records = []
    for index in range(count):
        base = samples[index % len(samples)]
        record = deepcopy(base)
        record.positions = [deepcopy(rng.choice(by_level[p.level])) for p in base.positions]
        head = record.decree
        head.kecamatan = kecamatan_name(index)
        head.kabupaten = KABUPATEN[index % len(KABUPATEN)]
        head.tahun = rng.randint(2019, 2025)
        head.kecamatan_code = head.kabupaten_code = None
        record.source = f"syn-{index:05d}.txt"
        record.sha256 = hashlib.sha256(f"synthetic decree {seed} {index}".encode()).hexdigest()
        record.extractor_version = extractor_version()
        records.append(record)
    return records
