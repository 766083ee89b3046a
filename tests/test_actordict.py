"""The actor dictionary: shipped data, lookup rules, user extension and error reporting."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fogline.actordict import (
    ENV_VAR,
    KINDS,
    ActorEntry,
    is_abbreviation,
    load_actor_dictionary,
)
from fogline.errors import LexiconError


@pytest.fixture(autouse=True)
def _no_env_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_dictionary_has_at_least_300_entries_with_unique_ids(actors):
    assert len(actors) >= 300
    counts = Counter(entry.id for entry in actors.entries)
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_entry_has_a_known_kind_and_resolvable_affiliation(actors):
    for entry in actors.entries:
        assert isinstance(entry, ActorEntry)
        assert entry.kind in KINDS, entry.id
        assert entry.affiliation is None or entry.affiliation in actors, entry.id


def test_shipped_dictionary_covers_every_kind(actors):
    kinds = Counter(entry.kind for entry in actors.entries)
    assert kinds["state"] >= 193  # every UN member state
    assert kinds["media"] >= 30
    assert kinds["person"] >= 30
    assert kinds["group"] >= 50


def test_states_carry_iso3_codes_and_alpha2_countries(actors):
    norway = actors.get("norway")
    assert norway is not None
    assert (norway.code, norway.country) == ("NOR", "NO")  # quoted in YAML, not a boolean
    assert actors.lookup("Russian Federation").code == "RUS"


def test_lookup_by_abbreviation_is_case_sensitive(actors):
    assert actors.lookup("NRF").id == "nrf"
    assert actors.lookup("IS").id == "isis"
    assert actors.lookup("is") is None
    assert actors.lookup("Nrf") is None


def test_lookup_by_alias_ignores_case_accents_and_a_leading_the(actors):
    assert actors.lookup("Doctors Without Borders").id == "msf"
    assert actors.lookup("medecins sans frontieres").id == "msf"
    assert actors.lookup("the Taliban").id == "taliban"
    assert actors.lookup("THE HOUTHIS").id == "houthis"
    assert actors.lookup("the IDF").id == "israel-defense-forces"
    assert actors.lookup("U.N.").id == "united-nations"


def test_lookup_keeps_a_leading_the_that_belongs_to_the_name(actors):
    assert actors.lookup("The Times").id == "the-times"
    assert actors.lookup("Times") is None


def test_names_that_are_ordinary_words_need_their_capital(actors):
    assert actors.lookup("Emergency").id == "emergency-ngo"
    assert actors.lookup("emergency") is None
    assert actors.lookup("Emergency NGO").id == "emergency-ngo"


def test_affiliates_point_to_their_parent(actors):
    iskp = actors.lookup("ISKP")
    assert iskp.affiliation == "isis"
    assert actors.get(iskp.affiliation).name == "Islamic State"
    assert actors.lookup("Zabihullah Mujahid").affiliation == "taliban"


def test_shared_alias_resolves_to_its_default_or_by_country(actors):
    assert actors.lookup("ADF").id == "adf"
    assert {e.id for e in actors.candidates("ADF")} >= {"adf", "australian-defence-force"}
    assert actors.lookup("al-Shabaab").id == "al-shabaab"
    assert actors.lookup("al-Shabaab", country="MZ").id == "is-mozambique"
    assert actors.lookup("Congo") is None
    assert actors.lookup("Congo", country="CD").id == "democratic-republic-of-the-congo"


def test_descriptors_list_compatible_actors_but_are_not_aliases(actors):
    assert actors.lookup("the militants") is None
    compatible = {e.id for e in actors.with_descriptor("the militants")}
    assert {"isis", "al-shabaab", "taliban"} <= compatible
    assert "msf" not in compatible


def test_surface_forms_include_names_and_aliases(actors):
    forms = {(form, entry.id) for form, entry in actors.surface_forms()}
    assert ("ISIS-K", "isis-k") in forms
    assert ("Islamic State Khorasan Province", "isis-k") in forms
    assert actors.case_sensitive("ISIS-K", actors.get("isis-k"))
    assert not actors.case_sensitive("Daesh", actors.get("isis"))


def test_is_abbreviation():
    assert is_abbreviation("M23") and is_abbreviation("U.N.") and is_abbreviation("RFE/RL")
    assert not is_abbreviation("FAMa") and not is_abbreviation("TOLO News")


USER_FILE = """
actors:
  - id: nrf
    name: National Resistance Front
    kind: group
    code: AFGREBNRF
    country: AF
    aliases: [NRF, Resistance Front]
  - id: kivu-defence-committee
    name: Kivu Defence Committee
    kind: group
    code: CODREB
    country: CD
    aliases: [KDC]
    descriptors: [the militia]
"""


def test_user_file_overrides_by_id_and_adds_entries(tmp_path, actors):
    extra = write(tmp_path / "mine.yaml", USER_FILE)
    extended = load_actor_dictionary(extra=[extra])
    assert len(extended) == len(actors) + 1
    assert extended.lookup("Resistance Front").code == "AFGREBNRF"
    assert extended.lookup("KDC").id == "kivu-defence-committee"
    assert load_actor_dictionary().lookup("Resistance Front") is None  # default untouched


def test_env_var_names_extra_files(tmp_path, monkeypatch):
    extra = write(tmp_path / "mine.yaml", USER_FILE)
    monkeypatch.setenv(ENV_VAR, str(extra))
    assert load_actor_dictionary().lookup("KDC").id == "kivu-defence-committee"


def test_user_file_with_bare_list_is_accepted(tmp_path):
    extra = write(tmp_path / "list.yaml", "- {id: acme-militia, name: Acme Militia, kind: group}\n")
    assert load_actor_dictionary(extra=[extra]).lookup("acme militia").id == "acme-militia"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n  - id: x1\n    name: X\n    kind: tribe\n", "kind 'tribe'"),
        ("actors:\n  - id: Bad Id\n    name: X\n    kind: group\n", "slug"),
        ("actors:\n  - id: x1\n    kind: group\n", "`name` is required"),
        ("actors:\n  - id: x1\n    name: X\n    kind: group\n    colour: red\n", "colour"),
        ("actors:\n  - id: x1\n    name: X\n    kind: group\n    aliases: ISIS\n", "aliases"),
        ("actors:\n  - id: x1\n    name: X\n    kind: group\n    country: NO\n", "quote it"),
        ("actors: [\n", "not valid YAML"),
        ("actors: []\n", "non-empty"),
    ],
)
def test_malformed_user_file_names_file_and_entry(tmp_path, text, message):
    bad = write(tmp_path / "bad.yaml", text)
    with pytest.raises(LexiconError) as err:
        load_actor_dictionary(extra=[bad])
    assert message in str(err.value)
    assert "bad.yaml" in str(err.value)


def test_alias_claimed_by_two_entries_must_be_marked_ambiguous(tmp_path):
    clash = write(
        tmp_path / "clash.yaml", "- {id: another-is, name: Other, kind: group, aliases: [IS]}\n"
    )
    with pytest.raises(LexiconError, match="'IS' is shared by entries"):
        load_actor_dictionary(extra=[clash])
    marked = write(
        tmp_path / "marked.yaml",
        "- {id: another-is, name: Other, kind: group, aliases: [IS], ambiguous: [IS]}\n",
    )
    assert load_actor_dictionary(extra=[marked]).lookup("IS").id == "isis"


def test_unknown_affiliation_is_an_error(tmp_path):
    orphan = write(tmp_path / "o.yaml", "- {id: x1, name: X, kind: person, affiliation: nobody}\n")
    with pytest.raises(LexiconError, match="'nobody'"):
        load_actor_dictionary(extra=[orphan])


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_actor_dictionary(extra=[tmp_path / "absent.yaml"])
