"""Charts laid out on the server (every shape's position and colour) for the charts template to draw as inline SVG.

Nothing is fetched from elsewhere, and Jinja escapes every label.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from normalize.records import Kind

LABEL_WIDTH = 190
CELL = 26
HEADER = 150
COLUMN_LABEL_RUN = 130  # how far a rotated column label reaches right of its cell
BAR_WIDTH = 520
BAR_HEIGHT = 20
BAR_STEP = 28
LEGEND_STEP = 80
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    count: int
    fill: str
    title: str
    width: float = CELL - 2


def _shade(share: float) -> str:
    """Pale blue for few indicators to deep blue for the most."""
    return f"rgb({round(235 - 200 * share)},{round(243 - 130 * share)},{round(250 - 60 * share)})"


@dataclass(frozen=True)
class Heatmap:
    title: str
    empty_message: str
    width: int = 0
    height: int = 0
    row_labels: tuple[Label, ...] = ()
    column_labels: tuple[Label, ...] = ()
    cells: tuple[Cell, ...] = ()


def heatmap(frame: pd.DataFrame, row: str, column: str, title: str, empty_message: str) -> Heatmap:
    """Counts of indicator rows per (row value, column value); darker means more indicators."""
    data = frame.dropna(subset=[row, column])
    if data.empty:
        return Heatmap(title, empty_message)
    counts = data.groupby([data[row].astype(str), data[column].astype(str)]).size()
    rows = sorted(data[row].astype(str).unique())
    columns = sorted(data[column].astype(str).unique())
    top = int(counts.max())
    cells = tuple(Cell(LABEL_WIDTH + CELL * columns.index(c), HEADER + CELL * rows.index(r), int(n), _shade(n / top),
                       f"{r} · {c}: {n} indicator(s)") for (r, c), n in counts.items())
    return Heatmap(
        title, empty_message,
        width=LABEL_WIDTH + CELL * len(columns) + COLUMN_LABEL_RUN, height=HEADER + CELL * len(rows) + 10,
        row_labels=tuple(Label(LABEL_WIDTH - 6, HEADER + CELL * i + 17, name) for i, name in enumerate(rows)),
        column_labels=tuple(Label(LABEL_WIDTH + CELL * i + 17, HEADER - 5, name) for i, name in enumerate(columns)),
        cells=cells,
    )


@dataclass(frozen=True)
class Bar:
    label: Label
    total: Label
    segments: tuple[Cell, ...]


@dataclass(frozen=True)
class StackedBars:
    title: str
    width: int = 0
    height: int = 0
    bars: tuple[Bar, ...] = ()
    legend: tuple[Cell, ...] = ()
    bar_height: int = BAR_HEIGHT


def stacked_bars(frame: pd.DataFrame, group: str, part: str, title: str) -> StackedBars:
    """One bar per `group` value cut by `part` (indicator kind); the longest bar is BAR_WIDTH wide."""
    if frame.empty:
        return StackedBars(title)
    counts = frame.groupby([frame[group].astype(str), frame[part].astype(str)]).size()
    totals = counts.groupby(level=0).sum()
    scale = BAR_WIDTH / int(totals.max())
    present = set(frame[part].astype(str))
    kinds = [k.value for k in Kind if k in present] + sorted(present - set(Kind))
    colours = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}
    bars = []
    for index, name in enumerate(sorted(totals.index)):
        y, x, segments = 30 + BAR_STEP * index, float(LABEL_WIDTH), []
        for kind in kinds:
            n = int(counts.get((name, kind), 0))
            if n:
                segments.append(Cell(x, y, n, colours[kind], f"{name} · {kind}: {n}", n * scale))
                x += n * scale
        bars.append(Bar(Label(LABEL_WIDTH - 6, y + 14, name), Label(x + 6, y + 14, str(int(totals[name]))),
                        tuple(segments)))
    legend = tuple(Cell(LABEL_WIDTH + LEGEND_STEP * i, 4, 0, colours[kind], kind) for i, kind in enumerate(kinds))
    return StackedBars(title, width=LABEL_WIDTH + max(BAR_WIDTH + 60, LEGEND_STEP * len(kinds)),
                       height=40 + BAR_STEP * len(bars), bars=tuple(bars), legend=legend)
