"""Analyst queries: the SQL views as pandas DataFrames, filtered the same way everywhere.

Reading through v_indicators means every query, export and screen sees the
effective values (corrections applied) and never a row a correction deleted.

`compare_rows` is the query that must stay quick across thousands of decrees
(33,000 rows for one jabatan level at 7,000 decrees). Most of its cost is the
Python object the driver makes for every value, then pandas inferring a type
for each, more than the query itself; so it fetches each row's own values once
and its decree's and position's once per position, turns them into Arrow
columns batch by batch, and orders the rows by integer keys rather than have
the database sort every text column. A driver handing SQLite rows over as
Arrow (ADBC) is quicker still but links its own SQLite library, and two SQLite
libraries in one process release each other's file locks, which corrupts a
store that the screens and an import share.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import (
    ColumnElement,
    Select,
    TableClause,
    Text,
    cast,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from store.errors import NotFound
from store.models import Concept, Decree, IndicatorRow, Position, SourceFile

COMPARE_COLUMNS = ("decree_id", "kecamatan", "kabupaten", "provinsi", "tahun", "jabatan", "level",
                   "canonical_jabatan", "concept", "sasaran", "indikator", "kind", "formula", "target",
                   "sumber_data", "position_ordinal", "ordinal", "row_id", "row_key")
V_INDICATORS = table("v_indicators", *(column(name) for name in (*COMPARE_COLUMNS, "position_id", "concept_id")))
DOCUMENT_ORDER = ("kabupaten", "kecamatan", "tahun", "decree_id", "position_ordinal", "ordinal", "row_id")
_DOCUMENT_ORDER = tuple(V_INDICATORS.c[name] for name in DOCUMENT_ORDER)
V_DECREES = table("v_decrees", column("decree_id"), column("kecamatan"), column("kabupaten"), column("provinsi"),
                  column("tahun"))
BOOLEAN_COLUMNS = ("reviewed",)
_INTEGERS = ("position_id", "decree_id", "tahun", "position_ordinal", "ordinal", "row_id")


def _schema(*names: str) -> pa.Schema:
    """Integers for ids, ordinals and years, text otherwise (large_string: what pandas' str dtype holds)."""
    return pa.schema([(name, pa.int64() if name in _INTEGERS else pa.large_string()) for name in names])


_ROWS = _schema("position_id", "ordinal", "row_id", "row_key", "sasaran", "indikator", "kind", "formula", "target",
                "sumber_data", "concept")
_POSITIONS = _schema("position_id", "decree_id", "kecamatan", "kabupaten", "provinsi", "tahun", "jabatan", "level",
                     "canonical_jabatan", "position_ordinal")
_POSITION_COLUMNS = select(Position.id.label("position_id"), Decree.id.label("decree_id"), Decree.kecamatan,
                           Decree.kabupaten, Decree.provinsi, Decree.tahun, Position.jabatan, Position.level,
                           Position.canonical_jabatan, Position.ordinal.label("position_ordinal"))
_POSITIONS_IN_ORDER = (_POSITION_COLUMNS.join_from(Position, Decree, Decree.id == Position.decree_id)
                       .order_by(*(_POSITION_COLUMNS.selected_columns[name] for name in DOCUMENT_ORDER
                                   if name in _POSITION_COLUMNS.selected_columns)))
AnySelect = Select[*tuple[Any, ...]]
_BATCH = 1024  # rows per Arrow batch: the Python objects of a batch are freed before the next is fetched
CHOICES = {  # filter: the column of the table that owns its values, that table's key, the view's column for the key
    "concept": (Concept.name, Concept.id, "concept_id"),
    "level": (Position.level, Position.level, "level"),
    "canonical_jabatan": (Position.canonical_jabatan, Position.canonical_jabatan, "canonical_jabatan"),
    "kabupaten": (Decree.kabupaten, Decree.kabupaten, "kabupaten"),
    "tahun": (Decree.tahun, Decree.tahun, "tahun"),
    "kind": (IndicatorRow.kind, IndicatorRow.kind, "kind"),
}


@dataclass(frozen=True)
class Filters:
    """The filters of `iki query` and `iki export`; None means no filter, names are matched case-blind."""

    kecamatan: str | None = None
    kabupaten: str | None = None
    provinsi: str | None = None
    tahun: int | None = None
    level: str | None = None
    kind: str | None = None
    decree_id: int | None = None
    concept: str | None = None
    canonical_jabatan: str | None = None

    def conditions(self, view: TableClause) -> list[ColumnElement[bool]]:
        found = []
        for name, value in asdict(self).items():
            if value is None or name not in view.c:
                continue
            col = view.c[name]
            found.append(col == value if isinstance(value, int) else func.lower(col) == value.lower())
        return found


def indicators_frame(session: Session, filters: Filters = Filters(),
                     columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Effective indicator rows with their decree, region, position and concept, in document order.

    `columns` names the view's columns wanted (all by default); an export of
    a whole level reads only those, which is most of its time.
    """
    view = V_INDICATORS
    chosen: list[Any] = [literal_column(name) for name in columns] if columns else [literal_column("*")]
    query: Select[Any] = (select(*chosen).select_from(view).where(*filters.conditions(view))
                          .order_by(*_DOCUMENT_ORDER))
    frame = pd.read_sql(query, session.connection())
    for name in BOOLEAN_COLUMNS:
        if name in frame:
            frame[name] = frame[name].astype(bool)
    return frame


# the view's columns that are not text, as Arrow reads them; a date and a flag are read as text and 0/1, which
# every database returns alike (SQLite keeps dates as ISO text and flags as integers), then typed
_NUMBERS = {**dict.fromkeys(("decree_id", "tahun", "position_id", "position_ordinal", "ordinal", "multiplier",
                             "concept_id", "line_start", "line_end", "page", "version", "row_id"), pa.int64()),
            **dict.fromkeys(("target_value", "confidence", "concept_score", "jabatan_score", "box_x0", "box_y0",
                             "box_x1", "box_y1"), pa.float64())}
_AS_READ: dict[str, tuple[Any, pa.DataType, pa.DataType]] = {
    "tanggal": (literal_column("CAST(v_indicators.tanggal AS VARCHAR(10))"), pa.large_string(), pa.date32()),
    "reviewed": (literal_column("CASE WHEN v_indicators.reviewed THEN 1 ELSE 0 END"), pa.int64(), pa.bool_())}


# the row's box on each page it touches, which the view does not hold: read from the row itself
_BOXES = IndicatorRow.__table__.alias("boxes")
_BOX_PARTS = ("page", "box_x0", "box_y0", "box_x1", "box_y1")
PAGE_BOXES = "page_boxes"


def indicators_table(session: Session, filters: Filters, columns: Sequence[str],
                     decrees: Sequence[int] | None = None) -> pa.Table:
    """`indicators_frame` as typed Arrow columns, read in batches through the driver's own cursor; only the rows
    of `decrees` when given (an export brought up to date reads the changed decrees only).

    A whole jabatan level at 7,000 decrees is 130,000 rows of 35 columns:
    pandas making a frame of SQLAlchemy rows, guessing each column's type, took
    longer than the query; Arrow columns of a known type hold it for the export
    writers without one Python object per cell. `page_boxes` may be asked for
    too: see `_page_boxes`.
    """
    chosen = [_AS_READ[name][0].label(name) if name in _AS_READ else literal_column(f"v_indicators.{name}")
              for name in columns if name != PAGE_BOXES]
    source: Any = V_INDICATORS
    boxed = PAGE_BOXES in columns
    if boxed:
        source = V_INDICATORS.join(_BOXES, _BOXES.c.id == V_INDICATORS.c.row_id)
        chosen += [_BOXES.c[name].label(f"boxes_{name}") for name in _BOX_PARTS]
        chosen.append(cast(_BOXES.c.page_boxes, Text).label(PAGE_BOXES))
    query: AnySelect = (select(*chosen).select_from(source).where(*filters.conditions(V_INDICATORS))
                        .order_by(*_DOCUMENT_ORDER))
    if decrees is not None:
        query = query.where(_one_of(V_INDICATORS.c.decree_id, list(decrees)))
    names = [name for name in columns if name != PAGE_BOXES]
    if boxed:
        names += [f"boxes_{name}" for name in _BOX_PARTS] + [PAGE_BOXES]
    schema = pa.schema([(name, _AS_READ[name][1] if name in _AS_READ
                         else _NUMBERS.get(name.removeprefix("boxes_"), pa.large_string())) for name in names])
    table = _arrow(session, query, schema)
    for name in set(columns) & set(_AS_READ):
        table = table.set_column(table.schema.get_field_index(name), name,
                                 pc.cast(table[name], _AS_READ[name][2]))
    if boxed:
        table = table.set_column(table.schema.get_field_index(PAGE_BOXES), PAGE_BOXES, _page_boxes(table))
    return table.select(list(columns))


def _page_boxes(table: pa.Table) -> pa.Array:
    """Every page a row touches with its box there, as JSON: `[[page, x0, y0, x1, y1], ...]`, null without a box.

    The store keeps the list only for rows that go on over a page break (one-page rows keep their box in the
    box columns); an export gives every row the whole list, so one column says where each row is."""
    listed = table[PAGE_BOXES]
    kept = pc.fill_null(pc.not_equal(listed, "null"), False)  # JSON's null where a row keeps no list
    parts = [table[f"boxes_{name}"] for name in _BOX_PARTS]
    boxed = pc.invert(kept)
    for part in parts:
        boxed = pc.and_(boxed, pc.is_valid(part))
    where = pc.indices_nonzero(boxed)  # only these rows need a list written (none in a store of text decrees)
    found = pc.if_else(kept, listed, pa.scalar(None, pa.large_string())).to_numpy(zero_copy_only=False)
    found[where.to_numpy()] = [json.dumps([[int(page), *(float(edge) for edge in edges)]])
                               for page, *edges in zip(*(part.take(where).to_pylist() for part in parts),
                                                       strict=True)]
    return pa.array(found, type=pa.large_string())


def compare_rows(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Only what a kecamatan-by-indicator comparison shows, in document order, quick across thousands of decrees.

    The rows' own values come from the view, their decrees' and positions' in a second query, once per position.
    """
    query = select(*(V_INDICATORS.c[name] for name in _ROWS.names)).where(*filters.conditions(V_INDICATORS))
    rows = _arrow(session, query, _ROWS)
    ids = pc.unique(rows["position_id"]).to_pylist()
    positions = _arrow(session, _POSITIONS_IN_ORDER.where(_one_of(Position.__table__.c.id, ids)), _POSITIONS)
    return _in_document_order(rows, positions).to_pandas()


def _one_of(key: ColumnElement[int], ids: list[int]) -> ColumnElement[bool]:
    """`key IN (ids)` with the integers written out at once: tens of thousands of ids rendered one by one
    as literal parameters took a third of a whole level's query. They are integers read from the database, so
    writing them into the SQL is safe."""
    if not ids:
        return false()
    return key.op("IN")(literal_column("(" + ",".join(str(int(i)) for i in ids) + ")"))


def _arrow(session: Session, query: AnySelect, schema: pa.Schema) -> pa.Table:
    """The query's rows as typed Arrow columns, converted batch by batch so few Python objects live at once."""
    row = pa.struct(schema)
    batches = [pa.RecordBatch.from_struct_array(pa.array(batch, type=row)) for batch in driver_rows(session, query)]
    return pa.Table.from_batches(batches, schema=schema)


def driver_rows(session: Session, query: AnySelect) -> Iterator[Sequence[Any]]:
    """The rows as the driver's tuples, through its own cursor: making SQLAlchemy Rows of them added half again.

    The parameters are plain strings and integers, which every driver takes as they are.
    """
    connection = session.connection()
    compiled = query.compile(connection, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if compiled.positional:
        params = [params[name] for name in compiled.positiontup or ()]
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        while rows := cursor.fetchmany(_BATCH):
            yield rows
    finally:
        cursor.close()


def _in_document_order(rows: pa.Table, positions: pa.Table) -> pa.Table:
    """The rows with their decree and position, in the positions' order, then by ordinal and id within one.

    The positions came sorted by the database (its collation and NULL order, as one ORDER BY over every row
    gave); the rows are sorted here by integers, and a row whose position went away in between is left out.
    """
    place = pc.fill_null(pc.index_in(rows["position_id"], positions["position_id"]), -1).to_numpy()
    order = np.lexsort((rows["row_id"].to_numpy(), rows["ordinal"].to_numpy(), place))
    order = order[place[order] >= 0]
    return pa.table({name: positions[name].take(place[order]) if name in positions.column_names
                     else rows[name].take(order) for name in COMPARE_COLUMNS})


def distinct_values(session: Session, name: str) -> list:
    """The values of a filter (a key of CHOICES) that some effective row has, sorted.

    DISTINCT over the view reads every indicator row, over a second for the six filters at 7,000 decrees;
    instead the candidates come from the table that owns the values, and each is kept if the view has a
    row with its key, which one index probe answers (migration 0007 adds the one canonical_jabatan needs).
    """
    value, key, view_key = CHOICES[name]
    candidates = select(value.label("value"), key.label("key")).where(value.is_not(None)).distinct().subquery()
    found = select(literal(1)).select_from(V_INDICATORS).where(V_INDICATORS.c[view_key] == candidates.c.key).exists()
    return sorted(set(session.scalars(select(candidates.c.value).where(found))))


def decrees_frame(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    view = V_DECREES
    query: Select[Any] = (select(literal_column("*")).select_from(view).where(*filters.conditions(view))
                          .order_by(view.c.kabupaten, view.c.kecamatan, view.c.tahun, view.c.decree_id))
    return pd.read_sql(query, session.connection())


def find_decree(session: Session, ref: str) -> Decree:
    """The decree named by its id, its source file name (with or without suffix) or its kecamatan."""
    query = select(Decree).join(SourceFile)
    if ref.isdigit():
        query = query.where(Decree.id == int(ref))
    else:
        folded = ref.lower()
        query = query.where(or_(func.lower(SourceFile.name) == folded, func.lower(SourceFile.name).like(f"{folded}.%"),
                                func.lower(Decree.kecamatan) == folded))
    found = list(session.scalars(query.order_by(Decree.id)))
    if not found:
        raise NotFound(ref, "no decree with this id, source file name or kecamatan")
    if len(found) > 1:
        choices = ", ".join(f"{d.id} ({d.source_file.name}, {d.tahun})" for d in found)
        raise NotFound(ref, "several decrees match; name one by id: %(choices)s", choices=choices)
    return found[0]
