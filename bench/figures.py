"""Figures of a benchmark run, printed as they come and gathered into the markdown table bench/RESULTS.md holds."""
from __future__ import annotations

COLUMNS = ("measure", "value", "baseline (same run)", "ratio", "bar")


class Figures:
    """Collects `report(...)` calls, one cell per column; every bench stage reports through one of these."""

    def __init__(self, columns: tuple[str, ...] = COLUMNS) -> None:
        self.columns = columns
        self.rows: list[tuple[str, ...]] = []

    def report(self, *row: str) -> None:
        self.rows.append(row)
        print("  " + " | ".join(row), flush=True)

    def table(self) -> str:
        lines = [self.columns, tuple("---" for _ in self.columns), *self.rows]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
