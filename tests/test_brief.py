"""The situation report: sections, a change of status since a date, escaping, the map."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from fogline.brief import build_brief, write_brief
from interfaces_corpus import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build_store(tmp_path_factory.mktemp("brief") / "brief.sqlite")
    yield s
    s.close()


def test_brief_reports_a_status_change_since_a_date(store):
    b = build_brief(store, since="2024-03-05")
    assert [(p["proposition"], p["was"], p["status"]) for p in b["changed"]] == [
        ("CONTROL(Azawad coalition, Menaka)", "single-source", "contested")
    ]
    assert b["new"] == []
    assert [p["status"] for p in b["contested"]] == ["contested"]


def test_brief_from_the_start_lists_new_propositions_events_and_casualties(store):
    b = build_brief(store, since="2024-03-01")
    assert [p["proposition"] for p in b["new"]] == ["CONTROL(Azawad coalition, Menaka)"]
    assert len(b["corroborated_events"]) == 1
    assert [(k["low"], k["high"]) for k in b["casualties"]] == [(4, 6)]


def test_brief_html_is_standalone_with_the_map_inline(store, tmp_path):
    out = tmp_path / "brief.html"
    write_brief(store, out, since="2024-03-01", place="Menaka")
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and 'class="pt ev-fight"' in html
    assert "Contested claims (1)" in html and "4–6 dead" in html
    assert "<script" not in html  # a standalone page: no scripts, nothing fetched
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_brief_markdown_writes_the_map_beside_it(store, tmp_path):
    out = tmp_path / "brief.md"
    write_brief(store, out, since="2024-03-01")
    md = out.read_text(encoding="utf-8")
    assert "![Map of events and control claims](brief.svg)" in md
    assert "## Contested claims (1)" in md and "Malian army denies" in md
    assert (tmp_path / "brief.svg").read_text(encoding="utf-8").startswith("<svg")


def test_brief_refuses_other_file_types_and_bad_dates(store, tmp_path):
    with pytest.raises(ValueError, match="html or .md"):
        write_brief(store, tmp_path / "brief.pdf")
    with pytest.raises(ValueError):
        build_brief(store, since="March")


def test_brief_command(store, tmp_path):
    from fogline.cli import app

    out = tmp_path / "b.html"
    result = CliRunner().invoke(app, ["brief", "--db", store.url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "contested propositions" in result.output
