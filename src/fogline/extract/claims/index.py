"""The claims extractor's own lookups over one document: actors, quotes, sources and places.

:class:`ClaimIndex` holds what only claims needs (an actor mention overlapping a token, the
innermost attributed quote, a place name repeated as one sense per discourse, the outlet);
paragraphs, sentences, places and times by offset are read from the shared
:class:`~fogline.extract.context.DocContext`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Token

from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.references import (
    Ref,
    actor_dictionary,
    descriptor_ids,
    short_name,
)
from fogline.extract.context import DocContext
from fogline.extract.spans import FirstCover
from fogline.model import Actor, Place, Quote, Source

ARTICLE = "the article"
K = TypeVar("K")
V = TypeVar("V")


class ClaimIndex:
    """Claims-specific indexes over one document's actors, quotes and places."""

    def __init__(self, doc: Doc, ctx: DocContext, lex: ClaimLexicon) -> None:
        self.doc = doc
        self.ctx = ctx
        self.text = ctx.text
        self.lex = lex
        self.quotes: list[Quote] = sorted(ctx.quotes, key=lambda q: (q.end - q.start, q.start))
        self.actors = list(ctx.actors)
        self.dictionary = actor_dictionary(ctx)
        self.by_id = {a.id: a for a in self.actors}
        mentions = sorted(
            ((m.start, m.end, a) for a in self.actors for m in a.mentions), key=lambda m: m[:2]
        )
        self._mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
        # indexes answering what a scan of every actor, mention, quote or place answered (a
        # scan per token made claims quadratic in the number of entities and quotes)
        self._named = _names_index(self.actors)
        self._last_person_at: list[Actor | None] = []  # the last person among mentions[: k + 1]
        for _ms, _me, actor in mentions:
            last = self._last_person_at[-1] if self._last_person_at else None
            self._last_person_at.append(actor if actor.kind == "person" else last)
        self._forces = {}  # (affiliation, id) → the first actor with them
        for actor in self.actors:
            self._forces.setdefault((actor.affiliation, actor.id), actor)
        self._order = {id(a): i for i, a in enumerate(self.actors)}
        self._memo: dict[tuple, object] = {}
        self.questions: dict[int, bool] = {}  # sentence start → it ends with "?"
        self.places: list[Place] = ctx.places_between(0, len(self.text))
        # one sense per discourse: a name found as a place once (resolved, or not in the
        # gazetteer but named as one: "the village of X") is that place everywhere
        ranked = sorted(self.places, key=lambda p: (p.lat is not None, -p.start))
        self._by_name = {p.name.lower(): p for p in ranked if p.name}
        source = ctx.source
        self.outlet = Source(source or ARTICLE)
        outlet_actor = self.actor_named(source) if source else None
        if outlet_actor is not None:
            self.outlet = Source(source or ARTICLE, outlet_actor.id, None)

    # --- actors ---------------------------------------------------------------------------
    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), the longest mention first."""
        i = bisect.bisect_right(self._mention_starts, end)
        best: tuple[int, Actor] | None = None
        for ms, me, actor in self._mentions[max(0, i - 40) : i]:
            if ms < end and me > start and (best is None or me - ms > best[0]):
                best = (me - ms, actor)
        return best[1] if best else None

    def actor_named(self, name: str | None) -> Actor | None:
        """The document's actor of that name, if any."""
        if not name:
            return None
        return self._named.get(name.lower().removeprefix("the "))

    def resolve(self, token: Token | None) -> Ref | None:
        """The actor (or, failing one, the noun phrase) a subject or agent token refers to."""
        if token is None:
            return None
        grammar = self.lex.grammar
        first_person = grammar["first_person"]
        if token.lower_ in grammar["relative_pronouns"] and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in first_person or token.lower_ in grammar["nonpersonal_pronouns"]:
            speaker = self.speaker_actor(token.idx)
            if speaker is not None and token.lower_ in first_person:
                return Ref(short_name(speaker), speaker)
        personal = token.lower_ in grammar["personal_pronouns"]
        if personal and self.actor_at(token.idx, token.idx + 2) is None:
            person = self._last_person(token.idx)
            if person is not None:
                return Ref(person.name, person)
        phrase = self._phrase(token)
        descriptor = token.pos_ == "NOUN" and self._compatible(token)
        actor = self.actor_at(token.idx, token.idx + len(token.text))
        if actor is None:  # "CITY, May 1 - Sudan's RSF said": the dateline heads the actor
            actor = next(
                (
                    a
                    for c in token.children
                    if c.dep_ == "appos"
                    for a in [self.actor_at(c.idx, c.idx + len(c.text))]
                    if a is not None
                ),
                None,
            )
        if actor is not None and descriptor and actor.id not in descriptor:
            actor = None  # a descriptor resolved upstream to an incompatible actor
        if actor is None:
            actor = self._modifier_actor(token)
        if actor is None and descriptor:
            actor = self._descriptor_actor(token)
        if actor is not None:
            return Ref(short_name(actor), actor)
        if token.pos_ == "PRON" or not phrase:
            return None
        return Ref(phrase)

    def _last_person(self, pos: int) -> Actor | None:
        """The person named last before ``pos`` (for an unresolved "he"/"she")."""
        k = bisect.bisect_left(self._mention_starts, pos)
        return self._last_person_at[k - 1] if k else None

    def speaker_actor(self, pos: int) -> Actor | None:
        """The actor speaking at ``pos`` (inside a quote), or the organisation they speak for."""
        quote = self.quote_at(pos)
        if quote is None or quote.speaker is None:
            return None
        speaker = self.by_id.get(quote.speaker.actor_id or "")
        if speaker is not None and speaker.kind == "person" and speaker.affiliation:
            org = self.actor_named(speaker.affiliation)
            return org or speaker
        return speaker

    def _phrase(self, token: Token) -> str:
        """The head noun with its modifiers ("Rwandan troops", "Mozambique's army")."""
        kept = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
        if not kept:
            return token.text
        start = min(t.left_edge.i for t in kept)
        return token.doc[start : token.i + 1].text.strip()

    def _modifier_actor(self, token: Token) -> Actor | None:
        """ "Taliban fighters", "their forces", "thousands of insurgents": the actor inside."""
        heads = [token]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                heads += [g for g in child.children if g.dep_ == "pobj"]
        for head in heads:
            for child in head.lefts:
                if child.dep_ in ("compound", "poss", "amod", "nmod"):
                    decided, actor = self._modifier_decides(child, head)
                    if decided:
                        return actor
            if head != token:
                actor = self.actor_at(head.idx, head.idx + len(head.text))
                if actor is not None:
                    return actor
                if head.lemma_.lower() in self.lex.armed_nouns:
                    return self._descriptor_actor(head)
        return None

    def _modifier_decides(self, child: Token, head: Token) -> tuple[bool, Actor | None]:
        """Whether the modifier ``child`` of ``head`` decides the actor, and which (possibly
        none: "our" without a speaker); (False, None) when the next modifier is to be read."""
        if any(g.lower_ in self.lex.linked_modifiers for g in child.subtree):
            return False, None  # "Islamic State-linked insurgents" are not Islamic State
        if child.lower_ == "our":
            speaker = self.speaker_actor(child.idx)
            if (
                speaker is not None
                and speaker.kind == "person"
                and (head.lemma_.lower() in self.lex.armed_nouns)
            ):  # a spokesman's "our troops" are his side's forces, not him
                return True, self._descriptor_actor(head) or self._side_forces(speaker, head)
            return True, speaker
        actor = self.actor_at(child.idx, child.idx + len(child.text))
        if actor is not None and self._linked_after(actor, child):
            return False, None
        if (
            actor is not None
            and actor.kind == "state"
            and (head.lemma_.lower() in self.lex.state_force_nouns)
        ):
            return True, self.forces_of(actor, head) or actor  # "Mozambique's army"
        if actor is not None and actor.kind in self.lex.armed_kinds:
            return True, actor
        if child.lower_ in self.lex.grammar["nonpersonal_possessives"]:
            return True, self._descriptor_actor(head)
        return False, None

    def _compatible(self, token: Token) -> frozenset[str]:
        """Ids of the dictionary actors a descriptor noun ("the militants") may refer to."""
        lemma = token.lemma_.lower()
        if lemma not in self.lex.armed_nouns and token.lower_ not in self.lex.armed_nouns:
            return frozenset()
        return descriptor_ids(self.dictionary, lemma, token.lower_)

    def _descriptor_actor(self, token: Token) -> Actor | None:
        """ "the militants" → the most recently named compatible actor (else the first named
        after); a named affiliate is preferred to its parent ("IS Mozambique" to "IS")."""
        compatible = self._compatible(token)
        if not compatible:
            return None
        starts, actors = self._memoized(("descriptor", compatible), self._described, compatible)
        k = bisect.bisect_left(starts, token.idx)  # mentions [0, k) start before the token
        if k:
            first = bisect.bisect_left(starts, starts[k - 1])  # the first of the latest start
            return actors[first]
        return actors[0] if actors else None

    def _described(self, compatible: frozenset[str]) -> tuple[list[int], list[Actor]]:
        """Mentions (start, actor) of the actors ``compatible`` allows, in text order; a
        named affiliate is preferred to its parent ("IS Mozambique" to "IS")."""
        present = {a.id for a in self.actors if a.id in compatible}
        children = {a.affiliation for a in self.actors if a.id in present and a.affiliation}
        parents = {
            a.id
            for a in self.actors
            if a.id in present and (a.name in children or a.id in children)
        }
        kept = [
            (ms, actor)
            for ms, _me, actor in self._mentions
            if actor.id in present and actor.id not in parents
        ]
        return [ms for ms, _ in kept], [actor for _, actor in kept]

    def _memoized(self, key: tuple, build: Callable[[K], V], arg: K) -> V:
        if key not in self._memo:
            self._memo[key] = build(arg)
        return self._memo[key]  # type: ignore[return-value]

    def _mentions_of(self, actor: Actor) -> tuple[list[int], list[int], list[int], FirstCover]:
        """One actor's mentions in text order: starts, the largest end among mentions starting
        before or at each, and which mention covers an offset first."""
        return self._memoized(("mentions", id(actor)), self._build_mentions_of, actor)

    def _build_mentions_of(
        self, actor: Actor
    ) -> tuple[list[int], list[int], list[int], FirstCover]:
        own = [(ms, me) for ms, me, a in self._mentions if a is actor]
        reach: list[int] = []
        for _ms, me in own:
            reach.append(max(reach[-1], me) if reach else me)
        first = FirstCover((ms, me, me) for ms, me in own)
        return [ms for ms, _ in own], [me for _, me in own], reach, first

    def _linked_after(self, actor: Actor, token: Token) -> bool:
        """Is this mention of ``actor`` followed by "-linked", "-backed" …?"""
        me = self._mentions_of(actor)[3].at(token.idx)  # the first mention of it over the token
        return me is not None and bool(self.lex.linked_after.match(self.text, me))

    def _side_forces(self, speaker: Actor, noun: Token) -> Actor | None:
        """The forces of the side a person speaks for ("our troops", said by an army or a
        ministry spokesman: the state's forces); None when the side is unknown."""
        side = self.actor_named(speaker.affiliation)
        if side is None:
            return None
        return (self.forces_of(side, noun) or side) if side.kind == "state" else side

    def forces_of(self, state: Actor, noun: Token) -> Actor | None:
        """The forces of a state (named in the document, else in the dictionary)."""
        compatible = self._compatible(noun) | descriptor_ids(
            self.dictionary, *self.lex.generic_forces
        )
        found = [
            actor
            for actor_id in compatible
            for owner in (state.name, state.id)
            if (actor := self._forces.get((owner, actor_id))) is not None
        ]
        if found:  # the first actor of the document with such an id and affiliation
            return min(found, key=self._actor_order)
        dictionary = self.dictionary
        for actor_id in sorted(compatible):
            entry = dictionary.get(actor_id) if dictionary is not None else None
            if entry is not None and entry.affiliation == state.id:
                return Actor(entry.id, entry.name, entry.kind, state.name, None, entry.code,
                             list(entry.aliases))  # fmt: skip
        return None

    def _actor_order(self, actor: Actor) -> int:
        return self._order[id(actor)]

    # --- sources --------------------------------------------------------------------------
    def quote_at(self, pos: int, *, attributed: bool = True) -> Quote | None:
        """The innermost quote around ``pos`` (with a speaker, when ``attributed``); reported
        speech does not run on into another paragraph."""
        return self._memoized(("quotes", attributed), self._quote_cover, attributed).at(pos)

    def _quote_cover(self, attributed: bool) -> FirstCover[Quote]:
        """The first of ``quotes`` (innermost first) over each offset: a direct quote over its
        span, reported speech over the part of its span in the paragraph where it starts."""
        bounds = sorted({p for par in self.ctx.paragraphs for p in (par.start, par.end)})
        pieces = []
        for q in self.quotes:
            if q.speaker is None and attributed:
                continue
            if q.direct:
                pieces.append((q.start, q.end, q))
                continue
            home = self.paragraph_of(q.start)
            cuts = bounds[bisect.bisect_right(bounds, q.start) : bisect.bisect_left(bounds, q.end)]
            for a, b in zip([q.start, *cuts], [*cuts, q.end], strict=True):
                if a < b and self.paragraph_of(a) == home:  # one paragraph between two cuts
                    pieces.append((a, b, q))
        return FirstCover(pieces)

    def source_at(self, pos: int) -> Source | None:
        """The speaker of the quote around ``pos``, as a claim source."""
        q = self.quote_at(pos)
        if q is None or q.speaker is None:
            return None
        return Source(q.speaker.name, q.speaker.actor_id, q.speaker.affiliation)

    def source_of(self, ref: Ref, token: Token | None = None) -> Source:
        """The source a reference names; a body without an affiliation of its own takes the
        state its phrase names ("Armenia's Defence Ministry", "the Defence Ministry of X")."""
        actor = ref.actor
        affiliation = actor.affiliation if actor is not None else None
        if affiliation is None and token is not None:
            affiliation = self.state_of(token)
        if actor is None:
            return Source(ref.name, None, affiliation)
        return Source(ref.name, actor.id, affiliation)

    def state_of(self, token: Token) -> str | None:
        """The state that owns or qualifies a noun phrase ("Azerbaijan's", "Armenian", "of X")."""
        owners = [c for c in token.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                owners += [g for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            actor = self.actor_at(owner.idx, owner.idx + len(owner.text))
            if actor is not None and actor.kind == "state" and actor.id != self._own_id(token):
                return short_name(actor)
        return None

    def _own_id(self, token: Token) -> str | None:
        actor = self.actor_at(token.idx, token.idx + len(token.text))
        return actor.id if actor is not None else None

    # --- places ---------------------------------------------------------------------------
    def places_in(self, start: int, end: int) -> list[Place]:
        """Place mentions in [start, end); a word that is a place elsewhere in the document
        counts as that place here too (one sense per discourse)."""
        out = self.ctx.places_between(start, end)
        if not out:
            same = self._by_name.get(self.text[start:end].lower())
            if same is not None:
                out.append(same)
        return out

    def salient_place(self, pos: int, feature_class: str) -> Place | None:
        """The most recent place named before ``pos`` with a compatible feature (not a country)."""
        starts, places = self._memoized(("salient", feature_class), self._salient, feature_class)
        k = bisect.bisect_left(starts, pos)
        return places[k - 1] if k else None

    def _salient(self, feature_class: str) -> tuple[list[int], list[Place]]:
        """The places :meth:`salient_place` may return, in text order."""
        kept = []
        for p in self.ctx.places_between(0, len(self.text)):
            feature = p.feature or ""
            if feature.startswith("PCL") or p.lat is None or self.names_no_place(p):
                continue
            if self.text[p.start : p.end].isupper() and p.end - p.start > 3:
                continue  # a dateline names where the report was filed
            if not feature_class or _feature_class(feature) == feature_class:
                kept.append(p)
        return [p.start for p in kept], kept

    def names_no_place(self, place: Place) -> bool:
        """A place name used as a modifier, not a location: inside an organisation's name
        ("El Fasher Resistance Committee") or before "-backed" ("Turkey-backed factions")."""
        if self.lex.linked_after.match(self.text, place.end):
            return True
        actor = self.actor_at(place.start, place.end)
        if actor is None or actor.kind in self.lex.place_named_kinds:
            return False
        # a longer mention of the actor around the place: one that starts before it and ends
        # at or after it, or starts at or before it and ends after it
        starts, _ends, reach, _first = self._mentions_of(actor)
        before = bisect.bisect_left(starts, place.start)
        upto = bisect.bisect_right(starts, place.start)
        return (before > 0 and reach[before - 1] >= place.end) or (
            upto > 0 and reach[upto - 1] > place.end
        )

    def named_like(self, pos: int, noun: str) -> Place | None:
        """The most recent place before ``pos`` whose name ends in ``noun`` ("Tishreen Dam"
        for "the dam", "Abu Shouk camp" for "the camp")."""
        starts, places = self._memoized(("named", noun), self._named_like, noun)
        k = bisect.bisect_left(starts, pos)
        return places[k - 1] if k else None

    def _named_like(self, noun: str) -> tuple[list[int], list[Place]]:
        kept = [
            p
            for p in self.ctx.places_between(0, len(self.text))
            if p.name.lower().endswith(" " + noun)
        ]
        return [p.start for p in kept], kept

    def place_name(self, place: Place) -> str:
        """A place's name as written, without a feature word ("Rutshuru territory" →
        "Rutshuru") when the bare name is a place of the document or the place is resolved."""
        name = place.name
        low = name.lower()
        for word in self.lex.feature_words:
            bare = None
            if low.endswith(" " + word):
                bare = name[: -len(word) - 1].strip()
            elif low.startswith(word + " of "):
                bare = name[len(word) + 4 :].strip()
            known = bare and len(bare) > 2
            if known and (bare.lower() in self._place_names() or place.gazetteer_id):
                return bare
        return name

    def _place_names(self) -> frozenset[str]:
        return self._memoized(
            ("place names",), lambda _: frozenset(p.name.lower() for p in self.places), None
        )

    def word_count(self, name: str) -> int:
        """``len(re.findall(rf"\\b{re.escape(name)}\\b", text))``, from the text's words found
        once (a regex over the whole text per place name was quadratic in places)."""
        return _word_count(self.text, name, self._memoized(("words",), _word_starts, self.text))

    # --- paragraphs -----------------------------------------------------------------------
    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding ``pos`` (the whole text outside paragraphs)."""
        paragraph = self.ctx.paragraph_at(pos)
        if paragraph is None:
            return 0, len(self.text)
        return paragraph.start, paragraph.end


def _feature_class(feature: str) -> str:
    if feature.startswith("PPL"):
        return "P"
    if feature.startswith(("ADM", "PCL")):
        return "A"
    return feature[:1]


def _names_index(actors: list[Actor]) -> dict[str, Actor]:
    """Name, alias or mention text (lower case, without "the ") → the first actor so named."""
    named: dict[str, Actor] = {}
    for actor in actors:
        names = {actor.name, *actor.aliases, *(m.text for m in actor.mentions)}
        for key in {n.lower().removeprefix("the ") for n in names}:
            named.setdefault(key, actor)
    return named


_WORD = re.compile(r"\w+")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Each word (``\\w+`` run) of ``text`` → where it starts, in order."""
    starts: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


def _word_count(text: str, name: str, words: dict[str, list[int]]) -> int:
    """Non-overlapping matches of ``\\bNAME\\b`` in ``text``: a name that begins and ends
    with a word character matches only where a word equal to its first word starts."""
    first = _WORD.match(name)
    if not name or first is None or not _WORD.fullmatch(name[-1]):
        return len(re.findall(rf"\b{re.escape(name)}\b", text))
    count, end = 0, -1
    for at in words.get(first.group(), ()):
        stop = at + len(name)
        if (
            at >= end
            and text.startswith(name, at)
            and (stop == len(text) or not _WORD.match(text[stop]))
        ):
            count, end = count + 1, stop
    return count
