"""`ReaderOptions`, the limits and OCR settings of reading one file.

Apart from `extract.reader` so that the commands can show the defaults in their
options without importing the readers.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

from extract.errors import InputRefused


@dataclass(frozen=True)
class ReaderOptions:
    """Limits and OCR settings; defaults suit a laptop, batch imports may tighten them.

    `max_seconds` bounds the reading of one whole document (a noisy scan can
    take minutes a page); `read_layout` starts the clock, and the readers
    check it between pages and give OCR only the time left.
    """

    ocr_lang: str = "ind+eng"
    max_pages: int = 300
    max_bytes: int = 200 * 1024 * 1024
    max_image_pixels: int = 60_000_000
    dpi: int = 300
    max_seconds: float = 900.0
    deadline: float | None = None

    def started(self) -> ReaderOptions:
        """These options with the document's clock started now."""
        return replace(self, deadline=time.monotonic() + self.max_seconds)

    def seconds_left(self, source: str) -> float:
        """Time left of the document's budget; refuses the document once it is spent."""
        left = float("inf") if self.deadline is None else self.deadline - time.monotonic()
        if left <= 0:
            raise InputRefused(source, f"reading took longer than the limit of {self.max_seconds:g} s per document")
        return left
