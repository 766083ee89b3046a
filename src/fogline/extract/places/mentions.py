"""What a resolved place mention is called, whether its reading is credible, and where a
name the gazetteer cannot place lies by what the text says around it.

- name: a facility noun after the name belongs to it ("al-Bureij refugee camp"); a feature
  word does when the bare name is another place in the same text ("Aleppo province" beside
  the city of Aleppo);
- credibility: a one-word name with no place cue around it is geocoded only to a strong
  entry (a country, a province, a large city) or to a place in a country the other names of
  the text point to ("Bale", "Time" or "Earth" are no towns abroad); a town abroad, when the
  text names other countries, not at all (one sense per discourse); a person's name, a common
  word or a people only with a locative cue (``senses``);
- containment: a name the gazetteer lacks, or places in another province than the text says,
  takes the point of the place the text puts it in ("Wadi Abdan in Shabwa province", "the
  Borno town of Sabon Gida", "Saqlawiyah, north of Fallujah"), marked approximate.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from fogline.extract.places.evidence import (
    LOOSE_MATCHES,
    PLACE_LABELS,
    STRONG_FEATURES,
    _dateline,
    _has_cue,
)
from fogline.extract.places.lexicon import Cues, load_senses, load_words
from fogline.extract.places.senses import other_sense
from fogline.gazetteer import Candidate, haversine_km
from fogline.gazetteer.keys import name_keys
from fogline.textnorm import fold

LARGE_CITY = 100_000
TOWN = 20_000  # a town this size is credible by itself unless the name is a person's too
FAMOUS_POP = 1_000_000  # a city this large is credible under any of its names
LOCATIVE = frozenset({"in", "near", "outside", "inside", "around", "across", "into", "toward"})
CONTAINERS = frozenset({"ADM1", "ADM2", "ADM3", "PPL", "PPLA", "PPLA2", "PPLC", "RGN"})
OUTSIDE_KM = {"ADM1": 250.0, "RGN": 250.0, "ADM2": 100.0, "ADM3": 60.0}  # else 40 km (a town)


def name_end(mention: Span) -> int:
    """The token index where the place's name ends: after "refugee camp" or "camp"."""
    doc = mention.doc
    for nouns in load_words().name_nouns:  # part of the place's own name after it
        end = mention.end + len(nouns)
        if end <= len(doc) and tuple(t.lower_ for t in doc[mention.end : end]) == nouns:
            return end
    return mention.end


def credible(
    mention: Span,
    cand: Candidate,
    context: set[str],
    cues: Cues,
    person_words: set[str],
    tagged: set[str] = frozenset(),
) -> bool:
    """Whether ``cand`` may stand for ``mention``; ``context``: the countries the document's
    other place names point to; ``person_words``: words of the document's person names (of
    several words, or after a given name or a title); ``tagged``: words the model tagged as
    a one-word person name somewhere (weaker: the document's countries outweigh it)."""
    text = mention.text
    if not any(ch.isupper() for ch in text) or fold(text) in cues.not_places:
        return False  # "n't", "kimchi"; "Earth", "West"
    if title_of_work(mention):
        return False  # "The Hollywood" of "The Hollywood Reporter"
    large = cand.kind.startswith("PPL") and cand.population >= LARGE_CITY
    strong = cand.match not in LOOSE_MATCHES and (cand.kind in STRONG_FEATURES or large)
    if other_sense(text, person_words):  # a person's name, a common word, a people
        if text.lower() in load_senses().peoples:
            return _has_cue(mention, cues, phrase=True)
        if _has_cue(mention, cues, phrase=True) or _locative(mention):
            return True
        if cand.kind == "PCLI" or (beside_place(mention) and cand.country_code in context):
            return True
        return text.lower() in person_words and strong and cand.country_code in context
    if cand.match == "alt" and cand.kind.startswith("PPL") and cand.population >= FAMOUS_POP:
        return True  # a city of world renown by another of its names (Bombay, Peking)
    if cand.match == "skeleton" and (text.isupper() or " " not in text):
        # a spelling variant: in a country of the text, never for an acronym ("KVIL")
        return not text.isupper() and cand.country_code in context
    if cand.match == "alt" and " " not in text:  # another place's other name: "to Fox"
        strict = _has_cue(mention, cues, phrase=True) or _locative(mention)
        return strict or _dateline(mention) or cand.country_code in context
    if _has_cue(mention, cues, phrase=False) or _dateline(mention) or strong:
        return True
    # one sense per discourse: no small town abroad when the text names other countries
    if bool(context) and cand.country_code not in context and not beside_place(mention):
        return False
    if " " in text:
        return True
    if cand.kind.startswith("PPL") and cand.population >= TOWN and cand.match not in LOOSE_MATCHES:
        return text.lower() not in tagged
    return cand.country_code in context


def _locative(mention: Span) -> bool:
    """A locative preposition right before the mention ("in Media", "near Francis")."""
    i = mention.start
    return i > 0 and mention.doc[i - 1].lower_ in LOCATIVE


def beside_place(mention: Span) -> bool:
    """The mention is followed by a comma and a place: "Media, Pennsylvania"."""
    doc, j = mention.doc, mention.end
    return j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].ent_type_ in PLACE_LABELS


def title_of_work(mention: Span) -> bool:
    """A capitalised "The" opening the mention inside a sentence with a capitalised word right
    after it: the name of a publication, a work or a firm ("The Hollywood Reporter")."""
    doc = mention.doc
    first, end = mention[0], mention.end
    return (
        len(mention) > 1
        and first.text == "The"
        and not first.is_sent_start
        and end < len(doc)
        and doc[end].is_title
        and doc[end].is_alpha
    )


def container(mention: Span, spans: dict[int, Span]) -> tuple[Span, str] | None:
    """The place the text puts ``mention`` in or near, and how: "in" ("Wadi Abdan in Shabwa
    province"), "of" ("the Borno town of Sabon Gida") or a direction ("Saqlawiyah, north of
    Fallujah", "Abadam, 20 km south of Maiduguri"); ``spans``: place mentions by first token."""
    doc, words = mention.doc, load_words()
    i = name_end(mention)
    while i < len(doc) and doc[i].lower_ in words.settlement_nouns and i - mention.end < 2:
        i += 1  # "Sablale district south of ..."
    if i < len(doc) and doc[i].lower_ == "in":
        return _span_after(doc, i + 1, spans, "in")
    j = i + 1 if i < len(doc) and doc[i].text == "," else i
    while j < len(doc) and j - i < 5 and (doc[j].like_num or doc[j].lower_ in _distance(words)):
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in words.directions and doc[j + 1].lower_ == "of":
        return _span_after(doc, j + 2, spans, doc[j].lower_)
    k = mention.start
    if k >= 3 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in words.of_nouns:
        for place in spans.values():
            if place.end == k - 2:
                return place, "of"
    return None


def _distance(words) -> frozenset[str]:
    """Words of a distance ("20 km", "some 40 miles") and an opening bracket ("(20 km)")."""
    return words.distance_words | {"("}


def _span_after(doc: Doc, i: int, spans: dict[int, Span], how: str) -> tuple[Span, str] | None:
    """The place mention at token ``i``, past a determiner or a direction adjective."""
    while i < len(doc) and doc[i].lower_ in load_words().skipped_before_place:
        i += 1
    place = spans.get(i)
    return (place, how) if place is not None else None


def outside(cand: Candidate, box: Candidate) -> bool:
    """Whether ``cand`` lies outside the place ``box`` the text puts it in."""
    same = cand.admin1 and box.admin1 and _base(cand.admin1) == _base(box.admin1)
    if box.kind in ("ADM1", "RGN") and same:
        return False
    limit = OUTSIDE_KM.get(box.kind, 40.0)
    return haversine_km(cand.lat, cand.lon, box.lat, box.lon) > limit


def _base(name: str) -> str:
    return name_keys(name).base


def usable_box(box: Candidate | None) -> bool:
    """A place small enough to stand for what lies in it (no country, no continent)."""
    return box is not None and box.kind in CONTAINERS
