"""Charts laid out on the server (every shape's place, colour and link) for the charts template to draw as SVG.

They stay readable with hundreds of concepts: the top N under the filters,
found by name with a search, instead of one column per concept. Every
shape says what it counts when hovered and links to what it counts: a bar to
the pivot of the kecamatan lacking that concept, a heat map cell to the very
row, a segment to the compare table filtered so. Texts carry their font as
attributes, so a chart downloaded as SVG or PNG looks as it does on screen.
Nothing is fetched from elsewhere, and Jinja escapes every label.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from normalize.records import Kind
from web.pivot import Pivot, PivotQuery
from web.tallies import Sums

LABEL_WIDTH = 200
CELL = 24
HEADER = 160
COLUMN_LABEL_RUN = 140  # how far a rotated column label reaches right of its cell
BAR_WIDTH = 520
BAR_HEIGHT = 18
BAR_STEP = 24
LEGEND_STEP = 90
TOP_KABUPATEN = 20
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    title: str = ""


@dataclass(frozen=True)
class Shape:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str
    link: str


@dataclass(frozen=True)
class Chart:
    """One chart: labels and linked shapes inside a width x height canvas; empty when nothing is counted."""

    width: int = 0
    height: int = 0
    labels: tuple[Label, ...] = ()
    column_labels: tuple[Label, ...] = ()
    shapes: tuple[Shape, ...] = ()
    legend: tuple[Shape, ...] = ()
    totals: tuple[Label, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.shapes


def _shade(share: float) -> str:
    """Pale blue for few to deep blue for many."""
    return f"rgb({round(235 - 200 * share)},{round(243 - 130 * share)},{round(250 - 60 * share)})"


def _filters(choice: PivotQuery, **extra: object) -> str:
    values = {"kabupaten": choice.kabupaten, "tahun": choice.tahun or "", "level": choice.level,
              "kind": choice.kind, **extra}
    return urlencode({name: value for name, value in values.items() if value not in ("", None)})


def coverage(view: Pivot, choice: PivotQuery, title: str) -> Chart:
    """One bar per shown concept: how many of the kecamatan word it; a bar opens the kecamatan lacking it."""
    if not view.columns or not view.decrees:
        return Chart()
    scale = BAR_WIDTH / view.decrees
    labels, shapes, totals = [], [], []
    for index, column in enumerate(view.columns):
        y = 10 + BAR_STEP * index
        share = column.kecamatan / view.decrees
        labels.append(Label(LABEL_WIDTH - 6, y + 13, column.name))
        shapes.append(Shape(LABEL_WIDTH, y, max(column.kecamatan * scale, 1), BAR_HEIGHT, _shade(0.35 + 0.65 * share),
                            title % {"name": column.name, "count": column.kecamatan, "all": view.decrees,
                                     "wordings": column.wordings},
                            "/compare?" + _filters(choice, lacking=column.concept_id)))
        totals.append(Label(LABEL_WIDTH + column.kecamatan * scale + 6, y + 13, f"{column.kecamatan}"))
    return Chart(LABEL_WIDTH + BAR_WIDTH + 80, 20 + BAR_STEP * len(view.columns), tuple(labels), (), tuple(shapes),
                 (), tuple(totals))


def heatmap(view: Pivot, title: str) -> Chart:
    """Kecamatan (one page) x shown concepts; a cell is the kecamatan's row for the concept and opens it."""
    if not view.columns or not view.rows:
        return Chart()
    shapes = []
    for r, row in enumerate(view.rows):
        for c, column in enumerate(view.columns):
            cell = row.cells.get(column.concept_id)
            if cell is None:
                continue
            shapes.append(Shape(LABEL_WIDTH + CELL * c, HEADER + CELL * r, CELL - 2, CELL - 2,
                                _shade(min(1.0, 0.45 + 0.2 * cell.more)),
                                title % {"kecamatan": row.kecamatan or "-", "concept": column.name,
                                         "wording": cell.indikator or ""},
                                f"/decrees/{row.decree_id}?row={cell.row_key}#row-{cell.row_key}"))
    labels = tuple(Label(LABEL_WIDTH - 6, HEADER + CELL * r + 16, f"{row.kecamatan or '-'} {row.tahun or ''}".strip())
                   for r, row in enumerate(view.rows))
    columns = tuple(Label(LABEL_WIDTH + CELL * c + 15, HEADER - 5, column.name)
                    for c, column in enumerate(view.columns))
    return Chart(LABEL_WIDTH + CELL * len(view.columns) + COLUMN_LABEL_RUN, HEADER + CELL * len(view.rows) + 10,
                 labels, columns, tuple(shapes))


def kinds_by_kabupaten(sums: Sums, title: str) -> Chart:
    """Indicator kinds per kabupaten (the kabupaten with most rows); a segment opens those rows in compare."""
    counts = [(kabupaten, kind, n) for kabupaten, kind, n in sums.rows_by_kabupaten_and_kind() if kabupaten]
    if not counts:
        return Chart()
    totals: dict[str, int] = {}
    for kabupaten, _, n in counts:
        totals[kabupaten] = totals.get(kabupaten, 0) + n
    shown = sorted(totals, key=lambda name: (-totals[name], name))[:TOP_KABUPATEN]
    present = {kind for _, kind, _ in counts}
    kinds = [kind.value for kind in Kind if kind in present] + sorted(present - set(Kind))
    colours = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}
    by_pair = {(kabupaten, kind): n for kabupaten, kind, n in counts}
    scale = BAR_WIDTH / max(totals[name] for name in shown)
    labels, shapes, ends = [], [], []
    for index, name in enumerate(sorted(shown)):
        y, x = 30 + BAR_STEP * index, float(LABEL_WIDTH)
        labels.append(Label(LABEL_WIDTH - 6, y + 13, name))
        for kind in kinds:
            n = by_pair.get((name, kind), 0)
            if n:
                shapes.append(Shape(x, y, n * scale, BAR_HEIGHT, colours[kind],
                                    title % {"kabupaten": name, "kind": kind, "count": n},
                                    "/compare?" + urlencode({"view": "list", "kabupaten": name, "kind": kind})))
                x += n * scale
        ends.append(Label(x + 6, y + 13, str(totals[name])))
    legend = tuple(Shape(LABEL_WIDTH + LEGEND_STEP * i, 4, 12, 12, colours[kind], kind, "")
                   for i, kind in enumerate(kinds))
    return Chart(LABEL_WIDTH + max(BAR_WIDTH + 70, LEGEND_STEP * len(kinds)), 40 + BAR_STEP * len(shown),
                 tuple(labels), (), tuple(shapes), legend, tuple(ends))
