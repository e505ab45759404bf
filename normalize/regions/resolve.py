"""Finding the official kecamatan, kabupaten/kota and provinsi a decree names.

A decree names its kecamatan, usually its kabupaten or kota, sometimes neither
cleanly (OCR noise, "Kab." abbreviations, only "a.n. BUPATI ..." in the
signature). `resolve` returns the Kemendagri codes only when one kecamatan is
clearly the best match; when several fit about equally (a name shared by
several kabupaten, Kota vs Kabupaten of the same name) it returns "ambiguous"
with every close candidate, so a person decides instead of the code guessing.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from extract.errors import IkiError

from .gazetteer import District, Gazetteer, RegencyKind, load_gazetteer
from .names import match_key, split_regency, strip_district
from .similarity import score_names

Status = Literal["resolved", "ambiguous", "not_found"]

# Across the whole country the net is wide on purpose: near names caught here compete with the best
# match, so a noisy name ends "ambiguous" rather than resolved to a look-alike.
NATIONWIDE_CUTOFF = 80.0
# Inside a kabupaten already matched there are only a few dozen kecamatan, so noisier text is safe.
WITHIN_REGENCY_CUTOFF = 70.0
REGENCY_CUTOFF = 75.0
# Matches this close to the best one are treated as equally plausible.
AMBIGUITY_MARGIN = 5.0
# A kabupaten where the decree says kota (or the reverse) still counts, well behind one of the stated kind.
KIND_MISMATCH_PENALTY = 20.0


class RegionQueryError(IkiError):
    """A resolve() argument that cannot name a region level."""


@dataclass
class RegionResolution:
    """What `resolve` found: official names and codes when resolved, the candidates in every case.

    "resolved": one kecamatan, whose fields are filled in. "ambiguous": a person must choose
    among `candidates` (several fit, the decree's Kota/Kabupaten contradicts the only match,
    or a name without kabupaten is merely similar to one). "not_found": nothing fits; the
    candidates show where the kecamatan name exists elsewhere, or the matching kabupaten/kota
    when no kecamatan was given. Codes are Kemendagri's dotted codes ("35.05.06");
    `candidates` hold dicts with the same fields as this record and their own score, best first.
    """

    status: Status
    kecamatan: str | None = None
    kabupaten: str | None = None
    kabupaten_type: RegencyKind | None = None
    provinsi: str | None = None
    kecamatan_code: str | None = None
    kabupaten_code: str | None = None
    provinsi_code: str | None = None
    score: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fields(district: District, score: float) -> dict[str, Any]:
    regency = district.regency
    return {
        "kecamatan": district.name,
        "kabupaten": regency.name,
        "kabupaten_type": regency.kind,
        "provinsi": regency.province.name,
        "kecamatan_code": district.code,
        "kabupaten_code": regency.code,
        "provinsi_code": regency.province.code,
        "score": round(score, 1),
    }


def _stated_kind(kabupaten_type: str | None) -> RegencyKind | None:
    if kabupaten_type is None or not kabupaten_type.strip():
        return None
    rest, kind = split_regency(kabupaten_type)
    if kind is None or rest:
        raise RegionQueryError("kabupaten_type", f"expected 'kabupaten' or 'kota', got {kabupaten_type!r}")
    return kind


def _ranked(gazetteer: Gazetteer, scores: dict[int, float]) -> list[tuple[District, float]]:
    pairs = [(gazetteer.districts[index], score) for index, score in scores.items()]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0].code))


def _kind_penalty(kind: RegencyKind | None, actual: RegencyKind) -> float:
    return KIND_MISMATCH_PENALTY if kind is not None and actual != kind else 0.0


def _decide(
    ranked: list[tuple[District, float]], kind: RegencyKind | None, same_key: set[str], kabupaten_known: bool
) -> RegionResolution:
    """Resolved when one match stands out and fits the stated kind; otherwise every close match for a person.

    Kecamatan whose match key equals the decree's (same name up to spacing, old spelling or
    doubled letters) compete only among themselves: "Banyuasin I" is not made doubtful by
    "Banyuasin II", while "Labuhanhaji" and "Labuhan Haji" stay in competition. Without a
    kabupaten, only such a same-key name is trusted: a short name with one OCR slip is
    too often another real kecamatan somewhere in the country.
    """
    if not ranked:
        return RegionResolution("not_found")
    preferred = [(d, s) for d, s in ranked if d.code in same_key]
    if preferred:
        top = preferred[0][1]
        # A different name still competes if it fits better overall (say, in the kabupaten the decree names).
        close = [(d, s) for d, s in preferred if s >= top - AMBIGUITY_MARGIN]
        close += [(d, s) for d, s in ranked if d.code not in same_key and s > top]
    else:
        top = ranked[0][1]
        close = [(d, s) for d, s in ranked if s >= top - AMBIGUITY_MARGIN]
    close.sort(key=lambda pair: (-pair[1], pair[0].code))
    if len(close) > 1:
        return RegionResolution("ambiguous", score=round(close[0][1], 1), candidates=[_fields(d, s) for d, s in close])
    winner, score = close[0]
    candidates = [_fields(winner, score)] + [_fields(d, s) for d, s in ranked if d is not winner]
    if _kind_penalty(kind, winner.regency.kind) or (not kabupaten_known and winner.code not in same_key):
        # The best kecamatan lies in a Kabupaten where the decree says Kota (or the reverse),
        # or it is only similar to the name of a decree that gives no kabupaten to confirm it.
        return RegionResolution("ambiguous", score=round(score, 1), candidates=candidates)
    best = dict(candidates[0])
    best.pop("score")
    return RegionResolution("resolved", **best, score=round(score, 1), candidates=candidates)


def _same_key(gazetteer: Gazetteer, district_query: str, indexes: Iterable[int]) -> set[str]:
    key = match_key(district_query)
    return {gazetteer.districts[i].code for i in indexes if gazetteer.district_keys[i] == key}


def _regency_candidates(gazetteer: Gazetteer, regency_query: str, kind: RegencyKind | None) -> list[dict[str, Any]]:
    """Matching kabupaten/kota, for a decree that names no kecamatan."""
    scores = score_names(regency_query, gazetteer.regency_plain, gazetteer.regency_keys, REGENCY_CUTOFF)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], gazetteer.regencies[item[0]].code))
    result = []
    for index, score in ranked:
        regency = gazetteer.regencies[index]
        if kind is not None and regency.kind != kind:
            continue
        result.append({
            "kecamatan": None, "kabupaten": regency.name, "kabupaten_type": regency.kind,
            "provinsi": regency.province.name, "kecamatan_code": None, "kabupaten_code": regency.code,
            "provinsi_code": regency.province.code, "score": round(score, 1),
        })
    return result


def resolve(kecamatan: str | None, kabupaten: str | None, kabupaten_type: str | None = None) -> RegionResolution:
    """Official region of a decree from the kecamatan and kabupaten/kota names it writes.

    `kabupaten` may carry its level ("Kota Blitar", "Kab. Blitar", "BUPATI BLITAR");
    `kabupaten_type` ("kabupaten" or "kota") overrides it. Without a kabupaten the
    kecamatan is looked up across the country and resolves only if its name (up to
    spacing, old spelling and doubled letters) belongs to one kecamatan.
    With no kecamatan the result is "not_found" and the candidates list the matching
    kabupaten/kota.
    """
    gazetteer = load_gazetteer()
    district_query = strip_district(kecamatan or "")
    regency_query, written_kind = split_regency(kabupaten or "")
    kind = _stated_kind(kabupaten_type) or written_kind
    if not district_query:
        return RegionResolution("not_found", candidates=_regency_candidates(gazetteer, regency_query, kind))
    if not regency_query:
        nationwide = score_names(district_query, gazetteer.district_plain, gazetteer.district_keys, NATIONWIDE_CUTOFF)
        scores = {
            index: score - _kind_penalty(kind, gazetteer.districts[index].regency.kind)
            for index, score in nationwide.items()
        }
        return _decide(_ranked(gazetteer, scores), kind, _same_key(gazetteer, district_query, scores), False)
    regency_scores = score_names(regency_query, gazetteer.regency_plain, gazetteer.regency_keys, REGENCY_CUTOFF)
    combined: dict[int, float] = {}
    for regency_index, regency_score in regency_scores.items():
        regency = gazetteer.regencies[regency_index]
        fit = regency_score - _kind_penalty(kind, regency.kind)
        in_regency = score_names(
            district_query, gazetteer.district_plain, gazetteer.district_keys, WITHIN_REGENCY_CUTOFF,
            only=gazetteer.districts_of.get(regency.code, ()),
        )
        for district_index, district_score in in_regency.items():
            combined[district_index] = (district_score + fit) / 2
    if not combined:
        # The kecamatan is not in the kabupaten the decree names: show where the name does exist.
        nationwide = score_names(district_query, gazetteer.district_plain, gazetteer.district_keys, NATIONWIDE_CUTOFF)
        return RegionResolution("not_found", candidates=[_fields(d, s) for d, s in _ranked(gazetteer, nationwide)])
    return _decide(_ranked(gazetteer, combined), kind, _same_key(gazetteer, district_query, combined), True)
