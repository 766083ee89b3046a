"""How an actor is named as a claim subject: the acronym the text itself uses most."""

from __future__ import annotations

from fogline.extract.claims.references import short_name
from fogline.model import Actor, Mention


def _actor(name: str, aliases: list[str], used: list[str]) -> Actor:
    mentions = [Mention(start=i * 10, end=i * 10 + len(t), text=t) for i, t in enumerate(used)]
    return Actor(id=name.lower(), name=name, kind="state", aliases=aliases, mentions=mentions)


def test_the_dotted_acronym_the_text_prefers_names_the_actor():
    usa = _actor("United States", ["America", "U.S.", "US", "USA"], ["U.S.", "US", "U.S."])
    assert short_name(usa) == "U.S."


def test_the_plain_acronym_the_text_prefers_names_the_actor():
    usa = _actor("United States", ["America", "U.S.", "US", "USA"], ["US", "US", "U.S."])
    assert short_name(usa) == "US"


def test_without_an_acronym_in_the_text_the_name_stays():
    army = _actor("Nigerian Army", ["NA", "the army"], ["Nigerian Army", "the army"])
    assert short_name(army) == "Nigerian Army"
