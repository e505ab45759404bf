"""The original of every imported file, kept by its sha256, so every decree can show its source page.

Whatever imports a file (`iki import`, a batch, a Dask worker, an upload)
keeps its original through the import service, in a folder (one file named
`<sha256><suffix>`) or in the database (`source_contents`, for teams whose
screens run elsewhere than their imports). `IKI_FILES` (or `--files`) names
the folder, or `db` for the database; by default it is `<database name>-files/`
beside a SQLite database, else `./iki-files/`. Originals are found through
their `source_files` row, never through a name a browser sent.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from store.models import SourceContent, SourceFile

FILES_ENV = "IKI_FILES"
IN_DATABASE = "db"


def stored_name(sha256: str, name: str) -> str:
    return f"{sha256}{Path(name).suffix.lower()}"


class Originals(Protocol):
    """Where originals are kept: `keep` one after its import, `path` to read it back."""

    def keep(self, path: Path, sha256: str) -> None: ...

    def path(self, source: SourceFile) -> Path | None: ...


class FolderOriginals:
    """Originals as files of one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, path: Path, sha256: str) -> None:
        target = self.folder / stored_name(sha256, path.name)
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(path, partial)
            partial.replace(target)  # a reader never sees half a file

    def path(self, source: SourceFile) -> Path | None:
        found = self.folder / stored_name(source.sha256, source.name)
        return found if found.is_file() else None


class DatabaseOriginals:
    """Originals as rows of `source_contents`; read back into a private cache folder, since readers want a path."""

    def __init__(self, factory: sessionmaker[Session], cache: Path | None = None) -> None:
        self.factory = factory
        self.cache = cache or Path(tempfile.gettempdir()) / f"iki-originals-{os.getuid()}"

    def keep(self, path: Path, sha256: str) -> None:
        with self.factory.begin() as session:
            if session.get(SourceContent, sha256) is None:
                content = path.read_bytes()
                session.add(SourceContent(sha256=sha256, size=len(content), content=content))

    def path(self, source: SourceFile) -> Path | None:
        cached = self.cache / stored_name(source.sha256, source.name)
        if cached.is_file():
            return cached
        with self.factory() as session:
            content = session.scalar(select(SourceContent.content).where(SourceContent.sha256 == source.sha256))
        if content is None:
            return None
        self.cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = cached.with_name(cached.name + f".{os.getpid()}.part")
        partial.write_bytes(content)
        partial.replace(cached)
        return cached


def default_folder(db_url: str) -> Path:
    """`<database name>-files/` beside a SQLite database file, else `iki-files/` in the working directory."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database).resolve()
        return database.parent / f"{database.stem}-files"
    return Path.cwd() / "iki-files"


def originals_for(factory: sessionmaker[Session], setting: str | Path | None = None) -> Originals:
    """The originals of the store `factory` opens: `setting`, else $IKI_FILES, else the default folder."""
    chosen = str(setting) if setting is not None else os.environ.get(FILES_ENV, "")
    if chosen == IN_DATABASE:
        return DatabaseOriginals(factory)
    if chosen:
        return FolderOriginals(Path(chosen))
    url = factory.kw["bind"].url.render_as_string(hide_password=False)
    return FolderOriginals(default_folder(url))
