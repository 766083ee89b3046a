"""Where an event happened: the finest place of its own clause, sentence or paragraph."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from fogline.extract.events.arguments import Frame
from fogline.extract.events.mentions import Mentions
from fogline.extract.events.syntax import in_clause
from fogline.model import Place, PlaceRef

PLACE_WINDOW = 150  # tokens either side of a trigger searched for its place


def event_place(
    frame: Frame, ments: Mentions, anchors: set[int], sent: Span, para: tuple[int, int] | None
) -> PlaceRef | None:
    """The finest place among the trigger's own locatives, else among the places its
    clause, then its sentence, names in a locative phrase (not in a role or a reporting
    phrase), else the paragraph's most frequent such place, else the document's focus
    place marked ``inferred``. A place named as a modifier or an actor ("a U.S. strike",
    "Somalia's army") is never where an event happened."""
    own = [hit[0] for t in frame.place_tokens if (hit := _own_place(t, ments)) is not None]
    if own:
        return finest(own, ments)
    for group in _sentence_places(frame, ments, anchors, sent):
        if group:
            return finest([ref for _, ref in sorted(group, key=lambda item: item[0])], ments)
    found = _paragraph_place(frame, ments, anchors, para) if para is not None else None
    return found or focus_place(ments)


def _own_place(tok: Token, ments: Mentions) -> tuple[PlaceRef, Token] | None:
    """The place a locative names, also a name the gazetteer lacks written on a territory
    noun ("on the town of Nasib", "in Hawul district")."""
    found = ments.place_of(tok)
    territory = tok.lemma_.lower() in ments.lex.words("class:territory")
    if found is None and territory and ments.is_place(tok):  # not "Islamic State"
        return ments.territory_of(tok)
    return found


def is_locative(tok: Token, ments: Mentions) -> bool:
    """Is the place name at ``tok`` written as a location ("in Mosul", "near the town of
    Barawe", "in Mosul province", "at Nairobi's Westgate mall"), not as a modifier or an
    actor ("a U.S. airstrike", "Somalia's army", "Kenya said")?"""
    lex = ments.lex
    hosts = lex.words("class:territory") | lex.words("class:property") | lex.words("place_parts")
    root = tok
    for _ in range(8):
        head = root.head
        if head is root:
            return False
        same = ments.place_mention(root)
        if same is not None and root.i != same[1].root.i and same[1].start <= head.i < same[1].end:
            root = head  # inside one place name: "Lower Shabelle"
        elif root.dep_ in ("conj", "appos"):
            root = head
        elif root.dep_ in ("compound", "poss", "nmod", "amod") and head.lemma_.lower() in hosts:
            root = head  # "Mosul's airport", "Nairobi's Westgate mall"
        elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in hosts:
            root = head.head  # "the town of Barawe", "the outskirts of Kobani"
        elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "advmod":
            root = head.head  # "north of Gao", read as an adverb
        else:
            break
    if root.dep_ in ("advmod", "npadvmod") and root.lemma_.lower() in lex.words("place_parts"):
        return True  # "north of Gao"
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in lex.words("strong_place_preps"):
        return True
    if prep.lower_ == "from" and prep.head.lemma_.lower() in lex.words("origin_heads"):
        return True  # "abducted from Chibok"
    # a destination: "will travel to Accra", "returned to Mosul"
    return prep.lower_ in ("to", "toward", "towards") and prep.head.lemma_.lower() in lex.words(
        "purpose_heads"
    )


def focus_place(ments: Mentions) -> PlaceRef | None:
    """The document's focus, marked ``inferred`` for an event that no phrase places: the
    country whose places the text names most often as locations, given as the country itself
    when the text names it, else as that country's most named place. A country is the honest
    guess; a town named often ("Chibok", the border town seen from "Turkey") is not where
    every unplaced event happened."""
    if "focus" not in ments.memo:
        by_country: dict[str, list] = {}  # country code → [count, {name: [count, place]}]
        for t in ments.doc:
            found = ments.place_mention(t) if t.i in ments.place_tokens else None
            if found is None or t.i != found[1].root.i or found[0].lat is None:
                continue
            place = found[0]
            if place.country_code is None or not is_locative(t, ments):
                continue
            entry = by_country.setdefault(place.country_code, [0, {}])
            entry[0] += 1
            entry[1].setdefault(place.name, [0, place])[0] += 1
        ments.memo["focus"] = _country_focus(by_country, ments)
    return ments.memo["focus"]


def _country_focus(by_country: dict[str, list], ments: Mentions) -> PlaceRef | None:
    if not by_country:
        return None
    _, names = max(by_country.values(), key=lambda entry: entry[0])
    countries = [p for _, p in names.values() if ments.feature_of(_ref(p)) in COUNTRY_FEATURES]
    place = countries[0] if countries else max(names.values(), key=lambda item: item[0])[1]
    return PlaceRef(place.name, place.lat, place.lon, place.country_code, inferred=True)


def _ref(place: Place) -> PlaceRef:
    return PlaceRef(place.name, place.lat, place.lon, place.country_code)


COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
"""GeoNames feature codes of countries and dependent territories."""


def _sentence_places(
    frame: Frame, ments: Mentions, anchors: set[int], sent: Span
) -> tuple[list[tuple[int, PlaceRef]], list[tuple[int, PlaceRef]]]:
    """(distance to the trigger, place) of the places named in the event's own clause, and
    of those elsewhere in its sentence, outside its roles and reporting phrases."""
    skip = {t.i for t in frame.actor.subtree} if frame.actor is not None else set()
    skip |= {t.i for role in frame.targets for t in (role, *role.lefts)}
    reporting = ments.lex.words("reporting_verbs")
    nouns = ments.lex.words("class:territory")
    clause: list[tuple[int, PlaceRef]] = []
    other: list[tuple[int, PlaceRef]] = []
    doc, i = frame.token.doc, frame.token.i
    placed = ments.place_tokens
    # a window around the trigger: a text with no sentence ends must not make this quadratic
    for t in doc[max(sent.start, i - PLACE_WINDOW) : min(sent.end, i + PLACE_WINDOW)]:
        if t.i in skip or not (t.ent_type_ or t.i in placed or t.lower_ in nouns):
            continue
        hit = ments.place_of(t)
        if hit is None or in_report(t, anchors, reporting) or not is_locative(t, ments):
            continue
        own_clause = in_clause(t, anchors)
        if not own_clause and t.lower_ in nouns and ments.named_after(t) is None:
            continue  # "the town" refers back only from the event's own clause
        (clause if own_clause else other).append((abs(t.i - i), hit[0]))
    return clause, other


def _paragraph_place(
    frame: Frame, ments: Mentions, anchors: set[int], para: tuple[int, int]
) -> PlaceRef | None:
    """The place named most often near the trigger in its paragraph."""
    doc, i = frame.token.doc, frame.token.i
    reporting = ments.lex.words("reporting_verbs")
    counts: dict[str, tuple[int, PlaceRef]] = {}
    placed = ments.place_tokens
    span = doc.char_span(para[0], para[1], alignment_mode="expand")
    window = (
        doc[max(span.start, i - 4 * PLACE_WINDOW) : min(span.end, i + 4 * PLACE_WINDOW)]
        if span
        else ()
    )
    for t in window:
        hit = ments.place_of(t) if (t.ent_type_ or t.i in placed) else None
        if hit is not None and is_locative(t, ments) and not in_report(t, anchors, reporting):
            n, _ = counts.get(hit[0].name, (0, hit[0]))
            counts[hit[0].name] = (n + 1, hit[0])
    if counts:
        return max(counts.values(), key=lambda item: item[0])[1]
    return None


def finest(refs: Sequence[PlaceRef], ments: Mentions) -> PlaceRef:
    """The most precise of candidate places (a town before its province or country, as
    ACLED codes the most precise location); the first among equals."""
    rank = ments.lex.feature_rank
    return min(refs, key=lambda ref: rank.get(ments.feature_of(ref) or "", 1))


def in_report(tok: Token, anchors: set[int], reporting: frozenset[str]) -> bool:
    """Does ``tok`` belong to a reporting phrase ("the governor of X said", "according to
    a monitor based in X") rather than to the event's own clause?"""
    cur = tok
    for _ in range(30):
        if cur.i in anchors:
            return False
        if cur.lower_ == "according":
            return True
        head = cur.head
        if head is cur:
            return False
        if (
            head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in reporting
            and cur.dep_ not in ("ccomp", "xcomp", "conj")
        ):
            return True
        cur = head
    return False
