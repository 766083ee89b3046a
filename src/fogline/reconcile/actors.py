"""Canonical actors across documents: one key per real actor, and its place in a hierarchy.

A name resolves, in order, through the actor dictionary ("Isis", "ISIL", "Daesh" → Islamic
State), the document's own actors (a speaker the document ties to an organisation), and a
state's name or demonym followed by one of its organs ("Iraqi officials", "Lebanon's army",
``data/reconcile/origins.yaml``). Its *root* follows the dictionary's parents: a "province" of a
group under the group, a unit under its army, an army or ministry under its state. Generic
descriptors ("the militants") resolve per document to the one actor of the document that the
dictionary lists them for, and stay generic when there is none or more than one.

Example:
    >>> canon = ActorCanon.default()
    >>> canon.resolve("Isis").key, canon.resolve("Daesh").key
    ('actor:isis', 'actor:isis')
    >>> canon.resolve("Lebanese security officials").root_key
    'actor:lebanon'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from fogline.actordict import ActorDictionary, ActorEntry, load_actor_dictionary
from fogline.data import load_tsv, load_yaml
from fogline.model import Analysis
from fogline.textnorm import fold

ORIGIN_WORDS = "reconcile/origins.yaml"
DEMONYMS = "actors/demonyms.tsv"

_POSSESSIVE = re.compile(r"['\u2019]s?\b")


@dataclass(frozen=True, slots=True)
class Resolved:
    """An actor name resolved: its own key and name, and its root's (the hierarchy's top)."""

    key: str
    name: str
    root_key: str
    root_name: str
    kind: str  # the root's kind: state, group, organisation, media, person or unknown
    generic: bool = False  # a descriptor ("militants") no single actor of the document fits
    person: bool = False  # the name is a person's: as a doer it stays itself, not its group

    @property
    def doer_key(self) -> str:
        """The key a proposition's doer goes by: a person's own, else the root's."""
        return self.key if self.person else self.root_key

    @property
    def doer_name(self) -> str:
        """The name shown for the doer: a person's own, else the root's."""
        return self.name if self.person else self.root_name


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = load_yaml(ORIGIN_WORDS)
    organs = frozenset(fold(w) for w in data["state_organs"])
    modifiers = frozenset(fold(w) for w in data["organ_modifiers"])
    demonyms = {fold(r["demonym"]): r["state"].strip() for r in load_tsv(DEMONYMS)}
    return organs, modifiers, demonyms


def _clean(name: str) -> str:
    """The name folded, a possessive "'s" dropped: "Iraq's Interior Ministry" → "iraq interior
    ministry"."""
    return fold(_POSSESSIVE.sub("", name))


class ActorCanon:
    """Resolves actor names to canonical keys through the dictionary and its hierarchy."""

    def __init__(
        self,
        dictionary: ActorDictionary | None,
        lookup: Callable[[str], ActorEntry | None] | None = None,
    ) -> None:
        self.dictionary = dictionary
        self._lookup = lookup or (dictionary.lookup if dictionary is not None else None)
        self._cache: dict[str, Resolved | None] = {}

    @classmethod
    def default(cls) -> ActorCanon:
        """The canon over the shipped (and user-extended) actor dictionary."""
        return cls(load_actor_dictionary())

    def entry(self, name: str) -> ActorEntry | None:
        """The dictionary entry a name refers to, or None."""
        if self._lookup is None or not name:
            return None
        found = self._lookup(name)
        if found is None and name[:1].isupper() and not name.isupper() and " " not in name:
            found = self._lookup(name.upper())  # "Isis" → ISIS, "Nato" → NATO
            if found is not None and len(name) < 4:
                found = None
        return found

    def root(self, entry: ActorEntry) -> ActorEntry:
        """The top of ``entry``'s parents (a branch's group, a unit's state)."""
        seen = {entry.id}
        while entry.affiliation and self.dictionary is not None:
            parent = self.dictionary.get(entry.affiliation)
            if parent is None or parent.id in seen:
                break
            seen.add(parent.id)
            entry = parent
        return entry

    def _from_entry(self, entry: ActorEntry) -> Resolved:
        top = self.root(entry)
        return Resolved(
            f"actor:{entry.id}", entry.name, f"actor:{top.id}", top.name, top.kind,
            person=entry.kind == "person",
        )  # fmt: skip

    def state_organ(self, name: str) -> ActorEntry | None:
        """The state whose organ ``name`` is ("Iraqi officials", "Lebanon's army"), or None."""
        organs, modifiers, demonyms = _words()
        words = _clean(name).split()
        while words and words[0] in modifiers:
            words = words[1:]
        if len(words) == 1 and words[0] in demonyms:  # "an Israeli said": the state's voice
            entry = self.entry(demonyms[words[0]])
            return entry if entry is not None and entry.kind == "state" else None
        for n in (3, 2, 1):
            head, rest = " ".join(words[:n]), " ".join(words[n:])
            if not rest or rest not in organs:
                continue
            state = demonyms.get(head) or head
            entry = self.entry(state)
            if entry is not None and entry.kind == "state":
                return entry
        return None

    def resolve(
        self, name: str | None, analysis: Analysis | None = None, *, descriptors: bool = True
    ) -> Resolved | None:
        """The canonical actor ``name`` refers to (in ``analysis``, when given), or None.

        ``descriptors``: whether a descriptor may resolve to the document's one fitting actor
        (for doers and speakers; a victim described as "fighters" is not thereby the group).
        """
        if not name or not name.strip():
            return None
        name = name.strip()
        if name not in self._cache:
            entry = self.entry(name)
            if entry is not None:
                self._cache[name] = self._from_entry(entry)
            else:
                state = self.state_organ(name)
                self._cache[name] = (
                    Resolved("name:" + _clean(name), name, f"actor:{state.id}", state.name, "state")
                    if state is not None
                    else None
                )
        found = self._cache[name]
        if found is not None or analysis is None:
            return found
        return self._in_document(name, analysis, descriptors)

    def _in_document(self, name: str, analysis: Analysis, descriptors: bool) -> Resolved | None:
        """A name through the document's actors: its affiliation, or a descriptor's one actor."""
        key = _clean(name.removeprefix("the ").removeprefix("The "))
        for actor in analysis.actors:
            names = [actor.name, *actor.aliases]
            if key not in {_clean(n.removeprefix("the ").removeprefix("The ")) for n in names}:
                continue
            own = self.resolve(actor.name)
            if own is not None:
                return own
            if actor.affiliation:
                parent = self.resolve(actor.affiliation)
                if parent is not None:
                    return Resolved(
                        "name:" + key, name, parent.root_key, parent.root_name, parent.kind,
                        person=actor.kind == "person",
                    )  # fmt: skip
        return self._descriptor(name, key, analysis) if descriptors else None

    def _entries(self, ids: set[str]) -> list[ActorEntry]:
        if self.dictionary is None:
            return []
        return [e for e in (self.dictionary.get(i) for i in sorted(ids)) if e is not None]

    def _descriptor(self, name: str, key: str, analysis: Analysis) -> Resolved | None:
        """A descriptor resolved to the one actor of the document whose root is the root of an
        actor the dictionary lists the descriptor for."""
        if self.dictionary is None:
            return None
        compatible = {e.id for e in self.dictionary.with_descriptor(key)}
        if not compatible:
            compatible = {e.id for e in self.dictionary.with_descriptor("the " + key)}
        if not compatible:
            return None
        roots = {f"actor:{self.root(e).id}" for e in self._entries(compatible)}
        named: dict[str, Resolved] = {}
        for actor in analysis.actors:  # by their roots: "the troops" and "Mozambique's army"
            found = self.resolve(actor.name)
            if found is not None and not found.person and found.root_key in roots:
                named[found.root_key] = found
        if len(named) == 1:
            return next(iter(named.values()))
        return Resolved("generic:" + key, name, "generic:" + key, name, "unknown", generic=True)

    def key(self, name: str | None, analysis: Analysis | None = None) -> str:
        """The doer key of ``name`` (``actor:<id>``), else ``name:<folded name>``; "" for none."""
        if not name or not name.strip():
            return ""
        found = self.resolve(name, analysis)
        if found is not None:
            return found.doer_key
        return "name:" + _clean(name.strip().removeprefix("the ").removeprefix("The "))
