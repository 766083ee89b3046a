"""The fast tier: quotation marks, the time grammar, the step order and every lexicon loader,
on ``spacy.blank("en")`` (no model, no gazetteer). ``pytest -m fast`` runs it in seconds.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from fogline.extract import run_steps
from fogline.extract.context import DocContext
from fogline.extract.text import find_quote_spans, paragraph_bounds, sentence_ends
from fogline.extract.times import extract_times

pytestmark = pytest.mark.fast

LOADERS = [
    ("fogline.extract.times.lexicon", "load_lexicon"),
    ("fogline.extract.actors.lexicon", "lexicon"),
    ("fogline.extract.places.lexicon", "load_cues"),
    ("fogline.extract.places.lexicon", "load_feature_words"),
    ("fogline.extract.quotes.lexicon", "load_lexicon"),
    ("fogline.extract.words", "reporting_verbs"),
]


def test_shared_word_classes_are_read_by_every_extractor_that_needs_them():
    from fogline.extract.actors.lexicon import lexicon as actor_lexicon
    from fogline.extract.claims.lexicon import load_lexicon as claim_lexicon
    from fogline.extract.quotes.lexicon import load_lexicon as quote_lexicon
    from fogline.extract.words import grammar_words, reporting_verbs

    verbs = reporting_verbs()
    assert {"say", "deny", "tweet"} <= verbs
    assert actor_lexicon().cue_verbs is verbs is quote_lexicon().cue_verbs
    assert claim_lexicon().reporting_verbs is verbs
    assert "would" in grammar_words("modals")
    assert claim_lexicon().grammar["modals"] == grammar_words("modals")


def test_a_paragraph_cut_without_cues_keeps_wrapped_prose_and_splits_long_lines():
    from fogline.extract.text import segment_paragraphs

    wrapped = "Rebels took the\ntown on Sunday.\n\nThe army denied it."
    assert [wrapped[s:e] for s, e in segment_paragraphs(wrapped)] == [
        "Rebels took the\ntown on Sunday.",
        "The army denied it.",
    ]
    long_line = "x" * 120
    text = f"{long_line}\nA second line.\n\nLast."
    assert [text[s:e] for s, e in segment_paragraphs(text)] == [
        long_line,
        "A second line.",
        "Last.",
    ]


@pytest.mark.parametrize(("module", "loader"), LOADERS)
def test_every_lexicon_loads(module, loader):
    assert getattr(importlib.import_module(module), loader)() is not None


def test_quote_marks_of_every_kind_nest_and_pair():
    text = (
        "\u201cWe hold it,\u201d he said. \u2018Nested \u201cinner\u201d\u2019 and "
        "\u00ab them \u00bb."
    )
    spans = [text[s.start : s.end] for s in find_quote_spans(text, paragraph_bounds(text))]
    assert spans == ["We hold it", "Nested \u201cinner\u201d", "them"]


def test_an_apostrophe_is_not_a_quote_mark():
    text = "The rebels haven\u2019t left, and the army\u2019s men stayed."
    assert find_quote_spans(text, paragraph_bounds(text)) == []


def test_a_quote_left_open_continues_in_the_next_paragraph():
    text = "\u201cWe will fight on.\n\n\u201cAnd we will win,\u201d he said."
    first, second = find_quote_spans(text, paragraph_bounds(text))
    assert second.continues == 0 and text[first.start : first.end] == "We will fight on."


def test_titles_do_not_end_sentences():
    text = "Gen. Ali spoke. Then Mr. Musa left. "
    assert [text[:e].split()[-1] for e in sentence_ends(text)] == ["spoke.", "left."]


def test_time_grammar_on_a_blank_pipeline(blank_nlp):
    doc = blank_nlp("Rebels seized Kidal on 12 March 2024. Two days later the army returned.")
    refs = extract_times(doc, DocContext.of(doc, published=dt.date(2024, 3, 20)))
    assert [(r.text, r.value) for r in refs] == [
        ("12 March 2024", "2024-03-12"),
        ("Two days later", "2024-03-14"),
    ]


def test_run_steps_stops_after_the_step_asked_for(blank_nlp):
    doc = blank_nlp("Rebels seized Kidal on Sunday.")
    ctx = run_steps(doc, DocContext.of(doc, published=dt.date(2024, 3, 4)), upto="times")
    assert ctx.finished == ["paragraphs", "times"]
    assert [t.value for t in ctx.times] == ["2024-03-03"]
