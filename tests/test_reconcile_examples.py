"""Across the example corpus (a fictional crisis told by seven outlets): statuses, copies,
event clusters and a situation that changes as the reports come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.batch import ingest_paths
from fogline.ingest.readers import DocumentMeta
from fogline.reconcile import claims, event_clusters, situation
from fogline.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def examples_store(analyzer, tmp_path_factory):
    db = tmp_path_factory.mktemp("examples") / "examples.sqlite"
    inputs = [EXAMPLES / "articles.jsonl", EXAMPLES / "html", *EXAMPLES.glob("*.txt")]
    with Store.open(db) as store:
        report = ingest_paths(
            inputs, store, meta=DocumentMeta(published="2025-03-11"), analyzer=analyzer
        )
        assert report.analysed == 10 and not report.errors
        from fogline.reconcile import reconcile

        reconcile(store)
        yield store


@pytest.mark.slow
def test_examples_show_every_status(examples_store):
    statuses = {view.status for view in claims(examples_store)}
    assert {"contested", "corroborated", "single-source"} <= statuses


@pytest.mark.slow
def test_examples_syndicated_copy_counts_once(examples_store):
    clusters = examples_store.copy_clusters()
    wire, copy = "cws-2025-03-08-macomia", "pemba-herald-2025-03-08-macomia-wire"
    assert clusters[copy] == clusters[wire]
    assert len(set(clusters.values())) == len(clusters) - 1  # only that pair is a copy
    both = [
        v
        for v in claims(examples_store)
        if {s["document_id"] for s in v.sources["asserts"]} >= {wire, copy}
    ]
    assert both, "some proposition is asserted in both copies"
    for view in both:  # the copy adds a report, never an independent source of its own
        assert view.independent["asserts"] < len(view.sources["asserts"])


@pytest.mark.slow
def test_examples_event_reported_by_several_outlets_is_one_cluster(examples_store):
    clusters = event_clusters(examples_store, place="Macomia")
    assert any(len({r["outlet"] for r in c["reports"]}) >= 3 for c in clusters)


@pytest.mark.slow
def test_examples_situation_changes_as_reports_arrive(examples_store):
    def board(day):
        return {
            c["id"]: (c["status"], len(c["sources"]["denies"]))
            for c in situation(examples_store, "Macomia", as_of=day)["control"]
        }

    first, last = board("2025-03-08"), board("2025-03-14")
    assert first and last
    assert first != last  # new claims, new denials or new statuses after the first day
    assert set(first) <= set(last)  # nothing reported earlier disappears later
