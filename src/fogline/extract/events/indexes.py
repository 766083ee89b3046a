"""Token-level indexes of the actor layer and place names, shared by the event mentions."""

from __future__ import annotations

from spacy.tokens import Doc

from fogline.model import Actor


def short_names(name: str) -> list[str]:
    """A place name and, for "Marawi City", "Cotabato City", the name without "City", which
    the same article also writes alone ("will visit Marawi")."""
    words = name.split()
    if len(words) > 1 and words[-1] == "city":
        return [name, " ".join(words[:-1])]
    return [name]


def actor_index(doc: Doc, actors: list[Actor]) -> dict[int, Actor]:
    """Token index → actor, each token taking its shortest mention ("Russia" in "Russia's
    defence ministry"), equal lengths the later actor's."""
    index: dict[int, Actor] = {}
    mentions = [(m, actor) for actor in actors for m in actor.mentions]
    mentions.sort(key=lambda item: item[0].start - item[0].end)  # longest first
    for m, actor in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                index[t.i] = actor
    return index
