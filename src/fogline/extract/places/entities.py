"""``fogline_entities``: fix entity labels the statistical NER gets wrong, after ``ner``.

Fed from two kinds of reference data, both looked up lazily and per candidate span
(no large pattern matcher is built at load time):

- the actor dictionary (``fogline.actordict``): its names become ORG (groups,
  organisations, media), PERSON or GPE (states), whatever the model said;
- the gazetteer: a known place name the model tags ORG, PERSON or nothing becomes
  GPE (LOC for continents and terrain) when the context supports it: a place cue
  ("in", "near", "district", "the village of"), a strong gazetteer entry (a country,
  a province, a large city), or an entry in a country the document already names.

A single-word GPE/LOC that the document elsewhere uses as part of a person's name
and that is no strong gazetteer entry becomes PERSON ("Massoud said").
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from fogline.extract.places.evidence import (
    PLACE_LABELS,
    POSSESSIVE,
    _doc_countries,
    _has_cue,
    _is_cap,
    _listed_places,
    _name_text,
    _place_evidence,
    _proper_noun,
    _strong,
    _variant_in,
)
from fogline.extract.places.lexicon import Cues, load_cues, load_words
from fogline.extract.places.senses import person_words as words_of_persons
from fogline.extract.words import grammar_words
from fogline.textnorm import fold

LOGGER = logging.getLogger(__name__)

NAME = "fogline_entities"
MAX_RUN = 4
_FUNCTION_POS = frozenset({"ADP", "CCONJ", "DET", "PART"})  # never the last word of a name
RELABEL_FROM = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "NORP", "FAC", "LAW"})
NAME_JOINS = frozenset({"-", "'", "’"})  # punctuation inside a name ("Deir ez-Zor", "Sana'a")
RUN_POS = frozenset({"PROPN", "NOUN", "ADJ"})
BREAKS = frozenset({":", "-", "—", "–", "--"})  # spaced, they end a dateline or a heading
ACTOR_LABEL = {
    "person": "PERSON",
    "group": "ORG",
    "organisation": "ORG",
    "organization": "ORG",
    "media": "ORG",
    "state": "GPE",
}


ActorLabeller = Callable[[str], "str | None"]


@functools.cache
def _default_actor_labeller() -> ActorLabeller:
    """Name → entity label through the actor dictionary, if it is installed."""
    try:
        from fogline.actordict import load_actor_dictionary

        dictionary = load_actor_dictionary()
    except Exception as exc:
        LOGGER.debug("no actor dictionary for %s: %s", NAME, exc)
        return lambda name: None

    @functools.lru_cache(maxsize=65536)
    def label(name: str) -> str | None:
        entry = dictionary.lookup(name)
        return ACTOR_LABEL.get(entry.kind) if entry is not None else None

    return label


def actor_labels(entries: Iterable[object]) -> ActorLabeller:
    """A labeller over plain entries (``name``, ``aliases``, ``kind``), matched by folded name."""
    table: dict[str, str] = {}
    for e in entries:
        label = ACTOR_LABEL.get(str(getattr(e, "kind", "")))
        if not label:
            continue
        for n in [getattr(e, "name", ""), *(getattr(e, "aliases", None) or ())]:
            key = fold(n)
            if len(key) >= 2:
                table.setdefault(key, label)
    return lambda name: table.get(fold(name))


class EntityFixer:
    """The ``fogline_entities`` component; ``gazetteer`` and ``actors`` may be set for tests."""

    def __init__(self, nlp: Language, name: str = NAME) -> None:
        self.name = name
        self.gazetteer = None  # opened on first use unless set
        self.actors: ActorLabeller | None = None  # the actor dictionary unless set
        self._gaz_tried = False

    def _gaz(self):
        if self.gazetteer is None and not self._gaz_tried:
            self._gaz_tried = True
            from fogline.gazetteer import Gazetteer

            self.gazetteer = Gazetteer.open_default()
        return self.gazetteer

    def __call__(self, doc: Doc) -> Doc:
        """Relabel the entities of ``doc`` in place and return it."""
        actors = self.actors if self.actors is not None else _default_actor_labeller()
        gaz = self._gaz()
        cues = load_cues()
        ents = [_trim(e) for e in doc.ents]
        ents = [e for e in ents if e is not None]
        if gaz is not None:  # "Ouham" of "Ouham-Pendé", "Croix" of "Croix-des-Bouquets"
            ents = filter_spans([_hyphen_whole(e, gaz) for e in ents])
            ents = filter_spans([_particle_whole(e, gaz) for e in ents])
            ents = filter_spans([_possessive_whole(e, gaz) for e in ents])
            ents = filter_spans([p for e in ents for p in _split_pair(e, gaz, cues)])
        person_words = words_of_persons(doc, ents, single=False)
        taken = {i for e in ents for i in range(e.start, e.end)}
        runs = [r for r in _capitalised_runs(doc) if not any(i in taken for i in range(*r))]
        if gaz is not None:
            runs = [_hyphen_run(doc, r, gaz, taken) for r in runs]
        texts = {_name_text(e) for e in ents} | {
            doc[a:b].text for s, e in runs for a in range(s, e) for b in range(a + 1, e + 1)
        }
        known = gaz.known(texts) if gaz is not None else set()
        countries = _doc_countries(ents, gaz) if gaz is not None else set()
        wide = _doc_countries(ents, gaz, provinces=True) if gaz is not None else set()
        out: list[Span] = []
        for ent in ents:
            out.append(self._fix(ent, actors, gaz, known, (countries, wide), cues, person_words))
        for start, end in runs:
            span = _longest_known(doc, start, end, actors, known)
            if span is None:
                continue
            label = actors(span.text)
            if label is None and _place_evidence(
                span, gaz, countries, cues, was="", person_words=person_words
            ):
                label = "GPE"
            if label:
                out.append(Span(doc, span.start, span.end, label=label))
        if gaz is not None:
            out = _listed_places(out, gaz, (countries, wide), known, cues)
        doc.ents = filter_spans(out)
        return doc

    def _fix(self, ent, actors, gaz, known, named, cues, person_words) -> Span:
        """``ent`` relabelled; ``named``: the countries named, and those named by provinces."""
        countries, wide = named
        label = actors(ent.text)
        if label and label != ent.label_:
            return Span(ent.doc, ent.start, ent.end, label=label)
        if label or gaz is None:
            return ent
        name = _name_text(ent)
        if ent.label_ in RELABEL_FROM and name in known:
            if (ent.label_ != "NORP" or _proper_noun(ent)) and _place_evidence(
                ent, gaz, countries, cues, was=ent.label_, person_words=person_words
            ):
                return Span(ent.doc, ent.start, ent.end, label="GPE")
        elif (
            ent.label_ in ("PERSON", "ORG")
            and _has_cue(ent, cues, phrase=True)
            and _variant_in(name, gaz, wide)
        ):
            return Span(ent.doc, ent.start, ent.end, label="GPE")
        elif (
            ent.label_ in PLACE_LABELS
            and len(ent) == 1
            and ent[0].lower_ in person_words
            and not _strong(gaz.lookup(name, limit=3))
            and not _has_cue(ent, cues, phrase=True)
        ):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        return ent


def _hyphen_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range grown over unspaced hyphens on both sides ("Kaga" → "Kaga-Bandoro")."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start, end


def _hyphen_whole(ent: Span, gaz) -> Span:
    """The entity grown to its whole hyphenated name when the gazetteer knows that name."""
    start, end = _hyphen_bounds(ent.doc, ent.start, ent.end)
    if (start, end) == (ent.start, ent.end):
        return ent
    whole = ent.doc[start:end]
    if not gaz.known([whole.text]):
        return ent
    # a lower-case link ("Croix-des-Bouquets", "Saint-Louis-du-Nord") is a toponym's; a
    # PERSON or ORG otherwise keeps its label and still needs place evidence ("Jean-Pierre")
    linked = any(t.is_lower and t.is_alpha for t in whole)
    label = "GPE" if linked or ent.label_ in PLACE_LABELS else ent.label_
    return Span(ent.doc, start, end, label=label)


def _particle_whole(ent: Span, gaz) -> Span:
    """The entity grown over lower-case particles and capitalised words to the longest name
    the gazetteer knows ("Lanao" → "Lanao del Norte"); a place then, as the particle shows."""
    doc = ent.doc
    best, j = ent.end, ent.end
    while (
        j + 1 < len(doc)
        and doc[j].lower_ in load_words().name_particles
        and doc[j].text == doc[j].lower_
        and _is_cap(doc[j + 1])
    ):
        j += 2
        while j < len(doc) and j - ent.start < MAX_RUN + 2 and _is_cap(doc[j]):
            j += 1
        if gaz.known([doc[ent.start : j].text]):
            best = j
    if best == ent.end:
        return ent
    return Span(doc, ent.start, best, label="GPE" if ent.label_ != "LOC" else "LOC")


def _possessive_whole(ent: Span, gaz) -> Span:
    """The entity grown over a possessive into a place name the gazetteer knows whole, a
    place then: "Bush" or "Shepherd" of "Shepherd’s Bush", "Martha" of "Martha’s Vineyard"."""
    doc, i, j = ent.doc, ent.start, ent.end
    if i >= 2 and _possessive(doc, i - 1) and _is_cap(doc[i - 2]):
        i -= 2
    elif j + 1 < len(doc) and _possessive(doc, j) and _is_cap(doc[j + 1]):
        j += 2
    if (i, j) == (ent.start, ent.end) or not gaz.known([doc[i:j].text]):
        return ent
    return Span(doc, i, j, label="GPE")


def _possessive(doc: Doc, i: int) -> bool:
    """An "’s" at token ``i`` written against the word before it."""
    return doc[i].lower_ in POSSESSIVE and not doc[i - 1].whitespace_


def _split_pair(ent: Span, gaz, cues: Cues) -> list[Span]:
    """A non-place entity spanning "X and Y" (or "X, Y and Z") after a place cue split into its
    places when the gazetteer knows every part and not the whole: "in Kumbo and Ndop" as one
    ORG ("read War and Peace" has no cue and stays whole)."""
    doc = ent.doc
    if (
        ent.label_ in PLACE_LABELS
        or not any(t.lower_ in grammar_words("coordinators") for t in ent)
        or not _has_cue(ent, cues, phrase=False)
    ):
        return [ent]
    parts, start = [], ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].lower_ in grammar_words("coordinators") or doc[i].text == ",":
            if i > start:
                parts.append(doc[start:i])
            start = i + 1
    if (
        len(parts) < 2
        or gaz.known([ent.text])
        or not all(_is_cap(p[0]) for p in parts)
        or len(gaz.known([p.text for p in parts])) < len({p.text for p in parts})
    ):
        return [ent]
    return [Span(doc, p.start, p.end, label="GPE") for p in parts]


def _hyphen_run(doc: Doc, run: tuple[int, int], gaz, taken: set[int]) -> tuple[int, int]:
    """A capitalised run grown over hyphens when the gazetteer knows the whole name."""
    start, end = _hyphen_bounds(doc, *run)
    if (start, end) == run or any(i in taken for i in range(start, end)):
        return run
    return (start, end) if gaz.known([doc[start:end].text]) else run


def _trim(ent: Span) -> Span | None:
    """Drop leading/trailing whitespace, punctuation and possessive tokens from an entity."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in POSSESSIVE
        or (end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in _FUNCTION_POS)
    ):
        end -= 1  # "Macomia in" (a name the model ran on into the next word): "Macomia"
    # a spaced dash or colon ends a dateline or heading: "MARAWI CITY - Three soldiers"
    cut = next(
        (
            i
            for i in range(start + 1, end)
            if doc[i].text == ":" or (doc[i].text in BREAKS and doc[i - 1].whitespace_)
        ),
        None,
    )
    if cut is not None:
        end = cut
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
    if start >= end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns (connectors allowed inside), as token ranges."""
    runs: list[tuple[int, int]] = []
    words = load_words()
    joins = words.name_connectors | words.arabic_articles | NAME_JOINS  # "ez -" of "Deir ez-Zor"
    i, n = 0, len(doc)
    while i < n:
        if not _run_start(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 8:
            if _is_cap(doc[j]) and (doc[j].pos_ in RUN_POS or not doc[j].is_alpha):
                j += 1
                continue
            k = j  # connectors, one or two ("ez -" of "Deir ez-Zor"), before a capital
            while k < n and k - j < 2 and doc[k].lower_ in joins:
                k += 1
            if k == j or k >= n or not _is_cap(doc[k]):
                break
            j = k + 1
        runs.append((i, j))
        i = j
    return runs


def _run_start(tok) -> bool:
    """A capitalised proper noun, a capitalised word the tagger read otherwise inside a
    sentence ("in Sana'a" as a noun), or a capitalised dateline word ("ABUJA, Nigeria —")."""
    if not _is_cap(tok):
        return False
    if tok.pos_ == "PROPN" or not tok.is_alpha:
        return True
    if not tok.is_sent_start:
        return tok.pos_ in ("NOUN", "X", "ADV")
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.is_upper and len(tok) > 2 and nxt is not None and nxt.text in (",", "-", "—", "–")


def _longest_known(doc, start, end, actors, known) -> Span | None:
    """The longest sub-span (up to MAX_RUN tokens) of a run that is a known name."""
    for size in range(min(MAX_RUN, end - start), 0, -1):
        for a in range(start, end - size + 1):
            span = doc[a : a + size]
            if not _is_cap(span[0]) or not _is_cap(span[-1]):
                continue
            if span.text in known or actors(span.text):
                return span
    return None


@Language.factory(NAME, assigns=["doc.ents"], default_config={})
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    """Factory of the ``fogline_entities`` component."""
    return EntityFixer(nlp, name)


def add_to_pipeline(nlp: Language) -> EntityFixer:
    """Add ``fogline_entities`` after ``ner`` (or last) and return it."""
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME)
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    return nlp.add_pipe(NAME, **after)
