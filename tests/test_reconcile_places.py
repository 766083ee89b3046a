"""Places in a hierarchy: a claim placed in a country, a province or a district meets the
same claim placed in a town within it, and never a different town's."""

from __future__ import annotations

import pytest

from fogline.model import Analysis, Claim, Document, Place, Source
from fogline.reconcile import claims, reconcile
from fogline.reconcile.places import node_of

# a made-up country (code QV), its province Harrow and two of its towns, and a district
# whose point is its seat's, as the gazetteer records such districts
PLACES = {
    "Norvania": ("g-norvania", "QV", "PCLI", None),
    "Harrow": ("g-harrow", "QV", "ADM1", "Harrow"),
    "Velmar": ("g-velmar", "QV", "PPL", "Harrow"),
    "Ostrel": ("g-ostrel", "QV", "PPL", "Harrow"),
    "Velmar district": ("g-velmar-d", "QV", "ADM2 (approx: town of Velmar)", "Harrow"),
}


def _article(doc_id: str, outlet: str, text: str, *found: Claim) -> Analysis:
    places = []
    for name, (gid, country, feature, admin1) in sorted(PLACES.items(), key=lambda p: -len(p[0])):
        at = text.find(name)
        if at >= 0 and not any(p.start <= at < p.end for p in places):
            places.append(
                Place(name=name, start=at, end=at + len(name), lat=1.0, lon=1.0,
                      country_code=country, feature=feature, admin1=admin1, gazetteer_id=gid)
            )  # fmt: skip
    return Analysis(
        document=Document(id=doc_id, text=text, published="2025-03-08", source=outlet,
                          content_hash=doc_id),
        places=places,
        claims=list(found),
    )  # fmt: skip


def _claim(predicate: str, place: str, source: str, text: str, obj: str | None = None) -> Claim:
    return Claim(predicate=predicate, subject="the Grey Lantern Brigade", object=obj, place=place,
                 text=text, start=0, end=len(text), source=Source(name=source))  # fmt: skip


TOWN = (
    "The Grey Lantern Brigade attacked Velmar on Friday night, the town's mayor said, with "
    "mortar fire on the market and the police station."
)
COUNTRY = (
    "Fighters of the Grey Lantern Brigade launched an attack in Norvania late on Friday, "
    "a regional monitoring group said."
)
OTHER_TOWN = "The Grey Lantern Brigade attacked Ostrel on Friday, a local doctor said."


def _views(store, *articles: Analysis):
    store.save(list(articles))
    reconcile(store, actor_lookup=lambda name: None)
    return claims(store)


def test_the_hierarchy_of_gazetteer_records():
    country = node_of("gaz:c", "Norvania", "QV", "PCLI", None)
    province = node_of("gaz:p", "Harrow", "QV", "ADM1", "Harrow")
    district = node_of("gaz:d", "Velmar", "QV", "ADM2 (approx: town of Velmar)", "Harrow")
    seat = node_of("gaz:v", "Velmar", "QV", "PPL", "Harrow")
    other = node_of("gaz:o", "Ostrel", "QV", "PPL", "Harrow")
    assert country and province and district and seat and other
    assert country.above(province) and province.above(district) and district.above(seat)
    assert country.above(other) and province.above(other)
    assert not district.above(other)  # a town whose district the gazetteer does not give
    assert not seat.above(other) and not other.above(seat)
    assert not seat.above(country)


def test_a_town_level_and_a_country_level_report_of_one_attack_are_one_proposition(fresh_store):
    views = _views(
        fresh_store,
        _article("town", "Harrow Courier", TOWN,
                 _claim("ATTACKED", "Velmar", "the town's mayor", TOWN)),
        _article("country", "Wire Service", COUNTRY,
                 _claim("ATTACKED", "Norvania", "a regional monitoring group", COUNTRY,
                        obj="police posts")),
    )  # fmt: skip
    attacks = [v for v in views if v.predicate == "ATTACKED"]
    assert len(attacks) == 1
    assert attacks[0].place == "Velmar"  # the more specific place wins
    assert attacks[0].object == "police posts"  # and the victim the town-level report left open
    assert len(attacks[0].sources["asserts"]) == 2
    # the place as the country-level report names it still finds the proposition
    assert [v.place for v in claims(fresh_store, place="Norvania")] == ["Velmar"]


def test_two_towns_of_one_country_stay_apart_and_the_country_claim_joins_neither(fresh_store):
    views = _views(
        fresh_store,
        _article("town", "Harrow Courier", TOWN,
                 _claim("ATTACKED", "Velmar", "the town's mayor", TOWN)),
        _article("other", "Ostrel Today", OTHER_TOWN,
                 _claim("ATTACKED", "Ostrel", "a local doctor", OTHER_TOWN)),
        _article("country", "Wire Service", COUNTRY,
                 _claim("ATTACKED", "Norvania", "a regional monitoring group", COUNTRY)),
    )  # fmt: skip
    assert sorted(v.place for v in views if v.predicate == "ATTACKED") == [
        "Norvania",
        "Ostrel",
        "Velmar",
    ]


def test_different_victims_keep_a_country_and_a_town_claim_apart(fresh_store):
    text = "The Grey Lantern Brigade killed four soldiers in Norvania, the army said."
    views = _views(
        fresh_store,
        _article("town", "Harrow Courier", TOWN,
                 _claim("KILLED", "Velmar", "the town's mayor", TOWN, obj="civilians")),
        _article("country", "Wire Service", text,
                 _claim("KILLED", "Norvania", "the army", text, obj="four soldiers")),
    )  # fmt: skip
    assert len([v for v in views if v.predicate == "KILLED"]) == 2


def test_control_of_a_country_is_not_control_of_one_of_its_towns(fresh_store):
    much = "The Grey Lantern Brigade holds much of Norvania's north, an analyst said."
    views = _views(
        fresh_store,
        _article("town", "Harrow Courier", TOWN, _claim("CONTROL", "Velmar", "the mayor", TOWN)),
        _article("country", "Wire Service", much,
                 _claim("CONTROL", "Norvania", "an analyst", much)),
    )  # fmt: skip
    assert sorted(v.place for v in views) == ["Norvania", "Velmar"]


def test_a_district_and_its_capital_meet(fresh_store):
    taken = "The Grey Lantern Brigade took the district capital, Velmar, residents said."
    district = "The Grey Lantern Brigade has taken Velmar district, the governor of Harrow said."
    views = _views(
        fresh_store,
        _article("capital", "Harrow Courier", taken,
                 _claim("CONTROL", "Velmar", "residents", taken)),
        _article("district", "Wire Service", district,
                 _claim("CONTROL", "Velmar district", "the governor of Harrow", district)),
    )  # fmt: skip
    control = [v for v in views if v.predicate == "CONTROL"]
    assert len(control) == 1 and control[0].place == "Velmar"


# the same through the whole pipeline and the real gazetteer
MUEDA = (
    "Islamic State fighters attacked the town of Mueda on Wednesday, killing several residents, "
    "a local official told reporters."
)
ANCUABE = "Islamic State fighters attacked the town of Ancuabe on Wednesday, a resident said."
MOZAMBIQUE = (
    "Islamic State militants launched an attack in northern Mozambique on Wednesday, the group "
    "said in a statement carried by its news agency."
)
DISTRICT = "Islamic State fighters have taken Macomia district, the provincial governor said."
CAPITAL = (
    "Islamic State insurgents seized the town of Macomia, the district capital, on Thursday "
    "after days of fighting, residents said."
)


def _analysed(analyzer, store, *texts: tuple[str, str]):
    found = [
        analyzer.analyze(t, id=i, published="2025-03-12", source=f"outlet {i}") for i, t in texts
    ]
    store.save(found)
    reconcile(store)
    return claims(store)


@pytest.mark.slow
def test_articles_at_town_and_country_level_are_one_attack(analyzer, fresh_store):
    views = _analysed(analyzer, fresh_store, ("town", MUEDA), ("country", MOZAMBIQUE))
    attacks = [v for v in views if v.predicate == "ATTACKED"]
    assert [v.place for v in attacks] == ["Mueda"]


@pytest.mark.slow
def test_articles_on_two_towns_keep_the_country_claim_apart(analyzer, fresh_store):
    views = _analysed(analyzer, fresh_store, ("a", MUEDA), ("b", ANCUABE), ("country", MOZAMBIQUE))
    assert sorted(v.place for v in views if v.predicate == "ATTACKED") == [
        "Ancuabe",
        "Mozambique",
        "Mueda",
    ]


@pytest.mark.slow
def test_articles_on_a_district_and_its_capital_meet(analyzer, fresh_store):
    views = _analysed(analyzer, fresh_store, ("district", DISTRICT), ("capital", CAPITAL))
    control = [v for v in views if v.predicate == "CONTROL"]
    assert len(control) == 1 and control[0].status == "corroborated"
