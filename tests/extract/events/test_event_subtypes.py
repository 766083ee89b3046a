"""ACLED sub-event types of events (coding.tsv, cues.yaml), over reports written for the
project: a fictional crisis, real places."""

from __future__ import annotations

import pytest

from fogline.extract.events.lexicon import load_lexicon
from fogline.extract.events.triggers import find_triggers

pytestmark = pytest.mark.slow  # the real pipeline: spaCy model and gazetteer


def _subtypes(analyze, text: str) -> set[str | None]:
    return {e.acled_subtype for e in analyze(text).events}


def test_a_natural_force_that_hits_a_town_is_no_attack(analyze):
    text = "An earthquake hit the town of Gao on Monday, killing twelve people."
    subtypes = _subtypes(analyze, text)
    assert not subtypes & {"Armed clash", "Attack"}, subtypes
    events = analyze("A ferry was pushed onto the rocks near Gao by high winds on Monday.").events
    assert not [e for e in events if e.type == "MOBILIZE"]


def test_an_armed_raid_on_a_hotel_or_a_village_targets_civilians(analyze):
    assert "Attack" in _subtypes(analyze, "Gunmen attacked a hotel in Bamako on Monday.")
    assert "Attack" in _subtypes(analyze, "Gunmen raided the village of Kasso on Monday.")
    assert "Armed clash" in _subtypes(analyze, "Rebels attacked an army base near Gao on Monday.")


def test_a_clash_with_protesters_is_a_violent_demonstration(analyze):
    text = "Police clashed with protesters in Bamako on Saturday."
    assert "Violent demonstration" in _subtypes(analyze, text)
    text = "Rioters clashed with police in Bamako on Saturday."
    assert _subtypes(analyze, text) == {"Violent demonstration"}


def test_protesters_marching_protest(analyze):
    text = "Thousands of protesters marched in Bamako on Friday."
    assert _subtypes(analyze, text) == {"Peaceful protest"}
    text = "Soldiers marched into the village of Kasso on Monday."
    assert "Peaceful protest" not in _subtypes(analyze, text)


def test_tear_gas_on_protesters_is_an_intervention(analyze):
    text = "Police fired tear gas at protesters in Bamako on Saturday."
    assert "Protest with intervention" in _subtypes(analyze, text)


def test_a_protest_that_turned_violent_or_stones_thrown_at_police_riot(analyze):
    text = "The protests in Bamako turned violent on Saturday."
    assert "Violent demonstration" in _subtypes(analyze, text)
    text = "Youths threw stones at police in Bamako on Friday."
    assert "Violent demonstration" in _subtypes(analyze, text)
    text = "The debate in Bamako turned violent on Saturday."
    assert "Violent demonstration" not in _subtypes(analyze, text)


def test_looters_ransacking_shops_are_mob_violence(analyze):
    text = "Looters ransacked shops in Gao on Sunday."
    assert "Mob violence" in _subtypes(analyze, text)


def test_fighters_giving_themselves_up_agree_a_town_given_up_is_a_transfer(analyze):
    assert "Agreement" in _subtypes(analyze, "Ten rebels surrendered to the army in Gao on Sunday.")
    text = "The rebels surrendered the town of Gao to the army on Sunday."
    assert "Agreement" not in _subtypes(analyze, text)


def test_an_arrest_told_with_a_protest_is_an_intervention(analyze):
    text = "Police detained twelve activists during a protest in Bamako on Saturday."
    assert "Protest with intervention" in _subtypes(analyze, text)
    text = "Police detained twelve activists in Bamako on Saturday."
    assert _subtypes(analyze, text) == {"Arrests"}


def test_weapons_used_or_dropped_give_the_subtype(analyze):
    text = "Rebels used mustard gas against soldiers near Gao on Monday."
    assert "Chemical weapon" in _subtypes(analyze, text)
    text = "Rebels attacked the town of Gao with poisonous gas on Monday."
    assert "Chemical weapon" in _subtypes(analyze, text)
    text = "A helicopter dropped barrel bombs on the town of Gao on Monday."
    assert "Air/drone strike" in _subtypes(analyze, text)
    text = "The minister agreed to drop the charges against the rebels in Gao."
    assert "Agreement" in _subtypes(analyze, text)


def test_bases_set_up_are_a_base_established(analyze):
    text = "Soldiers set up two bases near Gao on Monday."
    assert "Headquarters or base established" in _subtypes(analyze, text)


def test_what_is_seized_decides_the_event(analyze):
    text = "Police seized counterfeit cosmetics in Bamako on Monday."
    assert not _subtypes(analyze, text) & {
        "Government regains territory",
        "Looting/property destruction",
    }
    text = "The wounded man was taken to a hospital in Gao by his brother on Monday."
    assert "Abduction/forced disappearance" not in _subtypes(analyze, text)
    text = "Coast guards intercepted twenty migrants near Gao on Monday."
    assert "Disrupted weapons use" not in _subtypes(analyze, text)
    text = "A man was taken into custody in Gao on Monday."
    assert "Arrests" in _subtypes(analyze, text)


def test_fire_opened_on_a_building_or_civilians_killed_in_a_raid_are_an_attack(analyze):
    text = "Gunmen opened fire on a restaurant in Bamako on Monday."
    assert "Attack" in _subtypes(analyze, text)
    text = "Bandits killed nine villagers in a raid on Kasso on Monday."
    assert _subtypes(analyze, text) == {"Attack"}
    text = "Gunmen opened fire on an army patrol near Gao on Monday."
    assert "Attack" not in _subtypes(analyze, text)


def test_deaths_from_poisoning_or_a_plunge_are_no_attack(analyze):
    text = "Twelve people died of alcohol poisoning in Gao on Monday."
    assert "Attack" not in _subtypes(analyze, text)
    text = "Nine people were killed when their bus plunged into the river near Gao on Monday."
    assert "Attack" not in _subtypes(analyze, text)


def test_a_month_is_no_march_and_a_frozen_river_no_sanction(analyze, analyzer):
    doc = analyzer.nlp("Soldiers fought rebels near Gao on March 21.")
    assert [m.token.text for m in find_triggers(doc, load_lexicon())] == ["fought"]
    events = analyze("A bus slid onto a frozen river near Gao on Monday.").events
    assert not [e for e in events if e.type == "SANCTION"]


def test_grenades_hurled_and_crowds_gathered(analyze):
    text = "A gunman hurled two grenades at a police station in Gao on Monday."
    assert "Grenade" in _subtypes(analyze, text)
    text = "Demonstrators gathered in Bamako on Friday to demand the release of the mayor."
    assert "Peaceful protest" in _subtypes(analyze, text)
    text = "Protesters poured into the streets of Bamako on Friday."
    assert "Peaceful protest" in _subtypes(analyze, text)
    text = "Investigators gathered evidence in Bamako on Friday."
    assert "Peaceful protest" not in _subtypes(analyze, text)


def test_a_gang_rape_is_sexual_violence(analyze):
    text = "A girl was gang-raped by three men in Gao on Sunday, police said."
    assert "Sexual violence" in _subtypes(analyze, text)


def test_weapons_seized_by_nobody_named_are_still_reported(analyze):
    text = "Twelve rifles and 300 rounds of ammunition were seized on Monday."
    assert "Disrupted weapons use" in _subtypes(analyze, text)


def test_protesters_blocking_roads_riot(analyze):
    text = "Protesters blocked the main roads of Bamako on Friday."
    assert "Violent demonstration" in _subtypes(analyze, text)


def test_the_burning_of_shops_destroys_property(analyze):
    text = "Traders in Gao condemned the burning of their shops by militants on Sunday."
    assert "Looting/property destruction" in _subtypes(analyze, text)


def test_a_town_taken_after_the_army_withdrew_changed_hands_without_a_fight(analyze):
    def seizure(text: str) -> str | None:
        events = analyze(text).events
        return next(e.acled_subtype for e in events if e.trigger and e.trigger.text == "seized")

    text = "Rebels seized the town of Anefis on Sunday after the army withdrew."
    assert seizure(text) == "Non-violent transfer of territory"
    text = "Rebels seized the town of Anefis on Sunday after heavy fighting."
    assert seizure(text) == "Non-state actor overtakes territory"


def test_a_site_seized_keeps_its_subtype_and_mines_destroyed_are_disrupted(analyze):
    text = "Rebels seized a rocket-launching site near Gao on Sunday."
    assert "Shelling/artillery/missile attack" not in _subtypes(analyze, text)
    text = "Soldiers destroyed forty landmines near Gao on Sunday."
    assert "Disrupted weapons use" in _subtypes(analyze, text)


def test_stones_thrown_by_nobody_named_and_walls_pulled_down_by_protesters_riot(analyze):
    text = "Stones were thrown at police during a protest in Bamako on Friday."
    assert "Violent demonstration" in _subtypes(analyze, text)
    text = "Protesters pulled down the fence of the ministry in Bamako on Friday."
    assert "Violent demonstration" in _subtypes(analyze, text)


def test_a_protest_suppressed_is_excessive_force_a_report_suppressed_no_event(analyze):
    text = "Security forces suppressed the protest in Bamako on Friday."
    assert "Excessive force against protesters" in _subtypes(analyze, text)
    events = analyze("The ministry suppressed the report in Bamako on Friday.").events
    assert not [e for e in events if e.trigger and e.trigger.text == "suppressed"]


def test_an_attack_on_the_local_population_targets_civilians(analyze):
    text = "Gunmen attacked the local population of Kasso on Monday."
    assert "Attack" in _subtypes(analyze, text)
