"""One pdfium call at a time in a process.

PDFium is not thread-safe, not even across documents: two threads calling it at once crash the process
(pypdfium2's documentation says so, and a page picture rendered while another was being freed did). The
web screens render page pictures from a pool of threads while an upload may be read in another, so every
use of pdfium in `extract/` holds this lock, and closes what it opened before letting go of it: an object
left to the garbage collector would be freed by whichever thread collects it. The lock is re-entrant so
that a helper holding it may call another.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL import Image

PDFIUM = threading.RLock()


def rendered(page: pdfium.PdfPage, scale: float) -> Image.Image:
    """The page rendered at `scale` as an RGB picture of its own, the bitmap freed under the lock."""
    with PDFIUM:
        bitmap = page.render(scale=scale)
        try:
            return bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
