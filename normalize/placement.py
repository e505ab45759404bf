"""A decree placed in the administrative tree: official codes, and the kabupaten when only the kecamatan is named."""
from __future__ import annotations

from normalize.records import Decree
from normalize.regions import resolve


def _candidate(found: dict) -> str:
    code = found.get("kecamatan_code") or found.get("kabupaten_code")
    return f"{found.get('kecamatan') or '-'} / {found.get('kabupaten') or '-'} ({code})"


def place(decree: Decree, source: str) -> list[str]:
    """Fill region codes from the gazetteer; return warnings for what a data officer must decide."""
    if not decree.kecamatan and not decree.kabupaten:
        return [f"{source}: no kecamatan or kabupaten named; region left empty"]
    found = resolve(decree.kecamatan, decree.kabupaten, decree.kabupaten_type)
    decree.region_status = found.status
    decree.region_candidates = found.candidates if found.status != "resolved" else []
    if found.status != "resolved":
        names = "; ".join(_candidate(c) for c in found.candidates[:6])
        return [f"{source}: region {found.status} for kecamatan {decree.kecamatan!r}, kabupaten "
                f"{decree.kabupaten!r}; candidates: {names or 'none'}"]
    decree.kabupaten = decree.kabupaten or (found.kabupaten or "").title() or None
    decree.kabupaten_type = found.kabupaten_type
    decree.provinsi = found.provinsi
    decree.kecamatan_code, decree.kabupaten_code, decree.provinsi_code = (
        found.kecamatan_code, found.kabupaten_code, found.provinsi_code)
    return []
