"""HTML pages to text: paragraphs, figure captions, page metadata and clear errors."""

from __future__ import annotations

import pytest

from fogline.errors import IngestError
from fogline.ingest.clean import classify_paragraphs, normalize_text
from fogline.ingest.html import html_to_document
from fogline.ingest.readers import DocumentMeta, RawDocument

PAGE = """<!DOCTYPE html>
<html><head><title>Rebels seize Kidal - The Sahel Courier</title>
<meta property="og:title" content="Rebels seize Kidal after two-day battle">
<meta name="author" content="Amina Traore">
<meta property="article:published_time" content="2023-05-14T10:00:00Z">
<meta property="og:site_name" content="The Sahel Courier">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Rebels seize Kidal after two-day battle</h1>
<p>Rebel fighters took control of the town of Kidal on Saturday after two days of
fighting, residents said.</p>
<figure><img src="/img/kidal.jpg" alt="pickup truck">
<figcaption>Fighters ride a pickup truck near Kidal on Saturday.
  Photo: Moussa Diallo/AFP</figcaption>
</figure>
<p>The army said it had withdrawn to "regroup" and denied heavy losses. A spokesman told
reporters that reinforcements were on their way from Gao.</p>
<ul><li>About 3,000 people fled towards the Algerian border.</li>
<li>Two aid convoys turned back near Anefis.</li></ul>
<p>Aid groups said many of those who fled were travelling on foot, with little water.</p>
</article>
<footer><p>Subscribe to our newsletter for daily news from the Sahel.</p></footer>
<script>window.analytics = {"id": 42};</script>
</body></html>"""


def _raw(html: str, **fields) -> RawDocument:
    return RawDocument(id="kidal", origin="kidal.html", html=html, **fields)


def test_html_page_becomes_blank_line_separated_paragraphs():
    doc = html_to_document(_raw(PAGE))
    paragraphs = doc.text.split("\n\n")
    assert doc.html is None
    assert paragraphs[0] == "Rebels seize Kidal after two-day battle"
    assert paragraphs[1].startswith("Rebel fighters took control of the town of Kidal")
    assert "• About 3,000 people fled towards the Algerian border." in paragraphs
    assert "Home" not in doc.text and "analytics" not in doc.text
    assert "newsletter" not in doc.text


def test_html_figure_caption_is_kept_and_classified_as_caption():
    doc = html_to_document(_raw(PAGE))
    text = normalize_text(doc.text)
    kinds = {text[p.start : p.end]: p.kind for p in classify_paragraphs(text)}
    caption = "Fighters ride a pickup truck near Kidal on Saturday. Photo: Moussa Diallo/AFP"
    assert kinds[caption] == "caption"
    assert (
        kinds["Aid groups said many of those who fled were travelling on foot, with little water."]
        == "body"
    )


def test_html_metadata_comes_from_the_page_when_the_document_lacks_it():
    doc = html_to_document(_raw(PAGE, fallback=DocumentMeta(published="2020-01-01", source="CLI")))
    assert doc.title == "Rebels seize Kidal after two-day battle"
    assert doc.published == "2023-05-14"
    assert doc.source == "The Sahel Courier"
    assert doc.author == "Amina Traore"


def test_html_document_fields_beat_page_metadata():
    doc = html_to_document(_raw(PAGE, title="Kidal falls", published="2023-05-15"))
    assert (doc.title, doc.published, doc.source) == (
        "Kidal falls",
        "2023-05-15",
        "The Sahel Courier",
    )


def test_html_command_line_meta_fills_what_the_page_lacks():
    page = "<html><body><article><p>" + "Shelling hit the port of Mariupol overnight. " * 5
    page += "</p></article></body></html>"
    doc = html_to_document(_raw(page, fallback=DocumentMeta(published="2022-03-01", source="CLI")))
    assert doc.published == "2022-03-01" and doc.source == "CLI"
    assert doc.text.startswith("Shelling hit the port of Mariupol overnight.")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><head><script>var a = 1;</script></head><body><script>run()</script></body></html>",
         "no article text"),
        ("", "not HTML"),
        ("plain words without any markup at all", "not HTML"),
        ("<<<>>> <p <div", "no article text"),
    ],
)  # fmt: skip
def test_script_only_or_malformed_html_gives_a_clear_ingest_error(html, reason):
    with pytest.raises(IngestError) as info:
        html_to_document(_raw(html))
    assert reason in info.value.reason


def test_unclosed_tags_still_give_the_text():
    page = "<html><body><div><p>Troops entered Kherson on Friday, officials said.<p>Residents "
    page += "welcomed them in the central square, according to local media reports"
    doc = html_to_document(_raw(page))
    assert "Troops entered Kherson on Friday" in doc.text


def test_text_documents_pass_through_unchanged():
    raw = RawDocument(id="t", origin="t.txt", text="Plain report.")
    assert html_to_document(raw) is raw


def _deep_page(depth: int, inner: str, *, before: str = "", after: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Kidal falls - The Sahel Courier</title>"
        '<meta property="og:title" content="Rebels seize Kidal">'
        '<meta property="article:published_time" content="2023-05-14T10:00:00Z">'
        "</head><body>" + before + "<div>" * depth + inner + "</div>" * depth + after
        + "</body></html>"
    )  # fmt: skip


DEEP_ARTICLE = (
    "<h1>Rebels seize Kidal after two-day battle</h1>"
    "<p>Rebel fighters took control of the town of Kidal on Saturday, residents said.</p>"
    "<p>The army said it had withdrawn to regroup and denied heavy losses.</p>"
)


@pytest.mark.issue(11)
@pytest.mark.parametrize("depth", [254, 300, 5000, 10_000])
def test_article_inside_deeply_nested_divs_is_extracted_with_page_metadata(depth, caplog):
    with caplog.at_level("WARNING", logger="fogline.ingest.html"):
        doc = html_to_document(_raw(_deep_page(depth, DEEP_ARTICLE)))
    assert doc.text.split("\n\n") == [
        "Rebels seize Kidal after two-day battle",
        "Rebel fighters took control of the town of Kidal on Saturday, residents said.",
        "The army said it had withdrawn to regroup and denied heavy losses.",
    ]
    assert doc.title == "Rebels seize Kidal"
    assert doc.published == "2023-05-14"
    assert [r for r in caplog.records if "kidal.html" in r.getMessage() and "plain" in r.message]


@pytest.mark.issue(11)
def test_deep_page_drops_scripts_styles_comments_and_page_chrome():
    inner = (
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        "<header><p>Subscribe now</p></header>"
        "<script>var leaked = 'SCRIPT-TEXT'; if (a < b) { document.write('<p>x</p>'); }</script>"
        "<style>.story { color: red } /* STYLE-TEXT */</style>"
        "<noscript>NOSCRIPT-TEXT</noscript><template><p>TEMPLATE-TEXT</p></template>"
        "<!-- COMMENT-TEXT -->" + DEEP_ARTICLE + "<aside>ASIDE-TEXT</aside>"
        "<footer>FOOTER-TEXT</footer><script>run('SCRIPT-TWO')</script>"
    )
    doc = html_to_document(_raw(_deep_page(400, inner)))
    for junk in ("SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "COMMENT", "ASIDE", "FOOTER",
                 "Home", "Subscribe", "<p>"):  # fmt: skip
        assert junk not in doc.text
    assert doc.text.startswith("Rebels seize Kidal after two-day battle\n\nRebel fighters")


@pytest.mark.issue(11)
def test_text_before_inside_and_after_the_deep_part_is_all_kept_in_order():
    doc = html_to_document(
        _raw(
            _deep_page(
                600,
                DEEP_ARTICLE,
                before="<p>Residents fled towards the Algerian border on Friday.</p>",
                after="<p>Aid groups said two convoys turned back near Anefis.</p>",
            )
        )
    )
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Residents fled towards the Algerian border on Friday."
    assert paragraphs[1] == "Rebels seize Kidal after two-day battle"
    assert paragraphs[-1] == "Aid groups said two convoys turned back near Anefis."


@pytest.mark.issue(11)
def test_plain_extraction_keeps_list_items_table_rows_and_line_breaks():
    from fogline.ingest.html import plain_paragraphs

    page = (
        "<div><ul><li>About 3,000 people fled.</li><li><p>Two convoys turned back.</p></li>"
        "<li></li></ul><p>After the list.</p>"
        "<table><tr><th>Town</th><th>Killed</th></tr><tr><td>Kidal</td><td>12</td></tr></table>"
        "First line<br>second line &amp; more<!-- hidden --> text</div><p>* * *</p>"
    )
    assert plain_paragraphs(page) == [
        "• About 3,000 people fled.",
        "• Two convoys turned back.",
        "After the list.",
        "Town | Killed",
        "Kidal | 12",
        "First line",
        "second line & more text",
    ]


@pytest.mark.issue(11)
@pytest.mark.parametrize("failure", ["raises", "returns nothing"])
def test_plain_extraction_when_trafilatura_gives_up_on_a_shallow_page(failure, monkeypatch):
    import trafilatura

    def give_up(*args, **kwargs):
        if failure == "raises":
            raise RecursionError("maximum recursion depth exceeded")
        return None

    monkeypatch.setattr(trafilatura, "bare_extraction", give_up)
    doc = html_to_document(_raw(PAGE))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Rebels seize Kidal after two-day battle"
    assert "• About 3,000 people fled towards the Algerian border." in paragraphs
    assert "Home" not in doc.text and "analytics" not in doc.text and "newsletter" not in doc.text
    assert (doc.title, doc.published) == ("Rebels seize Kidal after two-day battle", "2023-05-14")
