"""Whether a name the gazetteer knows is a place here: cues, gazetteer strength, datelines,
bylines, possessive countries, and places listed together (one decision per span).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from fogline.extract.places.lexicon import Cues
from fogline.extract.places.senses import other_sense
from fogline.extract.times.lexicon import load_lexicon as time_lexicon
from fogline.extract.words import grammar_words
from fogline.textnorm import fold

PLACE_LABELS = frozenset({"GPE", "LOC"})
# GeoNames feature codes of a strong entry: a country, a province, a continent, a region, a sea
STRONG_FEATURES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "OCN", "SEA"})
LOOSE_MATCHES = frozenset({"skeleton", "alt"})  # matched by a skeleton or a non-primary name
POSSESSIVE = frozenset({"'s", "’s"})  # the possessive clitic as spaCy splits it
LARGE_CITY = 100_000
SIZEABLE_TOWN = 5_000  # a town the size a possessive country names ("Russia's Belgorod")
BYLINE_TOKENS = 16
DASHES = frozenset({"-", "—", "–", "--"})


def _name_text(span: Span) -> str:
    """The span's text without a leading determiner."""
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:].text
    return span.text


def _is_cap(tok) -> bool:
    """A capitalised word; an apostrophe inside counts as a letter ("Sana'a", "N'Djamena")."""
    text = tok.text
    if not tok.is_alpha:
        letters = text.replace("'", "").replace("’", "")
        if len(letters) == len(text) or not letters.isalpha() or not text[-1].isalpha():
            return False
    return text[0].isupper() and (text[1:].islower() or text.isupper()) or tok.is_title


def _doc_countries(ents: list[Span], gaz, *, provinces: bool = False) -> set[str]:
    """Countries the document names outright: a GPE that is a country name (``provinces``:
    or a province name that no other country shares, "the Gaza Strip", "Borno")."""
    out: set[str] = set()
    for e in ents:
        if e.label_ in PLACE_LABELS:
            cands = [c for c in gaz.lookup(_name_text(e), limit=5) if c.match != "skeleton"]
            if not cands or cands[0].kind not in ("PCLI", "ADM1"):
                continue
            top = cands[0]
            rivals = {c.country_code for c in cands if c.prior >= top.prior - 1.0}
            if top.kind == "PCLI" or (provinces and len(rivals) == 1):
                out.add(top.country_code)
    return out


def _strong(cands) -> bool:
    return bool(cands) and any(
        c.match not in LOOSE_MATCHES
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


def _place_evidence(
    span: Span,
    gaz,
    countries: set[str],
    cues: Cues,
    *,
    was: str,
    person_words: set[str] = frozenset(),
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
    # a person's name, a common word, a people or a language ("Bale", "Media", "Hausa")
    personal = len(span) == 1 and other_sense(span.text, person_words)
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
    if was in ("PERSON", "NORP") or personal:  # "Bale" of "Christian Bale": a cue or nothing
        return False
    if was == "":
        if at_start:
            return False
        return any(c.kind in STRONG_FEATURES for c in cands[:2]) or any(
            c.kind.startswith("ADM") for c in in_context
        )
    return _strong(cands) or any(_own_district(c) for c in in_context)


def _own_district(c) -> bool:
    """A district an organisation's name may be: by that very name, with a point of its own or
    its namesake town's (a US county, named after people, sits at its state's centroid:
    "McDonald" is no McDonald County; "Andarab" is a district's town)."""
    return (
        c.kind.startswith("ADM")
        and c.match == "exact"
        and ("approx" not in c.feature or "town of" in c.feature)
    )


def _proper_noun(span: Span) -> bool:
    """A NORP that is a name ("in Omdurman"), not a people's adjective or plural ("Sudanese")."""
    return all(t.tag_ == "NNP" for t in span) and span.root.dep_ != "amod"


def _variant_in(name: str, gaz, countries: set[str]) -> bool:
    """Whether a spelling variant of ``name`` is a place of a country the document names."""
    if not countries or gaz is None:
        return False
    return any(
        c.match == "skeleton" and c.country_code in countries and _sizeable(c)
        for c in gaz.lookup(name, limit=20)
    )


def _sizeable(c) -> bool:
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
    months = time_lexicon().months  # names and abbreviations ("Sept")
    if nxt.text != "," or after.lower_.rstrip(".") in months or after.text == "(":
        return nxt.text == ","
    # "Kabul, 5 Sept (AP)" is a dateline, "Bary, 24, is said" is a name and an age
    month = span.end + 2 < len(doc) and doc[span.end + 2].lower_.rstrip(".") in months
    return after.is_digit and month


def _possessor_country(span: Span, gaz) -> str | None:
    """The country of a possessive before the span: "Myanmar's" in "Myanmar's Rakhine State"."""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].lower_ not in POSSESSIVE:
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
        and (doc[i - 1].lower_ in grammar_words("coordinators") or doc[i - 1].text == ",")
        and (i - 1) in place_ends
        and not (span.end < len(doc) and doc[span.end].text == ",")  # "Goma, Jean said"
    )


def _listed_places(
    out: list[Span], gaz, countries: tuple[set[str], set[str]], known: set[str], cues: Cues
) -> list[Span]:
    """Relabel as GPE the known names listed right after a place, left to right (a PERSON
    only when the name is a place of a country the document names); ``countries``: those
    named as countries, and those named by countries or provinces."""
    countries, wide = countries
    place_ends = {_feature_end(e, cues) for e in out if e.label_ in PLACE_LABELS}
    fixed = []
    for e in sorted(out, key=lambda e: e.start):
        name = _name_text(e)
        if (
            e.label_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART")
            and fold(e.text) not in cues.not_places
            and _coordinated_place(e, place_ends)
            and (
                name in known
                and any(
                    c.match != "skeleton" and (e.label_ != "PERSON" or c.country_code in countries)
                    for c in gaz.lookup(name, limit=20)
                )
                or _variant_in(name, gaz, wide)  # "the camp and al-Moghraqa" (Mughraqah)
            )
        ):
            e = Span(e.doc, e.start, e.end, label="GPE")
            place_ends.add(_feature_end(e, cues))
        fixed.append(e)
    return fixed


def _feature_end(span: Span, cues: Cues) -> int:
    """The token index after a place and the feature nouns that follow it: "Nuseirat refugee
    camp and al-Moghraqa" lists two places."""
    doc, end = span.doc, span.end
    while end < len(doc) and end - span.end < 2 and doc[end].lower_ in cues.after_words:
        end += 1
    return end


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
