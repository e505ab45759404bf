"""Uploaded decrees: checked against the limits, then imported on a worker thread by the import service.

An upload goes through the same import as `iki import` (hash, skip if known,
extract, store, keep the original, assign concepts), so an uploaded decree
gets its concepts and canonical jabatan at once. Jobs live in memory (a restart forgets the
progress of running uploads, not their results, which are in the store);
the queue screen polls their state.
"""
from __future__ import annotations

import contextvars
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session, sessionmaker

from pipeline.service import ImportService
from store.enums import Outcome
from store.originals import Originals
from web import labels
from web.i18n import N_, _
from web.settings import Settings
from web.sources import safe_name

CHUNK = 1 << 16
OUTCOMES = {Outcome.IMPORTED: N_("imported"), Outcome.UPDATED: N_("updated"), Outcome.UNCHANGED: N_("unchanged"),
            Outcome.FAILED: N_("failed")}
TIFF = (b"II*\x00", b"MM\x00*")
MAGIC = {".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8",), ".jpeg": (b"\xff\xd8",),
         ".tif": TIFF, ".tiff": TIFF}


class UploadRefused(Exception):
    """The file breaks a limit (size, type); the message says which, `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 415) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Job:
    id: str
    name: str
    who: str
    state: str = "queued"
    progress: int = 0
    message: str = ""
    decree_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def receive(stream: BinaryIO, name: str, settings: Settings, folder: Path) -> Path:
    """Save an upload under a safe name in `folder`, refusing wrong types and files over the size limit."""
    clean = safe_name(name)
    suffix = Path(clean).suffix.lower()
    if suffix not in settings.allowed_suffixes:
        allowed = ", ".join(sorted(settings.allowed_suffixes))
        raise UploadRefused(_("%(name)s: files of type %(type)s are not accepted; send one of %(allowed)s",
                              name=clean, type=suffix or "(-)", allowed=allowed))
    target = folder / clean
    written = 0
    with target.open("wb") as out:
        while chunk := stream.read(CHUNK):
            written += len(chunk)
            if written > settings.max_upload_bytes:
                out.close()
                target.unlink()
                limit = settings.max_upload_bytes / (1024 * 1024)
                raise UploadRefused(_("%(name)s: the file is larger than the limit of %(limit)s MB", name=clean,
                                      limit=f"{limit:g}"), 413)
            out.write(chunk)
    if written == 0:
        target.unlink()
        raise UploadRefused(_("%(name)s: the file is empty", name=clean), 400)
    if not _content_matches(target, suffix):
        target.unlink()
        raise UploadRefused(_("%(name)s: the content does not look like a %(type)s file", name=clean, type=suffix))
    return target


def _content_matches(path: Path, suffix: str) -> bool:
    """PDFs and images must start with their signature; text must be UTF-8 without NUL bytes."""
    with path.open("rb") as fh:
        head = fh.read(CHUNK)
    if suffix in MAGIC:
        return head.startswith(MAGIC[suffix])
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a character cut at the end of the chunk is fine
            return False
    return b"\x00" not in head


class UploadQueue:
    """A small pool of workers importing uploads, and the state of every job for the status endpoint."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings, originals: Originals,
                 workers: int = 2) -> None:
        self._service = ImportService(factory, originals=originals)
        self._settings = settings
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="iki-upload")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(self, stream: BinaryIO, name: str, who: str) -> Job:
        """Check and keep the upload now (so the refusal is immediate), extract it later."""
        folder = Path(tempfile.mkdtemp(prefix="iki-upload-"))
        try:
            path = receive(stream, name, self._settings, folder)
        except UploadRefused:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = Job(id=uuid.uuid4().hex, name=path.name, who=who, message=_("waiting for a worker"))
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(contextvars.copy_context().run, self._run, job, path)  # in the uploader's language
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())[-20:]

    def _update(self, job: Job, **changes: object) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _run(self, job: Job, path: Path) -> None:
        try:
            self._update(job, state="running", progress=10, message=_("reading, extracting and storing the file"))
            report = self._service.import_file(path)
            state = "failed" if report.outcome == Outcome.FAILED else "done"
            message = report.error or _("%(outcome)s, status %(status)s", outcome=_(OUTCOMES[report.outcome]),
                                        status=labels.status(report.status))
            self._update(job, state=state, progress=100, message=message, decree_id=report.decree_id)
        except Exception as exc:  # a worker must report every failure to the screen, whatever broke
            self._update(job, state="failed", progress=100, message=_("unexpected %(error)s: %(detail)s",
                                                                           error=type(exc).__name__, detail=exc))
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
