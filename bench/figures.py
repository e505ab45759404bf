"""Figures of a benchmark run, printed as they come and gathered into the markdown table bench/RESULTS.md holds."""
from __future__ import annotations

HEADER = "| measure | value | baseline (same run) | ratio | bar |\n| --- | --- | --- | --- | --- |"


class Figures:
    """Collects `report(what, value, baseline, ratio, bar)` calls, the signature every bench stage reports with."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def report(self, what: str, value: str, baseline: str, ratio: str, bar: str) -> None:
        self.rows.append((what, value, baseline, ratio, bar))
        print(f"  {what}: {value} | baseline {baseline} | ratio {ratio} | {bar}", flush=True)

    def table(self) -> str:
        return "\n".join([HEADER, *("| " + " | ".join(row) + " |" for row in self.rows)])
