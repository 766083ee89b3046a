"""Reconcile without recomputing the corpus: per-document work only for what is new.

The work of reconcile is of two kinds:

- per document, and costly: reading its analysis, resolving actors and places into its
  proposition reports and event rows, and its MinHash signature. Reconcile keeps each
  document's signature and its reports and event rows as they were before the cross-document
  steps (``reconcile_state``), and redoes this only for documents not reconciled before, with a
  new text, or whose copy cluster changed;
- across documents, and cheap: copy clusters from the kept signatures, origins joined across
  retellings (:func:`~fogline.reconcile.origins.merge_retold`), keys completed within the time
  window (:mod:`~fogline.reconcile.completion`), places joined through the admin hierarchy
  (:mod:`~fogline.reconcile.places`, from each document's kept resolved places) and events
  clustered. These run over the kept
  rows, in id order as a full run does, so the result is the full run's by construction.

Only documents whose rows came out different (new ones, and those whose propositions, origins
or event clusters a new one touched) are written. ``full=True`` forgets the kept state: every
document is redone and every row rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from fogline.reconcile.completion import adopt_doers, complete_people, complete_places
from fogline.reconcile.events import cluster_events, event_rows
from fogline.reconcile.independence import copy_links_signed, signature
from fogline.reconcile.origins import merge_retold
from fogline.reconcile.places import PlaceNode, join_through_places, node_of
from fogline.reconcile.propositions import Canonicalizer, claim_reports
from fogline.store import Store
from fogline.store import corpus as kept
from fogline.store.corpus import DocumentRows, DocumentState, dumps


@dataclass(slots=True)
class Outcome:
    """What one reconcile computed, and how much of it was new work."""

    clusters: dict[str, str]
    reports: int
    propositions: int
    event_clusters: int
    analysed: int  # documents whose reports were (re)made from their analysis
    written: int  # documents whose rows were rewritten


def run(store: Store, canon: Canonicalizer, *, full: bool = False) -> Outcome:
    """Reconcile ``store``: only new and touched documents (``full``: every document)."""
    hashes = kept.document_hashes(store)
    state = {} if full else kept.load_state(store)
    ids = sorted(hashes)
    fresh = [d for d in ids if d not in state or state[d].content_hash != hashes[d]]
    if state and not fresh and set(state) == set(hashes):  # nothing new: nothing changes
        return Outcome({d: s.cluster_id for d, s in state.items()}, *kept.counts(store), 0, 0)
    signatures = {d: s.signature for d, s in state.items()}
    signatures.update((d, signature(text)) for d, text in kept.texts(store, fresh))
    clusters, similarity = copy_links_signed((d, signatures[d]) for d in ids)
    redo = set(fresh) | {
        d
        for d in ids
        if d in state
        and (state[d].cluster_id != clusters[d] or state[d].similarity != similarity.get(d))
    }
    base: dict[str, tuple[str, str]] = {
        d: (state[d].reports, state[d].events) for d in ids if d not in redo
    }
    for analysis in kept.analyses(store, redo):
        doc_id = analysis.document.id
        found = claim_reports(
            analysis, canon, copies=clusters[doc_id], similarity=similarity.get(doc_id)
        )
        places = [
            [f"gaz:{p.gazetteer_id}", p.resolved_name or p.name]
            + [p.country_code, p.feature, p.admin1]
            for p in analysis.places
            if p.gazetteer_id
        ]
        base[doc_id] = (
            dumps({"reports": [dataclasses.asdict(r) for r in found], "places": places}),
            dumps(list(event_rows(analysis, canon))),
        )
    kept_rows = [json.loads(base[d][0]) for d in ids]
    reports = [r for rows in kept_rows for r in rows["reports"]]
    events = [e for d in ids for e in json.loads(base[d][1])]
    merge_retold(reports, clusters)
    complete_places(reports)
    complete_people(reports)
    adopt_doers(reports)
    join_through_places(reports, _place_nodes(kept_rows))
    events = cluster_events(events)
    rows = _changed(ids, hashes, state, signatures, clusters, similarity, base, reports, events)
    kept.write(store, rows, removed=set(state) - set(hashes), full=full)
    return Outcome(
        clusters,
        reports=len(reports),
        propositions=len({r["proposition_id"] for r in reports}),
        event_clusters=len({e["cluster_id"] for e in events}),
        analysed=len(redo),
        written=len(rows),
    )


def _place_nodes(kept_rows: list[dict[str, Any]]) -> dict[str, PlaceNode]:
    """Place key → node in the admin hierarchy, for every resolved place the documents name."""
    nodes: dict[str, PlaceNode] = {}
    for rows in kept_rows:
        for key, name, country, feature, admin1 in rows["places"]:
            if key not in nodes:
                node = node_of(key, name, country, feature, admin1)
                if node is not None:
                    nodes[key] = node
    return nodes


def _changed(
    ids: list[str],
    hashes: dict[str, str],
    state: dict[str, DocumentState],
    signatures: dict[str, bytes],
    clusters: dict[str, str],
    similarity: dict[str, float],
    base: dict[str, tuple[str, str]],
    reports: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> list[DocumentRows]:
    """The rows of every document whose reconciliation differs from what was written for it."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        by_doc[r["document_id"]].append(r)
    events_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in sorted(events, key=lambda e: (e["document_id"], e["event_idx"])):
        events_of[e["document_id"]].append(e)
    out = []
    for d in ids:
        rows = by_doc.get(d, [])
        evs = events_of.get(d, [])
        sim = similarity.get(d)
        digest = hashlib.sha1(dumps([clusters[d], sim, rows, evs]).encode()).hexdigest()
        old = state.get(d)
        if old is not None and old.digest == digest and old.content_hash == hashes[d]:
            continue
        new = DocumentState(hashes[d], signatures[d], clusters[d], sim, *base[d], digest)
        out.append(DocumentRows(d, new, clusters[d], sim, rows, evs))
    return out
