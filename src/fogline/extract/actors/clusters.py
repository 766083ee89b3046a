"""The working types of actor resolution: a cluster of mentions, a mention reference, the index.

Shared by the modules of :mod:`fogline.extract.actors` (names, roles, units, coreference), so
that no private type crosses modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from fogline.extract.spans import word_in
from fogline.textnorm import fold

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
"""An organisation's acronym as written ("NRF", "AU", "M23")."""


class ActorDictionary(Protocol):
    """What fogline needs of an actor dictionary (``fogline.actordict``)."""

    entries: Any

    def lookup(self, name: str) -> Any:
        """The entry for a name or alias, or None."""
        ...


@dataclass(slots=True)
class Cluster:
    """One actor of a document: its mentions, aliases, role and affiliation."""

    key: str
    name: str
    kind: str
    entry: Any = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: Cluster | None = None
    unit: bool = False  # a state body named by common nouns ("the army", "defence ministry")
    titles: set[str] = field(default_factory=set)  # every title read ("general", "commander")

    @property
    def id(self) -> str:
        """The dictionary id of the actor, else a slug of its name."""
        if self.entry is not None and getattr(self.entry, "id", None):
            return str(self.entry.id)
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-") or "actor"

    def short_name(self, text: str) -> str:
        """What an analyst writes for this actor as a side: a state's name, else its acronym."""
        if self.kind != "state":
            # shortest first, then in alphabetical order: a set's order depends on the hash
            # seed ("ISIS" or "ISIL" from one process to the next)
            for alias in sorted(
                self.aliases | entry_aliases(self.entry), key=lambda a: (len(a), a)
            ):
                if ACRONYM.match(alias) and word_in(text, alias):
                    return alias
        return self.name


@dataclass(slots=True)
class Ref:
    """One mention in document order, for the salience resolver."""

    start: int
    end: int
    token: int
    cluster: Cluster
    subject: bool
    sentence: int
    speaker: bool = False  # the subject of a reporting verb, or the object of 'according to'


@dataclass(slots=True)
class ActorIndex:
    """Actors of one document and the token → actor map the quote extractor uses."""

    clusters: list[Cluster]
    by_token: dict[int, Cluster]


def entry_aliases(entry: Any) -> set[str]:
    """The aliases of a dictionary entry (none for None)."""
    if entry is None:
        return set()
    return {str(a) for a in (getattr(entry, "aliases", None) or ())}
