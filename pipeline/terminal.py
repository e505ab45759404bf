"""Text for the terminal that prints exactly what it says, whatever file names and decree text hold.

File names and decree text come from outside: a name may carry ANSI escape
sequences that recolour, move or clear the terminal, and brackets that Rich
would read as markup. Every value the commands print goes through `plain`,
which shows control characters as visible escapes (`\\x1b`) and takes
brackets literally.
"""
from __future__ import annotations

import re

import pandas as pd
from rich.text import Text

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder what is shown
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character written as its escape."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def plain(value: object) -> Text:
    """A value as literal terminal text: no markup, no control characters; None and NaN print as nothing."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return Text("")
    return Text(visible(str(value)))
