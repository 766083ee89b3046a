"""The quote and actor lexicons under ``data/quotes/``, loaded on first use and cached."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fogline.data import load_lines, load_yaml
from fogline.errors import LexiconError

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue verbs and phrases, channel triggers, role titles and descriptor nouns."""

    cue_verbs: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    channels: tuple[tuple[str, tuple[str, ...]], ...]  # (channel, lower-case token sequences)
    roles: frozenset[str]  # lower-case titles, multi-word titles joined by spaces
    group_nouns: frozenset[str]
    state_nouns: frozenset[str]
    people_nouns: frozenset[str]
    document_nouns: frozenset[str]
    document_verbs: frozenset[str]
    abbreviations: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    units: frozenset[str] = frozenset()  # nouns naming a body of a state ("army", "ministry")
    organisation_words: frozenset[str] = frozenset()  # "institute", "group", "council"
    honorifics: frozenset[str] = frozenset()  # "mr", "ms"
    media_nouns: frozenset[str] = frozenset()  # "broadcaster", "news agency"
    state_offices: frozenset[str] = frozenset()  # "governor", "prefect": the state's offices


@functools.cache
def lexicon() -> Lexicon:
    """The packaged lexicon (raises :class:`LexiconError` when a file is missing or malformed)."""
    desc = load_yaml("quotes/descriptors.yaml")
    channels = load_yaml("quotes/channels.yaml")
    try:
        pronouns = desc["pronouns"]
        return Lexicon(
            cue_verbs=frozenset(load_lines("quotes/cue_verbs.txt")),
            cue_phrases=tuple(tuple(p.split()) for p in load_lines("quotes/cue_phrases.txt")),
            channels=tuple(
                (name, tuple(str(t).lower() for t in triggers))
                for name, triggers in channels.items()
            ),
            roles=frozenset(r.lower() for r in load_lines("quotes/roles.txt")),
            group_nouns=frozenset(desc["group"]),
            state_nouns=frozenset(desc["state"]),
            people_nouns=frozenset(desc["people"]),
            document_nouns=frozenset(desc["documents"]),
            document_verbs=frozenset(desc["document_verbs"]),
            abbreviations=frozenset(load_lines("quotes/abbreviations.txt")),
            person_pronouns=frozenset(pronouns["person"]),
            group_pronouns=frozenset(pronouns["group"]),
            units=frozenset(str(u).lower() for u in desc.get("units", ())),
            organisation_words=frozenset(str(w) for w in desc.get("organisation_words", ())),
            honorifics=frozenset(str(w) for w in desc.get("honorifics", ())),
            media_nouns=frozenset(str(w) for w in desc.get("media_nouns", ())),
            state_offices=frozenset(str(w).lower() for w in desc.get("state_offices", ())),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"quotes lexicon is malformed: {exc!r}") from exc


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of blank-line separated paragraphs, as ``classify_paragraphs`` cuts them."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


_UNWRAPPED = 100  # a line this long was not hard-wrapped: its newline ends a paragraph


def split_unwrapped(text: str, bounds: list[tuple[int, int]]) -> list[tuple[tuple[int, int], int]]:
    """Paragraphs cut at every single newline when their lines were not hard-wrapped.

    Scraped text often separates paragraphs by one newline. A block with a line of at least
    100 characters is not hard-wrapped, so each of its lines is a paragraph; a hard-wrapped
    block (all lines short) stays whole. Returns ((start, end), index of the original bound).
    """
    out: list[tuple[tuple[int, int], int]] = []
    for index, (start, end) in enumerate(bounds):
        lines = []
        pos = start
        for line in text[start:end].split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        if len(lines) == 1 or max(e - s for s, e in lines) < _UNWRAPPED:
            out.append(((start, end), index))
            continue
        for s, e in lines:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(((s, e), index))
    return out


_SENTENCE_END = re.compile(r"[.!?]['\"’”]?\s")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end of ``text`` (titles and initials are not ends)."""
    abbreviations = lexicon().abbreviations
    ends = []
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            # the word before the dot, read backwards (as ``(\w+)$`` finds it: "$" also
            # matches before a final newline); a regex search for it from the start of the
            # text made this quadratic in the number of sentences
            last = dot - 1 if dot > 0 and text[dot - 1] == "\n" else dot
            first = last
            while first > 0 and (text[first - 1].isalnum() or text[first - 1] == "_"):  # \w
                first -= 1
            w = text[first:last]
            if w and (w in abbreviations or (len(w) == 1 and w.isupper())):
                continue
        ends.append(m.end())
    return ends
