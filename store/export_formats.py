"""The export formats, apart from `store.exports` (which needs pandas) so that commands can list them in their help."""
from __future__ import annotations

FORMATS = ("csv", "xlsx", "parquet", "json")
TEXT_FORMATS = ("csv", "json")  # the formats that can go to stdout
