"""Durations, sets and times of day with their TimeML type and value (fixtures written for
fogline). The reference publication date is Monday 4 March 2024."""

from __future__ import annotations

import datetime as dt

import pytest

from fogline.extract.context import DocContext
from fogline.extract.times import extract_times
from fogline.model import TimeRef

MONDAY = dt.date(2024, 3, 4)


@pytest.fixture(scope="module")
def nlp():
    from fogline.nlp import load_pipeline

    return load_pipeline()


def refs(nlp, text: str) -> dict[str, TimeRef]:
    doc = nlp(text)
    return {r.text: r for r in extract_times(doc, DocContext.of(doc, published=MONDAY))}


def typed(nlp, text: str) -> dict[str, tuple[str, str | None]]:
    return {k: (r.type, r.value) for k, r in refs(nlp, text).items()}


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The siege of the port lasted three days.", "three days", "P3D"),
        ("The rebels have held the valley for two years.", "two years", "P2Y"),
        ("Talks went on for 24 hours without a break.", "24 hours", "PT24H"),
        ("The region has known a decade of war.", "a decade", "P10Y"),
        ("Rebuilding will take a couple of years.", "a couple of years", "P2Y"),
        ("Negotiations could take several weeks, diplomats said.", "several weeks", "PXW"),
        ("The militia has besieged the camp for months.", "months", "PXM"),
        ("Over the past two weeks, shelling intensified.", "the past two weeks", "P2W"),
        ("The convoy waited nearly two years for a permit.", "nearly two years", "P2Y"),
        ("The ceasefire holds for a two-year period.", "two-year", "P2Y"),
        ("Refugees crossed the border in recent days.", "recent days", "PXD"),
        ("The strike lasted two and a half hours.", "two and a half hours", "PT2H30M"),
    ],
)
def test_periods_durations_have_timeml_values(nlp, sentence, expression, value):
    assert typed(nlp, sentence)[expression] == ("DURATION", value)


@pytest.mark.parametrize(
    "text",
    [
        "A 30-year-old man and a two-year-old girl were wounded.",
        "The militia returned a decade later.",
        "The boy was two years old.",
        "The town fell three weeks ago.",
        "Three quarters of the district is under rebel control.",
        "A second attack followed.",
        "He hosted the programme 60 Minutes on Sunday.",
    ],
)
def test_periods_ages_points_and_fractions_are_no_durations(nlp, text):
    assert [r for r in refs(nlp, text).values() if r.type == "DURATION"] == []


def test_periods_an_anchored_duration_runs_to_publication(nlp):
    found = refs(nlp, "Over the past two weeks, and for months before that, shells fell.")
    assert found["the past two weeks"].anchor == "published"
    assert found["months"].anchor == "absolute"


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "freq"),
    [
        ("Patrols cross the bridge every week.", "every week", "P1W", None),
        ("Aid convoys arrive daily at the camp.", "daily", "P1D", None),
        ("The council meets twice a month in Bamako.", "twice a month", "P1M", "2X"),
        ("Shelling resumed every two days.", "every two days", "P2D", None),
        ("Markets close each Thursday.", "each Thursday", "XXXX-WXX-4", None),
        ("The fund pays out $5 billion a year.", "a year", "P1Y", None),
        ("The militia recruits dozens of boys a week.", "a week", "P1W", None),
    ],
)
def test_periods_sets_have_values_and_frequencies(nlp, sentence, expression, value, freq):
    ref = refs(nlp, sentence)[expression]
    assert (ref.type, ref.value, ref.freq) == ("SET", value, freq)


def test_periods_an_adjective_of_recurrence_is_no_set(nlp):
    assert "quarterly" not in refs(nlp, "The firm declared a quarterly dividend of 10 cents.")
    assert "Daily" not in refs(nlp, "The Daily Telegraph reported the strike.")


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "precision"),
    [
        ("The blast came at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2024-02-28T22:00", "hour"),
        ("Talks resumed on Tuesday morning.", "Tuesday morning", "2024-02-27TMO", "daypart"),
        ("Late on Sunday trucks entered the town.", "Late on Sunday", "2024-03-03TNI", "daypart"),
        ("Troops moved in on Sunday at dawn.", "dawn", "2024-03-03TMO", "daypart"),
        ("The curfew began on Friday at 10:35 a.m.", "10:35 a.m.", "2024-03-01T10:35", "minute"),
        ("Shells fell on the town tonight.", "tonight", "2024-03-04TNI", "daypart"),
        ("Agents called at 5am this morning.", "5am this morning", "2024-03-04T05:00", "hour"),
    ],
)
def test_periods_times_of_day_have_a_day_and_a_precision(
    nlp, sentence, expression, value, precision
):
    ref = refs(nlp, sentence)[expression]
    assert (ref.type, ref.value, ref.precision) == ("TIME", value, precision)


def test_periods_a_time_of_day_without_a_day_keeps_the_day_unknown(nlp):
    ref = refs(nlp, "Gunmen stormed the village at dawn.")["dawn"]
    assert (ref.type, ref.value) == ("TIME", "XXXX-XX-XXTMO")
    assert ref.as_date() is None


def test_periods_the_next_morning_counts_from_the_previous_day(nlp):
    text = "The envoy arrived on February 20. The talks began the next morning."
    assert typed(nlp, text)["the next morning"] == ("TIME", "2024-02-21TMO")


def test_periods_high_noon_is_no_time(nlp):
    assert "noon" not in refs(nlp, "For the junta, high noon comes at the polls.")


def test_periods_a_time_of_day_dates_by_its_day_and_a_duration_dates_nothing():
    night = TimeRef("Friday night", 0, 12, "2024-03-01TNI", "daypart", type="TIME")
    assert night.as_date() == ("2024-03-01", "day")
    assert TimeRef("three days", 0, 10, "P3D", "day", type="DURATION").as_date() is None
    assert TimeRef("daily", 0, 5, "P1D", "day", type="SET").as_date() is None
    assert TimeRef("Sunday", 0, 6, "2024-03-03").as_date() == ("2024-03-03", "day")


def test_periods_a_relative_date_after_a_time_of_day_counts_from_its_day(nlp):
    text = "Rebels attacked on Friday night. A day earlier, they had offered talks."
    assert typed(nlp, text)["A day earlier"] == ("DATE", "2024-02-29")


def test_periods_a_clock_time_counted_from_an_event_has_no_day(nlp):
    text = "The envoy left on Friday. A guard saw the car at 6 a.m. ten days before the attack."
    assert typed(nlp, text)["6 a.m."] == ("TIME", "XXXX-XX-XXT06:00")


def test_periods_a_length_after_a_verb_is_no_rate(nlp):
    assert typed(nlp, "The convoy waited a week at the border.")["a week"] == ("DURATION", "P1W")
