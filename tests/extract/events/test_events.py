"""Event extraction over short reports written for the project: a fictional crisis, real places."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from fogline.extract.context import DocContext
from fogline.extract.events import certainty as rules
from fogline.extract.events import extract_events, is_territorial
from fogline.extract.events.lexicon import load_lexicon
from fogline.model import Quote, Speaker

pytestmark = pytest.mark.slow  # the real pipeline: spaCy model and gazetteer

PUBLISHED = "2024-03-04"  # a Monday, as the `analyze` fixture (conftest.py) uses


def _find(events, **want):
    for e in events:
        if all(_value(e, k) == v for k, v in want.items()):
            return e
    raise AssertionError(f"no event with {want}: {[_brief(e) for e in events]}")


def _value(e, key):
    if key in ("actor", "target", "place"):
        ref = getattr(e, key)
        return ref.name if ref else None
    return getattr(e, key)


def _brief(e):
    return (e.type, e.mode, e.acled_subtype, _value(e, "actor"), _value(e, "target"),
            _value(e, "place"), e.certainty)  # fmt: skip


def test_lexicon_is_broad_and_coded():
    lex = load_lexicon()
    triggers = [t for ts in (*lex.verbs.values(), *lex.nouns.values()) for t in ts]
    assert len(triggers) > 300
    assert {t.plover for t in triggers} >= {"FIGHT", "ASSAULT", "COERCE", "PROTEST", "CONSULT",
                                            "AGREE", "THREATEN", "DEMAND", "RETREAT"}  # fmt: skip
    assert lex.acled_pair("AIR") == ("Explosions/Remote violence", "Air/drone strike")


def test_events_one_event_per_apposed_victim(analyze):
    a = analyze(
        "Two militia commanders – Colonel Idrissa Maiga and Captain Oumar Toure – were killed "
        "in fighting near Gao on Saturday."
    )
    maiga = _find(a.events, target="Idrissa Maiga")
    toure = _find(a.events, target="Oumar Toure")
    for e in (maiga, toure):
        assert e.type == "FIGHT" and e.acled_subtype == "Armed clash"
        assert e.fatalities == 1
        assert e.date.value == "2024-03-02"
        assert e.place.name == "Gao"


def test_events_rebels_seizing_a_town_is_a_territorial_gain(analyze):
    a = analyze("Rebel fighters seized the town of Anefis on Sunday, residents said.")
    e = _find(a.events, acled_subtype="Non-state actor overtakes territory")
    assert e.place.name == "Anefis"
    assert is_territorial(e)
    assert e.certainty == "reported"
    assert e.date.value == "2024-03-03"


def test_events_army_retaking_a_town_is_government_regaining_territory(analyze):
    a = analyze("The Malian army retook Anefis on Tuesday after two days of clashes.")
    e = _find(a.events, acled_subtype="Government regains territory")
    assert e.place.name == "Anefis"
    assert e.actor is not None and "malian" in e.actor.name.lower()
    assert e.date.value == "2024-02-27"


def test_events_due_to_arrive_is_planned_on_a_future_day(analyze):
    a = analyze("The Algerian foreign minister is due to arrive in Bamako on Friday for talks.")
    e = _find(a.events, type="CONSULT", place="Bamako")
    assert e.certainty == "planned"
    assert "future" in (e.mode or "")
    assert e.date.value == "2024-03-08"


def test_events_reportedly_is_hedged(analyze):
    a = analyze("Insurgents had reportedly captured two villages near Mocimboa da Praia on Sunday.")
    e = _find(a.events, type="FIGHT")
    assert e.certainty == "hedged"


def test_events_negated_withdrawal_is_denied(analyze):
    a = analyze("The army has not withdrawn from Kidal, a military spokesman said on Monday.")
    e = _find(a.events, type="RETREAT")
    assert e.certainty == "denied"
    assert "negation" in (e.mode or "")


def test_events_drone_strike_kills_with_count_and_source(analyze):
    a = analyze(
        "A drone strike on a convoy near Kidal killed 12 fighters, the army said on Sunday."
    )
    e = _find(a.events, acled_subtype="Air/drone strike")
    assert e.mode.startswith("drone")
    assert e.fatalities == 12
    assert e.certainty == "claimed"
    assert any("army" in name.lower() for name in e.reported_by)


def test_events_without_a_date_fall_back_to_publication_flagged(analyze):
    a = analyze("Gunmen attacked a checkpoint outside Menaka.")
    e = _find(a.events, type="FIGHT")
    assert e.date.value == PUBLISHED
    assert e.date.inferred is True
    assert e.date.precision == "week"


def test_events_promise_to_release_is_agree(analyze):
    a = analyze("The rebels said on Monday that they will release the hostages held in Kidal.")
    e = _find(a.events, type="AGREE")
    assert e.actor is not None and "rebel" in e.actor.name.lower()


def test_events_conditional_intent_is_a_threat(analyze):
    a = analyze("The government said it will suspend the talks unless the rebels leave Anefis.")
    _find(a.events, type="THREATEN")


def test_events_arresting_protesters_is_protest_with_intervention(analyze):
    a = analyze("Police arrested 30 protesters in Bamako on Saturday.")
    e = _find(a.events, acled_subtype="Protest with intervention")
    assert e.type == "COERCE"


def test_events_accidental_explosion_is_not_an_attack(analyze):
    a = analyze("A gas cylinder exploded at a restaurant in Gao on Sunday, killing three people.")
    assert not [e for e in a.events if e.acled_type == "Explosions/Remote violence"]


def test_events_evidence_is_the_text_span(analyze):
    a = analyze(
        "Rebel fighters overran two army posts near Tessalit on Sunday. The army said it would "
        "send reinforcements, while residents reported heavy clashes in the town."
    )
    assert len(a.events) >= 3
    for e in a.events:
        assert a.document.text[e.start : e.end] == e.text


def test_events_work_from_the_parse_alone(analyzer):
    doc = analyzer.nlp("Soldiers arrested the mayor of Gao on Sunday.")
    events = extract_events(doc, DocContext.of(doc, published=dt.date(2024, 3, 4)))
    e = _find(events, acled_subtype="Arrests")
    assert e.target is not None and "mayor" in e.target.name
    assert e.date.value == "2024-03-03"


# --- triggers the small model mis-tags, places of the clause --------------------------------
def test_events_participle_after_had_is_a_verb_even_when_tagged_a_noun(analyze):
    a = analyze(
        "The group said its fighters had overrun two army positions near Kidal on Sunday "
        "and seized weapons."
    )
    e = _find(a.events, acled_subtype="Non-state actor overtakes territory")
    assert e.date.value == "2024-03-03"


def test_events_tactical_repositioning_is_a_withdrawal(analyze):
    a = analyze("The army said its troops made a tactical repositioning from Ansongo on Friday.")
    e = _find(a.events, type="RETREAT")
    assert e.mode.startswith("withdraw")


def test_events_town_named_in_the_clause_beats_the_country_and_other_clauses(analyze):
    a = analyze(
        "In neighbouring Niger, gunmen ambushed an army patrol near Tillaberi on Thursday, "
        "officials in Niamey said."
    )
    e = _find(a.events, type="FIGHT", target="army patrol")
    assert e.place.name == "Tillaberi"


def test_events_the_town_refers_back_to_the_last_town_named(analyze):
    a = analyze(
        "What happened in Ouahigouya?\n\n"
        "Residents said fighters attacked the town on Sunday and burned the market."
    )
    e = _find(a.events, type="FIGHT")
    assert e.place.name == "Ouahigouya"


def test_events_place_in_the_actor_or_the_reporting_phrase_is_not_the_event_place(analyze):
    a = analyze(
        "Ten people were killed in clashes near Gao on Monday, according to a monitor based "
        "in Bamako."
    )
    for e in a.events:
        assert e.place is None or e.place.name != "Bamako", _brief(e)


# --- roles: groups behind their members, states behind their instruments ---------------------
def test_events_fighters_from_a_named_group_are_the_group(analyze):
    a = analyze(
        "Fighters from the Polisario Front seized a string of hills above Mahbes on Sunday."
    )
    e = _find(a.events, acled_subtype="Non-state actor overtakes territory")
    assert "Polisario" in e.actor.name


def test_events_a_group_named_in_apposition_acts_for_its_fighters(analyze):
    a = analyze(
        "The group, the Mai-Mai Yakutumba, said its fighters attacked an army post near "
        "Fizi on Tuesday."
    )
    e = _find(a.events, type="FIGHT")
    assert "Yakutumba" in e.actor.name


def test_events_a_nationality_on_drones_names_the_state_but_not_on_rebels(analyze):
    a = analyze(
        "Chadian drones struck a convoy near Abeche on Thursday. Separately, Sudanese rebels "
        "attacked a market in Adre."
    )
    drones = _find(a.events, type="FIGHT", place="Abeche")
    assert drones.actor.name == "Chad"  # the state, as PLOVER codes a state's forces
    rebels = next(e for e in a.events if e.actor and e.actor.name == "Sudanese rebels")
    assert rebels.actor.actor_id is None or "sudan" not in rebels.actor.actor_id


def test_events_troops_of_a_ministry_belong_to_its_state(analyze):
    a = analyze("Mali's defence ministry said its troops recaptured Lere on Saturday.")
    e = _find(a.events, acled_subtype="Government regains territory")
    assert e.actor.name == "Mali"


# --- planned events: schedules, purposes of a trip, expected arrivals --------------------------
def test_events_will_travel_to_meet_is_planned_at_the_destination(analyze):
    a = analyze(
        "Mali's foreign minister, Abdoulaye Diop, will travel to Accra on Thursday to meet "
        "ECOWAS envoys, the ministry said."
    )
    trip = next(e for e in a.events if e.mode and e.mode.startswith("visit"))
    assert trip.certainty == "planned"
    assert trip.place.name == "Accra"
    assert trip.date.value == "2024-03-07"
    meets = [e for e in a.events if e.trigger.text == "meet"]
    assert meets and all(e.certainty == "planned" and e.place.name == "Accra" for e in meets)


def test_events_will_host_talks_is_planned_not_a_claim(analyze):
    a = analyze("Qatar will host a new round of talks in Doha on Friday, an official said.")
    assert any(e.certainty == "planned" for e in a.events), [_brief(e) for e in a.events]


def test_events_due_in_a_city_is_a_planned_visit(analyze):
    a = analyze("A Nigerien delegation is due in Bamako on Saturday for talks, state media said.")
    e = next(e for e in a.events if e.trigger.text == "due")
    assert (e.certainty, e.place.name, e.date.value) == ("planned", "Bamako", "2024-03-09")
    assert e.actor.name == "Niger"  # a nationality on a delegation names the state


def test_events_expected_in_a_city_to_meet_shares_the_place_and_subject(analyze):
    a = analyze(
        "The Chief of Defence Staff is expected in Gao on Monday to meet commanders, "
        "an army source said."
    )
    meet = next(e for e in a.events if e.trigger.text == "meet")
    assert meet.certainty == "planned"
    assert meet.place.name == "Gao"
    assert meet.actor.name == "Chief of Defence Staff"


def test_events_our_troops_in_a_quote_are_not_the_last_group_named(analyze):
    a = analyze(
        'Militants of the JNIM claimed to have taken the base. "At dawn on Friday, our troops '
        'made a tactical repositioning near Boulkessi," army spokesman Col. Issa Sow said.'
    )
    e = _find(a.events, type="RETREAT")
    assert e.actor is not None and "JNIM" not in e.actor.name
    assert e.date.value == "2024-03-01"


def test_events_the_dam_refers_back_to_the_named_dam(analyze):
    a = analyze(
        "Fighting continued near the Mosul Dam on Tuesday.\n\n"
        "At least nine fighters were killed in clashes around the dam on Monday, according to "
        "a monitor based in London."
    )
    e = next(e for e in a.events if e.trigger.text == "killed")
    assert e.place is not None and e.place.name.endswith("Dam"), _brief(e)


# --- fights named by their opponent, sites owned by a group, announced measures ---------------
def test_events_killed_in_firefight_with_a_group_names_the_group(analyze):
    a = analyze(
        "Two police officers were killed in a firefight with Boko Haram fighters near Bama "
        "on Saturday, officials said."
    )
    e = _find(a.events, place="Bama")
    assert e.actor is not None and "Boko Haram" in e.actor.name, _brief(e)
    assert e.date.value == "2024-03-02"


def test_events_captured_camp_of_a_group_is_placed_where_the_camp_is(analyze):
    a = analyze(
        "The army said troops captured a camp of the Allied Democratic Forces in Beni "
        "territory on Thursday."
    )
    seized = [e for e in a.events if e.actor and e.actor.name.lower() == "troops"]
    assert seized, [_brief(e) for e in a.events]
    assert all(e.place is None or "Allied" not in e.place.name for e in seized)
    assert any(e.place and e.place.name.startswith("Beni") for e in seized)
    assert all(e.acled_subtype != "Arrests" for e in seized)


def test_events_announced_curfew_is_a_planned_measure_not_a_threat(analyze):
    a = analyze(
        "The provincial government will impose a curfew in Maiduguri from Friday, the "
        "governor's spokesman said."
    )
    e = _find(a.events, type="COERCE")
    assert (e.certainty, e.date.value) == ("planned", "2024-03-08")
    assert not any(x.type == "THREATEN" for x in a.events), [_brief(x) for x in a.events]


def test_events_protesters_who_will_blockade_still_threaten(analyze):
    a = analyze("Farmers said on Friday they would blockade the port from Monday.")
    assert any(e.type == "THREATEN" for e in a.events), [_brief(e) for e in a.events]


def test_events_visit_to_a_city_written_without_city(analyze):
    a = analyze(
        "Three soldiers were wounded in an ambush in Marawi City on Saturday. The army chief "
        "will visit Marawi on Tuesday to meet commanders, a spokesperson said."
    )
    e = _find(a.events, mode="visit,future")
    assert (e.certainty, e.place.name, e.date.value) == ("planned", "Marawi City", "2024-03-05")
    assert e.place.lat is not None


def test_events_members_of_an_armed_group_killed_is_not_violence_against_civilians(analyze):
    a = analyze("Soldiers killed three members of the militia near Beni on Sunday, the army said.")
    e = _find(a.events, place="Beni")
    assert e.acled_type != "Violence against civilians", _brief(e)


# --- certainty rules, one by one, on hand-built parses -----------------------------------------
# (words, head of each word, dependency, part of speech, lemma); the trigger is the last verb
# listed in ``trigger`` (its index), its anchor the same token.
# fmt: off
_PARSES = {
    "did not attack": (
        ["Rebels", "did", "not", "attack"], [3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT"], ["NOUN", "AUX", "PART", "VERB"],
        ["rebel", "do", "not", "attack"],
    ),
    "reportedly attacked": (
        ["Rebels", "reportedly", "attacked"], [2, 2, 2],
        ["nsubj", "advmod", "ROOT"], ["NOUN", "ADV", "VERB"], ["rebel", "reportedly", "attack"],
    ),
    "will attack": (
        ["Rebels", "will", "attack"], [2, 2, 2],
        ["nsubj", "aux", "ROOT"], ["NOUN", "AUX", "VERB"], ["rebel", "will", "attack"],
    ),
    "must leave": (
        ["Troops", "must", "leave"], [2, 2, 2],
        ["nsubj", "aux", "ROOT"], ["NOUN", "AUX", "VERB"], ["troop", "must", "leave"],
    ),
    "would attack": (
        ["Rebels", "would", "attack"], [2, 2, 2],
        ["nsubj", "aux", "ROOT"], ["NOUN", "AUX", "VERB"], ["rebel", "would", "attack"],
    ),
    "could attack": (
        ["Rebels", "could", "attack"], [2, 2, 2],
        ["nsubj", "aux", "ROOT"], ["NOUN", "AUX", "VERB"], ["rebel", "could", "attack"],
    ),
    "withdraw unless": (
        ["Troops", "will", "withdraw", "unless", "rebels", "leave"], [2, 2, 2, 5, 5, 2],
        ["nsubj", "aux", "ROOT", "mark", "nsubj", "advcl"],
        ["NOUN", "AUX", "VERB", "SCONJ", "NOUN", "VERB"],
        ["troop", "will", "withdraw", "unless", "rebel", "leave"],
    ),
    "is due to arrive": (
        ["Envoys", "are", "due", "to", "arrive"], [1, 1, 1, 4, 2],
        ["nsubj", "ROOT", "acomp", "aux", "xcomp"], ["NOUN", "AUX", "ADJ", "PART", "VERB"],
        ["envoy", "be", "due", "to", "arrive"],
    ),
    "residents said": (
        ["Residents", "said", "rebels", "attacked"], [1, 1, 3, 1],
        ["nsubj", "ROOT", "nsubj", "ccomp"], ["NOUN", "VERB", "NOUN", "VERB"],
        ["resident", "say", "rebel", "attack"],
    ),
    "army denied": (
        ["Army", "denied", "that", "rebels", "attacked"], [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp"], ["NOUN", "VERB", "SCONJ", "NOUN", "VERB"],
        ["army", "deny", "that", "rebel", "attack"],
    ),
    "army said must leave": (
        ["Army", "said", "rebels", "must", "leave"], [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp"], ["NOUN", "VERB", "NOUN", "AUX", "VERB"],
        ["army", "say", "rebel", "must", "leave"],
    ),
    "army said would attack": (
        ["Army", "said", "it", "would", "attack"], [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp"], ["NOUN", "VERB", "PRON", "AUX", "VERB"],
        ["army", "say", "it", "would", "attack"],
    ),
}
# fmt: on


def _clause(name: str, trigger: int, quotes=()) -> rules.Clause:
    words, heads, deps, pos, lemmas = _PARSES[name]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas)  # fmt: skip
    tok = doc[trigger]
    return rules.Clause.of(tok, tok, load_lexicon(), quotes)


def _read(clause: rules.Clause, *names: str) -> rules.Reading:
    reading = rules.Reading()
    for name in names:
        getattr(rules, name)(clause, reading)
    return reading


@pytest.mark.parametrize(
    ("parse", "trigger", "rule", "field", "value"),
    [
        ("did not attack", 3, "negated", "negated", True),
        ("will attack", 2, "negated", "negated", False),
        ("reportedly attacked", 2, "hedged", "hedged", True),
        ("will attack", 2, "future", "future", True),
        ("must leave", 2, "obliged", "obliged", True),
        ("withdraw unless", 2, "conditional", "conditional", True),
        ("would attack", 2, "would", "would", True),
        ("could attack", 2, "hypothetical", "hypothetical", True),
        ("would attack", 2, "hypothetical", "hypothetical", False),
        ("is due to arrive", 4, "planned", "planned", True),
        ("army denied", 4, "denied", "denied", True),
        ("residents said", 3, "denied", "denied", False),
    ],
)
def test_certainty_rule_alone(parse, trigger, rule, field, value):
    assert getattr(_read(_clause(parse, trigger), rule), field) is value


def test_certainty_rule_reported_by_finds_the_subject_of_the_reporting_verb():
    reading = _read(_clause("residents said", 3), "reported_by")
    assert (reading.reporter.text, reading.report_depth) == ("Residents", 0)


def test_certainty_rule_quoted_speaker_is_the_speaker_of_the_quote_around_the_trigger():
    quote = Quote(text="Rebels will attack", start=0, end=18, speaker=Speaker("Col. Sow", 0, 0))
    assert _read(_clause("will attack", 2, [quote]), "quoted_speaker").speaker == "Col. Sow"


def test_certainty_rules_on_earlier_findings():
    said_would = _read(_clause("army said would attack", 4), "would", "reported_by",
                       "reported_would")  # fmt: skip
    assert said_would.future and not said_would.hypothetical
    assert _read(_clause("would attack", 2), "would", "reported_would").hypothetical
    stated = _read(_clause("will attack", 2), "future", "stated_intent")
    assert (stated.intent, stated.scheduled) == ("agree", True)
    threat = _read(_clause("withdraw unless", 2), "future", "conditional", "stated_intent",
                   "conditional_threat")  # fmt: skip
    assert threat.intent == "threat"
    demand = _read(_clause("army said must leave", 4), "obliged", "reported_by", "demand")
    assert demand.intent == "demand"


def test_certainty_verdicts_of_the_rules_in_order():
    lex = load_lexicon()

    def certainty(parse: str, trigger: int) -> tuple[str, str | None]:
        clause = _clause(parse, trigger)
        c = rules.assess(clause.trigger, clause.anchor, lex, ())
        return c.certainty, c.aux_mode

    assert certainty("did not attack", 3) == ("denied", "negation")
    assert certainty("army denied", 4) == ("denied", None)
    assert certainty("will attack", 2) == ("planned", "future")
    assert certainty("is due to arrive", 4) == ("planned", "future")
    assert certainty("could attack", 2) == ("hedged", "hypothetical")
    assert certainty("reportedly attacked", 2) == ("hedged", None)
    assert certainty("residents said", 3) == ("reported", None)  # hearsay
    assert rules.RULES[0] is rules.negated and rules.RULES[-1] is rules.demand


def test_coding_table_steps_and_sets_are_known():
    lex = load_lexicon()
    assert list(lex.coding) == ["drop", "surrender", "withdraw", "stop", "seize", "obstruct",
                                "territory-place", "move", "territory", "transfer-place",
                                "disarm", "instrument", "unconventional", "crowd-control", "site",
                                "intent", "recipient"]  # fmt: skip
    first = lex.coding["seize"][0]
    assert (first.cue_any, first.roles) == ({"seize"}, (("object", {"site"}, False),))
    assert (first.acled, first.place) == ("TERR", "object")
    unconventional = lex.coding["unconventional"][0].when
    assert ("acled", frozenset({"IED", "SUICIDE", "GRENADE", "CHEM"}), False) in unconventional
    assert "Government regains territory" in lex.labels("territorial_subtypes")
