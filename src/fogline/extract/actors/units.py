"""State bodies named by common nouns ("the army", "police spokesman", "Russia's defence ministry").

News names a state's forces and offices by descriptors more often than by name. A unit noun
(the ``units`` list of ``data/quotes/descriptors.yaml``) resolves, in this order, to:

1. an actor the noun phrase itself names through a possessor or a national adjective
   ("Russia's defence ministry", "Somali police"): a unit actor affiliated to that state;
2. an actor of the document whose dictionary descriptors or names hold the noun ("the army"
   → the Sudanese Armed Forces when the article names them, before or after);
3. a unit actor of its own ("army") affiliated to the state the document mentions most.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors.lexicon import lexicon
from fogline.extract.spans import sentence
from fogline.extract.words import grammar_words
from fogline.textnorm import fold

if TYPE_CHECKING:
    from fogline.extract.actors.clusters import Cluster

_OWNER_DEPS = ("poss", "amod", "compound", "nmod")


def unit_phrase(token: Token) -> Span:
    """The unit's own words: its modifiers up to the noun ("Russia's defence ministry")."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            left = min(left, child.left_edge.i)
    doc = token.doc
    while left < token.i and (doc[left].lower_ in grammar_words("articles") or doc[left].is_punct):
        left += 1
    return doc[left : token.i + 1]


def unit_noun(token: Token) -> str | None:
    """The unit noun ``token`` heads (its lemma, or 'air force' for two words), else None."""
    units = lexicon().units
    lemma = token.lemma_.lower()
    if token.i > 0 and f"{token.doc[token.i - 1].lower_} {lemma}" in units:
        return f"{token.doc[token.i - 1].lower_} {lemma}"
    return lemma if lemma in units else None


def owner_state(
    token: Token, by_token: dict[int, Cluster], states: list[Cluster]
) -> Cluster | None:
    """The state or organisation a unit phrase names as its owner: "Turkey's", "Somali"."""
    for child in token.lefts:
        if child.dep_ not in _OWNER_DEPS:
            continue
        for t in child.subtree:
            cluster = by_token.get(t.i)
            if cluster is not None and cluster.kind in ("state", "organisation", "group"):
                return _state_of(cluster)
            found = _adjective_state(t, states)
            if found is not None:
                return found
    return None


def _state_of(cluster: Cluster) -> Cluster:
    """A national adjective cluster ("Somali" as a group) stands for its state when known."""
    parent = cluster.affiliation
    if cluster.kind != "state" and cluster.entry is None and parent and parent.kind == "state":
        return parent
    return cluster


def _adjective_state(token: Token, states: list[Cluster]) -> Cluster | None:
    """'Somali', 'Russian', 'Turkish' → the state of the document whose name shares the stem."""
    if token.pos_ not in ("ADJ", "PROPN") or not token.text[:1].isupper():
        return None
    word, generic = fold(token.text), lexicon().generic_name_words  # "republic", "united"
    best: tuple[int, Cluster] | None = None
    for state in states:
        for name in (state.name, *state.aliases, *_entry_names(state.entry)):
            for part in fold(str(name)).split():
                if len(part) < 4 or part in generic:
                    continue
                common = len(os.path.commonprefix([word, part]))
                if common >= max(4, len(part) - 2) and (best is None or common > best[0]):
                    best = (common, state)
    return best[1] if best else None


def _entry_names(entry: Any) -> tuple[str, ...]:
    return tuple(str(a) for a in (getattr(entry, "aliases", None) or ()))


def described_actor(noun: str, clusters: list[Cluster], position: int) -> Cluster | None:
    """The document's actor a unit noun describes: its dictionary descriptors or names hold the
    noun ("the army" → the armed forces named in the article). The latest such actor named
    before ``position`` wins, else the first named after it."""
    matches = []
    for cluster in clusters:
        if cluster.kind == "person" or not cluster.mentions:
            continue
        if cluster.entry is not None:
            vocab = {fold(str(d)).removeprefix("the ") for d in _descriptors(cluster.entry)}
            hit = noun in vocab
        else:  # an unlisted body named in the text ("the foreign ministry")
            hit = cluster.kind != "state" and set(noun.split()) <= set(fold(cluster.name).split())
        if hit:
            matches.append(cluster)
    if not matches:
        return None
    before = [c for c in matches if min(c.mentions)[0] < position]
    if before:
        return max(before, key=lambda c: max(s for s, _ in c.mentions if s < position))
    return min(matches, key=lambda c: min(c.mentions))


def _descriptors(entry: Any) -> tuple[str, ...]:
    return tuple(str(d) for d in (getattr(entry, "descriptors", None) or ()))


def is_unit_name(name: str) -> bool:
    """True for an actor named by a unit noun phrase ("defence ministry", "Somali police",
    "Ministry of Health")."""
    words = name.lower().split()
    units = lexicon().units
    if len(words) > 2 and words[0] in units and words[1] == "of":
        return True
    return bool(words) and (words[-1] in units or " ".join(words[-2:]) in units)


def attach_offices(
    doc: Doc,
    clusters: list[Cluster],
    by_token: dict[int, Cluster],
    known_states: Callable[[], list[Cluster]],
) -> None:
    """Give a state office named without a dictionary entry ("the Ministry of Health", "the
    GNU's Ministry of Defence") its owner: the possessor or national adjective of a mention,
    else the state named last before it, else the state the document is mostly about. A holder
    of a state office with no organisation named ("the governor, X") takes that state too."""
    states = [c for c in clusters if c.kind == "state"]
    offices = lexicon().state_offices
    named = _NamedStates(doc, states, clusters)
    for cluster in clusters:
        if cluster.entry is not None or cluster.affiliation is not None or not cluster.mentions:
            continue
        if cluster.kind == "person" and (cluster.role in offices or _state_official(cluster)):
            where = min(cluster.mentions)[0]
            nationality = named.nationality(where)
            # "… a drone strike in X killed nine, a security official said": an unnamed
            # official's state is named before him; the state after him is what he reports on
            state = named.in_sentence(where) if cluster.role in offices else named.before_in(where)
            cluster.affiliation = state or named.by_name.get(nationality or "")
            if nationality is None:  # no guess against a nationality the text gives
                cluster.affiliation = cluster.affiliation or named.main()
            continue
        if cluster.kind != "organisation" or not is_unit_name(cluster.name):
            continue
        owner = None
        for start, end in sorted(cluster.mentions):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = span[0] if span[0].lower_ in lexicon().units else span.root
            owner = owner_state(head, by_token, states)
            if owner is None or owner is cluster:  # "Nigerian Defence Ministry", one name
                owner = owner_state(head, {}, known_states())
            if owner is not None and owner is not cluster:
                break
            owner = None
        position = min(cluster.mentions)[0]
        owner = owner or named.before(position) or named.main()
        if owner is not None and owner is not cluster:
            cluster.affiliation = owner
            cluster.unit = True


def _state_official(cluster: Cluster) -> bool:
    """An unnamed official or officer of a state body ("a senior intelligence official")."""
    if cluster.entry is not None or cluster.role not in lexicon().unnamed_official_roles:
        return False
    name = cluster.name.lower()
    return any(word in name.split() or " " in word and word in name
               for word in lexicon().state_body_words)  # fmt: skip


class _NamedStates:
    """The states of the document with an entry, by where they are named, for
    :func:`attach_offices` (which changes no state): :func:`_state_in_sentence`,
    :func:`_state_before` and :func:`main_state` answered from indexes built once, not by a
    scan of every state's mentions per office."""

    def __init__(self, doc: Doc, states: list[Cluster], clusters: list[Cluster]) -> None:
        self.doc = doc
        self.clusters = clusters
        self._main: list[Cluster | None] = []
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        self.first_in: dict[int, Cluster] = {}  # sentence start → first state named in it
        named: list[tuple[int, int, int, Cluster]] = []  # (start, state, mention, state)
        for k, state in enumerate(states):
            if state.entry is None:
                continue
            for m, (s, _) in enumerate(state.mentions):
                named.append((s, k, m, state))
        named.sort(key=lambda n: n[:3])
        for s, _, _, state in named:  # in text order: the first state the sentence names
            j = bisect.bisect_right(starts, s) - 1
            if j >= 0 and s < sents[j].end_char:
                self.first_in.setdefault(starts[j], state)
        self.named = named
        self.named_starts = [n[0] for n in named]
        self.by_name = {n: c for c in states if c.entry is not None for n in _names_of(c)}

    def in_sentence(self, position: int) -> Cluster | None:
        """``_state_in_sentence(doc, states, position)``"""
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None:
            return None
        return self.first_in.get(sentence(span[0]).start_char)

    def nationality(self, position: int) -> str | None:
        """The state a nationality adjective names in the sentence of ``position`` or the one
        before ("Jordanian officials cast doubt on the reports. Foreign minister X said")."""
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None:
            return None
        here = sentence(span[0])
        sents = [here]
        if here.start > 0:
            sents.append(sentence(self.doc[here.start - 1]))
        demonyms = lexicon().demonyms
        for sent in sents:
            for tok in sent:
                if tok.lower_ in demonyms:
                    return demonyms[tok.lower_]
        return None

    def before(self, position: int) -> Cluster | None:
        """``_state_before(states, position)``: the latest start before ``position``, the
        first state and mention among equal starts."""
        k = bisect.bisect_left(self.named_starts, position)
        if not k:
            return None
        return self.named[bisect.bisect_left(self.named_starts, self.named_starts[k - 1])][3]

    def before_in(self, position: int) -> Cluster | None:
        """The state named last before ``position`` in its sentence, else None."""
        state = self.before(position)
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if state is None or span is None:
            return None
        first = sentence(span[0]).start_char
        k = bisect.bisect_left(self.named_starts, position)
        return state if self.named_starts[k - 1] >= first else None

    def main(self) -> Cluster | None:
        """``main_state(clusters)``, computed once."""
        if not self._main:
            self._main.append(main_state(self.clusters))
        return self._main[0]


def _names_of(state: Cluster) -> set[str]:
    """A state's name and the dictionary names it goes by ("Jordan", "Hashemite Kingdom")."""
    return {state.name, str(getattr(state.entry, "name", state.name))}


def _state_before(states: list[Cluster], position: int) -> Cluster | None:
    """The state named last before ``position`` (the country the passage is about)."""
    best: tuple[int, Cluster] | None = None
    for state in states:
        if state.entry is None:
            continue
        for start, _ in state.mentions:
            if start < position and (best is None or start > best[0]):
                best = (start, state)
    return best[1] if best else None


def main_state(clusters: list[Cluster]) -> Cluster | None:
    """The state the document mentions most, counting the mentions of its bodies ("the Nigerian
    Army" counts for Nigeria, named or not; ties: the first mentioned)."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    found: dict[str, Cluster] = {}
    for c in clusters:
        state = c
        for _ in range(3):  # "Nigerian Army" → "Nigerian Armed Forces" → Nigeria
            if state is not None and state.kind != "state":
                state = state.affiliation
        if state is None or state.kind != "state" or state.entry is None or not c.mentions:
            continue
        if c is not state and c.kind not in ("organisation", "group"):
            continue
        count[state.key] = count.get(state.key, 0) + len(c.mentions)
        first[state.key] = min(first.get(state.key, min(c.mentions)[0]), min(c.mentions)[0])
        found.setdefault(state.key, state)
    if not count:
        return None
    best = max(count, key=lambda k: (count[k], -first[k]))
    return next((c for c in clusters if c.key == best), found[best])


def resolve_unit(
    token: Token,
    by_token: dict[int, Cluster],
    clusters: Callable[[], list[Cluster]],
    new_unit: Callable[[Span, Cluster | None], Cluster],
    known_states: Callable[[], list[Cluster]] | None = None,
) -> Cluster | None:
    """The actor a unit noun (``token``) refers to, creating a unit actor when needed;
    ``known_states`` gives the dictionary's states for national adjectives of unnamed ones."""
    noun = unit_noun(token)
    if noun is None:
        return None
    everyone = clusters()
    states = [c for c in everyone if c.kind == "state"]
    owner = owner_state(token, by_token, states)
    if owner is None and known_states is not None:
        owner = owner_state(token, {}, known_states())  # "Kenyan police", Kenya not named
    phrase = unit_phrase(token)
    if owner is not None:
        return new_unit(phrase, owner)
    found = described_actor(noun, everyone, token.idx)
    if found is not None:
        return found
    return new_unit(phrase, _state_before(states, token.idx) or main_state(everyone))


def _state_in_sentence(doc: Doc, states: list[Cluster], position: int) -> Cluster | None:
    """The state named in the sentence at ``position`` (a passing mention elsewhere, such as
    troops from a neighbour, does not make an official's state)."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    for state in states:
        if state.entry is not None and any(
            sent.start_char <= s < sent.end_char for s, _ in state.mentions
        ):
            return state
    return None
