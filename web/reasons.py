"""The reasons and conflicts the code itself writes into the history, said in the reader's language.

A correction keeps its reason and a replay's conflict as text, the audit
trail's record of what was said, and a conflict also as data (a template and
its values) that says it in any language. Those the code writes (an undo or a
check on screen, a bulk replacement, a re-import's replay that no longer finds
its row) are written in English, as every stored text; the history says them in the
reader's language where it shows them, their values (the texts replaced, a
row's key) as they are. A reason an officer typed is shown as typed: a text
counts as the code's own only with the action the code writes it with.
"""
from __future__ import annotations

import ast
import re
from typing import Any

from extract.errors import Message
from store.corrections import POSITION_GONE, ROW_GONE
from store.enums import CorrectionAction
from web.i18n import N_, _, said
from web.labels import field

UNDONE = N_("undone on screen")
CHECKED = N_("checked on screen")
BULK = N_("bulk: %(find)s -> %(replace)s")
_OWN = {CorrectionAction.REVERT: UNDONE, CorrectionAction.REVIEWED: CHECKED}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def bulk(find: str, replace: str) -> str:
    """The reason kept for a bulk replacement no officer gave a reason for."""
    return BULK % {"find": repr(find), "replace": repr(replace)}


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)  # text, name, text, name, ..., text
    return re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*)"
                              for index, part in enumerate(parts)), re.DOTALL)


_BULK = _pattern(BULK)
_CONFLICTS = [(template, _pattern(template)) for template in (ROW_GONE.template, POSITION_GONE.template)]


def _quoted(text: str) -> bool:
    try:
        return isinstance(ast.literal_eval(text), str)
    except (ValueError, SyntaxError):
        return False


def _bulk_parts(why: str) -> dict[str, str] | None:
    """The two quoted texts of a bulk reason, split at the ` -> ` that leaves both whole (either may hold one)."""
    if _BULK.fullmatch(why) is None:
        return None
    rest = why.removeprefix(BULK.split("%", 1)[0])
    arrow = " -> "
    at = rest.find(arrow)
    while at >= 0:
        find, replace = rest[:at], rest[at + len(arrow):]
        if _quoted(find) and _quoted(replace):
            return {"find": find, "replace": replace}
        at = rest.find(arrow, at + 1)
    return None


def reason(action: str, why: str | None) -> str | None:
    """A correction's reason as the history shows it."""
    if why is None:
        return None
    if _OWN.get(CorrectionAction(action)) == why:
        return _(why)
    if action == CorrectionAction.SET and (parts := _bulk_parts(why)) is not None:
        return _(BULK, **parts)
    return why


def conflict(text: str | None, kept: dict[str, Any] | None = None) -> str | None:
    """A replayed correction's conflict as the history shows it: from the data kept with it, or for one stored
    before that was kept, from its text where the code wrote it."""
    if text is None:
        return None
    if kept is not None:
        message = said(Message.from_data(kept))
        return f"{field(kept['source'])}: {message}" if "source" in kept else message
    for template, pattern in _CONFLICTS:
        found = pattern.fullmatch(text)
        if found is not None:
            return _(template, **found.groupdict())
    return text
