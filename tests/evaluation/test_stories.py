"""The stories dataset: gold propositions against reconciled ones, across a story's articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogline.evaluation import stories
from fogline.evaluation.runner import DATASETS, run_evaluation
from fogline.reconcile.status import PropositionView

FIXTURE = Path(__file__).parent / "fixtures" / "stories"  # a fictional story written for fogline

CONTROL = {
    "predicate": "CONTROL",
    "subject_any": ["Azawad Front", "rebels"],
    "object_any": ["Kidal"],
    "status": "contested",
    "asserted_by": [["Attaye Ag Mohamed", "rebel spokesman"], ["Sahel Courier"]],
    "denied_by": [["Malian army"]],
    "unconfirmed_by": [["United Nations"]],
}


def _view(pid: str, predicate: str, subject: str | None, place: str | None, obj: str | None,
          status: str, **sources: list[str]) -> PropositionView:  # fmt: skip
    view = PropositionView(pid, predicate, subject, place, obj, None, None, status=status)
    for stance, names in sources.items():
        view.sources.setdefault(stance, []).extend({"source": n} for n in names)
    return view


VIEWS = [
    _view("1", "CONTROL", "rebels", "Kidal", None, "contested",
          denies=["Malian army"], hedges=["rebel spokesman"], asserts=["Sahel Courier"]),
    _view("2", "CONTROL", "Azawad Front", "Kidal", None, "single-source", asserts=["x"]),
    _view("3", "CONTROL", "army", "Kidal", None, "corroborated", asserts=["y", "z"]),
    _view("4", "CAPTURED", "Ansar Dine", None, "Kidal", "corroborated", asserts=["a", "b"]),
]  # fmt: skip


def test_matching_views_need_predicate_subject_and_place_or_object():
    assert [v.id for v in stories.matching_views(CONTROL, VIEWS)] == ["1", "2"]
    anyone = {"predicate": "CAPTURED", "subject_any": [], "object_any": ["Kidal"]}
    assert [v.id for v in stories.matching_views(anyone, VIEWS)] == ["4"]  # object, any subject
    assert stories.matching_views({**anyone, "predicate": "KILLED"}, VIEWS) == []


def test_score_story_status_origins_and_must_not():
    must_not = [
        {"predicate": "CONTROL", "subject_any": ["Azawad Front"], "object_any": ["Kidal"],
         "forbidden_status": ["single-source", "corroborated"]},
        {"predicate": "CAPTURED", "subject_any": ["Ansar Dine"], "object_any": ["Kidal"],
         "forbidden_status": ["corroborated"]},
        {"predicate": "KILLED", "subject_any": [], "object_any": ["Kidal"],
         "forbidden_status": ["corroborated"]},
    ]  # fmt: skip
    missing = {**CONTROL, "predicate": "ADVANCED", "status": "single-source"}
    gold = {"propositions": [CONTROL, missing], "must_not": must_not}
    scores = stories.score_story(gold, VIEWS)
    assert scores["propositions"] == (1, 2)
    assert scores["status"] == (1, 1)  # the matching view with most reports is contested
    assert scores["asserted_by"] == (2, 4)  # a hedge counts; the missing one finds none
    assert scores["denied_by"] == (1, 2)
    assert scores["unconfirmed_by"] == (0, 2)  # nobody reports stance "unconfirmed"
    assert scores["must_not"] == (2, 3)  # any matching view with a forbidden status
    assert scores["split"] == (2, 1)  # the one real claim found is split over two views


def test_stories_metrics_name_every_figure():
    totals = {"propositions": [1, 2], "status": [1, 1], "asserted_by": [2, 4], "must_not": [2, 3],
              "split": [3, 1]}  # fmt: skip
    metrics = {(m.section, m.name): m for m in stories._metrics(totals, 10)}
    assert metrics[("propositions", "per real claim")].value == 3.0
    assert metrics[("must_not", "violations")].value == 2.0
    assert metrics[("must_not", "violations")].support == 3
    assert metrics[("propositions", "output per gold")].value == 5.0
    assert metrics[("origins", "asserting origins found")].note == "2/4"
    assert DATASETS["stories"] == ("stories", "stories")


def test_find_stories_needs_gold_beside_articles(tmp_path):
    (tmp_path / "lonely").mkdir()
    (tmp_path / "lonely" / "gold.json").write_text("{}", encoding="utf-8")
    assert stories.find_stories(tmp_path) == []
    assert stories.find_stories(FIXTURE) == [FIXTURE / "kidal-fictional"]


@pytest.mark.slow
def test_stories_on_the_written_fixture(analyzer, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the temporary store goes here, and is removed
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    metrics = run_evaluation(FIXTURE.parent, only=["stories"], analyzer=analyzer)
    by_name = {(m.section, m.name): m for m in metrics}
    assert {m.dataset for m in metrics} == {"stories"}
    assert by_name[("propositions", "found (predicate, subject, object)")].support == 2
    assert by_name[("origins", "denying origins found")].support == 2
    assert by_name[("must_not", "violations")].support == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_stories_on_the_shared_set(shared_eval, analyzer):
    folder = shared_eval / "stories"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found; the stories evaluation is skipped")
    found = stories.find_stories(folder)
    golds = [json.loads((s / "gold.json").read_text(encoding="utf-8")) for s in found]
    metrics = {(m.section, m.name): m for m in stories.evaluate(folder, analyzer, limit=1)}
    first = golds[0]
    assert metrics[("must_not", "violations")].support == len(first["must_not"])
    recall = metrics[("propositions", "found (predicate, subject, object)")]
    assert recall.support == len(first["propositions"]) and 0.0 <= recall.value <= 1.0


def test_eval_json_prints_every_metric(monkeypatch):
    from typer.testing import CliRunner

    from fogline.cli import app
    from fogline.evaluation import Metric, runner

    metric = Metric("stories", "must_not", "violations", 2.0, 3, "2 of 3")
    monkeypatch.setattr(runner, "run_evaluation", lambda *a, **k: [metric])
    result = CliRunner().invoke(app, ["eval", "somewhere", "--only", "stories", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["name"] == "violations"
