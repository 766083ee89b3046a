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
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from fogline.data import load_lines, load_yaml
from fogline.textnorm import fold

LOGGER = logging.getLogger(__name__)

NAME = "fogline_entities"
MAX_RUN = 4
RELABEL_FROM = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "NORP", "FAC", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
CONNECTORS = frozenset({"of", "al", "el", "de", "du", "la", "le", "-", "'", "’", "bin", "ibn"})
# lower-case particles inside place names of Spanish, Portuguese, French, Italian and Arabic
# usage ("Lanao del Norte", "Davao de Oro", "Rio das Ostras", "Ras al Ain")
NAME_PARTICLES = frozenset(
    {"del", "de", "la", "las", "los", "el", "al", "du", "des", "da", "das", "do", "dos", "di"}
)
BREAKS = frozenset({":", "-", "—", "–", "--"})  # spaced, they end a dateline or a heading
ACTOR_LABEL = {
    "person": "PERSON",
    "group": "ORG",
    "organisation": "ORG",
    "organization": "ORG",
    "media": "ORG",
    "state": "GPE",
}
STRONG_FEATURES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "OCN", "SEA"})
LARGE_CITY = 100_000
SIZEABLE_TOWN = 5_000  # a town the size a possessive country names ("Russia's Belgorod")
BYLINE_TOKENS = 16
DASHES = frozenset({"-", "—", "–", "--"})
_MONTHS = "january february march april may june july august september october november december"
DATELINE_MONTHS = frozenset(
    {m for m in _MONTHS.split(" ")} | {m[:3] for m in _MONTHS.split(" ")} | {"sept"}
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Place cues from ``data/places/cues.yaml``."""

    before_words: frozenset[str]
    before_phrases: tuple[tuple[str, ...], ...]
    after_words: frozenset[str]
    after_hyphen: frozenset[str]
    not_places: frozenset[str]


@functools.cache
def load_cues() -> Cues:
    """The place cues and the never-a-place words (loaded once, on first use)."""
    data = load_yaml("places/cues.yaml")
    before = [str(c).lower() for c in data["before"]]
    return Cues(
        before_words=frozenset(c for c in before if " " not in c and "," not in c),
        before_phrases=tuple(tuple(c.replace(",", " ,").split()) for c in before if " " in c),
        after_words=frozenset(str(c).lower() for c in data["after"]),
        after_hyphen=frozenset(str(c).lower() for c in data.get("after_hyphen", ())),
        not_places=frozenset(load_lines("places/not_places.txt")),
    )


ActorLabeller = Callable[[str], "str | None"]


@functools.cache
def _default_actor_labeller() -> ActorLabeller:
    """Name → entity label through the actor dictionary, if it is installed."""
    try:
        from fogline.actordict import load_actor_dictionary

        dictionary = load_actor_dictionary()
    except Exception as exc:  # noqa: BLE001 - the dictionary is optional reference data
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

    def _gaz(self):  # noqa: ANN202 - Gazetteer | None
        if self.gazetteer is None and not self._gaz_tried:
            self._gaz_tried = True
            from fogline.gazetteer import Gazetteer

            self.gazetteer = Gazetteer.open_default()
        return self.gazetteer

    def __call__(self, doc: Doc) -> Doc:
        actors = self.actors if self.actors is not None else _default_actor_labeller()
        gaz = self._gaz()
        cues = load_cues()
        ents = [_trim(e) for e in doc.ents]
        ents = [e for e in ents if e is not None]
        if gaz is not None:  # "Ouham" of "Ouham-Pendé", "Croix" of "Croix-des-Bouquets"
            ents = filter_spans([_hyphen_whole(e, gaz) for e in ents])
            ents = filter_spans([_particle_whole(e, gaz) for e in ents])
            ents = filter_spans([p for e in ents for p in _split_pair(e, gaz, cues)])
        person_words = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        taken = {i for e in ents for i in range(e.start, e.end)}
        runs = [r for r in _capitalised_runs(doc) if not any(i in taken for i in range(*r))]
        if gaz is not None:
            runs = [_hyphen_run(doc, r, gaz, taken) for r in runs]
        texts = {_name_text(e) for e in ents} | {
            doc[a:b].text for s, e in runs for a in range(s, e) for b in range(a + 1, e + 1)
        }
        known = gaz.known(texts) if gaz is not None else set()
        countries = _doc_countries(ents, gaz) if gaz is not None else set()
        out: list[Span] = []
        for ent in ents:
            out.append(self._fix(ent, actors, gaz, known, countries, cues, person_words))
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
            out = _listed_places(out, gaz, countries, known, cues)
        doc.ents = filter_spans(out)
        return doc

    def _fix(self, ent, actors, gaz, known, countries, cues, person_words) -> Span:  # noqa: ANN001
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
            and _variant_in(name, gaz, countries)
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


def _hyphen_whole(ent: Span, gaz) -> Span:  # noqa: ANN001
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


def _particle_whole(ent: Span, gaz) -> Span:  # noqa: ANN001
    """The entity grown over lower-case particles and capitalised words to the longest name
    the gazetteer knows ("Lanao" → "Lanao del Norte"); a place then, as the particle shows."""
    doc = ent.doc
    best, j = ent.end, ent.end
    while (
        j + 1 < len(doc)
        and doc[j].lower_ in NAME_PARTICLES
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


def _split_pair(ent: Span, gaz, cues: Cues) -> list[Span]:  # noqa: ANN001
    """A non-place entity spanning "X and Y" (or "X, Y and Z") after a place cue split into its
    places when the gazetteer knows every part and not the whole: "in Kumbo and Ndop" as one
    ORG ("read War and Peace" has no cue and stays whole)."""
    doc = ent.doc
    if (
        ent.label_ in PLACE_LABELS
        or not any(t.lower_ in ("and", "or") for t in ent)
        or not _has_cue(ent, cues, phrase=False)
    ):
        return [ent]
    parts, start = [], ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].lower_ in ("and", "or", ","):
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


def _hyphen_run(doc: Doc, run: tuple[int, int], gaz, taken: set[int]) -> tuple[int, int]:  # noqa: ANN001
    """A capitalised run grown over hyphens when the gazetteer knows the whole name."""
    start, end = _hyphen_bounds(doc, *run)
    if (start, end) == run or any(i in taken for i in range(start, end)):
        return run
    return (start, end) if gaz.known([doc[start:end].text]) else run


def _name_text(span: Span) -> str:
    """The span's text without a leading determiner."""
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:].text
    return span.text


def _trim(ent: Span) -> Span | None:
    """Drop leading/trailing whitespace, punctuation and possessive tokens from an entity."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
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


def _is_cap(tok) -> bool:  # noqa: ANN001
    return tok.is_alpha and (tok.is_title or (tok.is_upper and len(tok) > 1))


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns (connectors allowed inside), as token ranges."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not (_is_cap(tok) and tok.pos_ == "PROPN"):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 8:
            t = doc[j]
            if _is_cap(t) and t.pos_ in ("PROPN", "NOUN", "ADJ"):
                j += 1
            elif t.lower_ in CONNECTORS and j + 1 < n and _is_cap(doc[j + 1]):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _longest_known(doc, start, end, actors, known) -> Span | None:  # noqa: ANN001
    """The longest sub-span (up to MAX_RUN tokens) of a run that is a known name."""
    for size in range(min(MAX_RUN, end - start), 0, -1):
        for a in range(start, end - size + 1):
            span = doc[a : a + size]
            if not _is_cap(span[0]) or not _is_cap(span[-1]):
                continue
            if span.text in known or actors(span.text):
                return span
    return None


def _doc_countries(ents: list[Span], gaz) -> set[str]:  # noqa: ANN001
    """Countries the document names outright (a GPE that is a country name)."""
    out: set[str] = set()
    for e in ents:
        if e.label_ in PLACE_LABELS:
            cands = gaz.lookup(_name_text(e), limit=2)
            if cands and cands[0].kind == "PCLI" and cands[0].match != "skeleton":
                out.add(cands[0].country_code)
    return out


def _strong(cands) -> bool:  # noqa: ANN001
    return bool(cands) and any(
        c.match not in ("skeleton", "alt")
        and (c.kind in STRONG_FEATURES or (c.kind.startswith("PPL") and c.population >= LARGE_CITY))
        for c in cands[:3]
    )


def _has_cue(span: Span, cues: Cues, *, phrase: bool) -> bool:
    """A place cue right before or after the span (``phrase``: multi-word or feature cues only)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in cues.after_words:
        return True
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not doc[span.end].whitespace_
        and doc[span.end + 1].lower_ in cues.after_hyphen
    ):
        return True  # "an Abuja-based group"
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    for p in cues.before_phrases:
        if tuple(before[-len(p) :]) == p:
            return True
    return not phrase and bool(before) and before[-1] in cues.before_words


def _place_evidence(  # noqa: C901 - one decision, read top to bottom
    span: Span,
    gaz,  # noqa: ANN001
    countries: set[str],
    cues: Cues,
    *,
    was: str,
    person_words: set[str] = frozenset(),  # noqa: B006 - read only
) -> bool:
    """Whether a known name is used as a place here; ``was`` is the model's label ("" for none).

    A dateline ("KHARTOUM, May 14 (Reuters) -") or a multi-word or feature cue suffices; so
    does a country's possessive ("Myanmar's Rakhine State") or a province after a place
    ("Marte, Borno State") when the gazetteer agrees, and the last name of a byline ("By Jane
    Doe, Nairobi") when it is a large city. A preposition suffices for an ORG, a NORP used as
    a noun or an unlabelled name not at sentence start (for a PERSON only in a country the
    document names); without a cue, an ORG needs a strong entry or an entry in a named
    country, an unlabelled name a country or province entry, a PERSON or NORP is left alone.
    """
    if gaz is None or fold(span.text) in cues.not_places:
        return False
    cands = [c for c in gaz.lookup(_name_text(span), limit=50) if c.match != "skeleton"]
    if not cands:
        return False
    if _dateline(span):
        return True
    if span.text.isupper():  # acronyms: only a country's short form ("UK", "DRC")
        cands = [c for c in cands if c.kind == "PCLI"]
        if not cands:
            return False
    if _has_cue(span, cues, phrase=True):
        return True
    personal = len(span) == 1 and span[0].lower_ in person_words
    owner = _possessor_country(span, gaz)
    if owner and not personal and any(c.country_code == owner and _sizeable(c) for c in cands):
        return True
    if not personal and _after_place(span) and any(c.kind in ("ADM1", "ADM2") for c in cands):
        return True
    if not personal and _byline_place(span) and _strong(cands):
        return True
    at_start = span[0].is_sent_start
    in_context = [c for c in cands if c.country_code in countries]
    if _has_cue(span, cues, phrase=False) and not at_start and (was != "PERSON" or in_context):
        return True
    if was in ("PERSON", "NORP"):
        return False
    if was == "":
        if at_start:
            return False
        return any(c.kind in STRONG_FEATURES for c in cands[:2]) or any(
            c.kind.startswith("ADM") for c in in_context
        )
    return _strong(cands) or any(c.kind.startswith("ADM") for c in in_context)


def _proper_noun(span: Span) -> bool:
    """A NORP that is a name ("in Omdurman"), not a people's adjective or plural ("Sudanese")."""
    return all(t.tag_ == "NNP" for t in span) and span.root.dep_ != "amod"


def _variant_in(name: str, gaz, countries: set[str]) -> bool:  # noqa: ANN001
    """Whether a spelling variant of ``name`` is a place of a country the document names."""
    if not countries or gaz is None:
        return False
    return any(
        c.match == "skeleton" and c.country_code in countries and _sizeable(c)
        for c in gaz.lookup(name, limit=20)
    )


def _sizeable(c) -> bool:  # noqa: ANN001 - Candidate
    return c.kind in ("PCLI", "ADM1", "ADM2", "RGN") or c.population >= SIZEABLE_TOWN


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _dateline(span: Span) -> bool:
    """The place of a wire dateline: "KHARTOUM, May 14 (Reuters) -", "GOMA, Congo —",
    "Kabul, Sept 5 (AP) -" (a capitalised name opening a line, then a date or an agency)."""
    doc = span.doc
    if not _line_start(doc, span.start) or span.end + 1 >= len(doc):
        return False
    nxt, after = doc[span.end], doc[span.end + 1]
    if span.text.isupper() and len(span.text) > 2:
        return nxt.text in DASHES or (nxt.text == "," and (after.is_upper or after.is_title))
    return nxt.text == "," and (
        after.text == "(" or after.like_num or after.lower_.rstrip(".") in DATELINE_MONTHS
    )


def _possessor_country(span: Span, gaz) -> str | None:  # noqa: ANN001
    """The country of a possessive before the span: "Myanmar's" in "Myanmar's Rakhine State"."""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].lower_ not in ("'s", "’s"):
        return None
    for size in (3, 2, 1):
        if i - size < 0 or not all(_is_cap(t) for t in doc[i - size : i]):
            continue
        cands = gaz.lookup(doc[i - size : i].text, limit=1)
        if cands and cands[0].kind == "PCLI" and cands[0].match != "skeleton":
            return cands[0].country_code
    return None


def _after_place(span: Span) -> bool:
    """The span follows a place and a comma: "Marte, Borno State"."""
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].ent_type_ in PLACE_LABELS


def _coordinated_place(span: Span, place_ends: set[int]) -> bool:
    """The span is listed after a place (``place_ends``: token index after each place):
    "Goma and Bukavu", "Gao, Kidal or Menaka"."""
    doc = span.doc
    i = span.start
    return (
        i >= 2
        and doc[i - 1].lower_ in ("and", "or", ",")
        and (i - 1) in place_ends
        and not (span.end < len(doc) and doc[span.end].text == ",")  # "Goma, Jean said"
    )


def _listed_places(
    out: list[Span], gaz, countries: set[str], known: set[str], cues: Cues
) -> list[Span]:  # noqa: ANN001
    """Relabel as GPE the known names listed right after a place, left to right (a PERSON
    only when the name is a place of a country the document names)."""
    place_ends = {e.end for e in out if e.label_ in PLACE_LABELS}
    fixed = []
    for e in sorted(out, key=lambda e: e.start):
        name = _name_text(e)
        if (
            e.label_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART")
            and name in known
            and fold(e.text) not in cues.not_places
            and _coordinated_place(e, place_ends)
            and any(
                c.match != "skeleton" and (e.label_ != "PERSON" or c.country_code in countries)
                for c in gaz.lookup(name, limit=20)
            )
        ):
            e = Span(e.doc, e.start, e.end, label="GPE")
            place_ends.add(e.end)
        fixed.append(e)
    return fixed


def _byline_place(span: Span) -> bool:
    """The span closes a byline paragraph after a comma: "By Jane Doe\nBBC Africa, Dakar"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    if span.end < len(doc) and not (doc[span.end].is_space and "\n" in doc[span.end].text):
        return False
    i = span.start - 1
    while i > 0 and span.start - i < BYLINE_TOKENS:
        if doc[i - 1].is_space and "\n\n" in doc[i - 1].text:
            break
        i -= 1
    return doc[i].text == "By" and span.start - i < BYLINE_TOKENS


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
