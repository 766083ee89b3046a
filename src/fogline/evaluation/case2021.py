"""CASE 2021 task 2: ACLED-style event subtype of news snippets (``../shared/eval/case2021``).

Each snippet is analysed; its label is the CASE label of its most specific event
(``data/events/case2021_labels.tsv``), "NONE" when no event maps. Metrics: accuracy,
macro-F1 over the gold labels, macro-F1 over the conflict labels only, and the
confusion rows of the five commonest gold labels (``confusion`` section, value = count).
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fogline.data import load_tsv
from fogline.evaluation import Metric
from fogline.ingest.readers import RawDocument
from fogline.model import Analysis, Event

LOGGER = logging.getLogger(__name__)
DATASET = "case2021"
FILE = "task2_test.visible.tsv"
NONE = "NONE"
NON_CONFLICT = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "ATTRIB", NONE})


def label_table() -> dict[tuple[str, str], tuple[str, int]]:
    """(kind, key) → (CASE label, rank), from the packaged mapping."""
    return {
        (r["kind"], r["key"]): (r["label"], int(r["rank"]))
        for r in load_tsv("events/case2021_labels.tsv")
    }


def snippet_label(events: Sequence[Event], table: dict | None = None) -> str:
    """The CASE label of a snippet: its most specific event that actually happened."""
    table = table or label_table()
    best: tuple[int, int, str] | None = None
    for e in events:
        hit = table.get(("acled", e.acled_subtype or "")) or table.get(("plover", e.type))
        if hit is None:
            continue
        unreal = 1 if e.certainty in ("planned", "denied") else 0
        key = (unreal, hit[1], hit[0])
        if best is None or key < best:
            best = key
    return best[2] if best else NONE


def read_snippets(folder: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The rows of the visible test file (``FILE``) as dicts; only the first ``limit`` if given."""
    with (folder / FILE).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[:limit] if limit else rows


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Accuracy, macro-F1 and confusion over the visible snippets."""
    rows = read_snippets(folder, limit)
    docs = (
        RawDocument(id=f"case-{r['id']}", origin=f"{FILE}:{r['id']}", text=r["EventSnippet"])
        for r in rows
    )
    table = label_table()
    gold, pred = [], []
    for row, result in zip(rows, analyzer.analyze_many(docs), strict=True):
        gold.append(row["SubType"])
        events = result.events if isinstance(result, Analysis) else []
        pred.append(snippet_label(events, table))
    return score(gold, pred)


def score(gold: Sequence[str], pred: Sequence[str]) -> list[Metric]:
    """Metrics for parallel gold and predicted labels."""
    n = len(gold)
    labels = sorted(set(gold))
    f1 = {lab: _f1(gold, pred, lab) for lab in labels}
    conflict = [lab for lab in labels if lab not in NON_CONFLICT]
    right = sum(g == p for g, p in zip(gold, pred, strict=True))
    macro = sum(f1.values()) / len(labels) if labels else 0.0
    macro_conflict = sum(f1[lab] for lab in conflict) / len(conflict) if conflict else 0.0
    out = [
        Metric(DATASET, "subtypes", "accuracy", _ratio(right, n), n, f"{right}/{n}"),
        Metric(DATASET, "subtypes", "macro-F1", macro, n, f"{len(labels)} labels"),
        Metric(DATASET, "subtypes", "macro-F1 (conflict labels)", macro_conflict,
               sum(g in conflict for g in gold), f"{len(conflict)} labels"),
    ]  # fmt: skip
    for lab in labels:
        out.append(Metric(DATASET, "F1 per label", lab, f1[lab], gold.count(lab)))
    for lab, count in Counter(gold).most_common(5):
        row = Counter(p for g, p in zip(gold, pred, strict=True) if g == lab)
        for p, c in row.most_common():
            out.append(Metric(DATASET, "confusion", f"{lab} → {p}", float(c), count))
    return out


def confusion_table(gold: Sequence[str], pred: Sequence[str], top: int = 5) -> list[list[Any]]:
    """Rows of a confusion table over the ``top`` commonest gold labels (plus "other")."""
    labels = [lab for lab, _ in Counter(gold).most_common(top)]
    rows: list[list[Any]] = [["gold \\ predicted", *labels, "other"]]
    for lab in labels:
        row = Counter(p for g, p in zip(gold, pred, strict=True) if g == lab)
        rows.append(
            [lab, *(row[p] for p in labels), sum(c for p, c in row.items() if p not in labels)]
        )
    return rows


def _f1(gold: Iterable[str], pred: Iterable[str], label: str) -> float:
    pairs = list(zip(gold, pred, strict=True))
    tp = sum(g == label and p == label for g, p in pairs)
    fp = sum(g != label and p == label for g, p in pairs)
    fn = sum(g == label and p != label for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0
