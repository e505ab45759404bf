"""Grouping every stored indicator again, asked from the concepts screen, run behind the screens.

At 7,000 decrees a full re-grouping takes a minute and a half: run in the
request it would outlast a proxy's patience and leave the officer staring at
a spinning tab. One runs at a time, in a process of its own (in the server's
it held the interpreter's lock against every screen: a cell save waited
seconds), worked out without the write lock and written in one short
transaction (`store.concept_refresh.finish_regroup`); the list page says
whether one is running, since when, and how the last ended.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from typing import Any

from store.concept_refresh import AssignmentSummary, regroup_in_steps
from store.db import open_store
from store.errors import Message, StoreError

NICENESS = 5  # the screens go first while the re-grouping works


@dataclass(frozen=True)
class RegroupState:
    """What the screen says: running since `started`, or the last run's summary or problem."""

    who: str
    started: datetime
    finished: datetime | None = None
    summary: AssignmentSummary | None = None
    problem: Message | None = None


def regroup_in_process(db_url: str, niceness: int) -> tuple[AssignmentSummary | None, dict[str, Any] | None]:
    """The re-grouping, in the process it runs in: its summary, or its problem as data (a store error does
    not survive pickling)."""
    os.nice(niceness)
    factory = open_store(db_url)
    try:
        return regroup_in_steps(factory), None
    except StoreError as exc:
        return None, exc.message.as_data()
    finally:
        factory.kw["bind"].dispose()


class Regrouping:
    """The one re-grouping the screens may run; `after` runs once it has committed, before it says it ended
    (the screens' tallies are read again there, so the list's counts show the new grouping)."""

    def __init__(self, db_url: str, after: Callable[[], None], niceness: int = NICENESS) -> None:
        self._db_url = db_url
        self._niceness = niceness
        self._after = after
        self._lock = threading.Lock()
        self._state: RegroupState | None = None
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> RegroupState | None:
        with self._lock:
            return self._state

    def start(self, who: str) -> bool:
        """Start a re-grouping unless one is running; whether this call started it."""
        with self._lock:
            if self._state is not None and self._state.finished is None:
                return False
            self._state = RegroupState(who, datetime.now(UTC))
            self._thread = threading.Thread(target=self._run, name="iki-regroup", daemon=True)
            self._thread.start()
            return True

    def wait(self, seconds: float | None = None) -> None:
        """Until the running re-grouping ends (for the server's shutdown and for tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(seconds)

    def _run(self) -> None:
        summary, problem = None, None
        try:
            with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                summary, said = pool.submit(regroup_in_process, self._db_url, self._niceness).result()
            problem = None if said is None else Message.from_data(said)
            if summary is not None:
                self._after()
        except Exception as exc:  # the screen must say it ended, whatever broke (the process killed, too)
            problem = Message("the grouping stopped: %(error)s", {"error": f"{type(exc).__name__}: {exc}"})
        with self._lock:
            assert self._state is not None
            self._state = RegroupState(self._state.who, self._state.started, datetime.now(UTC), summary, problem)
