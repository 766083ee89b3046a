"""The gold scorer runs on a tiny fixture in the shared gold format."""

from __future__ import annotations

import json

from fogline.evaluation import seed
from fogline.evaluation.seed import name_matches, text_matches


def test_text_matches_is_whitespace_folded_and_lenient():
    assert text_matches("held  the\u00a0town", "They held the town for a week")
    assert text_matches("they held the town", "held the town")
    assert not text_matches("they held the town for a week", "town")


def test_name_matches_accepts_last_word():
    assert name_matches(["Dembélé"], ["Colonel Souleymane Dembélé"])
    assert not name_matches(["Touré"], ["Souleymane Dembélé"])


def test_seed_evaluation_runs_on_a_tiny_fixture(tmp_path, analyzer):
    article = "Rebels seized Menaka on Sunday, a local official said.\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    gold = {
        "document": {"file": "a.txt", "published": "2024-03-04"},
        "paragraph_kinds": [{"contains": "Rebels seized", "kind": "body"}],
        "times": [{"contains": "on Sunday", "value": "2024-03-03"}],
        "places": [
            {"name": "Menaka", "country": "ML", "lat": 15.92, "lon": 2.4, "tolerance_km": 50}
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    metrics = {(m.section, m.name): m for m in seed.evaluate(tmp_path, analyzer)}
    assert metrics[("paragraphs", "kind recall")].support == 1
    assert metrics[("times", "recall")].support == 1
    assert 0.0 <= metrics[("places", "recall")].value <= 1.0
