"""The realnews dataset: the seed scorer's rules (those of score_gold.py) and the real set."""

from __future__ import annotations

import importlib.util
import json
import types
from pathlib import Path

import pytest

from fogline.evaluation import realnews, seed
from fogline.evaluation.matching import date_matches, name_matches, names_of
from fogline.evaluation.runner import DATASETS, run_evaluation

SCORE_GOLD = Path(__file__).resolve().parents[3] / "shared" / "hooks" / "score_gold.py"

# a hand-made analysis in the output contract's JSON shape (no model needed)
TEXT = 'Rebels seized Menaka on Sunday. "We hold the town," spokesman Ag Attaher told AFP.'
OUTPUT = {
    "document": {"text": TEXT},
    "paragraphs": [{"start": 0, "end": len(TEXT), "kind": "body"}],
    "actors": [
        {"id": "a1", "name": "Mohamed Ag Attaher", "aliases": ["Attaher"], "affiliation": "CSP-DPA"}
    ],  # fmt: skip
    "quotes": [
        {
            "text": "We hold the town,",
            "speaker": {"name": "spokesman", "actor_id": "a1"},
            "channel": "AFP",
        },  # fmt: skip
        {"text": "We hold the", "speaker": {"name": "Rebels"}},
    ],
    "claims": [
        {
            "predicate": "CONTROL",
            "subject": "Rebels",
            "place": "Menaka",
            "object": None,
            "stance": "asserts",
            "source": {"name": "Ag Attaher", "actor_id": "a1"},
        },
        {
            "predicate": "CONTROL",
            "subject": "Rebels",
            "place": "Menaka",
            "object": None,
            "stance": "unconfirmed",
            "source": {"name": "army"},
        },
    ],  # fmt: skip
    "events": [
        {
            "type": "OCCUPY",
            "mode": None,
            "acled_type": "Battles",
            "acled_subtype": None,
            "actor": {"name": "Rebels"},
            "place": {"name": "Menaka"},
            "date": {"value": "2024-03-03"},
            "certainty": "asserted",
        },
        {"type": "FIGHT", "mode": "aerial", "actor": None, "place": None, "date": None},
    ],  # fmt: skip
    "places": [{"name": "Menaka", "lat": 15.92, "lon": 2.40, "country_code": "ML"}],
    "times": [{"text": "on Sunday", "value": "2024-03-03"}],
}
GOLD = {
    "document": {"file": "article.txt", "published": "2024-03-04"},
    "paragraph_kinds": [{"contains": "REBELS  seized menaka", "kind": "body"}],
    "quotes": [
        {
            "contains": "we hold the town",
            "speaker_any": ["Mohamed Ag Attaher"],
            "affiliation": "CSP-DPA",
            "channel": "AFP",
        }
    ],  # fmt: skip
    "claims": [
        {
            "id": "c1",
            "predicate": "CONTROL",
            "actor_any": ["rebels"],
            "place_any": ["Menaka"],
            "asserted_by_any": [["Attaher"]],
            "denied_by_any": [["army"]],
            "unconfirmed_by_any": [["army"]],
        }
    ],  # fmt: skip
    "events": [
        {
            "about": "seizure",
            "category_any": ["OCCUPY"],
            "actor_any": ["Rebels"],
            "place_any": ["Menaka"],
            "date": "2024-03-03",
        },
        {"about": "strike", "category_any": ["ASSAULT"], "date": "2024-03-02"},
        {"about": "nobody named", "category_any": ["FIGHT"], "actor_any": []},
    ],  # fmt: skip
    "places": [{"name": "Menaka", "country": "ML", "lat": 15.9, "lon": 2.4, "tolerance_km": 25}],
    "times": [{"contains": "Sunday", "value": "2024-03-03"}],
}


def test_score_article_follows_score_gold_rules():
    scores = seed.score_article(GOLD, OUTPUT)
    assert scores["paragraph_kinds"] == (1, 1)  # case- and whitespace-folded text
    assert scores["quotes"] == (1, 1)  # speaker through the actor's id
    assert scores["speaker_accuracy"] == (1, 2)  # one pair per (gold, overlapping quote)
    assert scores["quote_affiliation"] == (1, 1)  # the actor's affiliation
    assert scores["quote_channel"] == (1, 1)
    assert scores["claims"] == (1, 1)
    assert scores["claim_sources"] == (2, 3)  # asserted and unconfirmed found, no denial
    assert scores["events"] == (2, 3)  # FIGHT stands for ASSAULT; an empty role list never matches
    assert scores["event_dates"] == (1, 2)  # dates only of found events
    assert scores["places"] == (1, 1)
    assert scores["times"] == (1, 1)


def test_score_article_matches_score_gold_py_when_present(tmp_path):
    if not SCORE_GOLD.is_file():
        pytest.skip(f"{SCORE_GOLD} not found; the comparison with the external scorer is skipped")
    score_gold = _load_score_gold(json.dumps(OUTPUT))  # its `fogline analyze` call stubbed
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    assert score_gold.score_one(tmp_path, ["fogline"], False) == seed.score_article(GOLD, OUTPUT)


def _load_score_gold(stdout: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("score_gold", SCORE_GOLD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    done = types.SimpleNamespace(returncode=0, stdout=stdout, stderr="")
    module.subprocess = types.SimpleNamespace(run=lambda *a, **k: done)  # type: ignore[attr-defined]
    return module


def test_matching_helpers():
    assert name_matches(["Abu Bakr al-Baghdadi"], ["al-Baghdadi"])  # gold's last word
    assert not name_matches(["Abu Bakr Li"], ["Li"])  # ... of four letters or more
    assert names_of({"name": "x", "actor_id": "a"}, {"a": {"name": "Y", "aliases": ["Z"]}}) == {
        "x", "y", "z"}  # fmt: skip
    assert date_matches("2024-03-03", {"value": "2024-03-03T08:00"})
    assert date_matches("2024-03-03", "2024-03-05", 2)
    assert not date_matches("2024-03", "2024-03-05")


def test_seed_leaves_realnews_to_its_own_dataset(tmp_path):
    for sub in ("seed", "realnews/a"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
        (tmp_path / sub / "article.txt").write_text(TEXT, encoding="utf-8")
    assert seed.find_gold(tmp_path) == [tmp_path / "seed" / "gold.json"]
    assert seed.find_gold(tmp_path / "realnews") == [tmp_path / "realnews" / "a" / "gold.json"]
    assert DATASETS["realnews"] == ("realnews", "realnews")


@pytest.mark.slow
def test_realnews_on_a_written_fixture(tmp_path, analyzer):
    folder = tmp_path / "realnews" / "menaka"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(TEXT + "\n", encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    # the dataset's own folder given directly is found too
    metrics = run_evaluation(tmp_path / "realnews", only=["realnews"], analyzer=analyzer)
    by_name = {(m.section, m.name): m for m in metrics}
    assert {m.dataset for m in metrics} == {"realnews"}
    assert by_name[("claims", "found")].support == 1
    assert by_name[("events", "found")].support == 3
    ratio = by_name[("events", "output per gold event")]
    assert ratio.support == 1 and ratio.note.endswith("articles over 1.5×")


@pytest.mark.slow
def test_realnews_agrees_with_score_gold_py(shared_eval, analyzer):
    folder = shared_eval / "realnews"
    if not folder.is_dir() or not SCORE_GOLD.is_file():
        pytest.skip(f"{folder} or {SCORE_GOLD} not found; the realnews comparison is skipped")
    golds = seed.find_gold(folder)
    assert len(golds) >= 12
    ours: dict[str, list[int]] = {}
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out = seed.analyze_article(gold_path.parent / gold["document"]["file"], gold, analyzer)
        expected = _load_score_gold(json.dumps(out)).score_one(gold_path.parent, ["x"], False)
        assert seed.score_article(gold, out) == expected, gold_path.parent.name
        for key, (hit, n) in expected.items():
            ours.setdefault(key, [0, 0])
            ours[key][0] += hit
            ours[key][1] += n
    metrics = {(m.section, m.name): m for m in realnews.evaluate(folder, analyzer)}
    for key, (hit, n) in ours.items():
        assert metrics[seed.SECTIONS[key]].note == f"{hit}/{n}"
