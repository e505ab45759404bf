"""Text for the terminal that prints exactly what it says, whatever file names and decree text hold.

File names and decree text come from outside: a name may carry ANSI escape
sequences that recolour, move or clear the terminal, and brackets that Rich
would read as markup. Every value the commands print goes through `plain`,
which shows control characters as visible escapes (`\\x1b`) and takes
brackets literally. Values from data frames may be pandas' missing values
(NaN, NaT, NA), which print as nothing; a value can only be one of those when
pandas is loaded, so this module does not load it.
"""
from __future__ import annotations

import math
import re
import sys

from rich.text import Text

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder what is shown
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character written as its escape."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def plain(value: object) -> Text:
    """A value as literal terminal text: no markup, no control characters; None and NaN print as nothing."""
    if value is None or _missing(value):
        return Text("")
    return Text(visible(str(value)))


def _missing(value: object) -> bool:
    """NaN, or one of pandas' missing values (NaT, NA) when pandas is in use."""
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        return bool(pandas.api.types.is_scalar(value) and pandas.isna(value))
    return isinstance(value, float) and math.isnan(value)
