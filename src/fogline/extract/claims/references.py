"""A claim argument resolved to a name (and an actor), and how an actor is named in a claim."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogline.model import Actor

if TYPE_CHECKING:
    from fogline.actordict import ActorDictionary
    from fogline.extract.context import DocContext

_ACRONYM = re.compile(r"^[A-Z](?:[A-Z0-9&-]|\.(?=[A-Z]|$)){1,7}$")  # "NRF", "U.S.", "U.N."


@dataclass(frozen=True, slots=True)
class Ref:
    """A resolved argument: its name for the claim and, when known, its actor."""

    name: str
    actor: Actor | None = None


def actor_dictionary(ctx: DocContext) -> ActorDictionary | None:
    """The document's actor dictionary (the analyser's, with the user's actor files), else the
    default one when the claims step runs without a pipeline."""
    if ctx.actor_dictionary is not None:
        return ctx.actor_dictionary
    try:
        from fogline.actordict import load_actor_dictionary
    except ImportError:  # pragma: no cover - dictionary module absent
        return None
    return load_actor_dictionary()


@functools.cache
def descriptor_ids(dictionary: ActorDictionary | None, lemma: str, word: str) -> frozenset[str]:
    """Ids of the dictionary actors a descriptor noun may refer to ("the militants")."""
    if dictionary is None:
        return frozenset()
    forms = {word, lemma, lemma + "s"}
    ids: set[str] = set()
    for form in (*forms, *(f"the {f}" for f in forms)):
        ids |= {e.id for e in dictionary.with_descriptor(form)}
    return frozenset(ids)


_SHORT_NAMES: dict[int, tuple[Actor, str]] = {}  # id → (the actor, kept alive; its name)


def short_name(actor: Actor) -> str:
    """The actor's name as a claim subject: its acronym when the text uses one ("NRF"; of
    "U.S." and "US", the one the text uses more), else its name, else the alias the text uses
    most ("Nigerian Army" for the armed forces entry).

    Every form returned is the name or an alias, so reports across sources still meet on the
    actor dictionary's id. Computed once per actor: it counts the actor's mentions, and a
    claim per mention asked it again (quadratic in the mentions of one actor).
    """
    known = _SHORT_NAMES.get(id(actor))
    if known is not None and known[0] is actor:
        return known[1]
    if len(_SHORT_NAMES) >= 4096:
        _SHORT_NAMES.clear()
    name = _short_name(actor)
    _SHORT_NAMES[id(actor)] = (actor, name)
    return name


def _short_name(actor: Actor) -> str:
    used = [m.text for m in actor.mentions]
    acronyms = [
        a for a in actor.aliases if _ACRONYM.match(a) and a in used and len(a) < len(actor.name)
    ]
    if acronyms:
        return max(acronyms, key=used.count)  # the first of the most used
    counts: dict[str, int] = {}
    for text in used:
        key = text.lower().removeprefix("the ")
        counts[key] = counts.get(key, 0) + 1
    if counts.get(actor.name.lower().removeprefix("the "), 0):
        return actor.name
    best: tuple[int, str] | None = None
    for alias in actor.aliases:
        n = counts.get(alias.lower().removeprefix("the "), 0)
        if n and (best is None or n > best[0]):
            best = (n, alias)
    return best[1] if best else actor.name
