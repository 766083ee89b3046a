"""A small store for the interface tests: three invented reports of one fictional fight.

The analyses are written by hand (records with exact spans into texts written for the
tests), so API, export, brief and browser tests do not depend on the extractors. One
article carries hostile markup (a script tag and event-handler attributes) as text.
"""

from __future__ import annotations

from pathlib import Path

from fogline.model import (
    ActorRef,
    Analysis,
    Claim,
    DateRef,
    Document,
    Event,
    Paragraph,
    Place,
    PlaceRef,
    Quote,
    Source,
    Speaker,
    TimeRef,
)

MENAKA = (15.918, 2.402)
GAO = (16.2717, -0.0447)
HOSTILE = '<script>window.__xss = 1; alert("x")</script><img src=x onerror="window.__xss=2">'

TEXT_A = (
    "Rebels seize Menaka, say spokesman\n\n"
    "Rebels of the Azawad coalition said on Sunday that they had seized the town of Menaka "
    "after heavy fighting that killed four soldiers. "
    "“We control the whole town,” said Amadou Keita, a spokesman for the coalition.\n\n"
    "Photo: smoke over the market in Menaka on Sunday."
)
TEXT_B = (
    "Army says Menaka never fell\n\n"
    "The Malian army denied on Monday that rebels had seized Menaka, saying troops repelled "
    "the attack and killed six attackers near the town. "
    "“Menaka is under our control,” said Colonel Ibrahim Diarra.\n\n"
    "Subscribe to our newsletter for daily updates."
)
TEXT_C = (
    "Residents describe rebels in Menaka streets\n\n"
    "Residents of Menaka said rebels held the town centre on Sunday and Monday. "
    f"A post shared online read {HOSTILE} before it was deleted. "
    "Aid workers in Gao said families were arriving from Menaka."
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _paragraphs(text: str, kinds: dict[int, str]) -> list[Paragraph]:
    out, pos = [], 0
    for i, part in enumerate(text.split("\n\n")):
        start = text.index(part, pos)
        out.append(
            Paragraph(index=i, kind=kinds.get(i, "body"), start=start, end=start + len(part))
        )  # type: ignore[arg-type]
        pos = start + len(part)
    return out


def _place(text: str, name: str, point: tuple[float, float], after: int = 0) -> Place:
    s, e = _span(text, name, after)
    return Place(
        name=name,
        start=s,
        end=e,
        lat=point[0],
        lon=point[1],
        country_code="ML",
        feature="PPLA",
        admin1="Ménaka",
        gazetteer_id=f"test:{name}",
        resolved_name=name,
    )


def analyses() -> list[Analysis]:
    """The three analyses, in publication order."""
    menaka = PlaceRef(name="Menaka", lat=MENAKA[0], lon=MENAKA[1], country_code="ML")
    a_claim = _span(TEXT_A, "they had seized the town of Menaka")
    a_event = _span(TEXT_A, "heavy fighting that killed four soldiers")
    a_quote = _span(TEXT_A, "We control the whole town")
    a_speaker = _span(TEXT_A, "Amadou Keita")
    a = Analysis(
        document=Document(
            id="courier/2024-03-04-menaka",
            text=TEXT_A,
            title=TEXT_A.split("\n")[0],
            published="2024-03-04",
            source="Sahel Courier",
            content_hash="a" * 64,
        ),
        paragraphs=_paragraphs(TEXT_A, {0: "highlight", 2: "caption"}),
        quotes=[
            Quote(
                text=TEXT_A[slice(*a_quote)],
                start=a_quote[0],
                end=a_quote[1],
                speaker=Speaker("Amadou Keita", *a_speaker, affiliation="Azawad coalition"),
            )
        ],
        claims=[
            Claim(
                predicate="CONTROL",
                text=TEXT_A[slice(*a_claim)],
                start=a_claim[0],
                end=a_claim[1],
                source=Source("Amadou Keita", affiliation="Azawad coalition"),
                stance="asserts",
                subject="Azawad coalition",
                place="Menaka",
                date="2024-03-03",
            )
        ],
        events=[
            Event(
                type="FIGHT",
                text=TEXT_A[slice(*a_event)],
                start=a_event[0],
                end=a_event[1],
                acled_type="Battles",
                acled_subtype="Armed clash",
                actor=ActorRef("Azawad coalition"),
                target=ActorRef("soldiers"),
                place=menaka,
                date=DateRef("2024-03-03"),
                certainty="claimed",
                fatalities=4,
                reported_by=["Azawad coalition"],
            )
        ],
        places=[_place(TEXT_A, "Menaka", MENAKA)],
        times=[
            TimeRef(
                text="Sunday",
                start=TEXT_A.index("Sunday"),
                end=TEXT_A.index("Sunday") + 6,
                value="2024-03-03",
            )
        ],
    )
    b_claim = _span(TEXT_B, "rebels had seized Menaka")
    b_event = _span(TEXT_B, "troops repelled the attack and killed six attackers near the town")
    b = Analysis(
        document=Document(
            id="daily/army-menaka",
            text=TEXT_B,
            title=TEXT_B.split("\n")[0],
            published="2024-03-05",
            source="Bamako Daily",
            content_hash="b" * 64,
        ),
        paragraphs=_paragraphs(TEXT_B, {2: "boilerplate"}),
        claims=[
            Claim(
                predicate="CONTROL",
                text=TEXT_B[slice(*b_claim)],
                start=b_claim[0],
                end=b_claim[1],
                source=Source("Malian army"),
                stance="denies",
                subject="Azawad coalition",
                place="Menaka",
                date="2024-03-04",
            )
        ],
        events=[
            Event(
                type="FIGHT",
                text=TEXT_B[slice(*b_event)],
                start=b_event[0],
                end=b_event[1],
                acled_type="Battles",
                acled_subtype="Armed clash",
                target=ActorRef("attackers"),
                place=menaka,
                date=DateRef("2024-03-03"),
                certainty="asserted",
                fatalities=6,
            )
        ],
        places=[_place(TEXT_B, "Menaka", MENAKA)],
    )
    c_claim = _span(TEXT_C, "rebels held the town centre on Sunday and Monday")
    c = Analysis(
        document=Document(
            id="wire-c",
            text=TEXT_C,
            title=TEXT_C.split("\n")[0],
            published="2024-03-06",
            source="Niger Wire",
            content_hash="c" * 64,
        ),
        paragraphs=_paragraphs(TEXT_C, {0: "highlight"}),
        claims=[
            Claim(
                predicate="CONTROL",
                text=TEXT_C[slice(*c_claim)],
                start=c_claim[0],
                end=c_claim[1],
                source=Source("Residents of Menaka"),
                stance="asserts",
                subject="Azawad coalition",
                place="Menaka",
                date="2024-03-04",
            )
        ],
        places=[_place(TEXT_C, "Menaka", MENAKA), _place(TEXT_C, "Gao", GAO)],
    )
    return [a, b, c]


def build_store(path: Path, upto: int = 3):
    """A SQLite store at ``path`` with the first ``upto`` analyses, reconciled."""
    from fogline.reconcile import reconcile
    from fogline.store import Store

    store = Store.open(str(path))
    store.save(analyses()[:upto])
    reconcile(store)
    return store
