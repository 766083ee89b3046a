"""Score analyses against gold files in the format of ``shared/eval/FORMAT.md``.

Every folder holding ``gold.json`` and the article it names is scored: the seed article,
the ``realnews`` set (through :mod:`fogline.evaluation.realnews`) and any held-out article
in the same format. Matching follows the external scorer ``shared/hooks/score_gold.py``
rule for rule (see :mod:`fogline.evaluation.matching`), on the output contract as JSON, so
that the figures of both agree: a section counts what that scorer counts.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogline.errors import IngestError
from fogline.evaluation import Metric
from fogline.evaluation.matching import (
    date_matches,
    haversine_km,
    name_matches,
    names_of,
    norm,
    text_matches,
)
from fogline.model import Analysis

__all__ = ["SECTIONS", "evaluate", "find_gold", "name_matches", "score_article", "text_matches"]

LOGGER = logging.getLogger(__name__)

# score_gold.py's section → (section, metric) in the ``fogline eval`` table
SECTIONS: dict[str, tuple[str, str]] = {
    "paragraph_kinds": ("paragraphs", "kind recall"),
    "quotes": ("quotes", "found with right speaker"),
    "speaker_accuracy": ("quotes", "speaker accuracy"),
    "quote_affiliation": ("quotes", "affiliation right"),
    "quote_channel": ("quotes", "channel right"),
    "claims": ("claims", "found"),
    "claim_sources": ("claims", "sources with right stance"),
    "events": ("events", "found"),
    "event_dates": ("events", "date right"),
    "event_certainty": ("events", "planned marked"),
    "places": ("places", "recall"),
    "times": ("times", "recall"),
}

# subfolders of the eval folder that another dataset scores (not counted twice as "seed")
SCORED_ELSEWHERE = frozenset({"realnews"})

EVENTS_PER_GOLD_LIMIT = 1.5  # issue 13: an article's events at most 1.5 × its gold events

VIOLENT = {"assault", "fight"}  # PLOVER's FIGHT/ASSAULT line: one category for this gold

Counts = dict[str, tuple[int, int]]
Output = Mapping[str, Any]


def find_gold(folder: Path) -> list[Path]:
    """Every ``gold.json`` under ``folder`` whose article file is beside it."""
    found = []
    for gold in sorted(folder.rglob("gold.json")):
        if gold.relative_to(folder).parts[0] in SCORED_ELSEWHERE:
            continue
        meta = json.loads(gold.read_text(encoding="utf-8")).get("document", {})
        if meta.get("file") and (gold.parent / meta["file"]).is_file():
            found.append(gold)
    return found


@dataclass(slots=True)
class Totals:
    """Hits and totals per section over many articles, and events output against gold."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    articles: int = 0
    events_out: int = 0
    events_gold: int = 0
    over_limit: int = 0

    def add(self, scores: Counts, events_out: int, events_gold: int) -> None:
        """Add one article's scores and its event counts (predicted, gold)."""
        for key, (hit, n) in scores.items():
            acc = self.counts.setdefault(key, [0, 0])
            acc[0] += hit
            acc[1] += n
        self.articles += 1
        self.events_out += events_out
        self.events_gold += events_gold
        self.over_limit += events_out > EVENTS_PER_GOLD_LIMIT * events_gold

    def metrics(self, dataset: str) -> list[Metric]:
        """One metric per section in :data:`SECTIONS` order, then the events-per-gold ratio."""
        out = []
        for key, (section, name) in SECTIONS.items():
            if key in self.counts:
                hit, n = self.counts[key]
                out.append(Metric(dataset, section, name, hit / n if n else 0.0, n, f"{hit}/{n}"))
        if self.events_gold:
            ratio = self.events_out / self.events_gold
            note = (
                f"{self.events_out}/{self.events_gold}; {self.over_limit} of {self.articles} "
                f"articles over {EVENTS_PER_GOLD_LIMIT}×"
            )
            name = "output per gold event"
            out.append(Metric(dataset, "events", name, ratio, self.articles, note))
        return out


def evaluate(
    folder: Path, analyzer: Any, *, limit: int | None = None, dataset: str = "seed"
) -> list[Metric]:
    """Recall per section (and speaker accuracy for quotes) over every gold file found.

    An article that cannot be analysed counts nothing (as in score_gold.py) and is logged.
    """
    totals = Totals()
    for gold_path in find_gold(folder)[:limit]:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            out = analyze_article(gold_path.parent / gold["document"]["file"], gold, analyzer)
        except IngestError as exc:
            LOGGER.warning("%s: %s", gold_path.parent.name, exc)
            continue
        totals.add(score_article(gold, out), len(out["events"]), len(gold.get("events", [])))
    return totals.metrics(dataset)


def analyze_article(path: Path, gold: Mapping[str, Any], analyzer: Any) -> dict[str, Any]:
    """The analysis of one article file as ``fogline analyze PATH --published DATE`` makes it."""
    from fogline.ingest.readers import DocumentMeta, read_paths

    meta = DocumentMeta(published=gold["document"].get("published"))
    result = next(iter(analyzer.analyze_many(read_paths([path], meta=meta))))
    if isinstance(result, IngestError):
        raise result
    return result.as_dict()


def score_article(gold: Mapping[str, Any], analysis: Analysis | Output) -> Counts:
    """score_gold.py section → (hits, total) for one gold file against one analysis."""
    out = analysis.as_dict() if isinstance(analysis, Analysis) else analysis
    actors = {a.get("id"): a for a in out.get("actors", []) if a.get("id") is not None}
    scores: Counts = {}
    scores.update(_score_paragraphs(gold.get("paragraph_kinds", []), out))
    scores.update(_score_quotes(gold.get("quotes", []), out, actors))
    scores.update(_score_claims(gold.get("claims", []), out, actors))
    scores.update(_score_events(gold.get("events", []), out, actors))
    scores.update(_score_places(gold.get("places", []), out))
    scores.update(_score_times(gold.get("times", []), out))
    return scores


def _count(scores: Counts, key: str, ok: bool) -> None:
    hit, n = scores.get(key, (0, 0))
    scores[key] = (hit + bool(ok), n + 1)


def _score_paragraphs(gold: Sequence[Mapping[str, Any]], out: Output) -> Counts:
    text = out.get("document", {}).get("text", "")
    paras = out.get("paragraphs", [])
    scores: Counts = {}
    for g in gold:
        ok = any(
            text_matches(g["contains"], text[p["start"] : p["end"]]) and p.get("kind") == g["kind"]
            for p in paras
        )
        _count(scores, "paragraph_kinds", ok)
    return scores


def _speaker_names(quote: Mapping[str, Any], actors: Mapping[Any, Any]) -> set[str]:
    return names_of(quote.get("speaker"), actors)


def _affiliation_ok(
    affiliation: str, quotes: Sequence[Mapping[str, Any]], actors: Mapping[Any, Any]
) -> bool:
    for q in quotes:
        speaker = q.get("speaker") or {}
        if name_matches([affiliation], names_of({"name": speaker.get("affiliation")}, actors)):
            return True
        actor = actors.get(speaker.get("actor_id")) or {}
        if name_matches([affiliation], {norm(actor.get("affiliation"))}):
            return True
    return False


def _channel_ok(channel: str, quotes: Sequence[Mapping[str, Any]]) -> bool:
    wanted = norm(channel)
    return any(
        wanted in norm(q.get("channel") or "") or norm(q.get("channel") or "x") in wanted
        for q in quotes
    )


def _score_quotes(
    gold: Sequence[Mapping[str, Any]], out: Output, actors: Mapping[Any, Any]
) -> Counts:
    """Found with a right speaker; speaker accuracy per (gold, overlapping quote) pair."""
    scores: Counts = {}
    right = pairs = 0
    for g in gold:
        cands = [q for q in out.get("quotes", []) if text_matches(g["contains"], q.get("text"))]
        good = [name_matches(g["speaker_any"], _speaker_names(q, actors)) for q in cands]
        _count(scores, "quotes", any(good))
        pairs += len(cands)
        right += sum(good)
        if any(good) and g.get("affiliation"):
            _count(scores, "quote_affiliation", _affiliation_ok(g["affiliation"], cands, actors))
        if any(good) and g.get("channel"):
            _count(scores, "quote_channel", _channel_ok(g["channel"], cands))
    if pairs:
        scores["speaker_accuracy"] = (right, pairs)
    return scores


_CLAIM_SOURCES = (
    ("asserted_by_any", ("asserts", "hedges")),
    ("denied_by_any", ("denies",)),
    ("unconfirmed_by_any", ("unconfirmed",)),
)


def _score_claims(
    gold: Sequence[Mapping[str, Any]], out: Output, actors: Mapping[Any, Any]
) -> Counts:
    """Found with predicate, subject and place (else object); each gold source with its stance."""
    scores: Counts = {}
    for g in gold:
        cands = [
            c
            for c in out.get("claims", [])
            if norm(c.get("predicate")) == norm(g["predicate"])
            and name_matches(g["actor_any"], names_of(c.get("subject"), actors))
            and name_matches(g["place_any"], names_of(c.get("place") or c.get("object"), actors))
        ]
        _count(scores, "claims", bool(cands))
        for key, stances in _CLAIM_SOURCES:
            for group in g.get(key, []):
                ok = any(
                    c.get("stance") in stances
                    and name_matches(group, names_of(c.get("source"), actors))
                    for c in cands
                )
                _count(scores, "claim_sources", ok)
    return scores


def _letters(s: str) -> str:
    return re.sub(r"[^a-z]", "", s)


def _event_matches(g: Mapping[str, Any], e: Mapping[str, Any], actors: Mapping[Any, Any]) -> bool:
    """Category (type, mode or ACLED type/subtype) and every role the gold record names."""
    cats = {norm(c) for c in g["category_any"]}
    if cats & VIOLENT:
        cats |= VIOLENT
    labels = {norm(e.get(k)) for k in ("type", "mode", "acled_type", "acled_subtype")}
    flat = " ".join(_letters(x) for x in labels if x)
    if not (labels & cats or any(_letters(c) in flat for c in cats if len(c) > 3)):
        return False
    for role, key in (("actor", "actor_any"), ("target", "target_any"), ("place", "place_any")):
        if key in g and not name_matches(g[key], names_of(e.get(role), actors)):
            return False
    return True


def _score_events(
    gold: Sequence[Mapping[str, Any]], out: Output, actors: Mapping[Any, Any]
) -> Counts:
    """Found; among found events, the date and (for future events) certainty ``planned``."""
    scores: Counts = {}
    for g in gold:
        cands = [e for e in out.get("events", []) if _event_matches(g, e, actors)]
        _count(scores, "events", bool(cands))
        if cands and g.get("date"):
            dated = any(date_matches(g["date"], e.get("date")) for e in cands)
            _count(scores, "event_dates", dated)
        if cands and g.get("future"):
            _count(scores, "event_certainty", any(e.get("certainty") == "planned" for e in cands))
    return scores


def _place_ok(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    if p.get("lat") is None or not name_matches([g["name"]], {p.get("name")}):
        return False
    close = haversine_km(g["lat"], g["lon"], float(p["lat"]), float(p["lon"])) <= g["tolerance_km"]
    return close and (p.get("country_code") or "").upper() == g["country"]


def _score_places(gold: Sequence[Mapping[str, Any]], out: Output) -> Counts:
    scores: Counts = {}
    for g in gold:
        _count(scores, "places", any(_place_ok(g, p) for p in out.get("places", [])))
    return scores


def _score_times(gold: Sequence[Mapping[str, Any]], out: Output) -> Counts:
    scores: Counts = {}
    for g in gold:
        cands = [t for t in out.get("times", []) if text_matches(g["contains"], t.get("text"))]
        tolerance = int(g.get("tolerance_days", 0))
        _count(scores, "times", any(date_matches(g["value"], t, tolerance) for t in cands))
    return scores
