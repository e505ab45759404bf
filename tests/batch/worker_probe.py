"""A job for extraction workers that reports on the process instead of extracting; imports nothing of the store."""
from __future__ import annotations

import os
import sys

from normalize.regions import load_gazetteer

HEAVY = ("sqlalchemy", "alembic", "pandas", "store", "pipeline.service")


def probe(path: str, options: object = None) -> tuple[int, list[str], int]:
    """(this process's id, the heavy modules it has loaded, how many gazetteers it holds) for one file."""
    return os.getpid(), [name for name in HEAVY if name in sys.modules], load_gazetteer.cache_info().currsize
