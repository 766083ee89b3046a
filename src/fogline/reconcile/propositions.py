"""Claims of one analysis → proposition reports with canonical keys and their origin.

A proposition is (predicate, doer, place or object). The doer's key is its root in the
actor dictionary's hierarchy (:mod:`fogline.reconcile.actors`: "Isis" / "ISIL" / an IS
"province" meet as Islamic State, "the Lebanese army" as Lebanon); a victim or target is a
known actor's root, a person by surname ("Gill Rosenberg" / "Ms Rosenberg"), else its folded
phrase; the place is its gazetteer id (else a folded base name). A named victim identifies the
proposition wherever it is placed; a generic one ("soldiers") needs the place too.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fogline.data import load_yaml
from fogline.model import Analysis, Claim
from fogline.reconcile.actors import ORIGIN_WORDS, ActorCanon
from fogline.reconcile.origins import Origin, agency_credit, is_party_claim, origin_of
from fogline.textnorm import fold


@dataclass(frozen=True, slots=True)
class Report:
    """One source's stance on one proposition, in one document."""

    proposition_id: str
    predicate: str
    subject: str | None  # the canonical name of the doer
    subject_written: str | None  # the doer as the claim names it ("ISWAP fighters")
    subject_key: str
    place: str | None  # the proposition's place (:mod:`fogline.reconcile.places`)
    place_written: str | None  # the place as the claim names it ("Syria")
    place_key: str
    obj: str | None
    object_key: str
    lat: float | None
    lon: float | None
    document_id: str
    claim_idx: int
    stance: str
    source_name: str
    source_key: str  # the origin independence counts (:mod:`fogline.reconcile.origins`)
    origin: str  # the origin's chain, speaker first: "Saad Maan → Iraq"
    party_claim: bool  # the doer vouches for its own gain or its enemy's loss
    outlet: str | None
    published: str | None
    date: str | None
    text: str
    start: int
    end: int


# Predicates whose object tells propositions apart: KILLED(group, soldiers) is not
# KILLED(group, civilians). For CONTROL and the like the place alone is the object.
OBJECT_PREDICATES = frozenset(
    {
        "KILLED",
        "WOUNDED",
        "CAPTURED",
        "ARRESTED",
        "DISPLACED",
        "ATTACKED",
        "NEGOTIATE",
        "DEMAND",
        "THREATEN",
        "CEASEFIRE",
    }
)


@functools.lru_cache(maxsize=65536)
def place_base(name: str) -> str:
    """A place name folded, without article and feature word: "the Idlib province" → "idlib"."""
    from fogline.gazetteer.keys import name_keys

    return name_keys(name).base or fold(name)


class Canonicalizer:
    """Maps actor, object and place names to stable keys (actor dictionary root, gazetteer id)."""

    def __init__(
        self,
        actor_lookup: Callable[[str], object | None] | None = None,
        *,
        actors: ActorCanon | None = None,
    ) -> None:
        self.actors = actors or ActorCanon(None, actor_lookup)  # type: ignore[arg-type]

    def actor_key(self, name: str | None, analysis: Analysis | None = None) -> str:
        """The doer key: ``actor:<root id>`` when the dictionary (or the document, or a
        state's organ) places ``name``, else ``name:<folded name>``; "" for no name."""
        return self.actors.key(name, analysis)

    def object_key(self, name: str | None, analysis: Analysis, text: str = "") -> str:
        """The key of a victim or target: a relative of a person ("kin:wife <person>"), a
        person (:func:`person_key`), a known actor's root, else the folded phrase without
        determiners and numbers ("six soldiers" → "soldiers"). A person whom the claim's
        ``text`` names only through a relative ("detained a wife and daughter of Baghdadi")
        is that relative."""
        if not name or not name.strip() or fold(name) in empty_objects():
            return ""
        kin = _kin(name, analysis, self.actors)
        if kin:
            return "kin:" + kin
        person = _person(name, analysis, self.actors)
        if person:
            relation = _kin_in_text(text, name)
            return f"kin:{relation} {person}" if relation else "person:" + person
        found = self.actors.resolve(name, analysis, descriptors=False)
        if found is not None:
            return found.doer_key
        words = [w for w in fold(name).split() if w not in _DETERMINERS and not w.isdigit()]
        return "thing:" + " ".join(words) if words else ""

    def place_key(
        self, name: str | None, analysis: Analysis
    ) -> tuple[str, float | None, float | None]:
        """The key and point of a place name: ``gaz:<id>`` from a geocoded place of ``analysis``.

        That place matches by name, resolved name or base name ("Idlib province" ~ "Idlib");
        without one, ``place:<base name>`` and no point; "" for no name.
        """
        if not name:
            return "", None, None
        folded = fold(name)
        for p in analysis.places:
            names = (p.name, p.resolved_name or "")
            if p.gazetteer_id and folded in (fold(n) for n in names):
                return f"gaz:{p.gazetteer_id}", p.lat, p.lon
        base = place_base(name)
        for p in analysis.places:  # "Idlib province" in the claim, "Idlib" resolved
            if p.gazetteer_id and place_base(p.name) == base:
                return f"gaz:{p.gazetteer_id}", p.lat, p.lon
        return f"place:{base}", None, None


_DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "some",
     "several", "many", "dozens", "hundreds", "one", "two", "three", "four", "five", "six",
     "seven", "eight", "nine", "ten"}
)  # fmt: skip
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von"})


@functools.cache
def event_nouns() -> frozenset[str]:
    """Folded nouns of incidents, which are no doer (``data/reconcile/origins.yaml``)."""
    return frozenset(fold(w) for w in load_yaml(ORIGIN_WORDS)["event_nouns"])


@functools.cache
def empty_objects() -> frozenset[str]:
    """Folded words that alone name no victim or target ("her", "one", "many others")."""
    return frozenset(fold(w) for w in load_yaml(ORIGIN_WORDS)["empty_objects"])


_KIN_OF = re.compile(r"^(?:the |a |an )?(?P<kin>[\w-]+) of (?P<who>.+)$", re.IGNORECASE)
_KIN_POSSESSIVE = re.compile(r"^(?P<who>.+?)['\u2019]s? (?P<kin>[\w-]+)$")
_KIN_PRONOUN = re.compile(r"^(?:his|her|their) (?P<kin>[\w-]+)$", re.IGNORECASE)


def _kin(name: str, analysis: Analysis, canon: ActorCanon) -> str:
    """``<relation> <person key>`` for a victim named after a person ("Baghdadi's wife", "the
    son of Ali Musa"); ``<relation> ?`` after a pronoun ("his wife"); else ""."""
    text = name.strip()
    for pattern in (_KIN_OF, _KIN_POSSESSIVE, _KIN_PRONOUN):
        hit = pattern.match(text)
        if hit is None or fold(hit["kin"]) not in kin_nouns():
            continue
        who = hit.groupdict().get("who")
        person = _person(who, analysis, canon) if who else "?"
        if person:
            return f"{fold(hit['kin'])} {person}"
    return ""


def _kin_in_text(text: str, name: str) -> str:
    """The relation by which ``text`` names the person ``name`` ("a wife and daughter of
    Baghdadi", "Baghdadi's son"), or "" when the text names the person directly too."""
    surname = re.escape(name.split()[-1].split("-")[-1])
    kin = "|".join(sorted(kin_nouns(), key=len, reverse=True))
    of = rf"\b({kin})\b(?: and (?:{kin}))? of (?:[\w'’-]+ ){{0,3}}?(?:al-)?{surname}\b"
    owner = rf"\b(?:al-)?{surname}['’]s? ({kin})\b"
    found = [m for p in (of, owner) for m in re.finditer(p, text, re.IGNORECASE)]
    mentions = len(re.findall(rf"\b{surname}\b", text, re.IGNORECASE))
    if not found or mentions > len(found):
        return ""
    return fold(found[0].group(1))


@functools.cache
def kin_nouns() -> frozenset[str]:
    """Folded relation nouns: a victim named after another person (``origins.yaml``)."""
    return frozenset(fold(w) for w in load_yaml(ORIGIN_WORDS)["kin_nouns"])


def person_key(full_name: str) -> str:
    """A person's key from a full name: given name and surname, particles dropped and doubled
    letters collapsed ("Gill Rosenberg" / "Gil Rosenberg" → "gil rosenberg", "Saja Abdul Hamid
    al-Dulaimi" / "Saja al-Dulaimi" → "saja dulaimi"); the surname alone for one word."""
    words = [w for w in fold(full_name).split() if w not in _NAME_PARTICLES]
    words = [_DOUBLED.sub(r"\1", w) for w in words]
    return " ".join((words[0], words[-1])) if len(words) > 1 else "".join(words)


_DOUBLED = re.compile(r"(\w)\1+")


def _person(name: str, analysis: Analysis, canon: ActorCanon) -> str:
    """The key of the person ``name`` names (:func:`person_key`), or "": a person of the
    dictionary, or of the document's actors; a surname alone ("Ms Rosenberg") takes the full
    name of the one person of the document who bears it."""
    words = fold(name).split()
    last = name.split()[-1] if words else ""
    if not any(part[:1].isupper() for part in last.split("-")):  # "woman", not "al-Baghdadi"
        return ""
    entry = canon.entry(name)
    if entry is not None and entry.kind == "person":
        return person_key(entry.name)
    surname = person_key(words[-1])
    full: set[str] = set()
    for actor in analysis.actors:
        if actor.kind != "person":
            continue
        forms = [fold(f).split() for f in (actor.name, *actor.aliases)]
        if any(f == words for f in forms):
            return person_key(actor.name)
        if any(f and person_key(f[-1]) == surname for f in forms):
            full.add(person_key(actor.name))
    if len(full) == 1:
        return full.pop()
    return surname if full else ""  # several of that surname: the surname alone
    entry = canon.entry(name)
    if entry is not None and entry.kind == "person":
        tail = [w for w in fold(entry.name).split() if w not in _NAME_PARTICLES]
        return tail[-1] if tail else ""
    for actor in analysis.actors:
        if actor.kind != "person":
            continue
        for form in (actor.name, *actor.aliases):
            full = fold(form).split()
            if full and (full == words or full[-1] == words[-1]):
                tail = [w for w in full if w not in _NAME_PARTICLES]
                return tail[-1] if tail else full[-1]
    return ""


def proposition_id(predicate: str, subject_key: str, place_key: str, object_key: str) -> str:
    """A 16-hex-digit id hashed from the predicate and the three keys."""
    raw = "\x1f".join((predicate, subject_key, place_key, object_key))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def claim_reports(
    analysis: Analysis,
    canon: Canonicalizer,
    *,
    copies: str | None = None,
    similarity: float | None = None,
) -> Iterator[Report]:
    """One :class:`Report` per claim of the analysis; ``copies`` is its copy cluster and
    ``similarity`` its estimated similarity to the cluster's first document.

    A claim whose victim or target is only a pronoun or quantifier ("killed one") files under
    no proposition: it would stand for a claim nobody can tell apart from others.
    """
    doc = analysis.document
    credit = agency_credit(doc.text, canon.actors)
    for i, claim in enumerate(analysis.claims):
        empty = claim.object is not None and fold(claim.object) in empty_objects()
        if empty and claim.predicate in OBJECT_PREDICATES:
            continue
        origin = origin_of(
            claim, analysis, canon.actors, credit=credit, copies=copies or doc.id,
            similarity=similarity,
        )  # fmt: skip
        yield _report(analysis, canon, i, claim, origin)


def _report(
    analysis: Analysis, canon: Canonicalizer, idx: int, claim: Claim, origin: Origin
) -> Report:
    doc = analysis.document
    doer = None if fold(claim.subject or "") in event_nouns() else claim.subject
    subject = canon.actors.resolve(doer, analysis) if doer else None
    subject_key = canon.actor_key(doer, analysis)
    place_key, lat, lon = canon.place_key(claim.place, analysis)
    keep_object = claim.predicate in OBJECT_PREDICATES or not claim.place
    object_key = canon.object_key(claim.object, analysis, claim.text) if keep_object else ""
    shown = claim.object
    if (
        object_key.startswith("kin:")
        and claim.object
        and not _kin(claim.object, analysis, canon.actors)
    ):
        shown = f"{claim.object}'s {object_key[4:].split(' ', 1)[0]}"  # as the text names it
    if subject_key and object_key and canon.object_key(doer, analysis) == object_key:
        doer, subject, subject_key = None, None, ""  # nobody captures or kills himself
    # a named victim or target identifies the proposition wherever it is placed; a generic
    # one ("soldiers") needs the place too
    keyed = slot({"predicate": claim.predicate, "object_key": object_key, "place_key": place_key})
    return Report(
        proposition_id=proposition_id(claim.predicate, subject_key, *keyed[1:]),
        predicate=claim.predicate,
        subject=subject.doer_name if subject is not None else doer,
        subject_written=doer,
        subject_key=subject_key,
        place=claim.place,
        place_written=claim.place,
        place_key=place_key,
        obj=shown,
        object_key=object_key,
        lat=lat,
        lon=lon,
        document_id=doc.id,
        claim_idx=idx,
        stance=claim.stance,
        source_name=claim.source.name or doc.source or "unknown",
        source_key=origin.key,
        origin=origin.chain,
        party_claim=is_party_claim(claim.predicate, subject_key, origin.key),
        outlet=doc.source,
        published=doc.published,
        date=claim.date,
        text=claim.text,
        start=claim.start,
        end=claim.end,
    )


def slot(r: dict[str, object]) -> tuple[str, str, str]:
    """(predicate, place part of the key, object key) of a report dict."""
    obj = str(r["object_key"] or "")
    specific = obj.startswith(("actor:", "person:", "kin:")) and r["predicate"] in OBJECT_PREDICATES
    return str(r["predicate"]), "" if specific else str(r["place_key"] or ""), obj
