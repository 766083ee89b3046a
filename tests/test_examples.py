"""The bundled example corpus (examples/) is well-formed: metadata, dates, formats, README."""

from __future__ import annotations

import json
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"
REQUIRED = ("id", "title", "source", "published", "text")


class _MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            fields = dict(attrs)
            key = fields.get("property") or fields.get("name")
            if key and fields.get("content"):
                self.meta[key] = fields["content"] or ""


def jsonl_articles() -> list[dict]:
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def html_files() -> list[Path]:
    return sorted((EXAMPLES / "html").glob("*.html"))


def txt_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


def html_meta(path: Path) -> dict[str, str]:
    parser = _MetaTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.meta


def words(text: str) -> int:
    return len(text.split())


def test_jsonl_lines_have_every_required_field():
    for article in jsonl_articles():
        missing = [f for f in REQUIRED if not isinstance(article.get(f), str) or not article[f]]
        assert missing == [], f"{article.get('id')}: missing {missing}"


def test_jsonl_ids_are_unique():
    ids = [a["id"] for a in jsonl_articles()]
    assert len(ids) == len(set(ids))


def test_jsonl_dates_are_iso_days():
    for article in jsonl_articles():
        date.fromisoformat(article["published"])  # raises on anything but YYYY-MM-DD


def test_corpus_has_at_least_eight_articles_in_three_formats():
    assert len(html_files()) >= 1
    assert len(txt_files()) >= 1
    assert len(jsonl_articles()) + len(html_files()) + len(txt_files()) >= 8


def test_corpus_spans_several_outlets_and_days():
    articles = jsonl_articles()
    assert len({a["source"] for a in articles}) >= 4
    assert len({a["published"] for a in articles}) >= 4


def test_articles_are_short():
    for article in jsonl_articles():
        assert 150 <= words(article["text"]) <= 450, article["id"]
    for path in txt_files():
        assert 150 <= words(path.read_text(encoding="utf-8")) <= 450, path.name


def test_html_pages_carry_date_and_site_meta_tags():
    for path in html_files():
        meta = html_meta(path)
        assert meta.get("og:site_name"), path.name
        published = datetime.fromisoformat(meta["article:published_time"])
        assert published.year >= 2000, path.name


def test_syndicated_copy_adds_one_paragraph_to_the_wire_story():
    """The README promises one near-duplicate pair: same wire text plus one sentence."""
    by_text = {}
    for article in jsonl_articles():
        by_text[article["id"]] = article["text"].split("\n\n")
    pairs = [
        (a, b)
        for a, pa in by_text.items()
        for b, pb in by_text.items()
        if a != b and len(pb) == len(pa) + 1 and set(pa) <= set(pb)
    ]
    assert len(pairs) == 1
    wire, copy = pairs[0]
    titles = {a["id"]: a["title"] for a in jsonl_articles()}
    assert titles[wire] != titles[copy]


def test_readme_describes_every_example_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in [*html_files(), *txt_files()]:
        assert path.name in readme, path.name
    for article in jsonl_articles():
        assert article["id"] in readme, article["id"]


@pytest.mark.parametrize("name", ["articles.jsonl", "README.md"])
def test_example_files_are_utf8(name):
    (EXAMPLES / name).read_bytes().decode("utf-8")
