"""The screens' language: Bahasa Indonesia by default, English as a switch, from gettext catalogues.

Every text the screens, their messages and their exports show is written in
English in the code and templates and marked for translation (`_` in Python,
`{% trans %}` / `_()` in templates); `web/locale/<lang>/LC_MESSAGES/messages.po`
holds the translations, compiled to the `.mo` files committed beside them
(`python -m web.i18n` extracts, updates and compiles them). The language of
a request comes from the `iki_lang` cookie the switch in the page header
sets; dates, times and numbers are formatted the same language's way
("28 Oktober 2022", "1.234,5"), times in the office's time zone.
"""
from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from extract.errors import Message

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
COOKIE = "iki_lang"


class Language(StrEnum):
    """The languages of the screens; the first is the default."""

    INDONESIAN = "id"
    ENGLISH = "en"

    @property
    def label(self) -> str:
        return (Locale.parse(self.value).get_display_name(self.value) or self.value).capitalize()


DEFAULT = Language.INDONESIAN
_current: contextvars.ContextVar[Language] = contextvars.ContextVar("iki_language", default=DEFAULT)
_zone: contextvars.ContextVar[ZoneInfo | None] = contextvars.ContextVar("iki_zone", default=None)
OFFICE_ZONE = ZoneInfo("Asia/Jakarta")


@cache
def translations(language: Language) -> NullTranslations:
    """The compiled catalogue of a language; English is the language of the code, so it needs none."""
    if language == Language.ENGLISH:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language.value], DOMAIN)


def language_of(cookie: str | None) -> Language:
    try:
        return Language(cookie or DEFAULT)
    except ValueError:
        return DEFAULT


@contextmanager
def serving(language: Language, zone: ZoneInfo) -> Iterator[None]:
    """Serve what runs inside (routes, error pages, exports) in `language`, times in `zone`."""
    tokens = _current.set(language), _zone.set(zone)
    try:
        yield
    finally:
        _current.reset(tokens[0])
        _zone.reset(tokens[1])


def current() -> Language:
    return _current.get()


def gettext(message: str, **values: object) -> str:
    """`message` in the request's language, with %(name)s placeholders filled from `values`."""
    text = translations(current()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    text = translations(current()).ngettext(singular, plural, count)
    return text % {"num": count, **values}


_ = gettext


def N_(message: str) -> str:  # the usual gettext name for "mark for extraction, translate where it is shown"
    return message


def said(message: Message) -> str:
    """A problem the store or a stage names (in English there) in the request's language, values filled in."""
    values = {name: said(value) if isinstance(value, Message) else value for name, value in message.values.items()}
    text = translations(current()).gettext(message.template)
    return text % values if values else text


def plain_gettext(message: str) -> str:
    """The translation alone, for Jinja's i18n extension (which fills the placeholders itself, escaping them)."""
    return translations(current()).gettext(message)


def plain_ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current()).ngettext(singular, plural, count)


def when(value: datetime | None) -> str:
    """A moment in the office's time zone: "28 Oktober 2022 14.05"."""
    if value is None:
        return ""
    moment = value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))
    local = moment.astimezone(_zone.get() or OFFICE_ZONE)
    locale = current().value
    return f"{format_date(local, 'long', locale=locale)} {format_time(local, 'short', locale=locale)}"


def day(value: date | None) -> str:
    """A date as the language writes it: "28 Oktober 2022"."""
    return format_date(value, "long", locale=current().value) if value else ""


def number(value: float | int | None, digits: int = 2) -> str:
    """A number with the language's separators ("1.234,5"); whole numbers without decimals."""
    if value is None or value != value:
        return ""
    shown = round(float(value), digits)
    return format_decimal(int(shown) if shown.is_integer() else shown, locale=current().value)
