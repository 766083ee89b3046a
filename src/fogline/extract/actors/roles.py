"""Roles and affiliations of people from titles, appositions and 'of/at/with' phrases.

"Taliban spokesman X" and "X, the leader of the NRF" give a role and the organisation; "X of
the Crisis Group" and "X, a researcher at the Rift Valley Institute" give the organisation the
person speaks for. An organisation named there that is no actor yet ("think tank ISP-Myanmar")
becomes one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors.coreference import noun_phrase
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.words import grammar_words

if TYPE_CHECKING:
    from fogline.extract.actors.clusters import Cluster

NewOrg = Callable[[Span], "Cluster"]


def _role_tokens(tokens: Iterable[Token], roles: frozenset[str]) -> tuple[str, int] | None:
    """The longest role title ending at a token of ``tokens`` → (title, index of its last token)."""
    best: tuple[str, int] | None = None
    for t in tokens:
        lemma = t.lemma_.lower() if t.tag_ in ("NNS", "NNPS") else t.lower_
        if lemma not in roles and t.lower_ not in roles:
            continue
        start = t.i
        while start > 0 and " ".join([w.lower_ for w in t.doc[start - 1 : t.i]] + [lemma]) in roles:
            start -= 1
        if start > 0 and t.doc[start - 1].lower_ in lexicon().title_modifiers:
            start -= 1
        title = " ".join([w.lower_ for w in t.doc[start : t.i]] + [lemma])
        if best is None or len(title) > len(best[0]):
            best = (title, t.i)
    return best


def read_role(
    doc: Doc,
    span: Span,
    cluster: Cluster,
    by_token: dict[int, Cluster],
    roles: frozenset[str],
    new_org: NewOrg | None = None,
) -> None:
    """Role and affiliation from a title before the name, an apposition around it, or an
    'of/at/with' phrase after it ("X of the International Crisis Group")."""
    if cluster.role and cluster.affiliation:
        return
    before = []
    i = span.start - 1
    while i >= 0 and _attached(doc[i], span):
        before.append(doc[i])
        i -= 1
    before.reverse()
    found = _role_tokens(before, roles)
    if found:
        affiliation = _affiliation_before(doc, [t for t in before if t.i < found[1]], by_token)
        if any(t.lower_ in lexicon().former_words for t in before):
            affiliation = None  # "Former ALF commander X": no longer with them
        _set_role(cluster, found[0], affiliation)
    for other in _appositions(span):
        found = _role_tokens(_title_tokens(other), roles)
        if found:
            _set_role(cluster, found[0], _affiliation_of(doc[found[1]], by_token, new_org))
    if cluster.affiliation is None:
        cluster.affiliation = _organisation_run(span, by_token)
    if cluster.affiliation is None:
        for child in span.root.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in lexicon().membership_prepositions
                and child.i >= span.end
            ):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    org = _organisation(pobj, by_token, new_org)
                    if org is not None and org is not cluster:
                        cluster.affiliation = org
                        return


def _organisation_run(span: Span, by_token: dict[int, Cluster]) -> Cluster | None:
    """'X, who runs the Y' / 'X, who heads Y': the organisation X leads; 'X, who worked for
    Y': the organisation X works for."""
    lex = lexicon()
    for clause in span.root.children:
        if clause.dep_ != "relcl":
            continue
        lemma = clause.lemma_.lower()
        if lemma in lex.leadership_verbs:
            objects = [c for c in clause.children if c.dep_ == "dobj"]
        elif lemma in lex.employment_verbs:
            objects = [
                g
                for c in clause.children
                if c.dep_ == "prep" and c.lower_ in lex.employment_prepositions
                for g in c.children
                if g.dep_ == "pobj"
            ]
        else:
            continue
        for obj in objects:
            for t in (obj, *reversed(noun_phrase(obj))):
                found = by_token.get(t.i)
                if found is not None and found.kind in ("group", "organisation", "media"):
                    return found
    return None


def _organisation(
    token: Token, by_token: dict[int, Cluster], new_org: NewOrg | None
) -> Cluster | None:
    """The organisation a phrase names: its actor, or a new one for a proper name that no actor
    covers whole ("the think tank ISP-Myanmar": not the state in its name)."""
    chain = _proper_name(token)
    cluster = by_token.get(token.i)
    if cluster is not None and cluster.kind == "person":
        return None
    if cluster is not None and all(by_token.get(t.i) is cluster for t in chain):
        return cluster
    named = any(t.ent_type_ == "ORG" or t.i in by_token for t in chain)
    if new_org is not None and len(chain) >= 2 and named:
        return new_org(chain)
    return cluster


def _proper_name(token: Token) -> Span:
    """The capitalised words (and hyphens) that end in ``token`` and modify it."""
    doc = token.doc
    if token.pos_ != "PROPN":
        return doc[token.i : token.i]
    start = token.i
    while start > 0:
        prev = doc[start - 1]
        inside = prev.head.i == token.i or prev.head.i >= start
        if inside and (prev.pos_ == "PROPN" or prev.tag_ == "HYPH") and not prev.is_space:
            start -= 1
            continue
        break
    while doc[start].tag_ == "HYPH":
        start += 1
    return doc[start : token.i + 1]


def _attached(token: Token, span: Span) -> bool:
    """True when ``token`` (left of ``span``) belongs to the noun phrase headed inside it."""
    if token.text in ",;:–—" or token.dep_ in ("det", "case") and token.i < span.start - 6:
        return False
    head = token
    for _ in range(8):
        if span.start <= head.head.i < span.end:
            return True
        nxt = head.head
        if nxt.i < span.start - 12 or nxt.i >= span.end or nxt.i == head.i or nxt.is_sent_start:
            return False
        if nxt.pos_ in ("VERB", "AUX"):
            return False
        head = nxt
    return False


def _set_role(cluster: Cluster, role: str, affiliation: Cluster | None) -> None:
    cluster.role = cluster.role or role
    cluster.titles.add(role)  # "General X, a commander of Y": later "the commander" is X
    former = role.startswith(tuple(lexicon().former_words))
    if affiliation is not None and affiliation is not cluster and not former:
        cluster.affiliation = cluster.affiliation or affiliation


def _title_tokens(head: Token) -> list[Token]:
    """The title words of an apposition: its head and modifiers, or 'one of <title>'."""
    if head.lower_ in lexicon().partitive_heads or head.pos_ == "NUM":
        heads = [g for c in head.children if c.lower_ == "of" for g in c.children]
        head = heads[0] if heads else head
    return [*(c for c in head.lefts if c.dep_ in ("amod", "compound")), head]


def _appositions(span: Span) -> list[Token]:
    root = span.root
    found = [c for c in root.children if c.dep_ == "appos"]
    verb = root.head  # "X is the spiritual leader of Y": the title a copula gives the subject
    if (
        root.dep_ == "nsubj"
        and verb.lemma_ == "be"
        and not any(c.dep_ == "neg" for c in verb.children)
    ):
        found += [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    if root.dep_ == "appos":
        found.append(root.head)
        title = title_of_owner(root.head)
        if title is not None:  # "the governor of the X Region, NAME": the parse hangs NAME on X
            found.append(title)
    return found


def title_of_owner(token: Token) -> Token | None:
    """The title noun whose 'of/for' object ``token`` is ("governor" for "the governor of the
    North-West Region"), when ``token`` names no person; else None."""
    prep = token.head
    if (
        token.dep_ != "pobj"
        or prep.lower_ not in lexicon().owner_prepositions
        or prep.dep_ != "prep"
    ):
        return None
    title = prep.head
    if title.pos_ != "NOUN" or token.ent_type_ == "PERSON":
        return None
    return title


def _affiliation_before(
    doc: Doc, tokens: list[Token], by_token: dict[int, Cluster]
) -> Cluster | None:
    for t in reversed(tokens):
        if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "anti":
            return None
        if t.lower_.startswith("anti"):
            return None
        if accredited_to(t):
            continue  # "US Ambassador to the United Nations X": the UN is his post, not his side
        cluster = by_token.get(t.i)
        if cluster is not None and cluster.kind != "person":
            return cluster
    return None


def accredited_to(token: Token) -> bool:
    """True for a word inside a 'to' phrase of a title ("envoy to the United Nations")."""
    head = token
    for _ in range(4):
        if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.dep_ == "prep":
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _affiliation_of(
    role: Token, by_token: dict[int, Cluster], new_org: NewOrg | None = None
) -> Cluster | None:
    """'leader of the NRF', 'the Taliban's commanders', 'NRF spokesman', 'one of X's leaders';
    an organisation after 'of/for/at/with' wins over a place or topic before the title ("a
    Syria analyst at the Middle East Institute")."""
    owners: list[Token] = []
    members: list[Token] = []
    modifiers: list[Token] = []
    places: list[Token] = []
    for child in role.children:
        if child.dep_ == "poss":
            owners.append(child)
        elif child.dep_ == "prep" and child.lower_ in lexicon().affiliation_prepositions:
            members.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "in":
            places.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("compound", "nmod", "amod"):
            modifiers.append(child)
    named = _named_body(modifiers, by_token)  # "HRW deputy director for the Africa Division"
    for cand in owners + members:
        org = _organisation(cand, by_token, None if named else new_org)
        if org is None and (
            cand.lower_ in grammar_words("nonpersonal_possessives") or _descriptor(cand)
        ):
            org = _antecedent_body(cand, by_token)  # "the LNA …, its spokesman, X"
        if org is not None and (named is None or org.entry is not None or cand in owners):
            return org
    if named is not None:
        return named
    for cand in owners + members + modifiers + places:
        for t in (cand, *reversed(noun_phrase(cand))):  # "Turkey's pro-Kurdish HDP party"
            cluster = by_token.get(t.i)
            if cluster is not None and cluster.kind != "person":
                if t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "anti":
                    continue
                _owner_state(cluster, cand, by_token)
                return cluster
    return None


def _owner_state(cluster: Cluster, head: Token, by_token: dict[int, Cluster]) -> None:
    """A body the dictionary lacks, owned by a state in its phrase ("Ukraine's Khortytsia group
    of forces"): that state is its affiliation."""
    if cluster.entry is not None or cluster.affiliation is not None or cluster.kind == "state":
        return
    for owner in (c for c in head.children if c.dep_ == "poss"):
        state = by_token.get(owner.i)
        if state is not None and state.kind == "state":
            cluster.affiliation = state
            return


def _descriptor(owner: Token) -> bool:
    """True for a definite group noun owning a title ("the group's spokesman")."""
    definite = any(
        c.dep_ == "det" and c.lower_ in grammar_words("definite_determiners")
        for c in owner.children
    )
    return definite and owner.lemma_.lower() in lexicon().group_nouns


def _named_body(modifiers: list[Token], by_token: dict[int, Cluster]) -> Cluster | None:
    """A group or organisation (not a state or place) named in the title's own modifiers."""
    for cand in modifiers:
        for t in (cand, *reversed(noun_phrase(cand))):
            cluster = by_token.get(t.i)
            if _anti(t):
                return None  # "the anti-ALF commander"
            if cluster is not None and cluster.kind in ("group", "organisation", "media"):
                return cluster
    return None


def _anti(token: Token) -> bool:
    """True for a name written against ("anti-ALF", "antiterror")."""
    doc = token.doc
    dashed = token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "anti"
    return dashed or token.lower_.startswith("anti")


def self_named(token: Token) -> Token | None:
    """The name in "X who identified himself as NAME" / "X calling himself NAME", if any."""
    for clause in token.children:
        if (
            clause.dep_ not in ("relcl", "acl")
            or clause.lemma_.lower() not in lexicon().self_naming_verbs
        ):
            continue
        if not any(c.lower_.endswith(("self", "selves")) for c in clause.children):
            continue
        for c in clause.children:
            if c.dep_ == "oprd" and c.pos_ == "PROPN":
                return c
            if c.dep_ == "prep" and c.lower_ == "as":
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "PROPN":
                    return obj
    return None


def _antecedent_body(pronoun: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """The body a possessive 'its/their' refers to: the nearest group, organisation or state
    named before it in its sentence or the one before."""
    doc = pronoun.doc
    first = pronoun.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    for i in range(pronoun.i - 1, first - 1, -1):
        cluster = by_token.get(i)
        if cluster is not None and cluster.kind in ("group", "organisation", "state"):
            return cluster
    return None
