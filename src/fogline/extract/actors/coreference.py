"""Within-document reference resolution for speakers and actors (salience, no model).

A subject pronoun ("he", "they", "it"), a definite description ("the group", "the militants",
"the spokesman") or a statement noun ("the statement", "the group's account") is resolved to the
most recent compatible actor mentioned outside direct quotes, preferring subjects of the last
few sentences. Descriptions with modifiers ("the Islamist group", "resistance forces") prefer
actors whose name or dictionary descriptors share those words. Unnamed speakers ("witnesses",
"a spokesman for the NRF") become actors of their own.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors.gender import actor_gender, pronoun_gender
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.words import grammar_words
from fogline.textnorm import fold

if TYPE_CHECKING:
    from fogline.extract.actors.clusters import Cluster, Ref

SUBJECT = {"nsubj", "nsubjpass"}  # spaCy subject dependencies, for all of actors
_GROUPISH = {"group", "organisation", "state"}
_WINDOW = 3  # sentences in which a subject antecedent is preferred
_MAX_BACK = 12  # sentences beyond which nothing is resolved


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: modifiers and 'for/of/from/at' phrases, no clauses."""
    doc, lex = token.doc, lexicon()
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod"):
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in lex.phrase_prepositions:
            right = max(right, child.right_edge.i)
    for k in range(token.i + 1, right + 1):  # "a teacher in X, who asked ...": no clause
        if doc[k].text in (",", "(", ";", "—", "–") or doc[k].dep_ == "relcl":
            right = k - 1
            break
    inclusive = grammar_words("inclusive_determiners")  # "both", "all"
    while left < token.i and (
        doc[left].is_punct or doc[left].is_space or doc[left].lower_ in inclusive
    ):
        left += 1
    while right > token.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


def is_cue_head(token: Token) -> bool:
    """True when ``token`` is the subject of a reporting verb or the object of 'according to'."""
    lex = lexicon()
    head = token.head
    if token.dep_ in SUBJECT and head.lemma_.lower() in lex.cue_verbs:
        return not any(c.dep_ == "neg" for c in head.children)  # "they have not confirmed"
    if token.dep_ == "dobj" and token.i > head.i and head.lemma_.lower() in lex.cue_verbs:
        # "…, warned spokesman X": the speaker after an inverted verb with no subject
        return token.pos_ == "PROPN" and not any(c.dep_ in SUBJECT for c in head.children)
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def resolve_references(
    doc: Doc,
    by_token: dict[int, Cluster],
    refs: list[Ref],
    in_quote: Callable[[int], bool],
    sent_of: list[int],
    new_cluster: Callable[[Span, str, str | None], Cluster],
    add_mention: Callable[[Cluster, Span], None],
) -> None:
    """Resolve pronouns, descriptions and unnamed speakers, adding their mentions in place."""
    lex = lexicon()
    genders = _Genders(doc)
    for token in doc:
        if token.i in by_token or in_quote(token.idx):
            continue
        subject = token.dep_ in SUBJECT or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        owner = token.dep_ == "poss" and token.head.lemma_.lower() in lex.document_nouns
        if not (subject or owner or is_cue_head(token)):
            continue
        lower, lemma = token.lower_, token.lemma_.lower()
        target: Cluster | None = None
        span: Span = doc[token.i : token.i + 1]
        if token.pos_ == "PRON":
            if lower in lex.person_pronouns:
                agrees = genders.agreeing(pronoun_gender(lower))
                target = _antecedent(token, refs, sent_of, {"person"}, agrees=agrees)
            elif lower in lex.group_pronouns:
                kinds = _GROUPISH | (
                    {"unknown"} if lower in grammar_words("plural_pronouns") else set()
                )
                target = _antecedent(token, refs, sent_of, kinds)
        elif token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in ("PERSON", "ORG"):
            span = noun_phrase(token)
            definite = any(
                c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.lefts
            )
            named = [by_token[t.i] for t in span if t.i in by_token and t.i != token.i]
            if lemma in lex.document_nouns and definite and not named:
                target = _antecedent(token, refs, sent_of, None, speaking=True)
            elif lemma in lex.group_nouns and definite and not named:
                target = _antecedent(token, refs, sent_of, _GROUPISH, _modifiers(token))
            elif lemma in lex.state_nouns and definite and not named:
                target = _antecedent(token, refs, sent_of, {"state", "organisation"})
            elif lemma in lex.roles and definite and len(span) <= 2:
                target = _antecedent(token, refs, sent_of, {"person"}, role=lemma)
            elif (lemma in lex.roles or lemma in lex.people_nouns) and is_cue_head(token):
                span = _without_setting(token, span)
                # "one official in the report by X": the setting dropped, X is not his side
                named = [by_token[t.i] for t in span if t.i in by_token and t.i != token.i]
                target = _apposed_person(token, by_token)  # "an expert, X, explained": X
                target = target or _unnamed(token, span, named, new_cluster)
        if target is None:
            continue
        add_mention(target, span)


def _unnamed(
    token: Token,
    span: Span,
    named: list[Cluster],
    new_cluster: Callable[[Span, str, str | None], Cluster],
) -> Cluster:
    """A new actor for an unnamed speaker ("a teacher", "a spokesman for the NRF")."""
    kind = "person" if token.tag_ == "NN" else "unknown"  # "a teacher": she
    lemma = token.lemma_.lower()
    target = new_cluster(span, kind, lemma if lemma in lexicon().roles else None)
    if named:  # "a spokesman for the NRF"; "for President X": X's side, later
        target.affiliation = target.affiliation or named[-1]
    return target


def _apposed_person(token: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """The named person an unnamed description is in apposition with ("an expert, X,")."""
    for child in token.children:
        found = by_token.get(child.i) if child.dep_ == "appos" else None
        if found is not None and found.kind == "person":
            return found
    return None


def _without_setting(token: Token, span: Span) -> Span:
    """An unnamed speaker's name without the setting after it: "a senior officer in the
    northeast" → "a senior officer", "one official in the report" → "one official"; what it
    is ("members of parliament", "a spokesman for the NRF") and a named place stay."""
    end = span.end
    for child in token.rights:
        if (
            child.dep_ != "prep"
            or child.lower_ not in lexicon().setting_prepositions
            or not span.start <= child.i < end
        ):
            continue
        place = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if not place:  # "a farmer in Kidal" stays: a named place tells who
            end = child.i
    return span.doc[span.start : end] if end > token.i else span


def _modifiers(token: Token) -> set[str]:
    words = set()
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and not child.lower_.startswith("anti"):
            if child.i >= 2 and child.doc[child.i - 2].lower_ == "anti":
                continue
            words.add(fold(child.text))
    return words - {""}


def _descriptor_score(cluster: Cluster, words: set[str]) -> int:
    if not words:
        return 0
    entry: Any = cluster.entry
    vocab = set(fold(cluster.name).split())
    for alias in cluster.aliases:
        vocab.update(fold(alias).split())
    for d in getattr(entry, "descriptors", None) or ():
        vocab.update(fold(str(d)).split())
    return len(words & vocab)


def _antecedent(
    token: Token,
    refs: list[Ref],
    sent_of: list[int],
    kinds: set[str] | None,
    modifiers: set[str] | None = None,
    role: str | None = None,
    speaking: bool = False,
    agrees: Callable[[Cluster], bool] | None = None,
) -> Cluster | None:
    """The most recent compatible actor before ``token``; subjects of recent sentences first.

    "It" as the subject of a reporting verb ("It also said") prefers the speaker of a recent
    sentence to a subject inside what was reported (a person's "he said" keeps the subject
    rule: the person just described speaks). A statement noun (``speaking``:
    "the statement said") takes only a recent speaker as its author, else stays unresolved:
    the person a statement is about is not its author."""
    here = sent_of[token.i]
    before = [
        r
        for r in _recent(token, refs, here - _MAX_BACK)
        if here - r.sentence <= _MAX_BACK
        and (kinds is None or r.cluster.kind in kinds)
        and (
            role is None or any(t.endswith(role) for t in {r.cluster.role or "", *r.cluster.titles})
        )
        and (agrees is None or agrees(r.cluster))
    ]
    if speaking or (is_cue_head(token) and token.lower_ == "it"):
        doc = token.doc
        speakers = [
            r
            for r in before
            if here - r.sentence <= _WINDOW and (_issues(doc[r.token]) if speaking else r.speaker)
        ]
        if speakers or speaking:
            return speakers[-1].cluster if speakers else None
    if not before:
        return None
    if modifiers:
        scored = [r for r in before if _descriptor_score(r.cluster, modifiers) > 0]
        if scored:
            return scored[-1].cluster
    recent_subjects = [r for r in before if r.subject and here - r.sentence <= _WINDOW]
    if recent_subjects:
        return recent_subjects[-1].cluster
    return before[-1].cluster


class _Genders:
    """The gender of each person cluster (:func:`actor_gender`), read once, for pronouns."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.known: dict[int, str | None] = {}

    def of(self, cluster: Cluster) -> str | None:
        key = id(cluster)
        if key not in self.known:
            titles = [cluster.role, *cluster.titles]
            self.known[key] = actor_gender(self.doc, list(cluster.mentions), titles)
        return self.known[key]

    def agreeing(self, gender: str | None) -> Callable[[Cluster], bool] | None:
        """A test that a person cluster may be what a pronoun of ``gender`` refers to ("she":
        no person named as a man); None when the pronoun has no gender."""
        if gender is None:
            return None
        return lambda cluster: self.of(cluster) in (None, gender)


def _issues(subject: Token) -> bool:
    """True when ``subject`` is the subject of a clause that names a statement of its own
    ("In a statement on Monday, spokesman X sought to reassure …"): X is its author."""
    if subject.dep_ not in SUBJECT:
        return False
    nouns = lexicon().document_nouns
    for child in subject.head.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in nouns:
            return True  # "the ministry issued a statement", "Gertz filed a report"
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in nouns for g in child.children
        ):
            return True
    return False


def _recent(token: Token, refs: list[Ref], first: int) -> list[Ref]:
    """The mentions (``refs``, sorted by start) that start before ``token``, from the first
    that can lie in sentence ``first`` or later: a mention reaches its root's sentence, so it
    starts less than the longest mention before that sentence's start. The look back is
    bounded by the sentences, not by the document (a scan of every mention per pronoun)."""
    end = bisect.bisect_left(refs, token.idx, key=lambda r: r.start)
    if first <= 0:
        return refs[:end]
    longest = getattr(refs, "longest", None)
    if longest is None:
        longest = max((r.end - r.start for r in refs), default=0)
    floor = _sentence_starts(token.doc)[first] - longest
    return refs[bisect.bisect_right(refs, floor, hi=end, key=lambda r: r.start) : end]


_STARTS_KEY = "fogline.sentence_starts"


def _sentence_starts(doc: Doc) -> list[int]:
    """Character offset of each sentence start (``doc.sents``, as ``sent_of`` numbers them)."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [s.start_char for s in doc.sents]
    return starts


def read_led_by(doc: Doc, by_token: dict[int, Cluster]) -> None:
    """'forces led by X and Y': X and Y belong to the group the forces refer to."""
    by_words = None
    for token in doc:
        if token.lemma_ != "lead":
            continue
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children]
        group_tok = token.head if token.dep_ == "acl" else None
        group_tok = group_tok or next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if group_tok is None or not agents:
            continue
        if group_tok.i in by_token:
            group = by_token[group_tok.i]
        else:
            by_words = by_words or _ByWords(by_token)
            group = by_words.find(group_tok)
        if group is None or group.kind == "person":
            continue
        leaders = []
        for a in agents:
            leaders.extend([a, *(c for c in a.subtree if c.dep_ in ("conj", "appos"))])
        for leader in leaders:
            cluster = by_token.get(leader.i)
            if cluster is not None and cluster.kind == "person" and cluster.affiliation is None:
                cluster.affiliation = group


class _ByWords:
    """The group a "led by" phrase names through its modifiers ("the Islamist forces led by
    X"): the clusters indexed once by the words of their names, aliases and descriptors (a
    scan of every cluster per "led by" was quadratic)."""

    def __init__(self, by_token: dict[int, Cluster]) -> None:
        self.clusters = list({id(c): c for c in by_token.values()}.values())
        self.by_word: dict[str, list[int]] = {}
        for k, cluster in enumerate(self.clusters):
            if cluster.kind == "person":
                continue
            for word in _vocabulary(cluster):
                self.by_word.setdefault(word, []).append(k)

    def find(self, token: Token) -> Cluster | None:
        """The non-person cluster sharing a word with the modifiers of ``token`` that has the
        most mentions (the first among equals)."""
        hits = {k for word in _modifiers(token) for k in self.by_word.get(word, ())}
        best = None
        for k in sorted(hits):
            cluster = self.clusters[k]
            if best is None or len(cluster.mentions) > len(best.mentions):
                best = cluster
        return best


def _vocabulary(cluster: Cluster) -> set[str]:
    """The words :func:`_descriptor_score` matches modifiers against."""
    entry: Any = cluster.entry
    vocab = set(fold(cluster.name).split())
    for alias in cluster.aliases:
        vocab.update(fold(alias).split())
    for d in getattr(entry, "descriptors", None) or ():
        vocab.update(fold(str(d)).split())
    return vocab
