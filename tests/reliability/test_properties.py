"""Properties of ``Analyzer.analyze`` over generated text (hypothesis).

What ``analyze`` promises for ANY string (control characters, lone surrogates, runs of
hundreds to thousands of one quotation mark, unbalanced and nested quotation marks of every
kind among news fragments included):
- it returns an Analysis, or raises IngestError for exactly four reasons: the cleaned text
  has fewer than MIN_CHARS characters besides blanks ("empty document"), more than
  MAX_CHARS ("document too large"), its detected language is not English ("not English"),
  or over a tenth of its first 8,192 characters are control characters ("binary data");
  any other exception is a bug;
- every record with a span lies inside the cleaned text, and text[start:end] is the
  record's text;
- the analysis survives JSON (Analysis.from_json(a.to_json()) == a);
- the same input gives the same output, in this process and in another one with another
  hash seed (timings aside).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fogline.errors import IngestError
from fogline.ingest.clean import detect_language, normalize_text
from fogline.model import Analysis
from fogline.pipeline import MAX_CHARS, MIN_CHARS

PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Pieces of wire-service English, joined with odd characters in between, so the generated
# texts reach every extractor instead of stopping at the language check.
FRAGMENTS = [
    "Rebels seized the town of Goma on Sunday",
    "the army said in a statement",
    "“We control the airport,” said Colonel Jean Mbeki, an army spokesman.",
    "According to residents, at least 12 people were killed in the shelling",
    "The militia denied the claim on Monday, calling it propaganda",
    "'They fled towards the border,' a local official told Reuters",
    "Police in Mogadishu said two bombs exploded near the port last week",
    "Government forces retook Kidal in northern Mali after three days of fighting",
    "Pictured: smoke rises over the market in Sake",
    "Read Full Article",
    "• Troops advanced on Bunia overnight",
    "The UN said 3,000 families had been displaced since March 2",
    "He added that talks would resume in Geneva on Thursday",
    "witnesses said",
    "Fighters were seen in the streets of Aleppo three weeks ago",
    "in the 1990s",
]
GLUE = [" ", ". ", ", ", "\n", "\n\n", " \u201c", "\u201d ", ' "', "' ", "\u00a0", "\u200b",
        "\t", " (", ") ", " \u2014 ", "...", "!", "?", ";", "\r\n", "\ufeff", " -- "]  # fmt: skip
ODD = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=3
)  # any character, emoji and combining marks included

news_like = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(GLUE),
        ODD,
        st.sampled_from(FRAGMENTS).map(str.upper),
        st.sampled_from(FRAGMENTS).map(lambda f: f[: len(f) // 2]),
    ),
    min_size=1,
    max_size=40,
).map("".join)

# Every quotation mark fogline reads or may meet, and the two-character typewriter quotes.
QUOTE_MARKS = [
    *('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e"),
    *("\u201a", "\u2039", "\u203a", "\u300c", "\u300d", "`", "``", "''"),
]
marks = st.sampled_from(QUOTE_MARKS)
controls = st.text(st.characters(categories=["Cc", "Cf"]), min_size=1, max_size=4)
surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=2)

# News fragments among quotation marks that open and close in any order and any pairing:
# unbalanced ("“a", "a”"), mismatched ("«a’"), nested ("“a ‘b «c» d’ e”"), stray and doubled.
quoted_news = st.recursive(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS).map(lambda f: f[:12])),
    lambda inner: st.one_of(
        st.builds(lambda o, t, c: o + t + c, marks, inner, marks),  # wrapped, any pair
        st.builds(lambda o, t: o + t, marks, inner),  # opened only
        st.builds(lambda t, c: t + c, inner, marks),  # closed only
        st.lists(
            st.one_of(inner, marks, st.sampled_from(GLUE), controls, surrogates),
            min_size=2,
            max_size=8,
        ).map("".join),
    ),
    max_leaves=12,
)


@st.composite
def quote_runs(draw: st.DrawFn) -> str:
    """A run of hundreds to a few thousand of one quotation mark, alone or among news."""
    run = draw(marks) * draw(st.integers(min_value=100, max_value=3000))
    before = draw(st.sampled_from(["", *FRAGMENTS[:4]]))
    after = draw(st.sampled_from(["", *FRAGMENTS[4:8]]))
    glue = draw(st.sampled_from(["", " ", "\n", "\n\n"]))
    return before + glue + run + glue + after


any_string = st.one_of(
    st.text(max_size=300),  # any unicode outside surrogates
    st.text(st.characters(), max_size=80),  # lone surrogates too
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),  # control characters
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), controls), max_size=20).map("".join),
    news_like,
    quoted_news,
)

ALLOWED_REFUSALS = ("empty document", "document too large", "not English", "binary data")


def check_refusal(text: str, error: IngestError) -> None:
    """An IngestError is allowed only for the documented reasons, each when it holds."""
    assert error.reason.startswith(ALLOWED_REFUSALS), error.reason
    clean = normalize_text(text)
    if error.reason.startswith("empty document"):
        assert len(clean.strip()) < MIN_CHARS
    elif error.reason.startswith("document too large"):
        assert len(clean) > MAX_CHARS
    elif error.reason.startswith("binary data"):  # over a tenth control characters
        head = text[:8192]
        controls = sum(
            1 for ch in head if (ch < " " and ch not in "\t\n\r\x0b\x0c") or ch == "\x7f"
        )
        assert controls > len(head) / 10
    else:
        assert detect_language(clean) not in (None, "en")


def check_spans(analysis: Analysis) -> None:
    text = analysis.document.text
    for kind, start, end, claimed in analysis.spans():
        assert 0 <= start <= end <= len(text), (kind, start, end)
        assert text[start:end] == claimed, (kind, claimed, text[start:end])
    for p in analysis.paragraphs:
        assert 0 <= p.start < p.end <= len(text)

    def walk(value: object) -> None:  # every nested record that carries a span
        if isinstance(value, dict):
            start, end = value.get("start"), value.get("end")
            if isinstance(start, int) and isinstance(end, int):
                assert 0 <= start <= end <= len(text), value
                if isinstance(value.get("text"), str):
                    assert text[start:end] == value["text"], value
            for key, inner in value.items():
                if key != "document":
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(analysis.as_dict())


def check_any(analyzer, text: str) -> None:
    """``analyze`` returns records whose spans check, or refuses for a documented reason."""
    try:
        analysis = analyzer.analyze(text, published="2024-03-04", source="Wire")
    except IngestError as error:
        check_refusal(text, error)
        return
    check_spans(analysis)


def without_timings(analysis: Analysis) -> dict:
    record = analysis.as_dict()
    record.pop("timings")
    return record


@PROPERTY
@given(text=any_string)
def test_analyze_never_raises_on_any_string_except_the_three_refusals(analyzer, text):
    try:
        analysis = analyzer.analyze(text, published="2024-03-04")
    except IngestError as error:
        check_refusal(text, error)
        return
    check_spans(analysis)


@PROPERTY
@given(text=news_like)
def test_every_span_lies_inside_the_text_and_is_the_records_text(analyzer, text):
    try:
        analysis = analyzer.analyze(text, published="2024-03-04", source="Wire")
    except IngestError as error:
        check_refusal(text, error)
        return
    check_spans(analysis)


@PROPERTY
@given(text=news_like)
def test_analysis_round_trips_through_json(analyzer, text):
    try:
        analysis = analyzer.analyze(text, published="2024-03-04")
    except IngestError:
        return
    again = Analysis.from_json(analysis.to_json())
    assert again == analysis
    assert again.to_json() == analysis.to_json()


@PROPERTY
@given(text=news_like)
def test_same_input_gives_the_same_output(analyzer, text):
    try:
        first = analyzer.analyze(text, published="2024-03-04", source="Wire")
    except IngestError as error:
        with pytest.raises(IngestError) as again:
            analyzer.analyze(text, published="2024-03-04", source="Wire")
        assert again.value.reason == error.reason
        return
    second = analyzer.analyze(text, published="2024-03-04", source="Wire")
    assert without_timings(second) == without_timings(first)


@pytest.mark.issue(11)
@PROPERTY
@given(text=quoted_news)
def test_unbalanced_and_nested_quotation_marks_of_every_kind(analyzer, text):
    check_any(analyzer, text)


@pytest.mark.issue(11)
@settings(PROPERTY, max_examples=12)
@given(text=quote_runs())
def test_long_runs_of_each_quotation_mark(analyzer, text):
    check_any(analyzer, text)


ARTICLE = " ".join(FRAGMENTS[i] + GLUE[(i * 3) % len(GLUE)] for i in range(len(FRAGMENTS)))
_RUN = """
import json, sys
from fogline import analyze
record = analyze(sys.stdin.read(), published="2024-03-04", source="Wire").as_dict()
record.pop("timings")
sys.stdout.write(json.dumps(record, sort_keys=True))
"""


@pytest.mark.slow
def test_output_does_not_depend_on_the_process_hash_seed():
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _RUN],
            input=ARTICLE,
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(json.loads(proc.stdout))
    assert outputs[0]["quotes"] and outputs[0]["places"], "the article should reach extractors"
    assert outputs[0] == outputs[1]
