"""Claims take the doer and place their own clause leaves out from the real-world event (the
cluster of event mentions) their trigger reports; "X is among the dead" is a killing of X.

Texts written for fogline.
"""

from __future__ import annotations

from fogline.model import Claim

STRIKE = "U.S. warplanes struck a convoy near the town of Tessalit on Monday, the army said. "


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-05", source="Example Wire").claims


def _killed(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.predicate == "KILLED"]


def test_among_the_dead_is_a_killing_of_the_person(analyzer):
    text = "Officials said the rebel commander Omar Kessel was among the dead."
    killed = _killed(_claims(analyzer, text))
    assert [(c.object, c.source.name) for c in killed] == [("Omar Kessel", "Officials")]


def test_among_those_killed_is_a_killing_of_the_person(analyzer):
    text = "Police said the governor, Ahmed Salah, was among those killed."
    killed = _killed(_claims(analyzer, text))
    assert any("Salah" in (c.object or "") for c in killed), killed


def test_a_later_mention_of_the_event_takes_its_doer(analyzer):
    text = STRIKE + "Six people were killed in the attack, a local official said."
    killed = [c for c in _killed(_claims(analyzer, text)) if c.object == "people"]
    assert killed and all(c.subject == "U.S." and c.place == "Tessalit" for c in killed), killed


def test_the_clause_own_doer_is_kept(analyzer):
    text = STRIKE + "Rebels killed two soldiers in the attack, a local official said."
    killed = _killed(_claims(analyzer, text))
    assert killed and all(c.subject != "U.S." for c in killed), killed


def test_a_weapon_read_as_the_doer_gives_way_to_the_event_doer(analyzer):
    text = (
        "U.S. warplanes struck a convoy near the town of Tessalit on Monday, the army said. "
        "The commander is believed one of six people killed when a drone fired on the convoy."
    )
    killed = [c for c in _killed(_claims(analyzer, text)) if c.start >= text.index("The comm")]
    assert killed and all(c.subject == "U.S." for c in killed), killed
