"""Keeping the translation catalogues in step with the code: extract, update, compile.

    .venv/bin/python -m web.catalogues            # after changing a marked text: extract, update the .po, compile
    .venv/bin/python -m web.catalogues --check    # exit 1 when a text lacks a translation or a .mo is stale

Texts are extracted with Babel from `web/**.py` (`_`, `N_`, `ngettext`) and
the templates (Jinja's i18n extension), and the problems the store names
(`store/**.py`: the texts its errors are raised with, which the screens show
through `web.i18n.said`); a new text is added to every
language's `.po` with an empty translation, which `--check` (and the test
suite) refuses until someone translates it.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from web.i18n import DOMAIN, LOCALE_DIR, Language

WEB = Path(__file__).parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
ERRORS = {name: (2,) for name in ("StoreError", "SchemaError", "NotFound", "InvalidCorrection", "EditConflict",
                                  "ConceptEditError")}
KEYWORDS = {"_": None, "N_": None, "gettext": None, "plain_gettext": None, "ngettext": (1, 2), **ERRORS,
            "BadValue": (1,), "CatalogueError": (1,), "Message": (1,)}
STORE = WEB.parent / "store"
CATALOGUE = WEB.parent / "normalize" / "harmonize"  # the catalogue's refusals reach the concept screens
TRANSLATED = [language for language in Language if language != Language.ENGLISH]


def extracted() -> Catalog:
    """Every marked text of the web package, with where it is used."""
    catalog = Catalog(domain=DOMAIN)
    for folder, methods in ((WEB, METHODS), (STORE, [("**.py", "python")]), (CATALOGUE, [("catalogue.py", "python")])):
        for filename, lineno, message, comments, context in extract_from_dir(
                folder, methods, options_map=OPTIONS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            where = filename if folder == WEB else f"../{folder.relative_to(WEB.parent).as_posix()}/{filename}"
            catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: Language) -> Path:
    return LOCALE_DIR / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: Language) -> Catalog:
    with po_path(language).open("rb") as fh:
        return read_po(fh, locale=language.value, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """Texts of the code that the catalogue does not translate (missing, empty or fuzzy)."""
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found else None
        empty = not strings or (isinstance(strings, tuple) and not all(strings))
        if found is None or empty or found.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update() -> None:
    template = extracted()
    for language in TRANSLATED:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(language) if path.exists() else Catalog(locale=language.value, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=120, omit_header=False, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(compiled(read(language)))


def check() -> list[str]:
    """What stops the catalogues from being complete and compiled, one line per problem."""
    template = extracted()
    problems = []
    for language in TRANSLATED:
        catalog = read(language)
        problems += [f"{language.value}: no translation of {text!r}" for text in untranslated(catalog, template)]
        mo = po_path(language).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            problems.append(f"{language.value}: {mo.name} is not the compiled {po_path(language).name}; run "
                            "python -m web.catalogues")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    if parser.parse_args().check:
        problems = check()
        print("\n".join(problems) or "catalogues complete and compiled")
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
