"""Decree metadata: kecamatan, kabupaten, tahun, nomor, tanggal, signer and NIP.

A decree names its own kecamatan many times and other regions rarely, so names
are chosen by frequency; the decree number is the one under the 'KEPUTUSAN'
heading, not the numbers of regulations cited in 'Mengingat'; the date is the
one of 'Ditetapkan ... pada tanggal', falling back to a signature date.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from normalize.records import Decree
from normalize.text import clean
from normalize.vocabulary import vocabulary, words

_NAME = r"([A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){0,2})"
_STOP = {"kabupaten", "kab", "kota", "tahun", "provinsi", "nomor", "tentang", "di", "dan", "kecamatan", "camat"}
_NIP = re.compile(r"\bNIP\b\.?\s*:?\s*(\d{8}\s*\d{6}\s*\d\s*\d{3})", re.I)
_CITATION = re.compile(r"peraturan|undang|\bnomor\b|lembaran", re.I)
_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,10})\.?\s+(\d{3,4})")


@dataclass(frozen=True)
class TextLine:
    text: str
    number: int


def _names(lines: list[TextLine], pattern: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    regex = re.compile(r"(?i:" + pattern + r")\s+" + _NAME)
    for line in lines:
        for match in regex.finditer(line.text):
            name_words = []
            for word in match.group(1).split():
                if word.lower().strip(".") in _STOP:
                    break
                name_words.append(word)
            if name_words:
                counts[" ".join(name_words).title()] += 1
    return counts


def _most_common(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


def find_kecamatan(lines: list[TextLine]) -> str | None:
    counts = _names(lines, r"\b(?:kecamatan|camat)")
    return _most_common(counts)


def find_kabupaten(lines: list[TextLine]) -> tuple[str | None, str | None]:
    """Kabupaten or kota name and which of the two it is."""
    kab = _names(lines, r"\b(?:kabupaten|kab\.|bupati)")
    kota = _names(lines, r"\b(?:pemerintah\s+kota|walikota|wali\s+kota)")
    if kab and (not kota or kab.most_common(1)[0][1] >= kota.most_common(1)[0][1]):
        return _most_common(kab), "kabupaten"
    if kota:
        return _most_common(kota), "kota"
    return None, None


def find_tahun(lines: list[TextLine]) -> int | None:
    """The IKI year in the title block: the first single 'TAHUN YYYY' near 'Indikator Kinerja'."""
    for i, line in enumerate(lines):
        if re.search(r"indikator\s+kinerja", line.text, re.I) and not _CITATION.search(line.text):
            window = " ".join(x.text for x in lines[i:i + 5] if not _CITATION.search(x.text))
            match = re.search(r"\btahun\s+(\d{4})\b(?!\s*[-–/]\s*\d{4})", window, re.I)
            if match:
                return int(match.group(1))
    return None


def find_nomor(lines: list[TextLine]) -> str | None:
    """The decree's own number: a 'Nomor' with slashes close under a 'KEPUTUSAN' heading."""
    best: tuple[int, int, str] | None = None
    heading_at = [i for i, line in enumerate(lines) if re.match(r"^\W*keputusan\b", line.text, re.I)]
    for i, line in enumerate(lines):
        match = re.search(r"\bnomor\b\s*:?\s*(.+)$", line.text, re.I)
        if not match or "/" not in match.group(1):
            continue
        value = re.split(r"\s{2,}|\s+tentang\b", match.group(1).strip(" *"), flags=re.I)[0].strip(" *.,;")
        score = 0
        if any(0 <= i - h <= 3 for h in heading_at):
            score += 3
        if re.match(r"^\W*nomor\b", line.text, re.I):
            score += 1
        if re.search(r"peraturan|undang|m\.?pan|per/", line.text, re.I):
            score -= 3
        candidate = (score, -i, value)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best and best[0] > 0 else None


def _parse_date(text: str, tahun: int | None) -> str | None:
    months = vocabulary()["months"]
    for match in _DATE.finditer(text):
        month = months.get(match.group(2).lower())
        if not month:
            continue
        day, year = int(match.group(1)), match.group(3)
        if len(year) == 3 and tahun and str(tahun).startswith(year):
            year = str(tahun)
        if len(year) != 4 or not 1 <= day <= 31:
            continue
        return f"{int(year):04d}-{month:02d}-{day:02d}"
    return None


def find_tanggal(lines: list[TextLine], tahun: int | None) -> tuple[str | None, int | None]:
    """The signing date in ISO form and the line it was found on."""
    for i, line in enumerate(lines):
        if re.search(r"\b(pada\s+)?tanggal\b|\bditetapkan\b", line.text, re.I):
            window = " ".join(x.text for x in lines[i:i + 2])
            if re.search(r"ditetapkan|pada\s+tanggal", window, re.I):
                date = _parse_date(line.text, tahun) or _parse_date(window, tahun)
                if date:
                    return date, i
    for i, line in enumerate(lines):
        if re.match(r"^\W*[A-Z][A-Za-z .]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\W*$", line.text):
            date = _parse_date(line.text, tahun)
            if date:
                return date, i
    return None, None


def _is_name_line(text: str) -> bool:
    lower = text.lower()
    if not re.search(r"[A-Za-z]{2}", text) or len(text) > 60:
        return False
    if any(w in lower for w in words("rank_words")):
        return False
    return not any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", lower) for w in words("title_words"))


def find_signer(lines: list[TextLine], after: int | None) -> tuple[str | None, str | None]:
    """Signer's name and NIP: the first NIP after the signing date, and the name line above it."""
    start = after or 0
    for i in range(start, len(lines)):
        match = _NIP.search(lines[i].text)
        if not match:
            continue
        nip = " ".join(match.group(1).split())
        for j in range(i, max(start - 1, i - 8), -1):
            text = clean(lines[j].text[:match.start()] if j == i else lines[j].text).strip(" :")
            if text and _is_name_line(text):
                return text, nip
        return None, nip
    return (None, None) if after is None else find_signer(lines, None)


def extract_decree(lines: list[TextLine], all_text: list[TextLine]) -> Decree:
    """Metadata from the running text; names are counted over tables too, where sumber data cite them."""
    tahun = find_tahun(lines)
    tanggal, date_line = find_tanggal(lines, tahun)
    if tahun is None and tanggal:
        tahun = int(tanggal[:4])
    kabupaten, kabupaten_type = find_kabupaten(all_text)
    signer, nip = find_signer(lines, date_line)
    return Decree(
        kecamatan=find_kecamatan(all_text), kabupaten=kabupaten, kabupaten_type=kabupaten_type, tahun=tahun,
        nomor=find_nomor(lines), tanggal=tanggal, penandatangan=signer, nip=nip,
    )
