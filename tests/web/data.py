"""The data every web test and the screenshot script start from: the sample decrees, their files, users."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pipeline.run import extract_file
from store.db import make_engine, open_store, upgrade
from store.enums import Role
from store.importer import load_record
from store.models import Concept, IndicatorRow
from store.originals import FolderOriginals
from tests.conftest import family_file, sample_files
from web.accounts import add_user
from web.settings import Settings

PASSWORD = "correct horse battery"
USERS = {"admin": "admin", "olivia": "officer", "andi": "analyst"}
PDF_SAMPLE = family_file("docx-pdf")  # Ponggok as a Word decree saved as PDF, drawn from its gold
IKM_CONCEPT = "Indeks Kepuasan Masyarakat"


def build_store(folder: Path) -> Settings:
    """A migrated SQLite store with the five text samples, one PDF sample, their files, users and one concept."""
    url = f"sqlite:///{folder / 'iki.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    factory = open_store(url)
    files = FolderOriginals(folder / "files")
    for path in [p for _, p in sample_files()] + [PDF_SAMPLE]:
        record = extract_file(path)
        files.keep(path, record.sha256)
        load_record(factory, record)
    add_users(factory)
    with factory.begin() as session:
        concept = Concept(code="kepuasan-masyarakat", name=IKM_CONCEPT, kind="indeks", status="confirmed", curated=True)
        session.add(concept)
        session.flush()
        ikm = [row.id for row in session.scalars(select(IndicatorRow)) if row.indikator and (
            row.indikator.strip().upper() == "IKM" or "kepuasan masyarakat" in row.indikator.lower())]
        session.execute(update(IndicatorRow).where(IndicatorRow.id.in_(ikm)).values(concept_id=concept.id))
    factory.kw["bind"].dispose()
    return settings_for(folder)


def add_users(factory: sessionmaker[Session]) -> None:
    """An admin, an officer and an analyst, all with PASSWORD."""
    with factory.begin() as session:
        for name, role in USERS.items():
            add_user(session, name, Role(role), PASSWORD)


def settings_for(folder: Path) -> Settings:
    """The app's settings on a store `build_store` made (or a copy of one): small upload limit, fixed secret."""
    return Settings(db_url=f"sqlite:///{folder / 'iki.db'}", files_dir=folder / "files",
                    secret="test-secret-" + "x" * 32, max_upload_bytes=200_000)
