"""Issue 13: events are real-world events. Mentions of one event are grouped, with their
roles merged and every mention kept; instruments and times never act; a nationality or an
actor is never where an event happened; purposes and habits are not events."""

from __future__ import annotations

import pytest

from fogline.extract.events.clusters import merge
from fogline.model import ActorRef, DateRef, Event, PlaceRef

pytestmark = [pytest.mark.issue(13), pytest.mark.slow]


def _violent(events):
    return [e for e in events if e.type in ("FIGHT", "ASSAULT")]


def test_mentions_of_one_strike_are_one_event_with_merged_roles(analyze):
    a = analyze(
        "A Chadian drone struck a convoy of the rebel group FACT near Abeche on Sunday.\n\n"
        "The strike killed four fighters, a spokesman for the army said.\n\n"
        "Residents said the attack set two trucks on fire."
    )
    strikes = _violent(a.events)
    assert len(strikes) == 1, [(e.type, e.trigger.text) for e in strikes]
    e = strikes[0]
    assert e.actor.name == "Chad"
    assert e.place.name == "Abeche" and not e.place.inferred
    assert e.date.value == "2024-03-03"
    assert e.fatalities == 4
    texts = [m.text for m in e.mentions]
    assert (
        len(texts) >= 3 and any("strike" in t for t in texts) and any("attack" in t for t in texts)
    )
    for m in e.mentions:  # every mention is evidence: offsets into the text
        assert a.document.text[m.start : m.end] == m.text


def test_strikes_on_different_days_and_places_stay_apart(analyze):
    a = analyze(
        "Malian jets bombed the town of Kidal in northern Mali on Saturday, killing three "
        "people. On Sunday, rebels attacked an army post in the town of Gao."
    )
    violent = _violent(a.events)
    assert len(violent) == 2, [(e.trigger.text, e.place) for e in violent]
    assert {e.date.value for e in violent} == {"2024-03-02", "2024-03-03"}


def test_a_plural_noun_names_many_events_and_joins_none(analyze):
    a = analyze(
        "Jets have carried out several airstrikes on Kidal in recent months. A strike on "
        "Tuesday hit a market in Gao."
    )
    assert len(_violent(a.events)) == 2


def test_two_acts_of_one_sentence_stay_two_events(analyze):
    a = analyze("Fighters attacked the town of Ansongo on Sunday and burned the market.")
    assert {e.trigger.text for e in a.events} >= {"attacked", "burned"}


def test_an_instrument_or_a_time_never_acts(analyze):
    a = analyze(
        "The drone hit a car on the road to Barawe on Monday. Monday's blast killed two men "
        "in Kismayo."
    )
    for e in a.events:
        assert e.actor is None or e.actor.name.lower() not in ("the drone", "drone", "monday")


def test_the_owner_of_an_instrument_is_the_actor(analyze):
    a = analyze("Kenyan jets bombed a camp near Kismayo on Sunday.")
    assert any(e.actor is not None and e.actor.name == "Kenya" for e in a.events)


def test_a_nationality_modifier_is_not_the_place(analyze):
    a = analyze("Six people were killed in a U.S. airstrike on two cars near Barawe on Monday.")
    for e in _violent(a.events):
        assert e.place is None or e.place.name not in ("U.S.", "United States")


def test_an_unplaced_event_takes_the_focus_place_marked_inferred(analyze):
    a = analyze(
        "Fighting raged in Kidal on Sunday.\n\n"
        "Soldiers killed twelve militants, the army said, and more fighting is reported in "
        "Kidal."
    )
    killed = next(e for e in a.events if e.trigger.text == "killed")
    assert killed.place.name == "Kidal" and killed.place.inferred


def test_a_purpose_and_a_habit_are_not_events(analyze):
    a = analyze(
        "Commandos raided a camp near Ataq on Sunday in an attempt to free two hostages. "
        "Officials rarely discuss such raids."
    )
    triggers = {e.trigger.text for e in a.events}
    assert "raided" in triggers
    assert "free" not in triggers and "discuss" not in triggers


def _mention(start, **kw):
    base = dict(type="FIGHT", text=f"m{start}", start=start, end=start + 2)
    return Event(**(base | kw))


def test_merge_counts_the_dead_once_and_keeps_the_best_roles():
    a = _mention(0, fatalities=6, date=DateRef("2024-03-04", inferred=True))
    b = _mention(
        10,
        actor=ActorRef("Chad", "chad"),
        place=PlaceRef("Abeche", 13.8, 20.8, "TD"),
        date=DateRef("2024-03-03"),
        fatalities=6,
        mode="aerial",
    )
    c = _mention(20, place=PlaceRef("Chad", inferred=True), fatalities=4)
    e = merge([a, b, c], frozenset({"aerial"}))
    assert e.fatalities == 6  # the largest figure, not 16
    assert (e.actor.name, e.place.name, e.date.value, e.mode) == (
        "Chad",
        "Abeche",
        "2024-03-03",
        "aerial",
    )
    assert [m.start for m in e.mentions] == [0, 10, 20]
    assert (e.start, e.text) == (10, "m10")  # the most informative mention's own span


def test_page_furniture_never_speaks(analyze):
    a = analyze(
        "Rebels attacked Gao on Sunday, the army said.\n\n"
        "MORE: 'We will take the town,' rebel leader says as fighters attack Kidal\n\n"
        "Residents said the town was calm on Monday."
    )
    furniture = a.document.text.index("MORE:")
    end = a.document.text.index("\n\n", furniture)
    for layer in (a.quotes, a.events, a.claims):
        assert not [r for r in layer if furniture <= r.start < end]
    assert any(e.trigger.text == "attacked" for e in a.events)  # the body still speaks


@pytest.mark.parametrize(
    "text",
    [
        "Families hope for the release of the hostages held near Ansongo in Mali.",
        "Activists feared she would be arrested by the police in Bamako, Mali.",
        "Has the town of Menaka in Mali fallen to the rebels?",
        "Officials said rebels could attack Gao in Mali.",
    ],
)
def test_hoped_feared_asked_or_possible_events_are_not_reported_as_events(analyze, text):
    a = analyze(text)
    assert not [
        e for e in a.events if e.trigger.text in ("release", "arrested", "fallen", "attack")
    ]


def test_an_abstract_noun_never_acts(analyze):
    a = analyze("Desperation grew as gunmen abducted twenty women from Chibok in Nigeria.")
    abducted = next(e for e in a.events if e.trigger.text == "abducted")
    assert abducted.actor is None or abducted.actor.name.lower() != "desperation"
    assert abducted.place is not None and abducted.place.name == "Chibok"  # "from": the origin


def test_background_events_keep_their_dates_and_are_marked(analyze):
    a = analyze(
        "Rebels attacked an army post in Gao in northern Mali on Sunday. The group killed "
        "more than 60 people in an attack on a market in Gao in 2012."
    )
    old = next(e for e in a.events if e.date is not None and e.date.value.startswith("2012"))
    new = next(e for e in a.events if e.date is not None and e.date.value == "2024-03-03")
    assert old.background and not new.background


def test_a_vague_count_keeps_its_words_and_a_partys_count_is_marked(analyze):
    a = analyze("Gunmen killed dozens of villagers near Gao in northern Mali on Sunday.")
    killed = next(e for e in a.events if e.fatalities is not None)
    assert killed.fatalities == 24 and killed.fatalities_note.startswith("dozens")
    b = analyze(
        "The Islamic State group said its fighters killed 40 soldiers near Menaka in Mali on "
        "Sunday."
    )
    claimed = [e for e in b.events if e.fatalities == 40]
    assert claimed and claimed[0].certainty == "claimed"
    assert claimed[0].fatalities_claimed_by is not None


def test_a_caption_retelling_the_strike_joins_the_body_event(analyze):
    a = analyze(
        "The Malian army said on Monday that a drone strike had killed the rebel commander "
        "Ahmed Musa near Kidal on Sunday. His convoy was hit late in the evening.\n\n"
        "Residents said the town was calm on Monday. Shops opened and traders returned.\n\n"
        "Musa, seen here at a rally, died in a strike on his convoy (AP Photo/Baba Ahmed)\n\n"
        "The army has fought rebels in the region for a decade."
    )
    caption = next(p for p in a.paragraphs if "AP Photo" in a.document.text[p.start : p.end])
    assert caption.kind == "caption"
    in_caption = [
        e for e in a.events if any(caption.start <= m.start < caption.end for m in e.mentions)
    ]
    assert in_caption and all(
        any(m.start < caption.start for m in e.mentions) for e in in_caption
    ), [(e.trigger.text, [m.text for m in e.mentions]) for e in a.events]


def test_insisting_that_is_a_view_but_insisting_on_is_a_demand(analyze):
    a = analyze(
        "The government insisted that talks with the rebels in Kidal were going on.\n\n"
        "The rebels insisted on the release of their fighters held in Gao, Mali."
    )
    insisted = [e for e in a.events if e.trigger.text == "insisted"]
    assert insisted and all(e.start >= a.document.text.index("The rebels") for e in insisted)
