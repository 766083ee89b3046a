"""The event lexicon: triggers (``data/events/triggers.tsv``) and cues (``data/events/cues.yaml``).

Both files are read on first use and cached. :func:`find_triggers` matches the
triggers against a parsed document: verbs by lemma or listed irregular form (the
small English model sometimes tags a participle as an adjective), multiword verbs
by their particle or object lemmas among the verb's children, nouns by head lemma
with the modifier words written just before it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from fogline.data import load_tsv, load_yaml
from fogline.errors import LexiconError

TRIGGERS = "events/triggers.tsv"
CUES = "events/cues.yaml"
DEMONYMS = "events/demonyms.tsv"

COOPERATIVE = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "INVESTIGATE"}
)
HOSTILE = frozenset({"FIGHT", "ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a verb or event noun and how it is coded."""

    term: str
    pos: str  # "V" or "N"
    plover: str
    mode: str | None
    acled: str | None  # a code of ``acled_codes``; "TERR" is resolved by the actor
    flags: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()

    @property
    def head(self) -> str:
        """The word matched against the token: a verb's first word, a noun's last."""
        return self.words[0] if self.pos == "V" else self.words[-1]


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a document: its head token and every token of the term."""

    token: Token
    trigger: Trigger
    tokens: tuple[Token, ...]


@dataclass(slots=True)
class EventLexicon:
    """Triggers indexed by head word, plus the cue lists of ``cues.yaml``."""

    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # irregular form → verb lemma
    cues: dict = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    acled: dict[str, tuple[str, str]] = field(default_factory=dict)
    instruments: list[tuple[tuple[str, ...], str, str | None]] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)  # "russian" → "Russia"

    def words(self, key: str) -> frozenset[str]:
        """A cue list of ``cues.yaml`` as a set of lower-case strings."""
        return self.sets.get(key, frozenset())

    def acled_pair(self, code: str | None) -> tuple[str | None, str | None]:
        """ACLED (event type, sub-event type) of a code; (None, None) for none."""
        if not code or code == "-":
            return None, None
        return self.acled.get(code, (None, None))


@functools.cache
def load_event_lexicon() -> EventLexicon:
    """The trigger lexicon and cues, read once. Raises LexiconError when malformed."""
    lex = EventLexicon()
    for row in load_tsv(TRIGGERS):
        term = (row.get("term") or "").strip().lower()
        pos = (row.get("pos") or "").strip()
        plover = (row.get("plover") or "").strip()
        if not term or pos not in ("V", "N") or not plover:
            raise LexiconError(f"{TRIGGERS}: bad row {row!r}: needs term, pos V|N and plover")
        flags = frozenset(f.strip() for f in (row.get("flags") or "").split(",") if f.strip())
        trig = Trigger(
            term=term,
            pos=pos,
            plover=plover,
            mode=(row.get("mode") or "").strip() or None,
            acled=(row.get("acled") or "").strip() or None,
            flags=flags,
            words=tuple(term.split()),
        )
        index = lex.verbs if pos == "V" else lex.nouns
        index.setdefault(trig.head, []).append(trig)
        for form in (row.get("forms") or "").split("|"):
            if form.strip():
                lex.forms[form.strip().lower()] = trig.head
    for entries in (*lex.verbs.values(), *lex.nouns.values()):
        entries.sort(key=lambda t: -len(t.words))  # longest term first
    cues = load_yaml(CUES)
    lex.cues = cues
    for key, value in cues.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            lex.sets[key] = frozenset(v.lower() for v in value)
    lex.acled = {k: (v[0], v[1]) for k, v in cues["acled_codes"].items()}
    for words, mode, code in cues["instruments"]:
        lex.instruments.append((tuple(words.lower().split()), mode, code))
    lex.demonyms = {r["demonym"].strip().lower(): r["state"].strip() for r in load_tsv(DEMONYMS)}
    for name, cls in cues["classes"].items():
        lex.sets["class:" + name] = frozenset(w.lower() for w in cls)
    unknown = {
        t.acled
        for ts in (*lex.verbs.values(), *lex.nouns.values())
        for t in ts
        if t.acled not in (None, "-", "TERR") and t.acled not in lex.acled
    }
    if unknown:
        raise LexiconError(f"{TRIGGERS}: unknown ACLED codes {sorted(unknown)} (see {CUES})")
    return lex


_SENTS_KEY = "fogline.events.sentences"


def sentence(tok: Token) -> Span:
    """``tok.sent``, from an index built once per document (``Token.sent`` rescans the doc)."""
    doc = tok.doc
    index = doc.user_data.get(_SENTS_KEY)
    if index is None:
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for i, sent in enumerate(sents):
            for j in range(sent.start, sent.end):
                owner[j] = i
        index = (sents, owner)
        doc.user_data[_SENTS_KEY] = index
    return index[0][index[1][tok.i]]


def _verb_lemma(tok: Token, lex: EventLexicon) -> str | None:
    lower = tok.lower_
    if lower in lex.forms:
        return lex.forms[lower]
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return tok.lemma_.lower()
    # participles the tagger read as adjectives ("had overrun Rutshuru territory")
    if _after_have(tok) and tok.tag_ in ("JJ", "NN", "NNP"):
        return lower if lower in lex.verbs else tok.lemma_.lower()
    return None


def _after_have(tok: Token) -> bool:
    """Is ``tok`` written right after a form of "have" ("had overrun": a participle the
    small model tags as a noun)?"""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.lower_ in ("have", "has", "had", "having")


def _verb_rest_ok(tok: Token, rest: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Tokens of a multiword verb's remaining words among the verb's right-hand neighbourhood."""
    found: list[Token] = []
    sent = sentence(tok)
    window = [t for t in tok.doc[tok.i + 1 : min(tok.i + 6, sent.end)]]
    window_children = {c for c in tok.children}
    for word in rest:
        hit = None
        for t in window:
            if t in found:
                continue
            if (t.lemma_.lower() == word or t.lower_ == word) and (
                t in window_children or t.head in window_children or t.head == tok
            ):
                hit = t
                break
        if hit is None:
            return None
        found.append(hit)
    return tuple(found)


def _noun_rest_ok(tok: Token, rest: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Tokens of a multiword noun's modifier words written just before its head."""
    i = tok.i - 1
    found: list[Token] = []
    for word in reversed(rest):
        while i >= 0 and tok.doc[i].text in ("-",):
            i -= 1
        if i < 0:
            return None
        t = tok.doc[i]
        if t.lemma_.lower() != word and t.lower_ != word:
            return None
        found.append(t)
        i -= 1
    return tuple(reversed(found))


def match_token(tok: Token, lex: EventLexicon) -> TriggerMatch | None:
    """The longest lexicon trigger headed by ``tok``, if any."""
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
        for trig in lex.nouns.get(tok.lemma_.lower(), ()) or lex.nouns.get(tok.lower_, ()):
            rest = _noun_rest_ok(tok, trig.words[:-1]) if len(trig.words) > 1 else ()
            if rest is not None:
                return TriggerMatch(tok, trig, (*rest, tok))
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in lex.forms and not _after_have(tok):
            return None  # an irregular verb form ("retook") is a verb even when mis-tagged
    lemma = _verb_lemma(tok, lex)
    adjective = lemma is None and tok.pos_ == "ADJ"
    if adjective:
        lemma = tok.lower_  # "is due in Damascus": only entries flagged "arrival" take adjectives
    if lemma is None:
        return None
    for trig in lex.verbs.get(lemma, ()):
        if adjective and "arrival" not in trig.flags:
            continue
        rest = _verb_rest_ok(tok, trig.words[1:]) if len(trig.words) > 1 else ()
        if rest is not None:
            return TriggerMatch(tok, trig, (tok, *rest))
    return None


def find_triggers(doc: Doc, lex: EventLexicon) -> list[TriggerMatch]:
    """Every trigger of ``doc`` in text order (one per head token)."""
    found = []
    for tok in doc:
        if tok.is_punct or tok.is_space or len(tok.text) < 2:
            continue
        m = match_token(tok, lex)
        if m is not None:
            found.append(m)
    return found
