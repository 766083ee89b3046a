"""Arguments the parse gets wrong or too wide: the acronym "IS" read as the verb "is", and a
place that only locates the places taken ("villages around X").

Texts written for fogline.
"""

from __future__ import annotations

from fogline.model import Claim


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-05", source="Example Wire").claims


def test_acronym_read_as_auxiliary_is_the_subject(analyzer):
    text = "IS has seized at least 64 villages around Homs since Tuesday, using heavy arms."
    control = [c for c in _claims(analyzer, text) if c.predicate == "CONTROL"]
    assert [(c.subject, c.place) for c in control] == [("IS", "villages around Homs")], control


def test_villages_around_a_town_are_not_the_town(analyzer):
    text = "The rebels have seized at least 20 villages around Homs since Tuesday."
    control = [c for c in _claims(analyzer, text) if c.predicate == "CONTROL"]
    assert [c.place for c in control] == ["villages around Homs"], control


def test_forced_to_flee_in_the_passive_after_a_state_acted(analyzer):
    text = (
        "Local officials said hundreds of Syrians were forced to flee after Turkey shelled Kobani."
    )
    moved = [c for c in _claims(analyzer, text) if c.predicate == "DISPLACED"]
    assert [(c.subject, c.object, c.source.name) for c in moved] == [
        ("Turkey", "Syrians", "Local officials")
    ], moved
