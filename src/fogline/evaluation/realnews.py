"""The ``realnews`` set: 12 real articles (FNC-1) with gold in the seed format.

Scored by the seed evaluator (one implementation), so its figures are those of
``shared/hooks/score_gold.py shared/eval/realnews``; it also reports the events output per
gold event (issue 13 asks for at most 1.5 per article).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fogline.evaluation import Metric, seed


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Seed-format metrics over every article folder under ``folder``, as dataset realnews."""
    return seed.evaluate(folder, analyzer, limit=limit, dataset="realnews")
