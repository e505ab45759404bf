"""The relational schema of the store (SQLAlchemy 2 declarative, typed).

Indicator rows hold the effective values (extracted values with corrections
applied) so that queries and views read them directly; the values as
extracted stay in `extracted` and every change is a row of `corrections`,
which is what survives a re-import.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.enum_text import EnumText
from store.enums import CorrectionAction, CorrectionStatus, RowOrigin, SourceStatus, check_values

NAME_LENGTH = 100  # people's names in the audit trails and user accounts
CONCEPT_STATUSES = ("proposed", "confirmed", "merged")
CONCEPT_ACTIONS = ("add", "confirm", "rename", "merge", "split")
DECISION_LINKS = ("alias", "must_link", "cannot_link")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # every model maps one table (SQLAlchemy types it as any FromClause)


class SourceFile(Base):
    """One input file, identified by its content; failures are recorded here too."""

    __tablename__ = "source_files"
    __table_args__ = (CheckConstraint(f"status IN {check_values(SourceStatus)}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str | None] = mapped_column(String(100))
    pages: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str | None] = mapped_column(String(50))
    extractor_version: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[SourceStatus] = mapped_column(EnumText(SourceStatus, 20))
    error: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    # why the whole decree needs review (normalize.doubt): [{"reason", "share", "pages"}]
    doubts: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=list)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    decree: Mapped[Decree | None] = relationship(back_populates="source_file", cascade="all, delete-orphan",
                                                 passive_deletes=True)
    corrections: Mapped[list[Correction]] = relationship(back_populates="source_file", order_by="Correction.id")


class SourceContent(Base):
    """The original bytes of an imported file, when originals are kept in the database (store.originals)."""

    __tablename__ = "source_contents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Decree(Base):
    """A decree as extracted from its source file; its id stays the same through every re-extraction.

    `row_version_floor` is the highest version any of its rows had when rows
    were last dropped (a re-extraction, a replay that rebuilds rows corrections
    added): a row made again starts above it, so an edit read against any
    earlier state of the row is refused. `concepts_pending` says the decree was
    stored or changed since concepts were last assigned, so a run killed before
    assigning them is finished by the next. `extracted` keeps the decree's own
    fields as read, so that reverting an officer's edit of them can restore them.

    The same decree often arrives in several forms (typed text, its PDF, a
    rescan): each is a decree of its own file, and `twin_of` points every form
    but one to the form that counts (store.twins), so that views, counts and
    charts read each decree once. The row counts are kept here, up to date
    with every write (store.decree_counts), so the queue sorts and pages 7,000
    decrees without reading their rows.
    """

    __tablename__ = "decrees"
    __table_args__ = (Index("ix_decrees_kabupaten_lower", func.lower(text("kabupaten"))),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_files.id", ondelete="CASCADE"), unique=True)
    kecamatan: Mapped[str | None] = mapped_column(String(200), index=True)
    kabupaten: Mapped[str | None] = mapped_column(String(200), index=True)
    kabupaten_type: Mapped[str | None] = mapped_column(String(20))
    provinsi: Mapped[str | None] = mapped_column(String(200), index=True)
    kecamatan_code: Mapped[str | None] = mapped_column(String(20))
    kabupaten_code: Mapped[str | None] = mapped_column(String(20))
    provinsi_code: Mapped[str | None] = mapped_column(String(10))
    region_status: Mapped[str | None] = mapped_column(String(20))
    tahun: Mapped[int | None] = mapped_column(Integer, index=True)
    nomor: Mapped[str | None] = mapped_column(Text)
    tanggal: Mapped[date | None] = mapped_column(Date)
    penandatangan: Mapped[str | None] = mapped_column(Text)
    nip: Mapped[str | None] = mapped_column(Text)
    region_candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    row_version_floor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    concepts_pending: Mapped[bool] = mapped_column(default=True, server_default=true())
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # a plain id, not a foreign key: SQLite adds none to an existing table without rebuilding it
    twin_of: Mapped[int | None] = mapped_column(Integer, index=True)
    identity_key: Mapped[str | None] = mapped_column(String(300), index=True)
    content_key: Mapped[str | None] = mapped_column(String(64), index=True)
    row_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    low_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unconfirmed_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    min_confidence: Mapped[float | None] = mapped_column(Float)

    source_file: Mapped[SourceFile] = relationship(back_populates="decree")
    positions: Mapped[list[Position]] = relationship(back_populates="decree", order_by="Position.ordinal",
                                                     cascade="all, delete-orphan", passive_deletes=True)
    rows: Mapped[list[IndicatorRow]] = relationship(back_populates="decree", cascade="all, delete-orphan",
                                                    passive_deletes=True)


class Position(Base):
    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("decree_id", "position_key"),
                      Index("ix_positions_level_lower", func.lower(text("level"))),
                      Index("ix_positions_canonical_jabatan", "canonical_jabatan"))

    id: Mapped[int] = mapped_column(primary_key=True)
    decree_id: Mapped[int] = mapped_column(ForeignKey("decrees.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    position_key: Mapped[str] = mapped_column(String(120))
    jabatan: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(20), index=True)
    canonical_jabatan: Mapped[str | None] = mapped_column(String(200))
    jabatan_score: Mapped[float | None] = mapped_column(Float)
    tugas: Mapped[str | None] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # jabatan, level, tugas, fungsi as read

    decree: Mapped[Decree] = relationship(back_populates="positions")
    fungsi: Mapped[list[PositionFunction]] = relationship(order_by="PositionFunction.ordinal",
                                                          cascade="all, delete-orphan", passive_deletes=True)
    rows: Mapped[list[IndicatorRow]] = relationship(back_populates="position", order_by="IndicatorRow.ordinal")


class PositionFunction(Base):
    """One item of a position's FUNGSI list, in document order."""

    __tablename__ = "position_functions"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Concept(Base):
    """A comparable measure shared by indicators of different decrees, identified by its stable `code`.

    `curated` concepts (shipped in the seed, or touched by an officer) stay in
    the catalogue whatever the data says; the others are proposals recomputed
    at every assignment. A merged-away concept keeps its row (status "merged")
    so that ids an officer's correction refers to stay valid.
    """

    __tablename__ = "concepts"
    __table_args__ = (CheckConstraint(f"status IN {CONCEPT_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(50))
    polarity: Mapped[str | None] = mapped_column(String(20))
    usual_formula: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    curated: Mapped[bool] = mapped_column(default=False)

    aliases: Mapped[list[ConceptAlias]] = relationship(order_by="ConceptAlias.ordinal", cascade="all, delete-orphan",
                                                       passive_deletes=True)


class ConceptAlias(Base):
    """A further wording known to mean a concept (a former name, a merged concept's wording)."""

    __tablename__ = "concept_aliases"
    __table_args__ = (UniqueConstraint("concept_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    wording: Mapped[str] = mapped_column(Text)


class ConceptRedirect(Base):
    """A code merged away, and the concept it now means."""

    __tablename__ = "concept_redirects"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    concept_id: Mapped[int] = mapped_column(ForeignKey("concepts.id", ondelete="CASCADE"), index=True)


class ConceptEvent(Base):
    """One officer's edit of the concept catalogue (who, when, what, before and after, why), kept forever."""

    __tablename__ = "concept_events"
    __table_args__ = (CheckConstraint(f"action IN {CONCEPT_ACTIONS}", name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(NAME_LENGTH))
    action: Mapped[str] = mapped_column(String(10))
    codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    why: Mapped[str | None] = mapped_column(Text)


class ConceptDecision(Base):
    """What an officer's edit says about wordings, kept as evidence for every later grouping.

    `alias`: the wording is a name of the concept `code`; `must_link` /
    `cannot_link`: the two wordings are (not) one measure. Keys are the
    wordings' canonical words, so a decision holds for every spelling of them.
    """

    __tablename__ = "concept_decisions"
    __table_args__ = (CheckConstraint(f"link IN {DECISION_LINKS}", name="link"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link: Mapped[str] = mapped_column(String(20))
    wording: Mapped[str] = mapped_column(Text)
    wording_key: Mapped[str] = mapped_column(Text, index=True)
    other: Mapped[str] = mapped_column(Text)
    other_key: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("concept_events.id", ondelete="SET NULL"), index=True)

    event: Mapped[ConceptEvent | None] = relationship()


class ConceptWording(Base):
    """One distinct wording of the stored indicators, read into its signature, and the concept it went to.

    The index incremental assignment reads: a new or corrected wording is
    compared with the stored wordings that share a rare stem with it (through
    `concept_wording_terms`), so it needs no re-grouping of the whole database.
    `uses` counts the rows worded so; `decided_by` names the officers'
    decisions that drove its assignment.
    """

    __tablename__ = "concept_wordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    indikator: Mapped[str] = mapped_column(Text)
    wording_key: Mapped[str] = mapped_column(Text)
    signature: Mapped[dict[str, Any]] = mapped_column(JSON)
    concept_id: Mapped[int | None] = mapped_column(ForeignKey("concepts.id", ondelete="SET NULL"), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    decided_by: Mapped[list[str]] = mapped_column(JSON, default=list)


class ConceptWordingTerm(Base):
    """A stem of a stored wording (signature terms), for finding candidates by rare stems."""

    __tablename__ = "concept_wording_terms"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    wording_id: Mapped[int] = mapped_column(ForeignKey("concept_wordings.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class ConceptTermUse(Base):
    """How many stored indicators have a stem in their wording: the document frequency IDF weights read.

    The empty term counts every indexed indicator. Rebuilt by a full
    re-group; a new wording placed on its own adds its uses.
    """

    __tablename__ = "concept_term_uses"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    uses: Mapped[int] = mapped_column(Integer, default=0)


class IndicatorRow(Base):
    """One indicator of a position, with effective values, provenance and a key stable across re-imports."""

    __tablename__ = "indicator_rows"
    __table_args__ = (UniqueConstraint("decree_id", "row_key"),
                      Index("ix_indicator_rows_concept_decree", "concept_id", "decree_id", "deleted"),
                      Index("ix_indicator_rows_kind_decree", "kind", "decree_id", "deleted"),
                      Index("ix_indicator_rows_position_deleted", "position_id", "deleted"))

    id: Mapped[int] = mapped_column(primary_key=True)
    decree_id: Mapped[int] = mapped_column(ForeignKey("decrees.id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    row_key: Mapped[str] = mapped_column(String(40))
    origin: Mapped[RowOrigin] = mapped_column(EnumText(RowOrigin, 20), default=RowOrigin.EXTRACTED)
    sasaran: Mapped[str | None] = mapped_column(Text)
    indikator: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="lainnya", index=True)
    formula: Mapped[str | None] = mapped_column(Text)
    numerator: Mapped[str | None] = mapped_column(Text)
    denominator: Mapped[str | None] = mapped_column(Text)
    multiplier: Mapped[int | None] = mapped_column(Integer)
    sumber_data: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_unit: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    box_x0: Mapped[float | None] = mapped_column(Float)
    box_y0: Mapped[float | None] = mapped_column(Float)
    box_x1: Mapped[float | None] = mapped_column(Float)
    box_y1: Mapped[float | None] = mapped_column(Float)
    # [page, x0, y0, x1, y1] for every page a row touches, when it goes on over a page break; else null
    page_boxes: Mapped[list[list[float]] | None] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    concept_id: Mapped[int | None] = mapped_column(ForeignKey("concepts.id", ondelete="SET NULL"), index=True)
    concept_score: Mapped[float | None] = mapped_column(Float)
    reviewed: Mapped[bool] = mapped_column(default=False)
    deleted: Mapped[bool] = mapped_column(default=False)
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)

    decree: Mapped[Decree] = relationship(back_populates="rows")
    position: Mapped[Position] = relationship(back_populates="rows")
    concept: Mapped[Concept | None] = relationship()

    # Versions are set by store.versions, never restarted: a row made again continues above its decree's floor.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    def boxes(self) -> list[list[float]]:
        """[page, x0, y0, x1, y1] of every page the row has a box on: a row over a page break keeps them in
        `page_boxes`, a one-page row its one box in the box columns."""
        if self.page_boxes:
            return [list(box) for box in self.page_boxes]
        x0, y0, x1, y1 = self.box_x0, self.box_y0, self.box_x1, self.box_y1
        if self.page is None or x0 is None or y0 is None or x1 is None or y1 is None:
            return []
        return [[self.page, x0, y0, x1, y1]]


class ImportRun(Base):
    """One `iki import` invocation; a run without `finished_at` was interrupted."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    files: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class Correction(Base):
    """One change by an officer, kept forever; replayed on top of every new extraction of its file."""

    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint(f"action IN {check_values(CorrectionAction)}", name="action"),
        CheckConstraint(f"status IN {check_values(CorrectionStatus)}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_files.id", ondelete="CASCADE"), index=True)
    who: Mapped[str] = mapped_column(String(NAME_LENGTH))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[CorrectionAction] = mapped_column(EnumText(CorrectionAction, 10))
    target_row_key: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    why: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))
    reverted: Mapped[bool] = mapped_column(default=False)
    reverted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[CorrectionStatus] = mapped_column(EnumText(CorrectionStatus, 20), default=CorrectionStatus.APPLIED)
    applied_row_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    conflict: Mapped[str | None] = mapped_column(Text)
    # the conflict as Message.as_data() holds it, and the thing it concerns as "source"; null before revision 0013
    conflict_said: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    source_file: Mapped[SourceFile] = relationship(back_populates="corrections")
