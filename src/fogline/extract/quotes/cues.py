"""Attribution cues (reporting verbs, "according to") with their speaker and channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors.lexicon import Lexicon, lexicon
from fogline.extract.quotes.fronted import fronted_speech
from fogline.extract.quotes.lexicon import load_lexicon
from fogline.extract.spans import entity_of
from fogline.extract.words import grammar_words

_SUBJECTS = ("nsubj", "nsubjpass")
_NEVER = grammar_words("negative_adverbs")
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep", "acl")


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb or phrase outside direct quotes, and the token naming its speaker."""

    token: Token  # the verb, or "according"
    start: int
    end: int
    speaker: Token | None
    content: Span | None  # the reported clause (indirect speech), when there is one


def find_cues(doc: Doc, in_quote: Callable[[int], bool]) -> list[Cue]:
    """Every attribution cue of ``doc`` outside direct quotes, in text order."""
    lex = lexicon()
    cues = []
    for token in doc:
        if in_quote(token.idx):
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            to = next(c for c in token.children if c.lower_ == "to")
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            end = to.idx + len(to.text)
            cues.append(Cue(token, token.idx, end, obj, _according_content(token)))
        elif (token.pos_ in ("VERB", "AUX") or _verb_read_as_noun(token)) and _is_cue_verb(
            token, lex
        ):
            if _part_of_name(token):
                continue  # "Brigadier General Said Al-Saudi told …": "Said" is a name
            if (token.dep_ in ("amod", "compound") and not _after_quote(token, in_quote)) or (
                token.tag_ == "VBN" and not _has_aux(token) and not _active_subject(token)
            ):
                continue  # "the stated aim", "a reported attack"; "X boasted" tagged VBN speaks
            content = _reported_clause(token, in_quote) or _appeal(token)
            speaker = subject_of(token, in_quote) or adjacent_subject(token, in_quote)
            speaker, content = _fronted(token, in_quote, speaker, content)
            if _negated(token):
                content = None  # "officials have not confirmed X": nobody said X
            if speaker is not None and _expletive(speaker):
                speaker = None  # "it is claimed that X": nobody is named
            content = _without_speaker(content, speaker, token)
            cues.append(Cue(token, token.idx, token.idx + len(token.text), speaker, content))
    return cues


def _fronted(
    verb: Token, in_quote: Callable[[int], bool], speaker: Token | None, content: Span | None
) -> tuple[Token | None, Span | None]:
    """Speaker and content of "Content, X said." when the parse gave no content, no speaker, or
    a speaker inside the fronted content (the subject of a clause the verb hangs off)."""
    if content is not None and content.start > verb.i:
        return speaker, content
    if verb.dep_ == "relcl":
        return speaker, content  # "the massacre that claimed 67 lives": no attribution
    found = fronted_speech(verb, in_quote, pick_nominal)
    if found is None:
        return speaker, content
    f_speaker, f_content = found
    if speaker is None or (content is None and f_content.start <= speaker.i < f_content.end):
        speaker = f_speaker
    return speaker, content or f_content


def _without_speaker(content: Span | None, speaker: Token | None, verb: Token) -> Span | None:
    """The reported words end before their speaker ("X fell into their hands, the Observatory
    said": the parse may hang the attribution inside the clause it reports), or start after
    the verb when nothing is left before ("planes, which witnesses said appeared to be ...")."""
    if content is None or speaker is None or not content.start < speaker.i < content.end:
        return content
    doc = content.doc
    before = _trim_clause(doc[content.start : speaker.left_edge.i])
    if before is not None or verb.i + 1 >= content.end:
        return before
    return _trim_clause(doc[verb.i + 1 : content.end])


def _expletive(subject: Token) -> bool:
    """The empty 'it' of a passive reporting verb ("it is claimed that", "it was reported")."""
    return subject.lower_ == "it" and subject.dep_ == "nsubjpass"


def _negated(verb: Token) -> bool:
    """A reporting verb said not to have happened: "have not confirmed", "never said"."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEVER) for c in verb.children
    )


def _verb_read_as_noun(token: Token) -> bool:
    """A reporting verb the tagger read as a noun though it has a subject and a clausal
    complement ("Members of Parliament report that …", "“…,” the message read")."""
    deps = {c.dep_ for c in token.children}
    if token.pos_ != "NOUN" or "ccomp" not in deps:
        return False
    return "nsubj" in deps or (token.dep_ == "ROOT" and "compound" in deps)  # "the message read"


def _after_quote(token: Token, in_quote: Callable[[int], bool]) -> bool:
    """True for a word right after a closing quote and its comma ("‘…,’ added X"): a verb the
    parse read as a modifier of the speaker's name."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].text in (",", ";"):
        i -= 1
    return i >= 0 and (doc[i].is_quote or in_quote(doc[i].idx))


def _part_of_name(token: Token) -> bool:
    """A capitalised word inside a person's name, not opening its sentence."""
    return token.ent_type_ == "PERSON" and token.is_title and not token.is_sent_start


def _appeal(verb: Token) -> Span | None:
    """What an appeal asks for: "called on Muslims to kill …" → "kill …" (its xcomp); the
    appeal verbs and the prepositions naming their addressee are the quotes lexicon's."""
    preps = load_lexicon().appeal_verbs.get(verb.lemma_.lower())
    if preps is None:
        return None
    if preps and not any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children):
        return None
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if comp is None:
        return None
    return _trim_clause(verb.doc[comp.i : comp.right_edge.i + 1])


def _appealed_to(verb: Token) -> bool:
    """'called on all sides for «…»': an appeal to someone (not 'called on Sunday')."""
    preps = load_lexicon().appeal_verbs.get(verb.lemma_.lower()) or ()
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        if any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in prep.children):
            return True
    return False


def _is_cue_verb(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if lemma in lex.cue_verbs:
        return True
    if lemma in load_lexicon().appeal_verbs and (_appeal(token) is not None or _appealed_to(token)):
        return True
    if lemma not in lex.document_verbs:
        return False
    subjects = _SUBJECTS + (("compound",) if token.pos_ == "NOUN" else ())
    subject = next((c for c in token.children if c.dep_ in subjects), None)
    return subject is not None and subject.lemma_.lower() in lex.document_nouns


def _active_subject(token: Token) -> bool:
    return any(c.dep_ == "nsubj" and any(ch.isalnum() for ch in c.text) for c in token.children)


def _has_aux(token: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in token.children)


def subject_of(verb: Token, in_quote: Callable[[int], bool] | None = None) -> Token | None:
    """The subject a reporting verb speaks for, climbing 'adding that', 'tweeting', 'as saying'.

    A subject inside a direct quote is a misparse of the quote and is skipped.
    """
    current = verb
    for _ in range(4):
        found = [
            child
            for child in current.children
            if child.dep_ in _SUBJECTS
            and not (in_quote and in_quote(child.idx))
            and any(ch.isalnum() for ch in child.text)  # a dash parsed as subject is not
        ]
        if len(found) > 1 and found[-1].i < current.i:  # "In her paper, the X Courier, Ann
            after = found[0].right_edge.i + 1  # said": the first, set off by a comma, is an
            if after < len(verb.doc) and verb.doc[after].text == ",":  # apposition
                return found[-1]
        if found:
            return found[0]
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return None
        came = current.dep_
        current = current.head
        if came == "acl" and current.dep_ == "dobj":  # "revised its reporting to say that"
            current = current.head
        if current.dep_ == "prep" and current.head.i != current.i:  # "as saying", "by saying"
            current = current.head
    return None


_NOMINAL = ("NOUN", "PROPN", "PRON")
_NAME_ENTS = ("PERSON", "ORG", "NORP", "GPE")
_STOP_PUNCT = {",", ".", ";", ":", "(", "?", "!", "--", "—", "–", "―"}
_WINDOW = 20


def adjacent_subject(verb: Token, in_quote: Callable[[int], bool]) -> Token | None:
    """The speaker of a reporting verb next to a quote when the parse gave none outside it.

    The small parser often attaches a quote's own words to the verb after it, or leaves the
    speaker of "‘…,’ said X, head of Y" as an object. Word order decides then: the noun phrase
    between the closing quote mark and the verb ("‘…,’ Rep. X (D-Ohio) said"), else the one
    right after a verb that follows the quote ("‘…,’ said X"). A person or organisation name
    in the phrase is preferred to the first noun.
    """
    doc = verb.doc
    left: list[Token] = []
    i = verb.i - 1
    while i >= 0 and len(left) <= _WINDOW:
        tok = doc[i]
        if in_quote(tok.idx) or tok.is_quote or tok.is_sent_end:
            break
        left.append(tok)
        i -= 1
    after_quote = i >= 0 and (doc[i].is_quote or in_quote(doc[i].idx))
    left.reverse()
    words = [t for t in left if not t.is_punct]
    if after_quote and len(words) == 1 and words[0].is_title and not words[0].is_sent_start:
        return words[0]  # "‘…,’ Nor said": a name whatever the tagger made of it
    if after_quote and left and len(left) <= _WINDOW and _noun_phrase_only(left):
        picked = pick_nominal(left)
        if picked is not None:
            return picked
    if not (after_quote and not [t for t in left if not t.is_punct]):
        return None
    right: list[Token] = []
    for tok in doc[verb.i + 1 : verb.i + 1 + _WINDOW]:
        if tok.text in _STOP_PUNCT or tok.is_quote or in_quote(tok.idx) or tok.pos_ == "ADP":
            break
        right.append(tok)
    return pick_nominal(right)


def _noun_phrase_only(tokens: list[Token]) -> bool:
    """True when ``tokens`` read as a noun phrase (with appositions), not a clause."""
    if tokens[0].pos_ in ("ADP", "SCONJ", "ADV", "CCONJ"):
        return False
    return not any(t.pos_ in ("VERB", "AUX", "SCONJ") and not t.ent_type_ for t in tokens)


def pick_nominal(tokens: list[Token]) -> Token | None:
    """The head of the first name (else noun phrase) among ``tokens``; dates never speak."""
    inside = {t.i for t in tokens}
    names = [t for t in tokens if t.ent_type_ in _NAME_ENTS and t.pos_ in ("PROPN", "NOUN")]
    names.sort(key=lambda t: _NAME_ENTS.index(t.ent_type_))  # a person before a place
    for tok in names[:1]:
        ent = entity_of(tok)
        if ent is not None and ent.root.i in inside:
            return ent.root
        return tok
    for tok in tokens:
        if tok.pos_ in _NOMINAL and tok.ent_type_ not in ("DATE", "TIME"):
            head = tok
            while head.dep_ in ("compound", "amod", "poss", "nmod", "det") and (
                head.head.i in inside and head.head.i > head.i
            ):
                head = head.head
            return head
    return None


def _reported_clause(verb: Token, in_quote: Callable[[int], bool]) -> Span | None:
    """The clausal complement of a reporting verb, without 'that' and end punctuation."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and not _part_of_name(c)), None)
    if comp is None:  # "said in a statement that …": the clause hangs off the channel noun
        objects = [g for c in verb.children if c.dep_ == "prep" for g in c.children]
        objects += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        comp = next(
            (c for g in objects for c in g.children if _that_clause(c)),
            None,
        )
    if comp is None or _claimed_by_a_later_clause(verb, comp):
        return None
    end = comp.right_edge.i
    for other in verb.children:  # "suggesting the person detained was his ex-wife": the parse
        if other.dep_ == "ccomp" and other.i > comp.i:  # splits one clause into two ccomps
            end = max(end, other.right_edge.i)
    return _trim_clause(comp.doc[comp.left_edge.i : end + 1])


def _claimed_by_a_later_clause(verb: Token, comp: Token) -> bool:
    """A complement the parse hung on the reporting verb across a clause of its own ("it
    announced a deal, raising hopes among the families that their daughters would be freed":
    the hopes, not the announcement, hold the 'that' clause)."""
    first = comp.left_edge.i
    return any(
        c.dep_ in ("advcl", "conj") and c.pos_ == "VERB" and verb.i < c.i < first
        for c in verb.children
    )


def _that_clause(clause: Token) -> bool:
    """A 'that' clause on an object of the verb: marked by 'that', or read as a relative clause
    whose 'that' cannot be its object ("acknowledged for the first time that a raid had sought
    to rescue him": the clause has its own subject and complement)."""
    if clause.dep_ not in ("acl", "ccomp", "relcl"):
        return False
    if any(m.lower_ == "that" and m.dep_ == "mark" for m in clause.children):
        return True
    first = clause.doc[clause.left_edge.i]
    if clause.dep_ != "relcl" or first.lower_ != "that" or first.dep_ != "dobj":
        return False
    deps = {c.dep_ for c in clause.children if c.i != first.i}
    return "nsubj" in deps and bool(deps & {"xcomp", "ccomp", "dobj", "attr", "acomp"})


def _according_content(according: Token) -> Span | None:
    head = according.head
    if head.i == according.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if according.i > head.i:
        right = according.left_edge.i - 1
    else:
        left = according.right_edge.i + 1
    if right <= left:
        return None
    return _trim_clause(doc[left : right + 1])


def _trim_clause(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
    if start < end - 1 and start == span.start and doc[start].lower_ == "that":
        start += 1  # "that" read as a relative pronoun (:func:`_that_clause`)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def channel_of(cue: Cue, exclude: tuple[int, int] | None) -> str | None:  # noqa: C901 - cases in order
    """The channel of a cue: 'told <outlet>' gives the outlet, else a trigger near the cue."""
    channels = load_lexicon().channels
    verb = cue.token
    if verb.lemma_ == "tell":
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
                start = child.left_edge.i
                if child.doc[start].lower_ == "the" and child.doc[start].text != "The":
                    start += 1
                return child.doc[start : child.i + 1].text
            if child.dep_ in ("dobj", "dative") and _media_noun(child):
                named = _outlet_name(child)  # "told the public broadcaster Suspilne"
                if named:
                    return named
    scope = _channel_scope(verb)
    who = cue.speaker  # "Press TV claimed": an outlet that speaks is no channel of its own words
    own = {who.i, *(c.i for c in who.lefts if c.dep_ == "compound")} if who is not None else set()
    for token in scope:  # "on state television RTB", "its Amaq news agency", "Radio Andalus"
        if (exclude is not None and exclude[0] <= token.idx < exclude[1]) or token.i in own:
            continue
        if _media_noun(token):
            named = _outlet_name(token)
            if named:
                return named
    outlet = _outlet_after_verb(verb, scope, exclude)
    if outlet:
        return outlet
    words = [verb, *scope]
    if cue.speaker is not None:
        words.extend(cue.speaker.subtree)
    lowered = {t.lower_ for t in words if exclude is None or not exclude[0] <= t.idx < exclude[1]}
    lowered |= {t.lemma_.lower() for t in words}
    text = " ".join(t.lower_ for t in words)
    for name, triggers in channels:
        for trigger in triggers:
            if (" " in trigger and trigger in text) or trigger in lowered:
                return name
    return None


def _outlet_after_verb(
    verb: Token, scope: list[Token], exclude: tuple[int, int] | None
) -> str | None:
    """The outlet named after a verb of publishing or reaching: "a statement read on CRTV",
    "when contacted by The Salween Post", "carried by AZERTAC"; a social network so named
    ("posted on Facebook") gives that channel's name. The verbs and prepositions are the
    quotes lexicon's."""
    lex = load_lexicon()
    clauses = [verb] if verb.dep_ not in ("advcl", "xcomp", "conj") else [verb, verb.head]
    candidates = [t for t in scope if t.lemma_.lower() in lex.outlet_verbs]
    for clause in clauses:  # "declined to confirm it when contacted by X, saying ..."
        candidates += [t for t in clause.subtree if t.dep_ == "advcl" and _own(t, clause)]
    for word in candidates:
        if word.lemma_.lower() not in lex.outlet_verbs:
            continue
        for prep in word.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in lex.outlet_prepositions:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or not _is_name(obj):
                    continue
                if exclude is not None and exclude[0] <= obj.idx < exclude[1]:
                    continue
                name = _name_ending_at(obj)
                for channel, triggers in lex.channels:
                    if name.lower() in triggers:
                        return channel
                the = obj.doc[obj.left_edge.i]
                return f"The {name}" if the.text == "The" and the.i < obj.i else name
    return None


def _own(token: Token, clause: Token) -> bool:
    """True when ``token`` belongs to ``clause`` itself, not to a clause it reports."""
    for ancestor in token.ancestors:
        if ancestor.i == clause.i:
            return True
        if ancestor.dep_ in ("ccomp", "parataxis", "relcl"):
            return False
    return False


def _channel_scope(verb: Token) -> list[Token]:
    """Tokens of the verb's own modifiers ('in a Facebook post', 'on Twitter'), not its clause."""
    scope = []
    for child in verb.children:
        if child.dep_ in ("prep", "npadvmod", "advmod", "agent", "nsubj", "nsubjpass", "dobj"):
            scope.extend(child.subtree)
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp", "conj") and head.i != verb.i:
        for child in head.children:
            if child.dep_ == "prep" and child.i < verb.i:
                scope.extend(child.subtree)
    return scope


def _media_noun(token: Token) -> bool:
    """True for a noun naming an outlet ("broadcaster", "news agency", "Radio" in a name)."""
    nouns = lexicon().media_nouns
    lemma = token.lemma_.lower()
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return lemma in nouns or f"{before} {lemma}" in nouns


def _outlet_name(noun: Token) -> str | None:
    """The proper name a media noun introduces or belongs to: "television RTB" (the noun
    modifies the name), "broadcaster Suspilne" (the name in apposition), "Amaq news agency"
    (the name modifies the noun), "Radio Andalus" (the noun is part of the name)."""
    doc = noun.doc
    if _is_name(noun) and noun.dep_ == "compound" and _is_name(noun.head):
        return _name_ending_at(noun.head)
    if noun.dep_ == "compound" and _is_name(noun.head):
        return _name_ending_at(noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and _is_name(child):
            return _name_ending_at(child)
    names = [c for c in noun.lefts if c.dep_ == "compound" and _is_name(c)]
    if names:
        return _name_ending_at(names[-1])
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and _is_name(nxt) and nxt.dep_ in ("appos", "compound"):
        return _name_ending_at(nxt)
    return None


def _name_ending_at(token: Token) -> str:
    doc = token.doc
    start = token.i
    while start > 0:
        if _is_name(doc[start - 1]):
            start -= 1
        elif start > 1 and doc[start - 1].text == "-" and _is_name(doc[start - 2]):
            if doc[start - 2].whitespace_ or doc[start - 1].whitespace_:
                break
            start -= 2  # "Al-Wasat", "Radio-Canada"
        else:
            break
    return doc[start : token.i + 1].text


def _is_name(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence ("ORTM" tagged as a noun)."""
    if token.pos_ == "PROPN":
        return token.text[:1].isupper()
    return token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_sent_start
