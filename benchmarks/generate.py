"""Synthetic conflict reports for benchmarks and scale tests: fictional events in real places.

Every article is assembled from sentence templates written for fogline (leads, attributed
quotes, denials, casualty figures, displacement, background) over real places and real armed
actors of several theatres, with invented spokespeople and invented outlets. The output is
deterministic for a seed. Nothing generated reports a real event.

    .venv/bin/python benchmarks/generate.py --count 10000 --seed 7 > articles.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
OUTLETS = ("The Daily Courier", "Frontline Monitor", "Regional Dispatch", "Crisis Wire",
           "The Morning Ledger", "Field Report", "Coastal Times", "Northern Herald",
           "The Evening Post", "Borderlands Review")  # fmt: skip


@dataclass(frozen=True)
class Theatre:
    """A conflict setting: real towns, their region, and real parties to the fighting."""

    country: str
    region: str
    towns: tuple[str, ...]
    rebels: tuple[str, ...]
    government: tuple[str, ...]
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]
    since: int


THEATRES = (
    Theatre("Mali", "the Sahel", ("Kidal", "Gao", "Timbuktu", "Mopti", "Menaka", "Segou"),
            ("JNIM fighters", "Tuareg rebels", "Islamic State Sahel Province militants"),
            ("the Malian army", "Malian troops"),
            ("Amadou", "Moussa", "Ibrahim", "Oumar", "Fatoumata"),
            ("Traore", "Coulibaly", "Maiga", "Keita", "Diallo"), 2012),
    Theatre("Nigeria", "northeastern Nigeria", ("Maiduguri", "Monguno", "Bama", "Gwoza", "Damboa"),
            ("Boko Haram fighters", "ISWAP militants"), ("the Nigerian army", "Nigerian troops"),
            ("Musa", "Abubakar", "Aisha", "Usman", "Bello"),
            ("Ibrahim", "Abdullahi", "Bukar", "Garba", "Lawan"), 2009),
    Theatre("Somalia", "southern Somalia", ("Mogadishu", "Kismayo", "Baidoa", "Beledweyne",
            "Afgooye", "Jowhar"), ("al-Shabaab fighters", "al-Shabaab militants"),
            ("the Somali National Army", "Somali government forces"),
            ("Abdirahman", "Hassan", "Farah", "Mohamed", "Hodan"),
            ("Abdi", "Warsame", "Osman", "Nur", "Yusuf"), 2006),
    Theatre("the Democratic Republic of Congo", "eastern Congo", ("Goma", "Bunia", "Beni",
            "Bukavu", "Rutshuru", "Sake"), ("M23 rebels", "ADF militants", "CODECO militiamen"),
            ("the Congolese army", "Congolese troops"),
            ("Jean-Pierre", "Patrick", "Esperance", "Olivier", "Claude"),
            ("Mbala", "Kabeya", "Mukendi", "Lutete", "Ilunga"), 2021),
    Theatre("Sudan", "Darfur", ("El Fasher", "Nyala", "Geneina", "El Obeid", "Omdurman"),
            ("the Rapid Support Forces", "RSF fighters"),
            ("the Sudanese army", "Sudanese Armed Forces units"),
            ("Osman", "Khalid", "Amna", "Yasir", "Babiker"),
            ("Ahmed", "Hamad", "Idris", "Suleiman", "Adam"), 2023),
    Theatre("Yemen", "western Yemen", ("Hodeidah", "Taiz", "Marib", "Aden", "Saada"),
            ("Houthi fighters", "Houthi forces"),
            ("Yemeni government forces", "pro-government troops"),
            ("Yahya", "Abdullah", "Nabil", "Fatima", "Saleh"),
            ("al-Ahmadi", "al-Hakimi", "Saeed", "Qasim", "al-Maqtari"), 2014),
    Theatre("Ukraine", "eastern Ukraine", ("Kharkiv", "Bakhmut", "Avdiivka", "Kupiansk",
            "Pokrovsk", "Kramatorsk"), ("Russian forces", "Russian troops"),
            ("Ukrainian forces", "the Ukrainian army"),
            ("Oleksandr", "Andriy", "Iryna", "Dmytro", "Olena"),
            ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko"), 2022),
    Theatre("Syria", "northwestern Syria",
            ("Aleppo", "Idlib", "Saraqib", "Hama", "Maarat al-Numan"),
            ("Hayat Tahrir al-Sham fighters", "opposition fighters"),
            ("the Syrian army", "government troops"),
            ("Ahmad", "Khaled", "Rania", "Omar", "Samir"),
            ("al-Hassan", "Haddad", "Khoury", "al-Ali", "Darwish"), 2011),
)  # fmt: skip

SEIZE = ("seized", "captured", "took control of", "overran", "entered")
ATTACK = ("attacked", "shelled", "stormed", "raided", "launched an assault on")
TITLES = ("Colonel", "Major", "Captain", "General", "Lieutenant Colonel")
SAY = ("said", "told reporters", "said in a statement", "told The Associated Press")
CIVIL = ("a local official", "a hospital worker", "a resident", "an aid worker", "a teacher")
AGENCIES = ("the United Nations", "the International Committee of the Red Cross",
            "Doctors Without Borders", "the World Food Programme",
            "the UN refugee agency")  # fmt: skip


def _date_phrase(rnd: random.Random, published: dt.date) -> str:
    back = rnd.randint(0, 6)
    day = published - dt.timedelta(days=back)
    if back == 0:
        return rnd.choice(("on " + WEEKDAYS[day.weekday()], "earlier today"))
    if back == 1 and rnd.random() < 0.4:
        return "yesterday"
    if rnd.random() < 0.5:
        return "on " + WEEKDAYS[day.weekday()]
    return f"on {MONTHS[day.month - 1]} {day.day}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _person(rnd: random.Random, t: Theatre) -> str:
    return f"{rnd.choice(t.first_names)} {rnd.choice(t.surnames)}"


def _article(rnd: random.Random, published: dt.date) -> tuple[str, str]:
    c = rnd.choice
    t = c(THEATRES)
    town, other, third = rnd.sample(t.towns, 3)
    rebel, gov = c(t.rebels), c(t.government)
    if rnd.random() < 0.3:  # government offensives too, so roles are not fixed
        rebel, gov = gov, rebel
    when, later = _date_phrase(rnd, published), _date_phrase(rnd, published)
    spokes = f"{c(TITLES)} {_person(rnd, t)}"
    verb = c(SEIZE)
    last_month = MONTHS[(published.month - 2) % 12]
    who = c(("officials", "residents", "security sources"))
    held = c(("airport", "military base", "district offices", "main bridge"))
    weapon = c(("drones", "artillery", "armoured vehicles", "helicopters"))
    witness = c(("Residents", "Witnesses", "Traders"))
    scene = c(("markets were closed", "gunfire continued overnight", "power was cut"))
    shelter = c(("mosques", "churches", "schools"))
    talks = c(("stalled in", "broke down in", "were suspended in"))
    local = c(("member of parliament", "community leader", "local administrator"))
    detained = c(("dozens of", "several", "at least ten"))
    supplies = c(("water", "fuel", "food", "medical supplies"))
    confirmer = c(("the army", "a military spokesman", "officials"))
    title = f"{_cap(rebel)} {verb} {town} as fighting spreads in {t.region}"
    paras = [
        f"{_cap(rebel)} {verb} the town of {town} in {t.country} {when}, {who} said, after "
        f"{c(('hours', 'two days', 'a night'))} of fighting with {gov}.",
        f'"We are in full control of {town} and the road to {other}," {spokes}, a spokesperson '
        f'for {rebel}, {c(SAY)} {later}. "Our fighters will not withdraw."',
        f"{_person(rnd, t)}, the governor of the area, denied the claim, saying {gov} still held "
        f"the {held} and had pushed the attackers back towards {third}.",
        f"At least {rnd.randint(2, 60)} people were killed, {c(CIVIL)} told {c(OUTLETS)}, "
        f"speaking on condition of anonymity because they were not authorised to talk to the "
        f"press. The figure could not be independently verified.",
        f"{_cap(c(AGENCIES))} said about {rnd.randint(2, 90) * 100:,} people had fled to {other} "
        f"since {last_month} and warned that food and medicine were running short in camps "
        f"around the town.",
        f"{_cap(gov)} {c(ATTACK)} positions near {third} {later}, according to "
        f"{c(('a military source', 'local journalists', 'witnesses'))}, who said {weapon} were "
        f"used.",
        f"{witness} said {scene} and that many families were sheltering in {shelter}.",
        f"Fighting in {t.region} has displaced {rnd.randint(2, 40) * 10_000:,} people since "
        f"{t.since}, and several ceasefires have collapsed. Talks between {gov} and {rebel} "
        f"{talks} {MONTHS[rnd.randrange(12)]}.",
        f"{_person(rnd, t)}, a {local} from {town}, said that {detained} civilians had been "
        f"detained by {rebel} and that {c(('two', 'three', 'several'))} schools had been turned "
        f"into barracks.",
        f"{_cap(c(AGENCIES))} called on all parties to protect civilians and to allow aid convoys "
        f"to reach {town}, where {supplies} had not been delivered since {last_month} "
        f"{rnd.randint(1, 28)}.",
        f"Earlier in the week, {rebel} had ambushed a convoy on the road between {other} and "
        f"{third}, killing {rnd.randint(2, 15)} soldiers, {confirmer} confirmed {later}.",
    ]
    if rnd.random() < 0.5:
        paras.insert(
            3,
            f'"The situation in {town} is calm and the army controls the town," '
            f'{_person(rnd, t)}, a defence ministry spokesperson, said. "These reports are '
            f'propaganda."',
        )
    keep = paras[:3] + rnd.sample(paras[3:], k=rnd.randint(4, len(paras) - 3))
    return title, "\n\n".join(keep)


def generate(count: int, *, seed: int = 7, start: str = "2024-01-01") -> Iterator[dict]:
    """Yield ``count`` JSONL records {id, title, text, published, source}, distinct texts."""
    rnd = random.Random(seed)
    first = dt.date.fromisoformat(start)
    seen: set[str] = set()
    i = 0
    while i < count:
        published = first + dt.timedelta(days=rnd.randrange(365))
        title, text = _article(rnd, published)
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:  # same draw twice: draw again, keeping texts distinct
            continue
        seen.add(digest)
        yield {
            "id": f"gen-{seed}-{i:06d}",
            "title": title,
            "text": text,
            "published": published.isoformat(),
            "source": rnd.choice(OUTLETS),
        }
        i += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for record in generate(args.count, seed=args.seed):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
