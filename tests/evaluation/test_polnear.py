"""PolNeAR adapter: reading BRAT attributions and scoring content overlap and sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.evaluation.polnear import (
    Tally,
    find_articles,
    load_articles,
    read_annotations,
    score_document,
)
from fogline.model import Quote, Speaker

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear-dev"

TEXT = "“The levee will hold,” the mayor said. Officials said that the river was falling.\n"
ANN = (
    "T1\tContent 1 20\tThe levee will hold\n"
    "T2\tSource 23 32\tthe mayor\n"
    "T3\tCue 33 37\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 39 48\tOfficials\n"
    "T6\tCue 49 53\tsaid\n"
    "T7\tContent 59 80\tthe river was falling\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
)


def quote(start: int, end: int, direct: bool, speaker: tuple[int, int, str] | None) -> Quote:
    who = Speaker(speaker[2], speaker[0], speaker[1]) if speaker else None
    return Quote(TEXT[start:end], start, end, direct, None, who)


@pytest.fixture
def gold(tmp_path):
    ann = tmp_path / "a.ann"
    ann.write_text(ANN, encoding="utf-8")
    return read_annotations(ann, TEXT)


def test_read_annotations_marks_quoted_content_as_direct(gold):
    assert [g.direct for g in gold] == [True, False]
    assert gold[0].source == [(23, 32)]


def test_perfect_direct_quote_scores_one(gold):
    tally = Tally()
    score_document(TEXT, gold, [quote(1, 20, True, (27, 32, "mayor"))], tally, direct_only=True)
    figures = {m.name: m.value for m in tally.metrics("direct quotes", 1)}
    assert figures["content overlap F1"] == 1.0
    assert figures["source accuracy"] == 1.0


def test_wrong_speaker_and_missed_indirect_quote_lower_the_scores(gold):
    tally = Tally()
    score_document(
        TEXT, gold, [quote(1, 20, True, (39, 48, "Officials"))], tally, direct_only=False
    )
    figures = {m.name: m.value for m in tally.metrics("all attributions", 1)}
    assert figures["source accuracy"] == 0.0
    assert figures["content overlap precision"] == 1.0
    assert figures["content overlap recall"] < 0.6


def test_one_annotation_file_per_article(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "x_2016.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("b", "a"):
        (tmp_path / "attributions" / f"x_2016_{annotator}.ann").write_text(ANN, encoding="utf-8")
    pairs = find_articles(tmp_path)
    assert [ann.name for _, ann in pairs] == ["x_2016_a.ann"]


def test_gold_spans_follow_the_text_when_cleaning_changes_its_length(tmp_path):
    raw = "Intro\u200b line.\n" + TEXT  # cleaning drops the zero-width space
    shift = len("Intro\u200b line.\n")
    ann = "".join(
        f"T{n}\t{label} {int(s) + shift} {int(e) + shift}\t{words}\n"
        for n, label, s, e, words in (
            (1, "Content", 1, 20, "The levee will hold"),
            (2, "Source", 23, 32, "the mayor"),
        )
    )
    ann += "E1\tAttribution:T3 Content:T1 Source:T2\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "x_2016.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "attributions" / "x_2016_a.ann").write_text(ann, encoding="utf-8")
    [article] = load_articles(tmp_path)
    assert len(article.text) == len(raw) - 1
    [gold] = article.gold
    (start, end), (s_start, s_end) = gold.content[0], gold.source[0]
    assert article.text[start:end] == "The levee will hold"
    assert article.text[s_start:s_end] == "the mayor"
    assert gold.direct


def test_tally_figures_are_the_metric_values(gold):
    tally = Tally()
    score_document(TEXT, gold, [quote(1, 20, True, (27, 32, "mayor"))], tally, direct_only=True)
    figures = tally.figures()
    assert figures["f1"] == 1.0 and figures["source accuracy"] == 1.0


@pytest.mark.slow
def test_polnear_dev_direct_quotes_meet_the_floor(analyzer):
    if not SHARED.is_dir():
        pytest.skip("../shared/eval/polnear-dev is absent; PolNeAR check skipped")
    from fogline.evaluation.polnear import evaluate

    figures = {(m.section, m.name): m.value for m in evaluate(SHARED, analyzer, limit=8)}
    assert figures[("direct quotes", "content overlap F1")] >= 0.8
