"""What a token names: the actor or place a noun phrase of the parse refers to.

:class:`Mentions` reads the finished actor and place layers of the :class:`DocContext`, so a
token can be named through them; without them it falls back on the parser's entities. Pronouns
and anaphoric group nouns ("the group") take the nearest fitting antecedent.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from fogline.extract.context import DocContext
from fogline.extract.events.indexes import actor_index, short_names
from fogline.extract.events.lexicon import EventLexicon
from fogline.extract.events.phrases import (
    introducing_noun,
    name_after,
    noun_phrase,
    proper_run,
    sides,
    strip_det,
    subjects_before,
    title,
)
from fogline.extract.events.syntax import children
from fogline.extract.spans import entity_of, sentence
from fogline.model import Actor, ActorRef, Place, PlaceRef

if TYPE_CHECKING:
    from fogline.actordict import ActorDictionary


class _Miss:
    """A resolver step that does not decide: the next step is tried."""


MISS = _Miss()
Found = ActorRef | None | _Miss
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


class Mentions:
    """Per-document lookups: actor and place mentions by token, entities, antecedents."""

    @classmethod
    def of(cls, ctx: DocContext, lex: EventLexicon) -> Mentions:
        """The document's lookups, built once and shared by events and claims."""
        return ctx.memo(
            f"event-mentions:{id(lex)}",
            lambda: cls(ctx.doc, ctx, lex),
            needs=("times", "places", "actors", "quotes", "paragraphs"),
        )

    def __init__(
        self,
        doc: Doc,
        ctx: DocContext,
        lex: EventLexicon,
    ) -> None:
        self.doc = doc
        self.ctx = ctx
        self.lex = lex
        self.dictionary: ActorDictionary | None = ctx.actor_dictionary
        self._quotes = [q for q in ctx.quotes if q.direct and q.speaker is not None]
        # the context's actor_at prefers the longer of two mentions starting together: events
        # need the shortest ("Russia", not "Russia's defence ministry"), so a token index here
        self._actor_at = actor_index(doc, ctx.actors)
        self._actor_names: dict[str, Actor] = {}
        for actor in ctx.actors:
            for name in (actor.name, *actor.aliases):
                self._actor_names.setdefault(name.lower(), actor)
        # the context's place_at scans back over the places of the last 2000 characters for an
        # offset no place covers: too slow for a lookup per token, so a token index here
        self._place_at: dict[int, tuple[Place, Span]] = {}
        self._place_names: dict[str, Place] = {}  # one sense per discourse: geocoded names
        self._place_heads: set[str] = set()  # last words of known place names
        self._introduced: dict[int, str] = {}  # place start → noun it was written with
        self.memo: dict[str, Any] = {}  # per-document results of the steps (focus place)
        for place in sorted(ctx.places, key=lambda p: p.start):
            self._index_place(place)

    def _index_place(self, place: Place) -> None:
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return
        for t in span:
            self._place_at[t.i] = (place, span)
        if place.lat is not None or span.root.ent_type_ in self.lex.labels("place_entities"):
            for name in short_names(place.name.lower()):
                self._place_names.setdefault(name, place)
                self._place_heads.add(name.split()[-1])
        noun = introducing_noun(span)
        if noun:
            self._introduced[place.start] = noun

    # --- places -------------------------------------------------------------------------------
    def place_mention(self, tok: Token) -> tuple[Place, Span] | None:
        """The place mention (and its span) covering ``tok``."""
        return self._place_at.get(tok.i)

    def place_of(self, tok: Token) -> tuple[PlaceRef, Token] | None:
        """The place a noun phrase headed by ``tok`` names, looking into "village of X"."""
        labels = self.lex.labels("place_entities")
        for cand in self._place_candidates(tok):
            found = self._place_at.get(cand.i)
            if found is not None:
                place, span = found
                return PlaceRef(place.name, place.lat, place.lon, place.country_code), span.root
            if cand.ent_type_ in labels and cand.i not in self._actor_at:
                ent = entity_of(cand)
                if ent is not None:
                    return PlaceRef(strip_det(ent, self.lex).text), cand
        named = self._named_place(tok)
        if named is not None:
            return named
        if self._after_locative(tok):  # "fighting in Gao": a proper name after a locative
            return PlaceRef(proper_run(tok, self.lex)), tok
        back = self.antecedent_place(tok)
        return (back, tok) if back is not None else None

    def _after_locative(self, tok: Token) -> bool:
        """A proper name after a locative preposition, not a known organisation (the small
        model often reads a town after "near" as a person)."""
        return (
            tok.dep_ == "pobj"
            and tok.head.lower_ in self.lex.words("locative_preps")
            and tok.pos_ == "PROPN"
            and tok.ent_type_ not in self.lex.labels("non_place_entities")
            and (
                tok.i not in self._actor_at
                or self._actor_at[tok.i].kind in self.lex.labels("individual_kinds")
            )
        )

    def _named_place(self, tok: Token) -> tuple[PlaceRef, Token] | None:
        """A proper name written elsewhere in the document as a geocoded place (the parser
        may read the same name as an organisation in another sentence)."""
        if tok.pos_ != "PROPN" or tok.lower_ not in self._place_heads:
            return None
        place = self._place_names.get(proper_run(tok, self.lex).lower())
        if place is None:
            return None
        return PlaceRef(place.name, place.lat, place.lon, place.country_code), tok

    def antecedent_place(self, tok: Token) -> PlaceRef | None:
        """The place a definite territory noun ("the town", "the dam") refers back to: the
        nearest earlier place of a fitting kind (a settlement for "town", a first-level
        division for "province", else a name ending in the noun)."""
        lemma = tok.lemma_.lower()
        if lemma not in self.lex.words("class:territory") or not any(
            c.lower_ == "the" for c in tok.lefts
        ):
            return None
        if any(c.dep_ in ("compound", "poss") or c.pos_ == "PROPN" for c in tok.lefts):
            return None
        if any(c.lower_ == "of" and any(p.pos_ == "PROPN" for p in c.children) for c in tok.rights):
            return None  # "the town of Nasib" is named, not referred back to
        features = self.lex.cues.get("anaphoric_places", {}).get(lemma)
        best = None
        for place in self.ctx.places_between(tok.idx - 3000, tok.idx):
            feature = (place.feature or "").split(" ")[0]
            if self._introduced.get(place.start) == lemma:
                fits = True  # "the village of Synkivka" ... "the village"
            elif features is not None:
                fits = any(feature.startswith(f) for f in features)
            else:
                fits = place.name.lower().split()[-1] == lemma
            if fits:
                best = place
        if best is None:  # a site the gazetteer does not know: "the Tabqa Dam" ... "the dam"
            labels = self.lex.labels("place_entities")
            ents = [e for e in self.doc.ents if e.end <= tok.i and e.label_ in labels]
            named = [e for e in ents if e.root.lemma_.lower() == lemma and len(e) > 1]
            return PlaceRef(strip_det(named[-1], self.lex).text) if named else None
        return PlaceRef(best.name, best.lat, best.lon, best.country_code)

    def feature_of(self, ref: PlaceRef) -> str | None:
        """The gazetteer feature code of a place named in the document, if known."""
        place = self._place_names.get(ref.name.lower())
        return (place.feature or "").split(" ")[0] if place is not None else None

    def territory_of(self, tok: Token) -> tuple[PlaceRef, Token] | None:
        """A place for the object of a territorial verb: a known place, or a proper name
        written on a territory noun ("Ménaka region", "the town of Kidal")."""
        found = self.place_of(tok)
        if found is not None:
            return found
        if tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP") and tok.dep_ == "dobj":
            return PlaceRef(proper_run(tok, self.lex)), tok
        if tok.lemma_.lower() not in self.lex.words("class:territory"):
            return None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.text[:1].isupper():
                        if self._names_owner(pobj):
                            return None  # "a camp of the BIFF": whose camp, not where
                        return PlaceRef(proper_run(pobj, self.lex)), pobj
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
        names = [c for c in mods if c.text[:1].isupper() and c.ent_type_ not in ("NORP",)]
        if names:
            return PlaceRef(" ".join(t.text for t in names)), names[-1]
        return None

    def _names_owner(self, tok: Token) -> bool:
        """Does the "of" complement of a site noun name its owner (a group or a force)
        rather than its place?"""
        if self.has_place(tok):
            return False
        actor = self._actor_at.get(tok.i)
        if actor is not None:
            return actor.kind not in self.lex.labels("individual_kinds")
        return tok.ent_type_ in ("ORG", "NORP")

    def named_after(self, tok: Token) -> Token | None:
        """The known place named right after a territory noun ("the capital, Sanaa")."""
        after = name_after(tok, self.lex)
        found = self._place_at.get(after.i) if after is not None else None
        ok = found is not None and found[1].start == after.i and found[0].lat is not None  # type: ignore[union-attr]
        return after if ok else None

    def _place_candidates(self, tok: Token) -> list[Token]:
        out = [tok]
        after = self.named_after(tok)
        if after is not None:
            out.insert(0, after)
        if tok.lemma_.lower() in self.lex.words("class:territory"):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    out[:0] = [
                        c for c in child.children if c.dep_ == "pobj" and not self._names_owner(c)
                    ]
            out.extend(c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod"))
        return out

    def is_place(self, tok: Token) -> bool:
        """Does the phrase headed by ``tok`` name a place rather than an actor?"""
        found = self.place_mention(tok)
        if found is not None and tok.i not in self._actor_at:
            place, _ = found
            return place.lat is not None or tok.ent_type_ not in ("PERSON", "ORG", "NORP")
        if tok.pos_ == "PROPN" and tok.ent_type_ != "GPE" and self._named_place(tok) is not None:
            return True
        if tok.ent_type_ in ("LOC", "FAC"):
            return True
        if tok.ent_type_ in ("ORG", "NORP", "PERSON") and tok.i in self._actor_at:
            return False  # "Islamic State", "the Free State Party": a party's name
        return tok.lemma_.lower() in self.lex.words("class:territory")

    def has_place(self, tok: Token) -> bool:
        """Is ``tok`` part of a place mention of the places layer?"""
        return tok.i in self._place_at

    @property
    def place_tokens(self) -> Collection[int]:
        """Indices of the tokens inside place mentions (for scans over many tokens)."""
        return self._place_at.keys()

    # --- actors -------------------------------------------------------------------------------
    def has_actor(self, tok: Token) -> bool:
        """Is ``tok`` part of an actor mention of the actors layer?"""
        return tok.i in self._actor_at

    def actor_of(self, tok: Token | None, *, depth: int = 0) -> ActorRef | None:
        """The actor a noun phrase headed by ``tok`` names (resolving pronouns), or None."""
        if tok is None or depth > 3:
            return None
        steps = (self._by_pronoun, self._by_name, self._by_count_or_channel)
        for step in (*steps, self._by_nationality, self._by_group):
            found = step(tok, depth)
            if not isinstance(found, _Miss):
                return found
        return self._by_noun(tok, depth)

    def _by_pronoun(self, tok: Token, depth: int) -> Found:
        """First person (the speaker's side in a quote), else a pronoun's antecedent."""
        lower = tok.lower_
        if lower in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head is not tok:
            return self.actor_of(tok.head.head, depth=depth + 1)  # "the girls, who were taken"
        if lower in self.lex.words("first_person"):
            return self._speaker_of(tok)
        pronouns = self.lex.words("person_pronouns") | self.lex.words("group_pronouns")
        if tok.pos_ == "PRON" or lower in pronouns:
            return self.actor_of(self.antecedent(tok), depth=depth + 1)
        return MISS

    def _by_name(self, tok: Token, depth: int) -> Found:
        """An apposed name ("the group, JNIM"), an actor mention, a nationality, an entity."""
        named = next((a for a in children(tok, "appos") if a.pos_ == "PROPN"), None)
        if tok.pos_ == "NOUN" and named is not None and self._names_party(named):
            return self.actor_of(named, depth=depth + 1)  # "the group, JNIM, said"
        if tok.i in self._actor_at:
            a = self._actor_at[tok.i]
            return ActorRef(a.name, a.id, a.affiliation)
        if tok.lower_ in self.lex.demonyms and tok.ent_type_ == "NORP":
            return self._demonym(tok, None)  # "a Ukrainian drone attack": the state's
        if tok.ent_type_ in self.lex.labels("actor_entities"):
            ent = entity_of(tok)
            if ent is not None and not (
                tok.ent_type_ == "GPE"
                and tok.dep_ == "pobj"
                and tok.head.lower_ in self.lex.words("gpe_place_preps")
            ):
                return self._resolve(strip_det(ent, self.lex).text)
        return MISS

    def _by_count_or_channel(self, tok: Token, depth: int) -> Found:
        """What a quantity counts ("dozens of fighters"), whose channel speaks ("the group's
        Twitter account")."""
        if (tok.lower_ in self.lex.words("quantity_heads") or tok.pos_ == "NUM") and (
            tok.dep_ != "nummod"
        ):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.actor_of(pobj, depth=depth + 1)
        if tok.lower_ in self.lex.words("channel_nouns"):
            for child in tok.lefts:
                if child.dep_ == "poss" or (
                    child.dep_ == "compound" and child.ent_type_ in ("ORG", "NORP", "GPE")
                ):
                    found = self.actor_of(child, depth=depth + 1)
                    if found is not None:
                        return found
        return MISS

    def _by_group(self, tok: Token, depth: int) -> Found:
        """The group behind its members ("fighters from the M23 movement") or named by the
        nearest modifier ("MOGADISHU - Somali National Army forces", "Taliban fighters")."""
        lemma = tok.lemma_.lower()
        member = lemma in self.lex.words("member_nouns")
        if member:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in self.lex.words("member_preps"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and self._names_party(pobj):
                            return self.actor_of(pobj, depth=depth + 1)
        if member and any(
            c.dep_ == "compound" and c.lemma_.lower() in self.lex.words("coalition_nouns")
            for c in tok.lefts
        ):  # "U.S.-led coalition forces": forces of the coalition
            name = noun_phrase(tok)
            return ActorRef(name, None, name.rsplit(" ", 1)[0]) if " " in name else MISS
        actor_labels = self.lex.labels("actor_entities")
        for child in reversed(list(tok.lefts)):  # "Taliban fighters", "their forces"
            if child.dep_ == "poss" and (child.pos_ == "PRON"):
                ante = self.antecedent(child)
                owner = self.state_of(ante) if member or lemma in self._armed else None
                found = self.actor_of(owner or child, depth=depth + 1)
                if found is not None:
                    return found
            if child.lower_.rsplit("-", 1)[-1] in self.lex.words("sponsor_participles"):
                continue  # "the U.S.-led coalition" is the coalition, not the U.S.
            if child.dep_ in ("compound", "amod", "nmod", "poss") and (
                child.ent_type_ in actor_labels or child.i in self._actor_at
            ):
                if child.lower_ in self.lex.demonyms:
                    return self._demonym(child, tok)
                if child.ent_type_ == "NORP" and child.dep_ == "amod" and not self.has_actor(child):
                    return self._resolve(noun_phrase(tok))  # "Islamic rebel groups": a kind
                return self.actor_of(child, depth=depth + 1)
            if (  # "AA fighters": an unlabelled name on a fighters/forces noun
                member
                and child.dep_ == "compound"
                and child.pos_ == "PROPN"
                and not self.is_place(child)
            ):
                return self._resolve(proper_run(child, self.lex))
        return MISS

    def _by_noun(self, tok: Token, depth: int) -> ActorRef | None:
        """An anaphoric group noun's antecedent ("the group"), else the phrase's own name."""
        if (
            tok.lower_ in self.lex.words("anaphoric_group_nouns")
            and any(c.lower_ == "the" for c in tok.lefts)
            and not any(c.dep_ in ("compound", "amod") for c in tok.lefts)
        ):
            ante = self._previous_entity(tok, ("ORG", "NORP"))
            if ante is not None:
                return self.actor_of(ante, depth=depth + 1)
        if tok.pos_ == "PROPN" and not self.is_place(tok):
            return self._resolve(title(tok, self.lex))
        if tok.pos_ == "NOUN" and not self.is_place(tok):
            ref = self._resolve(noun_phrase(tok))
            party = [p for p in sides(tok, self.lex) if self._names_party(p)]  # "an officer for X"
            side = self.actor_of(party[0], depth=depth + 1) if party else None
            unknown = ref.actor_id is None and ref.affiliation is None
            return ActorRef(ref.name, None, side.name) if side and unknown else ref
        return None

    def _speaker_of(self, tok: Token) -> ActorRef | None:
        """First person inside a direct quote: the speaker's organisation; "we" without
        one is the speaker, "our troops" without one stay "troops"."""
        for q in self._quotes:
            if q.start <= tok.idx < q.end and q.speaker is not None:
                if q.speaker.affiliation:
                    return self._resolve(q.speaker.affiliation)
                if tok.lower_ in self.lex.words("speaker_pronouns"):
                    return ActorRef(q.speaker.name, q.speaker.actor_id)
        return None

    def _by_nationality(self, tok: Token, depth: int) -> Found:
        """A private person described by nationality ("a U.S. photojournalist", "British
        hostages"): the description, not the state."""
        lex, lemma = self.lex, tok.lemma_.lower()
        private = lex.words("class:civilian") | lex.words("private_nouns")
        mods = {c.ent_type_ for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")}
        if lemma in private - lex.words("state_agents") and mods & {"GPE", "NORP"}:
            return self._resolve(noun_phrase(tok))
        return MISS

    @property
    def _armed(self) -> frozenset[str]:
        return self.lex.words("class:armed")

    def _demonym(self, adj: Token, head: Token | None) -> ActorRef:
        """A party named by a nationality adjective: a group of that nationality as written
        ("Afghan rebels"), or the state itself when the head is a state's instrument or
        agent (drones, troops, a delegation), an event ("a Ukrainian drone attack") or
        absent ("Jordanian" alone): "Russia" for "Russian drones"."""
        if head is not None and head.lemma_.lower() not in self.lex.words("state_agents"):
            return ActorRef(noun_phrase(head))
        name = self.lex.demonyms[adj.lower_]
        state = self._actor_names.get(name.lower())
        if state is not None:
            return ActorRef(state.name, state.id, state.affiliation)
        return ActorRef(name)

    def _names_party(self, tok: Token) -> bool:
        """Does a noun phrase name an organisation or group (not a place)?"""
        if self.is_place(tok):
            return False
        if tok.i in self._actor_at or tok.ent_type_ in ("ORG", "NORP"):
            return True
        if tok.lower_ in self.lex.words("anaphoric_group_nouns") and any(
            c.lower_ == "the" for c in tok.lefts
        ):
            return True  # "members of the group"
        return any(c.dep_ in ("compound", "amod") and c.ent_type_ == "ORG" for c in tok.lefts)

    def state_of(self, tok: Token | None) -> Token | None:
        """The state owning an office or official ("Russia's defence ministry", "the
        Malian president"): "its troops" are then the state's troops."""
        if tok is None or tok.lemma_.lower() not in self.lex.words("office_nouns"):
            return None
        for c in tok.lefts:
            if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("GPE", "NORP"):
                return c
        return None

    def _resolve(self, name: str) -> ActorRef:
        known = self._actor_names.get(name.lower())
        if known is not None:
            return ActorRef(known.name, known.id, known.affiliation)
        if self.dictionary is not None:
            entry = self.dictionary.lookup(name)
            if entry is not None:
                return ActorRef(name, entry.id, entry.affiliation)
        return ActorRef(name)

    def antecedent(self, tok: Token) -> Token | None:
        """The nearest fitting antecedent of a pronoun: the clause's subject, else an entity."""
        person = tok.lower_ in self.lex.words("person_pronouns")
        labels = ("PERSON",) if person else ("ORG", "NORP", "GPE")
        root = sentence(tok).root
        for cand in subjects_before(tok, self.lex):
            if cand.pos_ == "PRON" or cand.head.i == tok.head.i:  # "X warned them": not X
                continue
            if person and (
                cand.ent_type_ == "PERSON"
                or self._actor_kind(cand) == "person"
                or cand.lemma_.lower() in self.lex.words("person_nouns")
            ):
                return cand
            if not person and cand.ent_type_ != "PERSON" and cand is not root:
                return cand
        return self._previous_entity(tok, labels)

    def _actor_kind(self, tok: Token) -> str | None:
        a = self._actor_at.get(tok.i)
        return a.kind if a else None

    def actor_at(self, tok: Token) -> Actor | None:
        """The actor of the actors layer a token is part of (its shortest mention)."""
        return self._actor_at.get(tok.i)

    def _previous_entity(self, tok: Token, labels: tuple[str, ...]) -> Token | None:
        start = max(0, sentence(tok).start - 200)
        best = None
        for ent in self.doc.ents:
            if ent.start < start or ent.end > tok.i:
                continue
            if ent.label_ in labels and not self.is_place(ent.root):
                best = ent.root
        return best
