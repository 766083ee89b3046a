"""Speakers of cues: the actor a cue's subject token names, with the side it speaks for."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors import BODIES
from fogline.extract.actors.coreference import noun_phrase
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.actors.roles import accredited_to, title_of_owner
from fogline.extract.actors.roles import self_named as _self_named
from fogline.extract.actors.units import is_unit_name
from fogline.extract.events.doers import names_no_agent
from fogline.extract.events.lexicon import load_lexicon as load_event_lexicon
from fogline.extract.quotes.lexicon import load_lexicon
from fogline.extract.spans import Stabbing, text_of, word_in
from fogline.extract.words import grammar_words
from fogline.model import Actor, Speaker

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_RELATIVE = grammar_words("relative_pronouns")  # "…, who said"
_PARTS = grammar_words("partitive_quantifiers")  # "Some of its members said"
_OWNERS = grammar_words("nonpersonal_possessives")  # "its members", "their fighters"
_DEFINITE = grammar_words("definite_determiners")  # "the message", "this statement"
_EXAMPLES = grammar_words("example_prepositions")  # "news organizations, including AFP"
_DETERMINERS = grammar_words("descriptor_determiners")  # "a man" → "man"
_NAMED_KINDS = ("person", "media")  # "The news agency Reuters said": the name speaks


class SpeakerFinder:
    """Turns a cue's subject token into a :class:`Speaker`, through the document's actors."""

    def __init__(self, doc: Doc, actors: Sequence[Actor]) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.spans: list[tuple[int, int, Actor]] = sorted(
            ((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda m: m[:2]
        )
        self.by_name = {a.name: a for a in actors}
        self.by_alias = {n: a for a in actors for n in (a.name, *a.aliases) if " " not in n}
        self._ids = {n: a.id for a in reversed(actors) for n in (a.name, *a.aliases)}
        last_words: dict[str, list[Actor]] = {}
        for a in actors:
            if a.kind == "person" and " " in a.name:
                last_words.setdefault(a.name.split()[-1], []).append(a)
        self._surnames = {w: found[0] for w, found in last_words.items() if len(found) == 1}
        self.bodies: dict[str, str] = doc.user_data.get(BODIES) or {}
        self._starts = [s for s, _, _ in self.spans]
        self._stabbing = Stabbing([(s, e) for s, e, _ in self.spans])
        self._short_names: dict[int, str] = {}
        self._title_sides: dict[str, str | None] = {}

    def actor_at(self, start: int, end: int) -> tuple[int, int, Actor] | None:
        """The longest mention (the first in text order among equals) that contains ``start``
        or starts in [start, end), found by bisection and an interval tree, not a scan."""
        found = set(self._stabbing.containing(start))  # s <= start < e
        first = bisect.bisect_left(self._starts, start)
        found.update(range(first, max(first, bisect.bisect_left(self._starts, end))))
        best = None
        for i in sorted(found):
            s, e, actor = self.spans[i]
            if best is None or (e - s) > (best[1] - best[0]):
                best = (s, e, actor)
        return best

    def _surname(self, token: Token) -> tuple[int, int, Actor] | None:
        """A capitalised word no mention covers that is the last word of one person's name
        ("‘…,’ Nor said" after "Abdiqadir Mohamed Nor", the tagger reading "Nor" as "nor")."""
        if not token.is_title or token.pos_ in ("PROPN", "PRON"):
            return None
        found = self._surnames.get(token.text)
        if found is None:
            return None
        return token.idx, token.idx + len(token.text), found

    def id_of(self, affiliation: str | None) -> str | None:
        """The id of the document's actor an affiliation names ("IS": Islamic State)."""
        return self._ids.get(affiliation) if affiliation else None

    def short_name(self, actor: Actor) -> str:
        """The acronym (else the name) an analyst writes for ``actor`` as a side."""
        key = id(actor)
        if key not in self._short_names:
            self._short_names[key] = _short_name(actor, self.text)
        return self._short_names[key]

    def speaker(self, token: Token | None) -> Speaker | None:  # noqa: C901 - one cascade of cases
        """The speaker a cue's subject token names, through the document's actors."""
        if token is None:
            return None
        if token.dep_ == "poss" or token.lemma_.lower() in lexicon().document_nouns:
            token = _author(token) or token
        anchor = token
        token = _antecedent(token)
        relative = token != anchor
        alias = _self_named(token)
        if alias is not None:  # "a man who identified himself as X", "a fighter calling himself X"
            token = alias
        phrase = noun_phrase(token)
        hit = self._name_closing(token) or self.actor_at(token.idx, token.idx + len(token.text))
        hit = hit or self._surname(token)
        named = self._names_given(token)
        described = hit is None or token.pos_ == "NOUN"  # "The spokesman, Y, said": Y speaks
        for other in named if described else []:  # "one of the X's commanders, Y, said"
            found = self.actor_at(other.idx, other.idx + len(other.text))
            if found is not None and (hit is None or found[2].kind in _NAMED_KINDS):
                hit, phrase = found, noun_phrase(other)
                break
        if hit is None:
            hit = self._in_phrase(phrase, token)
            if hit is not None and _adjective_of_person(phrase, hit, token):
                hit = None  # "An American journalist claimed": the journalist, not America
        if hit is None:
            if token.pos_ == "PRON":
                return None
            if relative:
                return Speaker(phrase.text, anchor.idx, anchor.idx + len(anchor.text))
            if _names_no_speaker(token):
                return None  # "reports that leaders were killed by airstrikes": not a speaker
            bare = _without_article(phrase)  # "a man" -> "man": descriptors carry no article
            side = _nationality(self.doc, bare.start_char, bare.end_char) or _members_of(bare)
            side = side or self._allied_to(token)
            return Speaker(
                bare.text, bare.start_char, bare.end_char, affiliation=side,
                affiliation_id=self.id_of(side),
            )  # fmt: skip
        start, end, actor = hit
        if start > phrase.start_char or end < phrase.end_char:  # a title around the name
            start, end = min(start, phrase.start_char), max(end, phrase.end_char)
        if relative:
            start, end = anchor.idx, anchor.idx + len(anchor.text)
        if actor.kind == "person" or actor.kind == "unknown":
            affiliation = self._person_side(actor, phrase.start_char, hit[0])
        elif actor.code is None and actor.affiliation and is_unit_name(actor.name):
            affiliation = self._side(actor)  # "Russia's defence ministry" speaks for Russia
        else:
            affiliation = self.short_name(actor)
        if affiliation is None or (actor.code is None and affiliation == actor.name):
            affiliation = (
                _nationality(self.doc, hit[0], hit[1]) or _members_of(phrase) or affiliation
            )
        if affiliation is not None:  # "British Foreign Secretary X": the state, not "British"
            affiliation = _demonyms().get(affiliation.lower(), affiliation)
        return Speaker(
            actor.name, start, end, actor.id, affiliation, actor.role, self.id_of(affiliation)
        )

    def _allied_to(self, token: Token) -> str | None:
        """The side an unnamed speaker is said to be loyal or close to ("a media group loyal to
        X", "sources close to X"): the group, organisation or state the adjective's object
        names."""
        words = load_lexicon().allegiance_adjectives
        for adj in (c for c in token.children if c.lower_ in words and c.i > token.i):
            for obj in (g for p in adj.children if p.dep_ == "prep" for g in p.children):
                found = self.actor_at(*_extent(noun_phrase(obj))) if obj.dep_ == "pobj" else None
                if found is not None and found[2].kind != "person":
                    return self.short_name(found[2])
        return None

    def _names_given(self, token: Token) -> list[Token]:
        """The names a speaker's word is given by: appositions, the name hanging on the
        title's owner ("The governor of the X Region, NAME, said") or after a comma."""
        named = _apposed(token)
        if token.pos_ == "NOUN":  # "The governor of the X Region, NAME, said": NAME hangs on X
            owners = lexicon().owner_prepositions  # "of", "for"
            for prep in (c for c in token.children if c.lower_ in owners):
                for obj in (g for g in prep.children if title_of_owner(g) == token):
                    named += [a for a in obj.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            nxt = token.i + 2  # "Its spokesman, NAME, said" with NAME mis-parsed (not appos)
            if not named and nxt < len(token.doc) and token.doc[token.i + 1].text == ",":
                found = self.actor_at(token.doc[nxt].idx, token.doc[nxt].idx + 1)
                text = self.text
                if found and found[2].kind == "person" and text[found[1] : found[1] + 1] == ",":
                    named.append(token.doc[nxt])
        return named

    def _named_by(self, phrase: Span) -> tuple[int, int, Actor] | None:
        """The group or organisation a plural speaker's modifier names, in the words of an actor
        name or alias the text gives elsewhere ("Isis fighters said" → Isis)."""
        if phrase.root.tag_ not in ("NNS", "NNPS"):
            return None
        for tok in phrase:
            actor = self.by_alias.get(tok.text) if tok.dep_ == "compound" else None
            if actor is not None and actor.kind in ("group", "organisation"):
                return phrase.start_char, phrase.end_char, actor
        return None

    def _in_phrase(self, phrase: Span, token: Token) -> tuple[int, int, Actor] | None:
        """An actor named inside the speaker's phrase, by its modifier, or by 'its'."""
        found = self.actor_at(phrase.start_char, phrase.end_char) or self._named_by(phrase)
        return found or self._its_members(token)

    def _its_members(self, token: Token) -> tuple[int, int, Actor] | None:
        """'its members', 'their fighters' said: the group, organisation or state named last
        before, in this sentence or the one before."""
        owner = next((c for c in token.children if c.lower_ in _OWNERS), None)
        lex = lexicon()
        people = lex.group_nouns | lex.people_nouns | load_lexicon().member_words  # not villages
        if owner is None or token.tag_ not in ("NNS", "NNPS") or token.lemma_ not in people:
            return None
        sent = token.sent
        first = token.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        k = bisect.bisect_left(self._starts, owner.idx)
        for s, _e, actor in reversed(self.spans[:k]):
            if s < first:
                return None
            if actor.kind in ("group", "organisation", "state"):
                return owner.idx, token.idx + len(token.text), actor
        return None

    def _name_closing(self, token: Token) -> tuple[int, int, Actor] | None:
        """The person whose name closes a title phrase the parse headed by the title ("US
        Ambassador to the United Nations Samantha Power said": Power, not the title)."""
        if token.lower_ not in lexicon().roles:
            return None
        title_preps = load_lexicon().title_prepositions  # "Ambassador to the United Nations X"
        preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in title_preps]
        for name in (g for p in preps for g in p.children if g.dep_ == "pobj"):
            found = self.actor_at(name.idx, name.idx + 1) if name.pos_ == "PROPN" else None
            if found is not None and found[2].kind == "person":
                return found if found[1] == name.idx + len(name.text) else None
        return None

    def _person_side(self, actor: Actor, start: int, name_start: int) -> str | None:
        """A person's side: the body in the title before the name, the record's affiliation,
        else a title the parse headed at another mention."""
        found = self._body_in_title(start, name_start) or self._side(actor)
        return found or self._title_side(actor)

    def _title_side(self, actor: Actor) -> str | None:
        """The side a title the parse headed names for a person whose record has none ("US
        Ambassador to the United Nations X said …; she told"): read at any of its mentions."""
        if actor.id not in self._title_sides:
            side = None
            for mention in actor.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else None
                if root is None or root.dep_ != "pobj" or root.head.dep_ != "prep":
                    continue
                title = root.head.head
                if title.lower_ in lexicon().roles:
                    side = self._body_in_title(noun_phrase(title).start_char, mention.start)
                if side:
                    break
            self._title_sides[actor.id] = side
        return self._title_sides[actor.id]

    def _side(self, actor: Actor) -> str | None:
        """A person's affiliation as a side: the acronym of the organisation the actor record
        names in full ("Islamic State" → "IS" when the text uses it), or the state body the
        person speaks for where the record names the state ("the army's spokesman": the army)."""
        parent = self.by_name.get(self.bodies.get(actor.id) or actor.affiliation or "")
        return self.short_name(parent) if parent is not None else actor.affiliation

    def _body_in_title(self, start: int, end: int) -> str | None:
        """The organisation named in a speaker's title ("army spokesman X", "Pentagon press
        secretary X"): the body it speaks for, where the actor's affiliation may be the state
        that body serves (:func:`fogline.extract.actors.sides.state_served`)."""
        lo = bisect.bisect_left(self._starts, start)
        state = None
        for _s, e, actor in self.spans[lo : bisect.bisect_left(self._starts, end)]:
            unit = actor.code is None and is_unit_name(actor.name)  # "police": the state's
            posted = accredited_to(self.doc.char_span(_s, e, alignment_mode="expand").root)
            if e > end or unit or posted:
                continue
            if actor.kind == "organisation":
                return self.short_name(actor)
            if actor.kind == "state" and state is None:
                state = actor.name  # "US Ambassador to the UN X", "Syrian President X"
        return state


def _adjective_of_person(phrase: Span, hit: tuple[int, int, Actor], head: Token) -> bool:
    """The actor found in a speaker's phrase is only an adjective before a noun for a person
    ("An American journalist", "a Kurdish fighter"): the person speaks, not the actor."""
    lex = lexicon()
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lex.roles | lex.people_nouns:
        return False
    words = [t for t in phrase if hit[0] <= t.idx < hit[1]]
    return bool(words) and all(t.i < head.i and t.pos_ == "ADJ" for t in words)


def _extent(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _members_of(phrase: Span) -> str | None:
    """The body unnamed members belong to ("Members of Iraqi Parliament from X" → Iraqi
    Parliament): the proper name after 'of'."""
    head = phrase.root
    if head.lower_ not in load_lexicon().member_words:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"):
            words = [t for t in obj.subtree if t.i <= obj.i and t.dep_ != "det"]
            return phrase.doc[words[0].i : obj.i + 1].text if words else None
    return None


_BACK = 6  # sentences a definite statement noun looks back for the statement it names


def _author(document: Token) -> Token | None:
    """Who wrote a statement: its owner ("its statement"), its publisher ("a video uploaded by
    X"), or for "the message" the publisher of a statement of the last sentences ("A statement
    posted on a website used by Isis fighters said … “…,” the message read")."""
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    found = owner or _publisher(document)
    if found is not None or document.lemma_.lower() not in lexicon().document_nouns:
        return found
    doc, sent = document.doc, document.sent
    if document.i == 0 or doc[document.i - 1].lower_ not in _DEFINITE:
        return None
    first = sent.start
    for _ in range(_BACK):
        first = doc[first - 1].sent.start if first > 0 else first
    for tok in reversed(doc[first : document.i]):
        if tok.lemma_.lower() in lexicon().document_nouns:
            found = _publisher(tok)
            if found is not None:
                return found
    return None


def _publisher(document: Token) -> Token | None:
    """Who published a statement noun, read in its own phrase: "a video uploaded by a media
    group", "a statement posted on a website used by Isis fighters" (the first 'by' agent)."""
    frontier = [document]
    for _ in range(6):  # statement → posted → on → website → used → by
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in ("agent", "prep") and child.lower_ == "by":
                    agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if agent is not None and agent.pos_ in ("NOUN", "PROPN"):
                        return agent
                if child.dep_ in ("prep", "pobj", "relcl") or (
                    child.dep_ == "acl" and not _content_clause(child)
                ):
                    nxt.append(child)
        frontier = nxt
    return None


def _names_no_speaker(token: Token) -> bool:
    """A common noun that names nobody who could speak: a time ("Thursday"), a weapon or an
    event ("airstrikes"), an abstract noun ("death"); statements, outlets and the people,
    group and state nouns of the actors lexicon speak (borrowed from the events' doers)."""
    if token.ent_type_ in ("DATE", "TIME"):
        return token.lower_ != "old"  # "the 41-year-old added": an age names a person
    lex = lexicon()
    lemma = token.lemma_.lower()
    speakers = (lex.document_nouns, lex.media_nouns, lex.people_nouns, lex.group_nouns,
                lex.state_nouns, lex.units, lex.roles, lex.organisation_words)  # fmt: skip
    if any(lemma in words for words in speakers):
        return False
    if not names_no_agent(token, load_event_lexicon()):
        return False
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    # "a number of residents said": the residents speak
    return whole is None or whole.pos_ not in ("NOUN", "PROPN") or _names_no_speaker(whole)


def _content_clause(verb: Token) -> bool:
    """A noun's clause that says what the statement says ("reports that leaders were killed by
    airstrikes"), not how it was published ("a video uploaded by a media group")."""
    return any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in verb.children)


def _apposed(token: Token) -> list[Token]:
    """Names a speaker's noun is given by: its appositions, and the first member a plural
    names ("Other news organizations, including Agence France-Presse, reported")."""
    found = [c for c in token.children if c.dep_ == "appos"]
    if token.tag_ in ("NNS", "NNPS"):
        for prep in (c for c in token.children if c.lower_ in _EXAMPLES):
            found += [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"][:1]
    return found


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun speaks for ("…, who said": the antecedent), else ``token``."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ == "who" and token.i > 0:  # "disputed by X, however, who said"
        return _noun_before(token) or token
    if token.pos_ == "PRON" and token.lower_ in _PARTS:  # "Some of its members": the members
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        return whole if whole is not None and whole.pos_ in ("NOUN", "PROPN") else token
    return token


def _noun_before(who: Token) -> Token | None:
    """The noun a 'who' the parse attached to no noun refers to: the last noun before it, past
    commas and adverbs ("disputed by newspaper X, however, who said" → X)."""
    i = who.i - 1
    while i >= 0 and (who.doc[i].text == "," or who.doc[i].pos_ == "ADV"):
        i -= 1
    return who.doc[i] if i >= 0 and who.doc[i].pos_ in ("PROPN", "NOUN") else None


def _demonyms() -> Mapping[str, str]:
    """Nationality adjective → the state it names (the actors lexicon's demonyms)."""
    return lexicon().demonyms


def _nationality(doc: Doc, start: int, end: int) -> str | None:
    """The state an unnamed speaker's nationality adjective names ("Somali officials",
    "a senior Iraqi commander"), when the speaker's words are an office or a body of the
    state, not people at large ("Kurdish residents")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    words = {head.lemma_.lower(), head.lower_}
    if not words & (load_lexicon().state_speaker_words | lexicon().state_nouns):
        return None
    for tok in span:
        if tok.i < head.i and tok.dep_ in ("amod", "compound", "nmod") and tok.is_title:
            state = _demonyms().get(tok.lower_)
            if state:
                return state
    return None


def _without_article(phrase: Span) -> Span:
    if len(phrase) > 1 and phrase[0].lower_ in _DETERMINERS:
        return phrase[1:]
    return phrase


def _short_name(actor: Actor, text: str) -> str:
    if actor.kind != "state":
        for alias in sorted(actor.aliases, key=len):
            if _ACRONYM.match(alias) and word_in(text, alias):
                return alias
    return actor.name
