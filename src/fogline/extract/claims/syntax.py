"""Dependency-parse helpers: the arguments of a verb or noun, negation, and plural nouns.

Shared by the proposition reader and the clause, blame and stance modules of the claims
extractor. Dependency labels and tags are spaCy's English scheme (ClearNLP); the words come
from the claims lexicon.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from spacy.tokens import Token

from fogline.extract.claims.lexicon import ClaimLexicon

#: dependencies that start a clause, not part of a noun phrase
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis", "conj", "appos", "xcomp"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it is coordinated with or depends on."""
    cur = verb
    for _ in range(3):
        subjects = [c for c in cur.children if c.dep_ == "nsubj"]
        if subjects:  # the nearest: a dateline parsed as a second subject is farther
            return min(subjects, key=lambda c: abs(c.i - cur.i))
        if cur.dep_ in ("conj", "xcomp") and cur.head != cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            cur = cur.head.head  # "X took the base before withdrawing": X withdrew
            continue
        if (
            cur.dep_ == "advcl"
            and cur.tag_ == "VBG"
            and not any(c.dep_ == "mark" for c in cur.children)
        ):
            cur = cur.head  # "X shelled the market, killing five": X killed
            continue
        if cur.dep_ in ("relcl", "acl") and cur.tag_ == "VBG":
            return cur.head  # "fighters attacking the town" (a past participle's head is
            # its patient: "six people killed")
        break
    return None


def passive_patient(verb: Token) -> Token | None:
    """The passive subject of a verb, if it has one."""
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    if verb.dep_ == "conj" and (
        any(c.dep_ == "auxpass" for c in verb.children) or shares_passive(verb)
    ):
        return passive_patient(verb.head)
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    # "were captured and killed by X": the last conjunct's "by X" serves both
    shared = next((c for c in verb.children if c.dep_ == "conj" and shares_passive(c)), None)
    return agent_of(shared) if shared is not None else None


def is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice (or a bare participle coordinated with one)."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or shares_passive(verb)


def shares_passive(verb: Token) -> bool:
    """A bare participle coordinated with a passive: "killed" in "were captured and killed"."""
    own = ("nsubj", "nsubjpass", "aux", "auxpass")
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and verb.head != verb
        and not any(c.dep_ in own for c in verb.children)
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children)
    )


def prep_object(token: Token, preps: Collection[str]) -> Token | None:
    """The object of the first preposition child in ``preps`` ("out of" counts as "of")."""
    for c in token.children:
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:  # "out of X": prt "out", prep "of" under it or beside it
                for g in c.children:
                    if g.dep_ == "prep":
                        obj = next((h for h in g.children if h.dep_ == "pobj"), obj)
            if obj is not None:
                return obj
    return None


def negated(token: Token, lex: ClaimLexicon) -> bool:
    """A "not"/"never" on the token or its auxiliaries, or "no" on its patient."""
    adverbs = lex.grammar["negative_adverbs"]
    pronouns = lex.grammar["negative_pronouns"]
    for c in token.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in adverbs):
            return True
        if c.dep_ in ("nsubjpass", "dobj") and (
            c.lower_ in pronouns or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            return True
    return False


def plural(token: Token, lex: ClaimLexicon) -> str:
    """ "soldier" → "soldiers": the object of a claim about people, as a class."""
    lemma = token.lemma_.lower()
    if lemma in lex.unchanged_plurals or lemma.endswith("s"):
        return lemma
    if lemma.endswith("man") and lemma not in lex.not_man_compounds:
        return lemma[:-3] + "men"  # "serviceman", "gunman", "policeman"
    if lemma.endswith("y") and lemma[-2:-1] not in lex.vowels_before_y:
        return lemma[:-1] + "ies"  # "family" -> "families", "party" -> "parties"
    return lex.irregular_plurals.get(lemma, lemma + "s")


def dobj(tok: Token) -> Token | None:
    """The direct object (or attribute) of ``tok``."""
    return next((c for c in tok.children if c.dep_ in ("dobj", "attr")), None)


def objects(tok: Token, lex: ClaimLexicon) -> Iterator[Token]:
    """Direct objects and prepositional objects ("in control"), and their coordinated nouns."""
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "acomp"):
            yield c
        elif c.dep_ == "prep" and c.lower_ in lex.preps["objects"]:
            yield from (g for g in c.children if g.dep_ == "pobj")


def phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase of ``token`` with its of/in complements, without clauses."""
    out = [token]
    stack = list(token.children)
    while stack:
        t = stack.pop()
        if t.dep_ in _CLAUSES or t.dep_ == "punct":
            continue
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def negated_verb(verb: Token) -> bool:
    """Is the verb (or the word it is governed by) negated: "could not confirm", "has not
    been able to confirm", "no source has confirmed it", "unable to verify"?"""
    cur = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if any(
            c.dep_ == "nsubj" and any(d.lower_ == "no" for d in c.children) for c in cur.children
        ):
            return True
        if cur.lemma_.lower() == "unable":
            return True
        if cur.dep_ in ("xcomp", "acomp") and cur.head != cur:
            cur = cur.head
            continue
        break
    return False


def counted(token: Token, lex: ClaimLexicon) -> Token:
    """The people a count word counts ("a number of residents": residents), else the token."""
    if token.lemma_.lower() not in lex.count_heads and token.lower_ not in lex.count_heads:
        return token
    return prep_object(token, ("of",)) or token


def small_clause_passive(verb: Token, lex: ClaimLexicon) -> bool:
    """A participle with a subject but no auxiliary or object, the complement of "see",
    "leave", "find" ("the attack saw some 40 women abducted"): passive, its subject the
    patient."""
    return (
        verb.dep_ in ("ccomp", "oprd", "xcomp")
        and verb.tag_ in ("VBN", "VBD")
        and verb.head.lemma_.lower() in lex.small_clause_heads
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and not any(c.dep_ == "dobj" and not _after_dash(c, verb) for c in verb.children)
    )


def _after_dash(tok: Token, verb: Token) -> bool:
    """Is ``tok`` set off from ``verb`` by a dash ("saw 40 women abducted – an established
    tactic"): a comment on the clause, not its object?"""
    between = tok.doc[verb.i + 1 : tok.i]
    return any(t.text in ("–", "—", "--") for t in between)


def member_subject(group: Token, member_preps: frozenset[str]) -> Token | None:
    """ "X was among the dead / those killed": the subject X of the clause that counts it in
    the group (``group``: "dead", "those"), else None."""
    prep = group.head
    if group.dep_ != "pobj" or prep.lower_ not in member_preps:
        return None
    verb = prep.head
    return subject_of(verb) if verb.pos_ in ("AUX", "VERB") else None


def under_irrealis(tok: Token, heads: frozenset[str]) -> bool:
    """The clause of ``tok`` is the content of a fear, hope or risk ("fears of being
    arrested", "residents fear the militants took the town"), up to three clauses up."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "acl", "pcomp", "xcomp") or cur.head == cur:
            return False
        head = cur.head.head if cur.dep_ == "pcomp" else cur.head  # "fears of being …"
        if head.lemma_.lower() in heads:
            return True
        cur = head
    return False


def misparsed_subject(verb: Token, names_actor: Callable[[Token], bool]) -> Token | None:
    """An all-capital auxiliary before ``verb`` that names an actor: the parser read the
    acronym "IS" (Islamic State) of "IS has seized the town" as the verb "is"; it is the
    subject. None when the clause has a subject of its own."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for c in verb.children:
        if c.i < verb.i and c.dep_ in ("aux", "auxpass") and c.is_upper and len(c.text) > 1:
            return c if names_actor(c) else None
    return None


def reduced_passive(verb: Token) -> bool:
    """ "X is believed one of six people killed when …": a bare past participle with a
    subject, no auxiliary and no object is a reduced passive the parser read as active (its
    subject is the patient)."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("ccomp", "xcomp"):
        return False
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and not deps & {"aux", "auxpass", "dobj", "nsubjpass"}
