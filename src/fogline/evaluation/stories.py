"""The ``stories`` set: cross-source claim tracking over the articles of one story.

Each ``<story>/articles.jsonl`` is ingested into a temporary SQLite store through the
library (:func:`fogline.batch.ingest_paths`, which reconciles), and the gold propositions
of ``<story>/gold.json`` (format: ``shared/eval/stories/README.md``) are looked up among the
reconciled propositions (:func:`fogline.reconcile.claims`).

A gold proposition is *found* when a reconciled one has its predicate, a subject in
``subject_any`` (any subject when that list is empty) and a place or object in
``object_any`` (names match as in ``FORMAT.md``). Every such proposition counts:

- status: the status of the matching proposition with the most reports (among found ones);
- origins: an origin of ``asserted_by`` is found when a report of a matching proposition
  asserts or hedges it under one of the origin's names; ``denied_by`` needs a denial and
  ``unconfirmed_by`` a report with stance ``unconfirmed``;
- ``must_not``: violated when any matching proposition has a forbidden status (lower is
  better);
- propositions per real claim: the matching propositions of each found gold proposition
  (1.0 when every real claim is one proposition; lower is better down to 1).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fogline.evaluation import Metric
from fogline.evaluation.matching import name_matches
from fogline.reconcile.status import PropositionView

Counts = dict[str, tuple[int, int]]

# gold origin list → the report stances that count for it
ORIGIN_STANCES: dict[str, tuple[str, ...]] = {
    "asserted_by": ("asserts", "hedges"),
    "denied_by": ("denies",),
    "unconfirmed_by": ("unconfirmed",),
}

# score key → (section, metric) in the ``fogline eval`` table
SECTIONS: dict[str, tuple[str, str]] = {
    "propositions": ("propositions", "found (predicate, subject, object)"),
    "status": ("propositions", "status right (of found)"),
    "asserted_by": ("origins", "asserting origins found"),
    "denied_by": ("origins", "denying origins found"),
    "unconfirmed_by": ("origins", "unconfirming origins found"),
}


def find_stories(folder: Path) -> list[Path]:
    """Every story folder under ``folder``: ``gold.json`` beside ``articles.jsonl``."""
    return sorted(
        g.parent for g in folder.rglob("gold.json") if (g.parent / "articles.jsonl").is_file()
    )


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Proposition, status and origin recall and ``must_not`` violations over every story.

    ``limit`` caps the number of stories (a story is scored over all its articles).
    """
    totals: dict[str, list[int]] = {}
    output = 0
    for story in find_stories(folder)[:limit]:
        gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
        views = reconciled_views(story / "articles.jsonl", analyzer)
        output += len(views)
        for key, (hit, n) in score_story(gold, views).items():
            acc = totals.setdefault(key, [0, 0])
            acc[0] += hit
            acc[1] += n
    return _metrics(totals, output)


def _metrics(totals: Mapping[str, list[int]], output: int) -> list[Metric]:
    out = []
    for key, (section, name) in SECTIONS.items():
        if key in totals:
            hit, n = totals[key]
            out.append(Metric("stories", section, name, hit / n if n else 0.0, n, f"{hit}/{n}"))
    if "must_not" in totals:
        bad, n = totals["must_not"]
        note = f"{bad} of {n} must_not records given a forbidden status (lower is better)"
        out.append(Metric("stories", "must_not", "violations", float(bad), n, note))
    if "split" in totals:
        views, found = totals["split"]
        note = f"{views} propositions for {found} real claims found (lower is better)"
        split = views / found if found else 0.0
        out.append(Metric("stories", "propositions", "per real claim", split, found, note))
    gold = totals.get("propositions", [0, 0])[1]
    if gold:
        note = f"{output} propositions output for {gold} gold"
        out.append(Metric("stories", "propositions", "output per gold", output / gold, gold, note))
    return out


def reconciled_views(articles: Path, analyzer: Any) -> list[PropositionView]:
    """The reconciled propositions of one story's articles, ingested into a temporary store."""
    from fogline.batch import ingest_paths
    from fogline.reconcile import claims
    from fogline.store import Store

    with tempfile.TemporaryDirectory(prefix="fogline-story-") as tmp:
        store = Store.open(Path(tmp) / "story.sqlite")
        try:
            ingest_paths([articles], store, analyzer=analyzer)
            return claims(store)
        finally:
            store.close()


def matching_views(
    record: Mapping[str, Any], views: Sequence[PropositionView]
) -> list[PropositionView]:
    """The reconciled propositions that state a gold (or ``must_not``) record."""
    subjects = record.get("subject_any") or []
    return [
        v
        for v in views
        if v.predicate == record["predicate"]
        and (not subjects or name_matches(subjects, [v.subject]))
        and name_matches(record.get("object_any") or [], [v.place, v.object])
    ]


def _origin_found(
    names: Sequence[str], stances: Sequence[str], views: Sequence[PropositionView]
) -> bool:
    return any(
        name_matches(names, [report.get("source")])
        for v in views
        for stance in stances
        for report in v.sources.get(stance, [])
    )


def _count(scores: Counts, key: str, ok: bool) -> None:
    hit, n = scores.get(key, (0, 0))
    scores[key] = (hit + bool(ok), n + 1)


def score_story(gold: Mapping[str, Any], views: Sequence[PropositionView]) -> Counts:
    """Score key → (hits, total) for one story: see the module docstring for each rule."""
    scores: Counts = {}
    for prop in gold.get("propositions", []):
        found = matching_views(prop, views)
        _count(scores, "propositions", bool(found))
        if found:
            main = max(found, key=lambda v: sum(len(r) for r in v.sources.values()))
            _count(scores, "status", main.status == prop["status"])
            split, n = scores.get("split", (0, 0))
            scores["split"] = (split + len(found), n + 1)
        for key, stances in ORIGIN_STANCES.items():
            for names in prop.get(key, []):
                _count(scores, key, _origin_found(names, stances, found))
    for rule in gold.get("must_not", []):
        forbidden = set(rule.get("forbidden_status", []))
        _count(scores, "must_not", any(v.status in forbidden for v in matching_views(rule, views)))
    return scores
