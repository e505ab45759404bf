"""Grouping every stored indicator again, asked from the concepts screen, run behind the screens.

At 7,000 decrees a full re-grouping takes a minute or more: run in the
request it would outlast a proxy's patience and leave the officer staring at
a spinning tab. One runs at a time, in its own thread and transaction; the
list page says whether one is running, since when, and how the last ended.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from store.concept_refresh import AssignmentSummary, regroup_concepts
from store.errors import Message, StoreError


@dataclass(frozen=True)
class RegroupState:
    """What the screen says: running since `started`, or the last run's summary or problem."""

    who: str
    started: datetime
    finished: datetime | None = None
    summary: AssignmentSummary | None = None
    problem: Message | None = None


class Regrouping:
    """The one re-grouping the screens may run; `after` runs once it has committed, before it says it ended
    (the screens' tallies are read again there, so the list's counts show the new grouping)."""

    def __init__(self, factory: sessionmaker[Session], after: Callable[[], None]) -> None:
        self._factory = factory
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
            with self._factory.begin() as session:
                summary = regroup_concepts(session)
            self._after()
        except StoreError as exc:
            problem = exc.message
        except Exception as exc:  # the screen must say it ended, whatever broke
            problem = Message("the grouping stopped: %(error)s", {"error": f"{type(exc).__name__}: {exc}"})
        with self._lock:
            assert self._state is not None
            self._state = RegroupState(self._state.who, self._state.started, datetime.now(UTC), summary, problem)
