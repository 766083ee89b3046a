"""Run every evaluation whose data is present and collect one list of metrics."""

from __future__ import annotations

import importlib
import logging
import time
from pathlib import Path

from fogline.evaluation import Metric
from fogline.pipeline import Analyzer

LOGGER = logging.getLogger(__name__)

# dataset name → (module under fogline.evaluation, subfolder of the eval folder)
DATASETS: dict[str, tuple[str, str]] = {
    "seed": ("seed", "."),  # every gold.json folder except those of realnews
    "realnews": ("realnews", "realnews"),
    "stories": ("stories", "stories"),
    "geowebnews": ("geowebnews", "geowebnews"),
    "timebank": ("timebank", "timebank"),
    "polnear": ("polnear", "polnear-dev"),
    "plover": ("plover", "plover-gsr"),
    "case2021": ("case2021", "case2021"),
}


def run_evaluation(
    folder: Path,
    *,
    limit: int | None = None,
    only: list[str] | None = None,
    analyzer: Analyzer | None = None,
) -> list[Metric]:
    """Metrics of every dataset found under ``folder`` (a missing dataset is skipped)."""
    analyzer = analyzer or Analyzer()
    metrics: list[Metric] = []
    for name, (module_name, sub) in DATASETS.items():
        if only and name not in only:
            continue
        data = folder / sub
        if not data.exists() and folder.name == sub:  # the dataset's own folder was given
            data = folder
        if not data.exists():
            LOGGER.warning("%s: %s not found; skipped", name, data)
            continue
        try:
            module = importlib.import_module(f"fogline.evaluation.{module_name}")
        except ImportError:
            LOGGER.warning("%s: no evaluation adapter yet; skipped", name)
            continue
        t0 = time.perf_counter()
        found = module.evaluate(data, analyzer, limit=limit)
        LOGGER.info("%s: %d metrics in %.1fs", name, len(found), time.perf_counter() - t0)
        metrics.extend(found)
    return metrics
