"""Measurements against the gold data in ``../shared/eval`` (not tests).

Each dataset module exposes ``evaluate(folder: Path, analyzer: Analyzer, *,
limit: int | None = None) -> list[Metric]`` and is skipped when its folder is absent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure of one dataset: e.g. (geowebnews, places, Accuracy@161km, 0.87, 1200)."""

    dataset: str
    section: str
    name: str
    value: float
    support: int
    note: str = ""
