"""Export files kept ready: each built once per state of the store and served for as long as the store keeps it.

A whole jabatan level at 7,000 decrees is 130,000 rows of 35 columns: reading
it and writing 4.5 million cells of XLSX costs over three seconds of CPU, and
three times that in wall time on a busy machine. The store changes only with
imports, corrections and concept edits, while analysts ask for the same few
exports (a level, in their language) again and again; so every export file is
kept with the store state it was built at (`StoreState`) and served as it is
while the store is still in that state, and a request in a state that no file
was built at builds its file at once. An XLSX file keeps its rows by decree too
(`web.sheets`): the file asked after a correction or an import reads and
writes again only the decrees that changed since the one kept.

When the store changes, `Exports` builds every file it keeps, and the XLSX of
each jabatan level in the default language, again once the store has stayed
in one state for a poll interval (officers' saves come in bursts): an XLSX
file whose rows are kept in the server's own thread (a few tenths of a second,
mostly in Arrow and zlib), any other file whole in a process of its own at a
lower priority, so the screens neither wait for that building nor share their
interpreter's lock with it for long.
"""
from __future__ import annotations

import logging
import os
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing import get_context
from multiprocessing.pool import Pool
from threading import Event, Lock, Thread
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from store.db import open_store
from store.models import Correction
from store.queries import Filters, distinct_values
from web import exports, sheets
from web.i18n import DEFAULT, Language, serving
from web.settings import Settings
from web.tallies import Generation

LOG = logging.getLogger(__name__)
ZONE = ZoneInfo("UTC")  # exports hold no times of day; `serving` asks for a zone all the same


class StoreState:
    """What an export depends on: `Generation` and the number of corrections, since a correction that commits
    after a later one leaves the largest correction id as it was but not their count."""

    @staticmethod
    def of(session: Session) -> tuple:
        return (*Generation.of(session), session.scalar(select(func.count(Correction.id))))


class Made(StrEnum):
    """How a request got its file (the `X-Iki-Export` header says it, for benches and logs)."""

    KEPT = "kept"  # built earlier at this very state
    BUILT = "built"  # built in the request
    UPDATED = "updated"  # built in the request from the rows of an earlier file, the changed decrees read again


@dataclass(frozen=True)
class Ask:
    """One export file: the rows chosen, the format, and the language its columns are headed in."""

    filters: Filters
    fmt: exports.Format
    language: Language


@dataclass(frozen=True)
class Built:
    """A file, the store state it was read at, and for an XLSX file its rows kept in blocks of decrees."""

    state: tuple
    body: bytes
    sheet: sheets.Sheet | None = None


def build(session: Session, ask: Ask) -> Built:
    """The file of `ask` read whole, with the store state it was read at (read first: the rows are that state or
    a later one, never an earlier one, so a file is never taken for newer than it is)."""
    state = StoreState.of(session)
    with serving(ask.language, ZONE):
        if ask.fmt == exports.Format.XLSX:
            sheet = sheets.read(session, ask.filters, state)
            return Built(state, sheets.sheet_workbook(sheet), sheet)
        return Built(state, exports.encoded(exports.export_table(session, ask.filters), ask.fmt))


def update(session: Session, ask: Ask, sheet: sheets.Sheet) -> Built:
    """The XLSX file of `ask` from the rows of an earlier one, brought to the store's present state."""
    now = sheets.updated(session, sheet, ask.filters, StoreState.of(session))
    with serving(ask.language, ZONE):
        return Built(now.state, sheets.sheet_workbook(now), now)


_worker_store: sessionmaker[Session] | None = None


def _worker_start(db_url: str, niceness: int) -> None:
    global _worker_store
    os.nice(niceness)
    _worker_store = open_store(db_url)


def _worker_build(ask: Ask) -> Built:
    assert _worker_store is not None
    with _worker_store() as session:
        return build(session, ask)


class Exports:
    """The export files built, each with its state, the most recently asked `files_kept` of them."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self._factory = factory
        self._settings = settings
        self._held: OrderedDict[Ask, Built] = OrderedDict()
        self._sheets: OrderedDict[Filters, sheets.Sheet] = OrderedDict()  # the latest rows of each XLSX export
        self._lock = Lock()
        self._stop = Event()
        self._pool: Pool | None = None
        self._watcher: Thread | None = None

    def get(self, session: Session, ask: Ask) -> tuple[bytes, Made]:
        """The file of `ask` as the store is now: the one kept if it is of this state, else built now; and how."""
        held = self._kept_at(ask, StoreState.of(session), touch=True)
        if held is not None:
            return held, Made.KEPT
        # not waited for when being built behind the screens: that build runs at a lower priority, and on a busy
        # machine it took minutes where the request's own took seconds
        sheet = self._sheet(ask)
        built = build(session, ask) if sheet is None else update(session, ask, sheet)
        self._keep(ask, built)
        return built.body, Made.BUILT if sheet is None else Made.UPDATED

    def state_of(self, ask: Ask) -> tuple | None:
        """The store state the file kept for `ask` was built at (None: no file kept)."""
        with self._lock:
            held = self._held.get(ask)
        return held.state if held is not None else None

    def _sheet(self, ask: Ask) -> sheets.Sheet | None:
        """The latest rows kept of the XLSX export of `ask`'s filters, in whatever language (None: none kept)."""
        if ask.fmt != exports.Format.XLSX:
            return None
        with self._lock:
            return self._sheets.get(ask.filters)

    def _keep(self, ask: Ask, built: Built) -> None:
        with self._lock:
            self._held[ask] = built
            self._held.move_to_end(ask)
            while len(self._held) > self._settings.export_files_kept:
                self._held.popitem(last=False)
            if built.sheet is not None:
                self._sheets[ask.filters] = built.sheet
                self._sheets.move_to_end(ask.filters)
                while len(self._sheets) > self._settings.export_files_kept:
                    self._sheets.popitem(last=False)

    def start(self) -> None:
        """Build files behind the screens from now on (`iki serve`; tests build them in the request only)."""
        self._pool = get_context("spawn").Pool(1, initializer=_worker_start,
                                               initargs=(self._settings.db_url, self._settings.export_niceness))
        self._watcher = Thread(target=self._watch, name="export-builder", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        """Stop at once: a file half built is of no use, so the builder is ended, not waited for."""
        self._stop.set()
        if self._pool is not None:
            self._pool.terminate()
        if self._watcher is not None:
            self._watcher.join(timeout=5)

    def _wanted(self, session: Session) -> list[Ask]:
        """The files to keep current: those kept, the latest asked first, then the XLSX of every level in the
        default language."""
        levels = [Ask(Filters(level=level), exports.Format.XLSX, DEFAULT) for level in
                  distinct_values(session, "level")]
        with self._lock:
            kept = list(reversed(self._held))
        return list(dict.fromkeys([*kept, *levels]))[:self._settings.export_files_kept]

    def _watch(self) -> None:
        """Every poll interval, the store's state; once it has stayed the same for one interval, every wanted
        file not of that state is built again, one at a time, newest asked first."""
        last: tuple | None = None
        while not self._stop.wait(self._settings.export_poll_seconds):
            try:
                with self._factory() as session:
                    state = StoreState.of(session)
                    if state != last:
                        last = state
                        continue
                    wanted = self._wanted(session)
                for ask in wanted:
                    if self._stop.is_set():
                        return
                    self._refresh(ask, state)
            except Exception:  # noqa: BLE001 - a failed round is logged and the next one tries again
                LOG.exception("keeping the exports current failed")

    def _kept_at(self, ask: Ask, state: tuple, touch: bool = False) -> bytes | None:
        """The file kept for `ask` if it was built at `state`, else None; `touch` makes it the most recently
        asked (a request's, not the builder's look)."""
        with self._lock:
            held = self._held.get(ask)
            if held is None or held.state != state:
                return None
            if touch:
                self._held.move_to_end(ask)
            return held.body

    def _refresh(self, ask: Ask, state: tuple) -> None:
        """The file of `ask` built again: from its rows kept, the changed decrees read here (a fraction of a
        second); without them whole, in the builder's process."""
        if self._kept_at(ask, state) is not None:
            return
        sheet = self._sheet(ask)
        if sheet is not None:
            with self._factory() as session:
                built = update(session, ask, sheet)
        else:
            assert self._pool is not None
            built = self._pool.apply_async(_worker_build, (ask,)).get(self._settings.export_build_seconds)
        with self._factory() as session:  # kept only if still current: never over a file a request built since
            if StoreState.of(session) == built.state:
                self._keep(ask, built)
