"""PLOVER gold records (``../shared/eval/plover-gsr``): event type, actor and recipient.

Definitions. A record counts when it has a PLOVER event type other than DOCUMENT.
Our event for the record is the one whose evidence span contains the gold trigger
(the first ``(EVT: ...)`` of the markup; the shortest such span), else the record's
first event. *type accuracy* = records whose event has the gold type / records;
*mode accuracy* over records with a gold mode (our mode starts with it); *actor match* =
records with a gold actor whose event's actor name contains, or is contained in, one of
the gold actor texts (case-insensitive) / records with a gold actor; *recipient match*
likewise for the target. *coverage* = records where at least one event was found.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fogline.evaluation import Metric
from fogline.ingest.readers import RawDocument
from fogline.model import Analysis, Event

LOGGER = logging.getLogger(__name__)
DATASET = "plover"
FILE = "PLOVER_GSR_CAMEO.visible.json"
_EVT = re.compile(r"\(EVT:\s*([^)]*?)\s*\)")
_WS = re.compile(r"\s+")


def read_records(folder: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records with text and a PLOVER event type."""
    records = json.loads((folder / FILE).read_text(encoding="utf-8"))
    out = [r for r in records if r.get("text") and r.get("event") not in (None, "", "DOCUMENT")]
    return out[:limit] if limit else out


def gold_trigger(record: dict[str, Any]) -> str | None:
    """The first trigger phrase of the record's markup."""
    markup = record.get("textInfo")
    if not isinstance(markup, dict):
        return None
    m = _EVT.search(markup.get("markup") or "")
    return m.group(1) if m else None


def gold_names(value: Any) -> list[str]:
    """Actor texts of a gold ``source``/``target`` field (a list of dicts, or empty)."""
    if isinstance(value, list):
        return [v["actorText"] for v in value if isinstance(v, dict) and v.get("actorText")]
    return []


def names_match(gold: Sequence[str], name: str | None) -> bool:
    """Case-insensitive containment either way between our name and a gold actor text."""
    if not name:
        return False
    ours = _WS.sub(" ", name).strip().lower()
    for g in gold:
        g = _WS.sub(" ", g).strip().lower()
        if g and (g in ours or ours in g):
            return True
    return False


def best_event(events: Sequence[Event], text: str, trigger: str | None) -> Event | None:
    """The event one of whose mentions holds the gold trigger (the shortest such mention),
    else the first."""
    if not events:
        return None
    if trigger:
        first = trigger.split()[0]
        pos = text.find(first)
        if pos >= 0:
            holding = [
                (m.end - m.start, n)
                for n, e in enumerate(events)
                for m in (e.mentions or [e])
                if m.start <= pos < m.end
            ]
            if holding:
                return events[min(holding)[1]]
    return events[0]


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Type accuracy, mode accuracy, actor and recipient match over the visible records."""
    records = read_records(folder, limit)
    docs = (
        RawDocument(id=r["id"], origin=f"{FILE}:{r['id']}", text=r["text"], published=r.get("date"))
        for r in records
    )
    n = typed = covered = 0
    modes = modes_n = actors = actors_n = targets = targets_n = 0
    for record, result in zip(records, analyzer.analyze_many(docs), strict=True):
        n += 1
        if not isinstance(result, Analysis):
            continue
        event = best_event(result.events, result.document.text, gold_trigger(record))
        covered += event is not None
        typed += event is not None and event.type == record["event"]
        if record.get("mode"):
            modes_n += 1
            modes += bool(event and event.mode and event.mode.startswith(record["mode"]))
        src, tgt = gold_names(record.get("source")), gold_names(record.get("target"))
        if src:
            actors_n += 1
            actors += bool(event and event.actor and names_match(src, event.actor.name))
        if tgt:
            targets_n += 1
            targets += bool(event and event.target and names_match(tgt, event.target.name))
    return [
        Metric(DATASET, "events", "type accuracy", _r(typed, n), n, f"{typed}/{n}"),
        Metric(DATASET, "events", "coverage", _r(covered, n), n, f"{covered}/{n}"),
        Metric(DATASET, "events", "mode accuracy", _r(modes, modes_n), modes_n,
               f"{modes}/{modes_n}"),
        Metric(DATASET, "events", "actor match", _r(actors, actors_n), actors_n,
               f"{actors}/{actors_n}"),
        Metric(DATASET, "events", "recipient match", _r(targets, targets_n), targets_n,
               f"{targets}/{targets_n}"),
    ]  # fmt: skip


def _r(a: int, b: int) -> float:
    return a / b if b else 0.0
