"""Actors: people and organisations, merged per document, with roles, affiliations and references.

Named mentions come from spaCy's entities and from the actor dictionary (when one is given);
surname-only mentions join the full name, "(NRF)"-style acronyms join their organisation.
Roles and affiliations are read from titles ("Taliban spokesman X") and appositions
("X, the leader of Y") and carried to every mention of the actor. Subject pronouns, definite
descriptions ("the group", "the militants") and statement nouns ("the statement") are resolved
to the most recent compatible actor outside direct quotes (a salience resolver, no model).
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span

from fogline.extract.actors.clusters import (
    ACRONYM as _ACRONYM,
)
from fogline.extract.actors.clusters import (
    ActorIndex,
    Cluster,
    Ref,
    entry_aliases,
)
from fogline.extract.actors.coreference import (
    SUBJECT,
    is_cue_head,
    read_led_by,
    resolve_references,
)
from fogline.extract.actors.gender import mention_gender
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.actors.named import clean_name, named_spans
from fogline.extract.actors.roles import read_role
from fogline.extract.actors.sides import dictionary_affiliations, state_served
from fogline.extract.actors.units import attach_offices, resolve_unit, unit_noun, unit_phrase
from fogline.extract.context import DocContext
from fogline.extract.spans import Intervals, text_of
from fogline.extract.words import grammar_words
from fogline.model import Actor, Mention
from fogline.textnorm import fold

BODIES = "fogline.actor_bodies"
"""``doc.user_data`` key: actor id → the state body a person or office speaks for ("the army's
spokesman X": the army; "the GNU's Ministry of Health": the GNU) where the actor record's
affiliation is the state that body serves."""


def extract_actors(doc: Doc, ctx: DocContext) -> list[Actor]:
    """Every person and organisation of ``doc``, merged over mentions, with role and affiliation.

    Names are matched against ``ctx.actor_dictionary`` when there is one.

    Example:
        >>> doc = nlp("Rebel spokesman Ali Musa said the town fell.")
        >>> extract_actors(doc, DocContext.of(doc))[0].role
        'spokesman'
    """
    index = analyse_actors(doc, ctx)
    text = text_of(doc)
    out = []
    bodies = doc.user_data.setdefault(BODIES, {})
    for c in index.clusters:
        mentions = [Mention(s, e, text[s:e]) for s, e in sorted(set(c.mentions))]
        parent = c.affiliation
        if parent is not None and parent.unit and c.kind == "person" and parent.affiliation:
            parent = parent.affiliation  # "police spokesman X": the state the police serve
        if parent is not None and parent.kind == "person":
            parent = parent.affiliation  # "a spokesman for President X": X's side
        if parent is not None and parent.kind == "unknown":
            parent = None  # a descriptor or a title read as a name ("Brigadier General") is no side
        side = state_served(parent if c.kind == "person" else c, ctx.actor_dictionary)
        aff = side or (parent.name if parent is not None else None)  # speakers write it short
        if side and parent is not None and parent.kind != "state":
            bodies[c.id] = parent.name  # the speaker's side is the body, the record's the state
        code = getattr(c.entry, "code", None) if c.entry is not None else None
        aliases = sorted((c.aliases | entry_aliases(c.entry)) - {c.name})
        out.append(Actor(c.id, c.name, c.kind, aff, c.role, code, aliases, mentions))  # type: ignore[arg-type]
    return out


def analyse_actors(doc: Doc, ctx: DocContext) -> ActorIndex:  # noqa: C901 - the passes in order
    """The clusters behind :func:`extract_actors`, with the token → actor map."""
    dictionary = ctx.actor_dictionary
    lex = lexicon()
    text = text_of(doc)
    quoted = Intervals((q.start, q.end) for q in ctx.quote_spans())
    spans = named_spans(doc, dictionary)
    clusters: dict[str, Cluster] = {}
    by_token: dict[int, Cluster] = {}
    refs: list[Ref] = Refs()
    sent_of = _sentence_ids(doc)
    persons: list[tuple[Span, Cluster]] = []
    names = _Names()
    for span, kind, entry in spans:
        cluster = _cluster_for(span, kind, entry, clusters, names, text)
        _add_mention(cluster, span, by_token, refs, quoted, sent_of)
        if cluster.kind == "person":
            persons.append((span, cluster))
            names.add_person(span, cluster)
    _missed_surnames(doc, persons, by_token, refs, quoted, sent_of)

    def new_unit(span: Span, owner: Cluster | None) -> Cluster:
        key = f"u:{fold(span.text)}"
        if key not in clusters:
            clusters[key] = Cluster(key, span.text, "organisation", None, affiliation=owner)
            clusters[key].unit = True
        return clusters[key]

    states: list[Cluster] = []

    def known_states() -> list[Cluster]:
        if not states and dictionary is not None:
            for entry in getattr(dictionary, "entries", None) or ():
                if str(getattr(entry, "kind", "")) == "state":
                    key = f"d:{entry.id}"
                    states.append(clusters.get(key) or Cluster(key, entry.name, "state", entry))
        return states

    _read_units(doc, clusters, by_token, refs, quoted, sent_of, new_unit, known_states)

    def new_org(span: Span) -> Cluster:
        key = f"n:{fold(span.text)}"
        if key not in clusters:
            clusters[key] = Cluster(key, span.text, "organisation", None)
        cluster = clusters[key]
        if (span.start_char, span.end_char) not in names.mentions_of(cluster):
            kept = {t.i: by_token[t.i] for t in span if t.i in by_token}
            _add_mention(cluster, span, by_token, refs, quoted, sent_of)
            by_token.update(kept)
            _keep_sorted(refs)
            head = kept.get(span.start)  # "White House National Security Council": its body
            if cluster.affiliation is None and head is not None and head.entry is not None:
                cluster.affiliation = head if head.kind == "organisation" else None
        return cluster

    for span, cluster in persons:
        read_role(doc, span, cluster, by_token, lex.roles, new_org)

    def new_cluster(span: Span, kind: str, role: str | None) -> Cluster:
        key = f"u:{fold(clean_name(span).text if clean_name(span) is not None else span.text)}"
        if key not in clusters:
            name = (clean_name(span) or span).text
            clusters[key] = Cluster(key, name, kind, None, role=role)
        return clusters[key]

    def add_mention(cluster: Cluster, span: Span) -> None:
        _add_mention(cluster, span, by_token, refs, quoted, sent_of)
        _keep_sorted(refs)

    resolve_references(
        doc, by_token, refs, lambda pos: _in_quote(pos, quoted), sent_of, new_cluster, add_mention
    )
    read_led_by(doc, by_token)
    for span, cluster in persons:  # "X, the group's spokesman": "the group" is resolved now
        if cluster.affiliation is None:
            read_role(doc, span, cluster, by_token, lex.roles, new_org)
    dictionary_affiliations(clusters, dictionary)
    attach_offices(doc, list(clusters.values()), by_token, known_states)
    ordered = sorted(clusters.values(), key=lambda c: min(c.mentions))
    return ActorIndex(ordered, by_token)


def _read_units(
    doc: Doc,
    clusters: dict[str, Cluster],
    by_token: dict[int, Cluster],
    refs: list[Ref],
    quoted: Intervals,
    sent_of: list[int],
    new_unit: Any,
    known_states: Any,
) -> None:
    """State bodies named by unit nouns: "the army said", "police spokesman", "the ministry"."""
    roles = lexicon().roles
    for token in doc:
        if token.i in by_token or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if _in_quote(token.idx, quoted) or unit_noun(token) is None:
            continue
        titled = token.dep_ in ("compound", "poss", "nmod") and token.head.lemma_.lower() in roles
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ not in grammar_words("indefinite_articles")
            for c in token.lefts
        )
        heads = token.dep_ not in ("compound", "amod", "nmod")
        if not (titled or (heads and (definite or token.dep_ in SUBJECT))):
            continue
        phrase = unit_phrase(token)
        if any(t.i in by_token and by_token[t.i].kind not in ("state", "group") for t in phrase):
            continue  # a named body ("Somali National Army") is an actor already
        cluster = resolve_unit(
            token, by_token, lambda: list(clusters.values()), new_unit, known_states
        )
        if cluster is None:
            continue
        kept = {t.i: by_token[t.i] for t in phrase if t.i in by_token}
        _add_mention(cluster, phrase, by_token, refs, quoted, sent_of)
        by_token.update(kept)  # "Russia's" stays a mention of Russia
    refs.sort(key=lambda r: r.start)


def _in_quote(pos: int, quoted: Intervals) -> bool:
    return pos in quoted


def _sentence_ids(doc: Doc) -> list[int]:
    ids = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def _cluster_for(
    span: Span,
    kind: str,
    entry: Any,
    clusters: dict[str, Cluster],
    names: _Names,
    text: str,
) -> Cluster:
    name = span.text
    surname = names.surname_key(span) if kind in ("person", "organisation") else None
    if surname is None and entry is None and kind in ("state", "group") and len(span) == 1:
        surname = names.surname_key(span)  # "Power said", read as a place after "Samantha Power"
    if entry is not None:
        key = f"d:{getattr(entry, 'id', None) or fold(str(entry.name))}"
        name = str(getattr(entry, "name", name))
    elif surname:
        key = surname  # "Ben Rajab", or "Cabatuan" tagged ORG
    else:
        key = f"n:{fold(name)}"
        if kind != "person":  # acronym or alias of an earlier organisation
            key = names.earlier(name) or key
        key = names.head_noun(span) or key  # "the Observatory": the earlier full name
    cluster = clusters.get(key)
    if cluster is None:
        cluster = clusters[key] = Cluster(key, name, kind, entry)
        names.add_cluster(cluster)
    if span.text != cluster.name:
        names.add_alias(cluster, span.text)
    acronym = _parenthesised_acronym(span)
    if acronym and cluster.kind != "person":
        names.add_alias(cluster, acronym)
    return cluster


class _Names:
    """What :func:`_cluster_for` looks up while the named spans are read, indexed as they come
    (a scan of every cluster and every person per span was quadratic in the number of names):
    the latest cluster with an alias or folded name, full names by their last words, and the
    mentions of a cluster as a set."""

    def __init__(self) -> None:
        self._order: dict[int, int] = {}  # id(cluster) → creation order
        self._clusters: list[Cluster] = []
        self._alias: dict[str, int] = {}  # alias → the latest cluster with it
        self._folded: dict[str, int] = {}  # folded name → the latest cluster with it
        self._persons: list[tuple[tuple[str, ...], Cluster, bool]] = []  # words, cluster, in "of"
        self._last1: dict[str, list[int]] = {}  # last word → persons
        self._last2: dict[tuple[str, str], list[int]] = {}  # last two words → persons
        self._mentions: dict[int, tuple[int, set[tuple[int, int]]]] = {}
        self._genders: dict[int, set[str]] = {}  # id(person cluster) → genders its names gave

    def add_cluster(self, cluster: Cluster) -> None:
        """A new cluster (clusters are created in this order and never removed)."""
        n = self._order[id(cluster)] = len(self._clusters)
        self._clusters.append(cluster)
        self._folded[fold(cluster.name)] = n
        for alias in cluster.aliases:
            self._alias[alias] = n

    def head_noun(self, span: Span) -> str | None:
        """The key of the one earlier organisation whose name's head noun is ``span``, a single
        capitalised word after "the" ("the Observatory" after "Syrian Observatory for Human
        Rights"); None when no or several organisations have that head."""
        if len(span) != 1 or span.start == 0 or span.doc[span.start - 1].lower_ != "the":
            return None
        found = {
            c.key for c in self._clusters if c.kind != "person" and _head_word(c.name) == span.text
        }
        return found.pop() if len(found) == 1 else None

    def add_alias(self, cluster: Cluster, alias: str) -> None:
        """``cluster.aliases.add(alias)``, indexed."""
        cluster.aliases.add(alias)
        n = self._order.get(id(cluster))
        if n is not None and n > self._alias.get(alias, -1):
            self._alias[alias] = n

    def earlier(self, name: str) -> str | None:
        """The key of the latest cluster with ``name`` as an alias or as its folded name."""
        best = max(self._alias.get(name, -1), self._folded.get(fold(name), -1))
        return self._clusters[best].key if best >= 0 else None

    def add_person(self, span: Span, cluster: Cluster) -> None:
        """A person's name as read (``persons`` of :func:`analyse_actors`, in order)."""
        words = tuple(t.text for t in span)
        k = len(self._persons)
        self._persons.append((words, cluster, _in_of(span)))
        gender = mention_gender(span.doc, span.start_char, span.end_char)
        if gender is not None:  # "her brother Luke X": a later "Miss X" is not him
            self._genders.setdefault(id(cluster), set()).add(gender)
        self._last1.setdefault(words[-1], []).append(k)
        if len(words) > 1:
            self._last2.setdefault(words[-2:], []).append(k)  # type: ignore[arg-type]

    def surname_key(self, span: Span) -> str | None:
        """The key of the most recent full name ending in these words (not one inside 'of X');
        the surname may have several words ("Ben Rajab" after "Abdelhakim Ben Rajab")."""
        words = tuple(t.text for t in span)
        if not words:
            return None
        bucket = (
            self._last1.get(words[-1], [])
            if len(words) == 1
            else self._last2.get(
                words[-2:],
                [],  # type: ignore[arg-type]
            )
        )
        latest = None
        gender = mention_gender(span.doc, span.start_char, span.end_char)
        for k in reversed(bucket):
            full, cluster, in_of = self._persons[k]
            if gender is not None and self._genders.get(id(cluster), {gender}) != {gender}:
                continue  # "Miss X" after "Luke X, her brother": X's sister
            if len(full) > len(words) and full[-len(words) :] == words:
                if not in_of:
                    return cluster.key  # the latest prominent one
                latest = latest or cluster
        return latest.key if latest is not None else None

    def mentions_of(self, cluster: Cluster) -> set[tuple[int, int]]:
        """``set(cluster.mentions)``, grown as mentions are appended."""
        seen, found = self._mentions.get(id(cluster), (0, set()))
        if seen < len(cluster.mentions):
            found.update(cluster.mentions[seen:])
            self._mentions[id(cluster)] = (len(cluster.mentions), found)
        return found


def _head_word(name: str) -> str | None:
    """The head noun of an organisation's name: the word before its first 'for'/'of', else its
    last word, when the name has two words or more ("Syrian Observatory for Human Rights")."""
    words = name.split()
    if len(words) < 2:
        return None
    for k, word in enumerate(words[1:], 1):
        if word in lexicon().owner_prepositions:
            return words[k - 1]
    return words[-1]


class Refs(list):
    """The salience resolver's mentions (:class:`Ref`), kept sorted by start; knows the longest
    mention, so that a look back over the last sentences can stop where no mention can reach."""

    longest = 0

    def append(self, ref: Ref) -> None:  # type: ignore[override]
        """Append ``ref`` and remember its length."""
        self.longest = max(self.longest, ref.end - ref.start)
        super().append(ref)


def _keep_sorted(refs: list[Ref]) -> None:
    """``refs.sort(key=start)`` after one append to a sorted list: the new mention moves after
    the mentions that start where it does or before (an insertion, not a sort per mention)."""
    if len(refs) > 1 and refs[-1].start < refs[-2].start:
        ref = refs.pop()
        bisect.insort_right(refs, ref, key=lambda r: r.start)


def _missed_surnames(
    doc: Doc,
    persons: list[tuple[Span, Cluster]],
    by_token: dict[int, Cluster],
    refs: list[Ref],
    quoted: Intervals,
    sent_of: list[int],
) -> None:
    """Proper nouns the NER missed that repeat a known person's surname ("Both Saleh and …")."""
    surnames: dict[str, Cluster] = {}
    for span, cluster in persons:
        if len(span) > 1:
            surnames.setdefault(span[-1].text, cluster)
    for token in doc:
        cluster = surnames.get(token.text)
        if cluster is None or token.i in by_token or token.pos_ != "PROPN":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue  # part of a longer name
        _add_mention(cluster, doc[token.i : token.i + 1], by_token, refs, quoted, sent_of)
    refs.sort(key=lambda r: r.start)


def _in_of(span: Span) -> bool:
    """True for a name inside an 'of'/'to' phrase ("the son of X"): a weak antecedent."""
    head = span.root
    for _ in range(3):
        if head.dep_ == "pobj":
            return head.head.lower_ == "of"
        if head.dep_ not in ("appos", "compound", "conj"):
            return False
        head = head.head
    return False


def _parenthesised_acronym(span: Span) -> str | None:
    doc = span.doc
    i = span.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        return doc[i + 1].text if _ACRONYM.match(doc[i + 1].text) else None
    return None


def _add_mention(
    cluster: Cluster,
    span: Span,
    by_token: dict[int, Cluster],
    refs: list[Ref],
    quoted: Intervals,
    sent_of: list[int],
) -> None:
    cluster.mentions.append((span.start_char, span.end_char))
    for t in span:
        by_token[t.i] = cluster
    acronym = _parenthesised_acronym(span)
    if acronym:
        by_token[span.end + 1] = cluster
    root = span.root
    told = root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell"
    if not told and not _in_quote(span.start_char, quoted):
        speaker = is_cue_head(root)  # a speaker is as salient as a subject ("he said" next)
        subject = span.root.dep_ in SUBJECT or speaker
        refs.append(Ref(span.start_char, span.end_char, span.root.i, cluster, subject,
                         sent_of[span.root.i], speaker))  # fmt: skip
