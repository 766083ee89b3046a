"""Time expressions resolved against the publication date (fixtures written for fogline).

The reference publication date is Monday 4 March 2024 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fogline.extract.context import DocContext
from fogline.extract.times import extract_times

MONDAY = dt.date(2024, 3, 4)


@pytest.fixture(scope="module")
def nlp():
    from fogline.nlp import load_pipeline

    return load_pipeline()


def times(nlp, text: str, published: dt.date | None = MONDAY) -> dict[str, str | None]:
    """{expression text: value} of a short text (each expression written once)."""
    doc = nlp(text)
    refs = extract_times(doc, DocContext.of(doc, published=published))
    return {r.text: r.value for r in refs}


def test_times_spans_match_the_text(nlp):
    text = (
        "Rebels shelled Gao on Sunday, the army said on Monday. Talks are due to resume "
        "on Thursday in Algiers, three weeks after the truce collapsed on February 12."
    )
    doc = nlp(text)
    refs = extract_times(doc, DocContext.of(doc, published=MONDAY))
    assert len(refs) >= 4
    for r in refs:
        assert text[r.start : r.end] == r.text


def test_times_past_weekday_is_the_latest_on_or_before_publication(nlp):
    found = times(nlp, "Rebels shelled the outskirts of Gao on Sunday, residents said.")
    assert found["Sunday"] == "2024-03-03"


def test_times_same_weekday_as_publication_in_past_tense_is_that_day(nlp):
    found = times(nlp, "The army said on Monday that the road to Kidal was open again.")
    assert found["Monday"] == "2024-03-04"


def test_times_earlier_weekday_in_past_tense_goes_back(nlp):
    found = times(nlp, "A convoy was ambushed near Menaka on Thursday, officials said.")
    assert found["Thursday"] == "2024-02-29"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The UN envoy is due to arrive in Bamako on Thursday.", "Thursday", "2024-03-07"),
        ("Ministers will meet in Niamey on Sunday to discuss the crisis.", "Sunday", "2024-03-10"),
        ("The council is set to convene in Geneva on March 13.", "March 13", "2024-03-13"),
        ("The regional bloc is expected to vote on Friday.", "Friday", "2024-03-08"),
        ("The envoy is due to arrive in Bamako on Monday.", "Monday", "2024-03-04"),
    ],
)
def test_times_future_tense_resolves_forward(nlp, sentence, expression, value):
    assert times(nlp, sentence)[expression] == value


def test_times_present_tense_weekday_takes_the_nearest(nlp):
    found = times(nlp, "The transitional council meets on Thursday in the capital.")
    assert found["Thursday"] == "2024-03-07"


def test_times_next_and_last_weekday(nlp):
    found = times(nlp, "Talks failed last Friday; the mediators return next Wednesday.")
    assert found["last Friday"] == "2024-03-01"
    assert found["next Wednesday"] == "2024-03-06"  # the first one after publication (TimeML)


def test_times_relative_units_count_from_publication(nlp):
    text = (
        "The army took the town last month. The militia entered Gao three weeks ago. "
        "Fighting broke out over the weekend. Officials met today and yesterday. "
        "Aid arrives this week, and more is promised next week."
    )
    found = times(nlp, text)
    assert found["last month"] == "2024-02"
    assert found["three weeks ago"] == "2024-W07"
    assert found["the weekend"] == "2024-W09-WE"
    assert found["today"] == "2024-03-04"
    assert found["yesterday"] == "2024-03-03"
    assert found["this week"] == "2024-W10"
    assert found["next week"] == "2024-W11"


def test_times_late_on_sunday_is_that_sunday(nlp):
    found = times(nlp, "Late on Sunday dozens of trucks were seen entering Timbuktu.")
    assert found["Late on Sunday"] == "2024-03-03TNI"  # that Sunday, at night (a TIME)


def test_times_a_day_earlier_counts_from_the_previous_date(nlp):
    text = "Fighting resumed in Kidal on Friday. A day earlier, the rebels had offered talks."
    found = times(nlp, text)
    assert found["Friday"] == "2024-03-01"
    assert found["A day earlier"] == "2024-02-29"


def test_times_a_day_earlier_without_previous_date_counts_from_publication(nlp):
    found = times(nlp, "A day earlier, the junta had closed the border with Niger.")
    assert found["A day earlier"] == "2024-03-03"


def test_times_that_day_is_the_previous_date(nlp):
    text = "The president fled the capital on February 15. Troops entered the palace that day."
    found = times(nlp, text)
    assert found["that day"] == "2024-02-15"


def test_times_that_month_takes_the_year_of_the_previous_date(nlp):
    text = (
        "Rebels first seized Kidal in 2012 and were driven out by French troops that "
        "January. The army retook Menaka in March 2021 and lost it again that October."
    )
    found = times(nlp, text)
    assert found["that January"] == "2012-01"
    assert found["that October"] == "2021-10"


def test_times_that_month_without_a_previous_date_counts_from_publication(nlp):
    found = times(nlp, "Troops withdrew from the border post that February, officials said.")
    assert found["that February"] == "2024-02"


def test_times_that_before_a_month_as_a_conjunction_is_no_date(nlp):
    found = times(nlp, "Officials in Bamako said that March would decide the talks.")
    assert "that March" not in found


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The president fled the country on February 15.", "February 15", "2024-02-15"),
        ("Fighters, pictured on 2 March, say they hold the pass.", "2 March", "2024-03-02"),
        ("The mine was seized on December 20, officials said.", "December 20", "2023-12-20"),
        (
            "The ceasefire was signed on 12 January 2022 in Algiers.",
            "12 January 2022",
            "2022-01-12",
        ),
        ("The accord was signed Oct. 23, 1989, in Taif.", "Oct. 23, 1989", "1989-10-23"),
        ("Elections are scheduled for July 2025.", "July 2025", "2025-07"),
    ],
)
def test_times_calendar_dates_with_and_without_a_year(nlp, sentence, expression, value):
    assert times(nlp, sentence)[expression] == value


def test_times_years_decades_and_ranges(nlp):
    text = (
        "In the 1990s the group controlled the north. The invasion of 1979 and the rule "
        "from 1996 to 2001 are remembered in the valley."
    )
    doc = nlp(text)
    refs = extract_times(doc, DocContext.of(doc, published=MONDAY))
    found = {r.text: (r.value, r.precision) for r in refs}
    assert found["the 1990s"] == ("199", "decade")
    assert found["1979"] == ("1979", "year")
    assert found["1996"] == ("1996", "year")
    assert found["2001"] == ("2001", "year")


def test_times_month_with_relative_year_and_holidays(nlp):
    text = "The siege began in June last year. Talks broke down on Christmas Eve."
    found = times(nlp, text)
    assert found["June last year"] == "2023-06"
    assert found["Christmas Eve"] == "2023-12-24"


def test_times_quarters_and_seasons(nlp):
    text = "Third-quarter revenue fell, the company said. The offensive began last spring."
    found = times(nlp, text, published=dt.date(2023, 10, 25))
    assert found["Third-quarter"] == "2023-Q3"
    assert found["last spring"] == "2023-SP"


@pytest.mark.parametrize(
    "text",
    [
        "We may march on the capital if the talks fail.",
        "The Taliban returned a decade later under new leaders.",
        "The army has been hardened with 20 years of war.",
        "The rebel commander came second in the vote.",
        "Theresa May said the envoy would travel to Mali.",
        "The fall of the government surprised the diplomats.",
    ],
)
def test_times_non_dates_are_not_emitted(nlp, text):
    doc = nlp(text)
    refs = extract_times(doc, DocContext.of(doc, published=MONDAY))
    assert [r for r in refs if r.type in ("DATE", "TIME")] == []  # "20 years" is a DURATION


def test_times_without_publication_date_keep_only_absolute_dates(nlp):
    text = "The accord of 12 January 2022 collapsed on Sunday."
    found = times(nlp, text, published=None)
    assert found == {"12 January 2022": "2022-01-12"}


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # published Monday 4 March 2024
        (
            "The army said it would deploy two battalions starting Saturday.",
            "starting Saturday",
            "2024-03-09",
        ),
        ("A curfew is in force from Friday, the governor said.", "from Friday", "2024-03-08"),
        ("Effective Thursday, all checkpoints close at 6pm.", "Effective Thursday", "2024-03-07"),
        ("Classes will resume starting Wednesday.", "starting Wednesday", "2024-03-06"),
    ],
)
def test_times_an_onset_weekday_is_the_next_one(nlp, sentence, expression, value):
    assert times(nlp, sentence)[expression] == value


def test_times_an_onset_weekday_in_the_past_tense_goes_back(nlp):
    found = times(nlp, "Fighting raged from Saturday until the rebels withdrew.")
    assert found["from Saturday"] == "2024-03-02"


def test_times_day_parts_relative_to_today(nlp):
    text = "Gunmen shelled the market last night. Aid trucks reached the camp this morning."
    found = times(nlp, text)
    assert found["last night"] == "2024-03-03TNI"
    assert found["this morning"] == "2024-03-04TMO"


def test_times_the_last_night_of_a_period_is_no_date(nlp):
    assert "last night" not in times(nlp, "Rockets fell on the last night of the festival.")


def test_times_an_ago_with_a_smaller_unit_is_that_unit_back(nlp):
    text = "The rebels took the dam a year ago this month, and the mayor fled a year ago today."
    found = times(nlp, text)
    assert found["a year ago this month"] == "2023-03"
    assert found["a year ago today"] == "2023-03-04"


def test_times_a_hedged_count_is_the_day_it_counts_to(nlp):
    found = times(nlp, "The truce was signed nearly two weeks ago in Doha.")
    assert found["nearly two weeks ago"] == "2024-02-19"
    text = "The envoy arrived on February 20. The convoy had been attacked about a month earlier."
    assert times(nlp, text)["about a month earlier"] == "2024-01-20"


def test_times_a_part_of_a_month_or_year_is_that_month_or_year(nlp):
    text = (
        "The troops will leave within the last ten days of April. Talks collapsed at the "
        "end of January, as they had at the end of 2019."
    )
    found = times(nlp, text)
    assert found["the last ten days of April"] == "2024-04"
    assert found["the end of January"] == "2024-01"
    assert found["the end of 2019"] == "2019"


def test_times_years_before_1500_only_as_dates(nlp):
    found = times(nlp, "The charter dates to 1215; the garrison counted 1200 men.")
    assert found == {"1215": "1215"}


def test_times_since_a_month_points_back(nlp):
    assert times(nlp, "Since April, the militia has held the crossing.")["April"] == "2023-04"


def test_times_a_named_day_without_year_in_the_past_is_its_event(nlp):
    text = "Officials recalled what the country learned on September 11 about hijacked planes."
    assert times(nlp, text)["September 11"] == "2001-09-11"
    assert times(nlp, "The vote will take place on September 11.")["September 11"] == "2024-09-11"


def test_times_a_quoted_yesterday_counts_from_the_day_of_the_attribution(nlp):
    text = (
        "The militia spoke again on Friday.\n\n"
        '"Our positions were shelled yesterday," the commander said on Saturday.'
    )
    found = times(nlp, text)
    assert found["yesterday"] == "2024-03-01"  # the day before Saturday, not before Monday


def test_times_a_quoted_past_today_after_a_narrated_recent_day_is_that_day(nlp):
    text = (
        "Engineers are still clearing the rubble left by Saturday's strike.\n\n"
        "'Our aircraft struck a depot near the river today,' a spokesman said."
    )
    assert times(nlp, text)["today"] == "2024-03-02"


def test_times_a_quoted_today_without_a_dated_attribution_is_publication(nlp):
    text = "Fighting eased on Friday.\n\n'We are calm today,' the mayor said."
    assert times(nlp, text)["today"] == "2024-03-04"


def test_times_a_month_of_a_simple_past_verb_is_not_ahead(nlp):
    found = times(nlp, "The militia formed a women's battalion in April.")
    assert found["April"] == "2023-04"
    found = times(nlp, "The board declared a dividend payable April 7 to holders of record.")
    assert found["April 7"] == "2024-04-07"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Prices rose at the end of the month, traders said.", "the end of the month", "2024-03"),
        ("Aid ran out earlier in the year.", "earlier in the year", "2024"),
        ("The mandate ends at the end of next month.", "the end of next month", "2024-04"),
        ("The budget for the current fiscal year was cut.", "the current fiscal year", "2024"),
        ("Spending in fiscal year 2022 doubled.", "fiscal year 2022", "2022"),
        ("The offensive began this past spring.", "this past spring", "2023-SP"),
        ("The vote was held this past Sunday.", "this past Sunday", "2024-03-03"),
        ("The truce was signed in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("The dam was finished a decade ago.", "a decade ago", "2014"),
    ],
)
def test_times_more_calendar_forms(nlp, sentence, expression, value):
    assert times(nlp, sentence)[expression] == value


def test_times_the_end_of_the_year_after_a_year_in_its_sentence_is_that_year(nlp):
    text = "The group split in 2019, and by the end of the year it had collapsed."
    assert times(nlp, text)["the end of the year"] == "2019"


def test_times_a_decade_later_counts_only_from_a_date_of_the_text(nlp):
    text = "The war began in 2001. A decade later the troops left."
    assert times(nlp, text)["A decade later"] == "2011"
