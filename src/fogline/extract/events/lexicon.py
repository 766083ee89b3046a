"""The event lexicon: everything the events extractor knows, read from ``data/events/``.

One loader, :func:`load_lexicon`, reads the trigger table (``triggers.tsv``), the coder
(``coding.tsv``), the cue lists (``cues.yaml``), the closed-class words
(``function_words.yaml``) and the label sets (``labels.yaml``) once and caches a frozen
:class:`EventLexicon`; the nationality adjectives are borrowed from the actors lexicon.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fogline.data import load_tsv, load_yaml
from fogline.errors import LexiconError
from fogline.extract.actors.lexicon import lexicon as actor_lexicon
from fogline.extract.words import grammar_words

TRIGGERS = "events/triggers.tsv"
CODING = "events/coding.tsv"
CUES = "events/cues.yaml"
WORDS = "events/function_words.yaml"
#: word lists the event rules name → the closed class of the shared data/grammar.yaml they are
GRAMMAR_WORDS = {
    "articles": "articles",
    "negative_adverbs": "negative_adverbs",
    "have_forms": "have_forms",
    "relative_pronouns": "relative_pronouns",
    "person_pronouns": "personal_pronoun_forms",
    "group_pronouns": "nonpersonal_pronoun_forms",
    "first_person": "first_person_plural",
}
LABELS = "events/labels.yaml"

Instrument = tuple[tuple[str, ...], str, str | None]
"""Words of a weapon or method (lemmas), the mode and the ACLED code it sets."""


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


RoleTest = tuple[str, frozenset[str], bool]
"""(column: object, recipient or actor; the alternatives written; negated)."""
WhenTest = tuple[str, frozenset[str | None] | None, bool]
"""(name; for "name=a|b" the values, "-" read as None, label sets expanded; negated)."""


@dataclass(frozen=True, slots=True)
class CodingRule:
    """One row of ``coding.tsv``, its tests compiled: "*" dropped, "a|b" and "@key" expanded."""

    step: str
    cue_all: frozenset[str]  # trigger flags all required ("a+b")
    cue_any: frozenset[str]  # at least one required ("a|b"); empty: no cue test
    when: tuple[WhenTest, ...]
    roles: tuple[RoleTest, ...]
    plover: str
    mode: str
    acled: str
    place: str
    row: str  # as written, for messages


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Triggers indexed by head word, the coder's rules, cue lists and label sets.

    Shared by every document (cached): read it, never change it. Its mappings are plain
    dictionaries because they are read for every token.
    """

    verbs: Mapping[str, tuple[Trigger, ...]]
    nouns: Mapping[str, tuple[Trigger, ...]]
    forms: Mapping[str, str]  # irregular form → verb lemma
    cues: Mapping[str, Any]  # cues.yaml as parsed (numbers, anaphoric places, ...)
    sets: Mapping[str, frozenset[str]]  # word lists, lower case; classes as "class:<name>"
    label_sets: Mapping[str, frozenset[str]]  # labels.yaml, as written
    acled: Mapping[str, tuple[str, str]]  # code → (ACLED event type, sub-event type)
    instruments: tuple[Instrument, ...]
    demonyms: Mapping[str, str]  # "russian" → "Russia"
    coding: Mapping[str, tuple[CodingRule, ...]]  # step → its rules, steps in file order
    feature_rank: Mapping[str, int]
    noun_class_order: tuple[str, ...]

    def words(self, key: str) -> frozenset[str]:
        """A word list of ``cues.yaml`` or ``function_words.yaml``, lower case."""
        return self.sets.get(key, frozenset())

    def labels(self, key: str) -> frozenset[str]:
        """A label set of ``labels.yaml``."""
        return self.label_sets[key]

    def acled_pair(self, code: str | None) -> tuple[str | None, str | None]:
        """ACLED (event type, sub-event type) of a code; (None, None) for none."""
        if not code or code == "-":
            return None, None
        return self.acled.get(code, (None, None))


@functools.cache
def load_lexicon() -> EventLexicon:
    """The event lexicon, read once. Raises LexiconError when a file is malformed."""
    verbs, nouns, forms = _triggers()
    cues = load_yaml(CUES)
    words = load_yaml(WORDS)
    labels = load_yaml(LABELS)
    sets: dict[str, frozenset[str]] = {}
    for source, data in ((CUES, cues), (WORDS, words)):
        for key, value in data.items():
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                if key in sets:
                    raise LexiconError(f"{source}: {key!r} is also a list of another events file")
                sets[key] = frozenset(v.lower() for v in value)
    for key, grammar_key in GRAMMAR_WORDS.items():
        if key in sets:
            raise LexiconError(f"{WORDS}: {key!r} is a class of grammar.yaml ({grammar_key!r})")
        sets[key] = grammar_words(grammar_key)
    for name, cls in cues["classes"].items():
        sets["class:" + name] = frozenset(w.lower() for w in cls)
    acled = {k: (v[0], v[1]) for k, v in cues["acled_codes"].items()}
    _check_codes(verbs, nouns, acled)
    lex = EventLexicon(
        verbs=dict(verbs),
        nouns=dict(nouns),
        forms=dict(forms),
        cues=dict(cues),
        sets=dict(sets),
        label_sets=dict(
            {k: frozenset(str(x) for x in v) for k, v in labels.items() if isinstance(v, list)}
        ),
        acled=dict(acled),
        instruments=tuple(
            (tuple(words.lower().split()), mode, code) for words, mode, code in cues["instruments"]
        ),
        demonyms=actor_lexicon().demonyms,
        coding=dict(_coding(labels)),
        feature_rank=dict({str(k): int(v) for k, v in labels["feature_rank"].items()}),
        noun_class_order=tuple(labels["noun_class_order"]),
    )
    _check_coding(lex)
    return lex


def _triggers() -> tuple[dict, dict, dict]:
    """Verb and noun triggers by head word (longest term first), irregular verb forms."""
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    forms: dict[str, str] = {}
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
        (verbs if pos == "V" else nouns).setdefault(trig.head, []).append(trig)
        for form in (row.get("forms") or "").split("|"):
            if form.strip():
                forms[form.strip().lower()] = trig.head
    return _longest_first(verbs), _longest_first(nouns), forms


def _longest_first(index: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
    return {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in index.items()}


def _check_codes(verbs: dict, nouns: dict, acled: dict) -> None:
    unknown = {
        t.acled
        for ts in (*verbs.values(), *nouns.values())
        for t in ts
        if t.acled not in (None, "-", "TERR") and t.acled not in acled
    }
    if unknown:
        raise LexiconError(f"{TRIGGERS}: unknown ACLED codes {sorted(unknown)} (see {CUES})")


def _coding(labels: Mapping[str, Any]) -> dict[str, tuple[CodingRule, ...]]:
    """The rules of ``coding.tsv`` grouped by step, steps and rules in file order."""
    steps: dict[str, list[CodingRule]] = {}
    for row in load_tsv(CODING):
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        try:
            cue = cells["cue"]
            rule = CodingRule(
                step=cells["step"],
                cue_all=frozenset(cue.split("+")) if "+" in cue else frozenset(),
                cue_any=frozenset(cue.split("|")) if cue != "*" and "+" not in cue else frozenset(),
                when=tuple(
                    _when(t.strip(), labels) for t in cells["when"].split("&") if t.strip() != "*"
                ),  # fmt: skip
                roles=tuple(
                    (
                        column,
                        frozenset(cells[column].lstrip("!").split("|")),
                        cells[column].startswith("!"),
                    )
                    for column in ("object", "recipient", "actor")
                    if cells[column] != "*"
                ),  # fmt: skip
                plover=cells["plover"],
                mode=cells["mode"],
                acled=cells["acled"],
                place=cells.get("place", ""),
                row="\t".join(cells.values()),
            )
        except KeyError as exc:
            raise LexiconError(f"{CODING}: row {row!r} lacks column {exc}") from exc
        steps.setdefault(rule.step, []).append(rule)
    return {step: tuple(rules) for step, rules in steps.items()}


def _when(test: str, labels: Mapping[str, Any]) -> WhenTest:
    """ "acled=CLASH|-" → ("acled", {"CLASH", None}, False); "!caused" → ("caused", None, True)."""
    name, _, written = test.partition("=")
    negate = name.startswith("!")
    if not written:
        return name.lstrip("!"), None, negate
    values: set[str | None] = set()
    for value in written.split("|"):
        if value.startswith("@"):
            if value[1:] not in labels:
                raise LexiconError(f"{CODING}: unknown label set {value!r} ({LABELS})")
            values |= {str(x) for x in labels[value[1:]]}
        else:
            values.add(value)
    return name.lstrip("!"), frozenset(None if v == "-" else v for v in values), negate


def _check_coding(lex: EventLexicon) -> None:
    """Every code, test and place source the coder names exists."""
    names = {"plover", "mode", "acled", "stopped", "place", "intent", "pos"}
    flags = {
        "accident", "from-to", "caused", "scheduled", "protest", "destination", "on-site",
        "unopposed",
    }  # fmt: skip
    for rules in lex.coding.values():
        for rule in rules:
            if rule.acled not in ("=", "-", "instrument", "TERR") and rule.acled not in lex.acled:
                raise LexiconError(f"{CODING}: unknown ACLED code {rule.acled!r} in {rule.row!r}")
            for name, values, _ in rule.when:
                if name not in (names if values is not None else flags):
                    raise LexiconError(f"{CODING}: unknown test {name!r} in {rule.row!r}")
            if rule.place not in ("", "object", "locatives"):
                raise LexiconError(f"{CODING}: unknown place source {rule.place!r}")
