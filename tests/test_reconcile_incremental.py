"""Incremental reconcile gives what a full recompute gives, and redoes only what is new.

Fixture texts written for this test: a wire story on a town's capture, a denial, an airstrike;
then a near-copy of the wire story whose id sorts before it (so the older story becomes its
copy), a second, independent telling of the capture, and another report of the airstrike.
"""

from __future__ import annotations

from typing import Any

from fogline.reconcile import claims, event_clusters, reconcile
from fogline.store import Store

WIRE = (
    "KIDAL, Mali (AP) — Rebels of the Northern Front said on Tuesday they had taken the town "
    "of Kidal after three days of fighting with government troops and allied militias. "
    "Residents described heavy shelling overnight and said many families had fled towards the "
    "desert. Aid groups warned that food stocks in the town would last less than a week and "
    "that the main road to Gao had been cut. The Northern Front took up arms two years ago, "
    "demanding autonomy for the north, and has since seized several villages along the road."
)
DENIAL = (
    'The Malian army on Wednesday denied that rebels had taken Kidal. "Our troops hold the '
    'town and the airport," army spokesman Colonel Amadou Keita told reporters in Bamako. '
    "Fighting continued around the town, residents said."
)
STRIKE = (
    "An airstrike killed six civilians at a market in Gao on Tuesday, residents said. Local "
    "officials said the dead included two children and that the market had been destroyed."
)
COPY = WIRE.replace("three days", "three long days").replace("desert.", "desert. [AP]")
SECOND = (
    "Rebels took control of Kidal on Tuesday, a local official said, adding that government "
    "forces had withdrawn south towards Gao after three days of clashes."
)
STRIKE_AGAIN = (
    "Six civilians were killed when an airstrike hit a market in Gao on Tuesday, a health "
    "worker said. It was not clear who carried out the strike."
)

FIRST = [
    ("k1-wire", "Wire Daily", "2024-05-07", WIRE),
    ("k2-denial", "Desert Courier", "2024-05-08", DENIAL),
    ("k3-strike", "Sahel Monitor", "2024-05-07", STRIKE),
]
LATER = [
    ("k0-copy", "Coastal Times", "2024-05-08", COPY),  # sorts before the story it copies
    ("k4-second", "River Post", "2024-05-09", SECOND),
    ("k5-strike", "Field Report", "2024-05-08", STRIKE_AGAIN),
]


def _ingest(store: Store, analyzer: Any, articles: list[tuple[str, str, str, str]]) -> None:
    store.save(analyzer.analyze(t, id=i, source=s, published=p) for i, s, p, t in articles)


def _snapshot(store: Store) -> dict[str, Any]:
    """Everything a reader sees: propositions with statuses and origins, events, copies."""
    return {
        "claims": [v.as_dict() for v in claims(store)],
        "as_of": [v.as_dict() for v in claims(store, as_of="2024-05-07")],
        "events": event_clusters(store),
        "copies": store.copy_clusters(),
        "similarity": store.copy_similarity(),
        "reports": store.counts()["proposition_reports"],
    }


def test_incremental_reconcile_equals_a_full_recompute(fresh_store, analyzer, tmp_path):
    _ingest(fresh_store, analyzer, FIRST)
    first = reconcile(fresh_store)
    assert first.analysed == 3
    before = _snapshot(fresh_store)
    _ingest(fresh_store, analyzer, LATER)
    later = reconcile(fresh_store)
    incremental = _snapshot(fresh_store)
    # the three new documents, and the wire story, now a copy of one whose id sorts first
    assert later.analysed == 4
    assert incremental["copies"]["k1-wire"] == "k0-copy"
    assert incremental != before

    with Store.open(tmp_path / "at-once.sqlite") as at_once:
        _ingest(at_once, analyzer, FIRST + LATER)
        reconcile(at_once, full=True)
        assert _snapshot(at_once) == incremental
    reconcile(fresh_store, full=True)
    assert _snapshot(fresh_store) == incremental


def test_a_reconcile_with_nothing_new_analyses_and_writes_nothing(fresh_store, analyzer):
    _ingest(fresh_store, analyzer, FIRST)
    reconcile(fresh_store)
    again = reconcile(fresh_store)
    assert (again.analysed, again.rewritten) == (0, 0)
    assert fresh_store.reconciliation_stale() is False


def test_a_new_text_under_a_stored_id_is_redone(fresh_store, analyzer):
    _ingest(fresh_store, analyzer, FIRST)
    reconcile(fresh_store)
    _ingest(fresh_store, analyzer, [("k3-strike", "Sahel Monitor", "2024-05-07", STRIKE_AGAIN)])
    summary = reconcile(fresh_store)
    assert summary.analysed == 1
    texts = {r["text"] for c in event_clusters(fresh_store) for r in c["reports"]}
    assert not any("market in Gao on Tuesday, residents said" in t for t in texts)
