"""Score analyses against gold files in the format of ``shared/eval/FORMAT.md``.

Every folder holding ``gold.json`` and the article it names is scored: the seed
article and any held-out article in the same format. Matching is lenient, as the
format says: whitespace-folded substring text matches and name lists.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fogline.evaluation import Metric
from fogline.model import Analysis

_WS = re.compile(r"\s+")


def find_gold(folder: Path) -> list[Path]:
    """Every ``gold.json`` under ``folder`` whose article file is beside it."""
    found = []
    for gold in sorted(folder.rglob("gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8")).get("document", {})
        if meta.get("file") and (gold.parent / meta["file"]).is_file():
            found.append(gold)
    return found


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Recall per section (and speaker accuracy for quotes) over every gold file found."""
    totals: dict[tuple[str, str], list[int]] = {}
    for gold_path in find_gold(folder)[:limit]:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["document"]
        text = (gold_path.parent / meta["file"]).read_text(encoding="utf-8")
        analysis = analyzer.analyze(text, published=meta.get("published"), id=meta["file"])
        for key, (hit, n) in score_article(gold, analysis).items():
            acc = totals.setdefault(key, [0, 0])
            acc[0] += hit
            acc[1] += n
    return [
        Metric("seed", section, name, hit / n if n else 0.0, n, f"{hit}/{n}")
        for (section, name), (hit, n) in totals.items()
    ]


def score_article(
    gold: dict[str, Any], analysis: Analysis
) -> dict[tuple[str, str], tuple[int, int]]:
    """(section, metric) → (hits, total) for one gold file against one analysis."""
    scores: dict[tuple[str, str], tuple[int, int]] = {}
    text = analysis.document.text
    if gold.get("paragraph_kinds"):
        hits = sum(_paragraph_ok(g, analysis, text) for g in gold["paragraph_kinds"])
        scores[("paragraphs", "kind recall")] = (hits, len(gold["paragraph_kinds"]))
    if gold.get("times"):
        hits = sum(_time_ok(g, analysis) for g in gold["times"])
        scores[("times", "recall")] = (hits, len(gold["times"]))
    if gold.get("places"):
        hits = sum(_place_ok(g, analysis) for g in gold["places"])
        scores[("places", "recall")] = (hits, len(gold["places"]))
    if gold.get("quotes"):
        scores.update(_score_quotes(gold["quotes"], analysis))
    if gold.get("claims"):
        scores.update(_score_claims(gold["claims"], analysis))
    if gold.get("events"):
        scores.update(_score_events(gold["events"], analysis))
    return scores


def norm(s: str | None) -> str:
    """``s`` with whitespace runs (no-break spaces too) as one space, trimmed; "" for None."""
    return _WS.sub(" ", (s or "").replace("\u00a0", " ")).strip()


def text_matches(gold: str, predicted: str) -> bool:
    """FORMAT.md: gold inside predicted, or predicted inside gold covering half of it."""
    g, p = norm(gold), norm(predicted)
    if not g or not p:
        return False
    return g in p or (p in g and len(p) * 2 >= len(g))


def name_matches(candidates: Iterable[str], names: Iterable[str | None]) -> bool:
    """Any gold name equals a predicted name or alias, or is its last word."""
    wanted = {norm(c).lower() for c in candidates}
    for name in names:
        n = norm(name).lower()
        if not n:
            continue
        if n in wanted or n.split(" ")[-1] in wanted:
            return True
    return False


def _paragraph_ok(g: dict[str, Any], analysis: Analysis, text: str) -> bool:
    needle = norm(g["contains"])
    for p in analysis.paragraphs:
        if needle in norm(text[p.start : p.end]):
            return p.kind == g["kind"]
    return False


def _time_ok(g: dict[str, Any], analysis: Analysis) -> bool:
    tolerance = int(g.get("tolerance_days", 0))
    for t in analysis.times:
        if text_matches(g["contains"], t.text) and t.value:
            if t.value == g["value"]:
                return True
            if tolerance and _days_apart(t.value, g["value"]) <= tolerance:
                return True
    return False


def _days_apart(a: str, b: str) -> float:
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return math.inf


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _place_ok(g: dict[str, Any], analysis: Analysis) -> bool:
    for p in analysis.places:
        if norm(p.name).lower() != norm(g["name"]).lower() or p.lat is None or p.lon is None:
            continue
        close = haversine_km(p.lat, p.lon, g["lat"], g["lon"]) <= g.get("tolerance_km", 161)
        if close and (p.country_code or "").upper() == g["country"].upper():
            return True
    return False


def _actor_names(analysis: Analysis, name: str | None, actor_id: str | None) -> list[str | None]:
    """The predicted name, plus its actor's name and aliases (by id, else by an exact name)."""
    names: list[str | None] = [name]
    wanted = norm(name).lower()
    for actor in analysis.actors:
        by_name = wanted and wanted in {norm(n).lower() for n in (actor.name, *actor.aliases)}
        if (actor_id and actor.id == actor_id) or by_name:
            names.extend([actor.name, *actor.aliases])
    return names


def _score_quotes(
    gold: Sequence[dict[str, Any]], analysis: Analysis
) -> dict[tuple[str, str], tuple[int, int]]:
    found = affiliation = affiliation_n = channel = channel_n = 0
    for g in gold:
        matches = [q for q in analysis.quotes if text_matches(g["contains"], q.text)]
        good = [
            q
            for q in matches
            if q.speaker
            and name_matches(
                g["speaker_any"], _actor_names(analysis, q.speaker.name, q.speaker.actor_id)
            )
        ]
        if good:
            found += 1
            q = good[0]
            affiliation_n += bool(g.get("affiliation"))  # only gold that names one is scoreable
            if (
                g.get("affiliation")
                and q.speaker
                and name_matches(
                    [g["affiliation"]], _actor_names(analysis, q.speaker.affiliation, None)
                )
            ):
                affiliation += 1
        if g.get("channel"):
            channel_n += 1
            if any(name_matches([g["channel"]], [q.channel]) for q in good):
                channel += 1
    # speaker accuracy: of predicted quotes overlapping a gold quote, share with a right speaker
    overlapping = right = 0
    for q in analysis.quotes:
        golds = [g for g in gold if text_matches(g["contains"], q.text)]
        if not golds:
            continue
        overlapping += 1
        names = _actor_names(analysis, q.speaker.name, q.speaker.actor_id) if q.speaker else []
        right += any(name_matches(g["speaker_any"], names) for g in golds)
    return {
        ("quotes", "found with right speaker"): (found, len(gold)),
        ("quotes", "speaker accuracy"): (right, overlapping),
        ("quotes", "affiliation right"): (affiliation, affiliation_n),
        ("quotes", "channel right"): (channel, channel_n),
    }


def _score_claims(
    gold: Sequence[dict[str, Any]], analysis: Analysis
) -> dict[tuple[str, str], tuple[int, int]]:
    found = sources = sources_n = 0
    for g in gold:
        matches = [
            c
            for c in analysis.claims
            if c.predicate == g["predicate"]
            and name_matches(g["actor_any"], _actor_names(analysis, c.subject, None))
            and name_matches(g.get("place_any", []), [c.place, c.object])
        ]
        if matches:
            found += 1
        for stance, key in (("asserts", "asserted_by_any"), ("denies", "denied_by_any")):
            for names in g.get(key, []):
                sources_n += 1
                if any(
                    c.stance in (stance, "hedges" if stance == "asserts" else stance)
                    and name_matches(
                        names,
                        _actor_names(analysis, c.source.name, c.source.actor_id)
                        + [c.source.affiliation],
                    )
                    for c in matches
                ):
                    sources += 1
    return {
        ("claims", "found"): (found, len(gold)),
        ("claims", "sources with right stance"): (sources, sources_n),
    }


def _score_events(
    gold: Sequence[dict[str, Any]], analysis: Analysis
) -> dict[tuple[str, str], tuple[int, int]]:
    found = dated = dated_n = future = future_n = 0
    for g in gold:
        cats = {c.lower() for c in g["category_any"]}
        matches = []
        for e in analysis.events:
            labels = {(v or "").lower() for v in (e.type, e.mode, e.acled_type, e.acled_subtype)}
            if not any(c in label for c in cats for label in labels if label):
                continue
            if g.get("actor_any") and not (
                e.actor
                and name_matches(
                    g["actor_any"], _actor_names(analysis, e.actor.name, e.actor.actor_id)
                )
            ):
                continue
            if g.get("target_any") and not (
                e.target
                and name_matches(
                    g["target_any"], _actor_names(analysis, e.target.name, e.target.actor_id)
                )
            ):
                continue
            if g.get("place_any") and not (
                e.place and name_matches(g["place_any"], [e.place.name])
            ):
                continue
            matches.append(e)
        found += bool(matches)
        if g.get("date"):
            dated_n += 1
            dated += any(e.date and e.date.value == g["date"] for e in matches)
        if g.get("future"):
            future_n += 1
            future += any(e.certainty == "planned" for e in matches)
    return {
        ("events", "found"): (found, len(gold)),
        ("events", "date right"): (dated, dated_n),
        ("events", "planned marked"): (future, future_n),
    }
