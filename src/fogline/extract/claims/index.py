"""The claims extractor's own lookups over one document: actors, quotes, sources and places.

:class:`ClaimIndex` holds what only claims needs (an actor mention overlapping a token, the
innermost attributed quote, a place name repeated as one sense per discourse, the outlet);
paragraphs, sentences, places and times by offset are read from the shared
:class:`~fogline.extract.context.DocContext`.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.references import (
    Ref,
    actor_dictionary,
    descriptor_ids,
    short_name,
)
from fogline.extract.context import DocContext
from fogline.model import Actor, Place, Quote, Source

ARTICLE = "the article"


class ClaimIndex:
    """Claims-specific indexes over one document's actors, quotes and places."""

    def __init__(self, doc: Doc, ctx: DocContext, lex: ClaimLexicon) -> None:
        self.doc = doc
        self.ctx = ctx
        self.text = ctx.text
        self.lex = lex
        self.quotes: list[Quote] = sorted(ctx.quotes, key=lambda q: (q.end - q.start, q.start))
        self.actors = list(ctx.actors)
        self.by_id = {a.id: a for a in self.actors}
        mentions = sorted((m.start, m.end, a) for a in self.actors for m in a.mentions)
        self._mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
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
        if not name:
            return None
        key = name.lower().removeprefix("the ")
        for actor in self.actors:
            names = {actor.name, *actor.aliases, *(m.text for m in actor.mentions)}
            if key in {n.lower().removeprefix("the ") for n in names}:
                return actor
        return None

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
        best = None
        for ms, _me, actor in self._mentions:
            if ms >= pos:
                break
            if actor.kind == "person":
                best = actor
        return best

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
            if head is not token:
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
                return True, self._descriptor_actor(head) or speaker
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
        return descriptor_ids(lemma, token.lower_)

    def _descriptor_actor(self, token: Token) -> Actor | None:
        """ "the militants" → the most recently named compatible actor (else the first named
        after); a named affiliate is preferred to its parent ("IS Mozambique" to "IS")."""
        compatible = self._compatible(token)
        if not compatible:
            return None
        present = {a.id for a in self.actors if a.id in compatible}
        children = {a.affiliation for a in self.actors if a.id in present and a.affiliation}
        parents = {
            a.id
            for a in self.actors
            if a.id in present and (a.name in children or a.id in children)
        }
        best: tuple[int, Actor] | None = None
        for ms, _me, actor in self._mentions:
            if actor.id not in present or actor.id in parents:
                continue
            if ms < token.idx and (best is None or ms > best[0]):
                best = (ms, actor)
        if best is None:
            for _ms, _me, actor in self._mentions:
                if actor.id in present and actor.id not in parents:
                    return actor
        return best[1] if best else None

    def _linked_after(self, actor: Actor, token: Token) -> bool:
        """Is this mention of ``actor`` followed by "-linked", "-backed" …?"""
        for ms, me, a in self._mentions:
            if a is actor and ms <= token.idx < me:
                return bool(self.lex.linked_after.match(self.text, me))
        return False

    def forces_of(self, state: Actor, noun: Token) -> Actor | None:
        """The forces of a state (named in the document, else in the dictionary)."""
        compatible = self._compatible(noun) | descriptor_ids(*self.lex.generic_forces)
        for actor in self.actors:
            if actor.id in compatible and actor.affiliation in (state.name, state.id):
                return actor
        dictionary = actor_dictionary()
        for actor_id in sorted(compatible):
            entry = dictionary.get(actor_id) if dictionary is not None else None  # type: ignore[attr-defined]
            if entry is not None and entry.affiliation == state.id:
                return Actor(entry.id, entry.name, entry.kind, state.name, None, entry.code,
                             list(entry.aliases))  # fmt: skip
        return None

    # --- sources --------------------------------------------------------------------------
    def quote_at(self, pos: int, *, attributed: bool = True) -> Quote | None:
        """The innermost quote around ``pos`` (with a speaker, when ``attributed``); reported
        speech does not run on into another paragraph."""
        for q in self.quotes:
            if q.start <= pos < q.end and (q.speaker is not None or not attributed):
                if not q.direct and self.paragraph_of(q.start) != self.paragraph_of(pos):
                    continue
                return q
        return None

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
        for p in reversed(self.ctx.places_between(0, pos)):
            feature = p.feature or ""
            if feature.startswith("PCL") or p.lat is None or self.names_no_place(p):
                continue
            if self.text[p.start : p.end].isupper() and p.end - p.start > 3:
                continue  # a dateline names where the report was filed
            if not feature_class or _feature_class(feature) == feature_class:
                return p
        return None

    def names_no_place(self, place: Place) -> bool:
        """A place name used as a modifier, not a location: inside an organisation's name
        ("El Fasher Resistance Committee") or before "-backed" ("Turkey-backed factions")."""
        if self.lex.linked_after.match(self.text, place.end):
            return True
        actor = self.actor_at(place.start, place.end)
        if actor is None or actor.kind in self.lex.place_named_kinds:
            return False
        return any(
            ms <= place.start and place.end <= me and me - ms > place.end - place.start
            for ms, me, a in self._mentions
            if a is actor
        )

    def named_like(self, pos: int, noun: str) -> Place | None:
        """The most recent place before ``pos`` whose name ends in ``noun`` ("Tishreen Dam"
        for "the dam", "Abu Shouk camp" for "the camp")."""
        for p in reversed(self.ctx.places_between(0, pos)):
            if p.name.lower().endswith(" " + noun):
                return p
        return None

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
            if bare and len(bare) > 2:
                same = [p for p in self.places if p.name.lower() == bare.lower()]
                if same or place.gazetteer_id:
                    return bare
        return name

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
