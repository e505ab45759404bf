"""The catalogue of indicator concepts and the edits a data officer makes to it.

A concept is one comparable measure ("Indeks Kepuasan Masyarakat") whatever
each kecamatan calls it. The catalogue starts from a small seed (data file)
and grows from the data: indicators that fit no concept propose new ones,
which an officer confirms, renames, merges or splits. Every edit is a pure
function returning a new catalogue, so the store can persist each step with
its audit trail and the same edits replay identically.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from extract.errors import BadValue
from normalize.harmonize import lexicon

STATUSES = ("proposed", "confirmed")
POLARITIES = ("higher_is_better", "lower_is_better")


class CatalogueError(BadValue):
    """An edit that names a concept the catalogue does not have, or would clash with one it has.

    Its words are a Message, so the screens say them in the officer's language."""


@dataclass(frozen=True)
class Concept:
    """One comparable measure; `aliases` are further wordings known to mean it."""

    code: str
    name: str
    kind: str = "lainnya"
    unit: str | None = None
    polarity: str = "higher_is_better"
    usual_formula: str | None = None
    status: str = "proposed"
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES or self.polarity not in POLARITIES:
            raise CatalogueError("concept '%(code)s': status must be one of %(statuses)s, polarity one of "
                                 "%(polarities)s", code=self.code, statuses=", ".join(STATUSES),
                                 polarities=", ".join(POLARITIES))

    @property
    def wordings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Catalogue:
    """Concepts by code, plus where merged-away codes now point."""

    concepts: tuple[Concept, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)

    def get(self, code: str) -> Concept:
        """The concept a code names, following merges."""
        while code in self.redirects:
            code = self.redirects[code]
        for concept in self.concepts:
            if concept.code == code:
                return concept
        raise CatalogueError("no concept '%(code)s' in the catalogue", code=code)

    def has(self, code: str) -> bool:
        try:
            self.get(code)
        except CatalogueError:
            return False
        return True

    def to_dict(self) -> dict[str, Any]:
        return {"concepts": [{**asdict(c), "aliases": list(c.aliases)} for c in self.concepts],
                "redirects": dict(self.redirects)}


def catalogue_from_dict(data: dict[str, Any]) -> Catalogue:
    concepts = tuple(Concept(**{**c, "aliases": tuple(c.get("aliases", ()))})
                     for c in data.get("concepts", []) if not c.get("_doc"))
    return Catalogue(concepts, dict(data.get("redirects", {})))


def seed_catalogue() -> Catalogue:
    """The catalogue as shipped: widely used kecamatan indicators, confirmed."""
    return catalogue_from_dict(lexicon.seed_catalogue())


def load_catalogue(path: Path | None) -> Catalogue:
    """A catalogue saved with `save_catalogue`, or the seed when no path is given."""
    if path is None:
        return seed_catalogue()
    return catalogue_from_dict(json.loads(path.read_text(encoding="utf-8")))


def save_catalogue(catalogue: Catalogue, path: Path) -> None:
    path.write_text(json.dumps(catalogue.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")


def _replace_concept(catalogue: Catalogue, code: str, new: Concept) -> Catalogue:
    target = catalogue.get(code).code
    return replace(catalogue, concepts=tuple(new if c.code == target else c for c in catalogue.concepts))


def add(catalogue: Catalogue, concept: Concept) -> Catalogue:
    """The catalogue with a new concept (a proposal from the data, or one entered by hand)."""
    if catalogue.has(concept.code):
        raise CatalogueError("concept '%(code)s' already exists", code=concept.code)
    return replace(catalogue, concepts=(*catalogue.concepts, concept))


def confirm(catalogue: Catalogue, code: str) -> Catalogue:
    """Mark a proposed concept as confirmed by an officer."""
    return _replace_concept(catalogue, code, replace(catalogue.get(code), status="confirmed"))


def rename(catalogue: Catalogue, code: str, name: str) -> Catalogue:
    """Give a concept a new display name; the old name stays as an alias so its wording still matches."""
    concept = catalogue.get(code)
    aliases = concept.aliases if concept.name in concept.aliases else (*concept.aliases, concept.name)
    renamed = replace(concept, name=name, aliases=tuple(a for a in aliases if a != name))
    return _replace_concept(catalogue, code, renamed)


def merge(catalogue: Catalogue, codes: list[str], into: str) -> Catalogue:
    """Fold concepts into one: their wordings become its aliases and their codes redirect to it."""
    target = catalogue.get(into)
    absorbed = [catalogue.get(code) for code in codes if catalogue.get(code).code != target.code]
    aliases = list(target.aliases)
    for concept in absorbed:
        aliases += [w for w in concept.wordings if w != target.name and w not in aliases]
    gone = {c.code for c in absorbed}
    concepts = tuple(replace(c, aliases=tuple(aliases)) if c.code == target.code else c
                     for c in catalogue.concepts if c.code not in gone)
    redirects = {old: (target.code if new in gone else new) for old, new in catalogue.redirects.items()}
    redirects.update({code: target.code for code in gone})
    return Catalogue(concepts, redirects)


def split(catalogue: Catalogue, code: str, new_code: str, new_name: str, wordings: list[str]) -> Catalogue:
    """Move some wordings of a concept into a new proposed concept of the same kind and unit."""
    concept = catalogue.get(code)
    if catalogue.has(new_code):
        raise CatalogueError("concept '%(code)s' already exists", code=new_code)
    unknown = [w for w in wordings if w not in concept.aliases]
    if unknown:
        raise CatalogueError("%(wordings)s: not wordings of '%(code)s' besides its name", wordings="; ".join(unknown),
                             code=concept.code)
    kept = replace(concept, aliases=tuple(a for a in concept.aliases if a not in wordings))
    moved = Concept(new_code, new_name, concept.kind, concept.unit, concept.polarity, concept.usual_formula,
                    "proposed", tuple(w for w in wordings if w != new_name))
    return add(_replace_concept(catalogue, code, kept), moved)
