"""HTML pages to text with trafilatura: the article body as blank-line separated paragraphs.

Headings, paragraphs, quotes, list items (as "• " lines), tables (one row a line) and
figure captions are kept in page order; navigation, footers and comments are dropped by
trafilatura. Title, date, author and site name come from the page when the document lacks
them, before the command-line fallback.

When trafilatura gives up (it raises, finds nothing, or the page nests elements deeper than
libxml2 builds a tree for: 256 levels, past which the tree and so trafilatura's view of the
page silently end), the text comes from a plain extraction instead (:func:`plain_paragraphs`),
with a warning naming the document.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from fogline.errors import IngestError
from fogline.ingest.readers import RawDocument

LOGGER = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w")
_BLOCKS = frozenset({"p", "head", "quote", "code"})
_NO_TEXT = "no article text found in the HTML page (empty or script-only)"

# Plain extraction: elements whose content is never text, and elements that end a paragraph.
_SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "head", "title", "svg", "math", "iframe", "object", "embed", "canvas",
        "button", "select", "textarea",
    }
)  # fmt: skip
_BREAKS = frozenset(
    {
        "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul",
    }
)  # fmt: skip


def html_to_document(raw: RawDocument) -> RawDocument:
    """The text version of an HTML document, with metadata filled from the page.

    Raises:
        IngestError: when the page is malformed or has no article text (script-only, empty).

    Example:
        >>> doc = html_to_document(RawDocument(id="a", origin="a.html", html=page))
        >>> doc.text.split("\\n\\n")[0]
        'Rebels seize northern town'
    """
    if raw.html is None:
        return raw
    if not re.search(r"<[a-zA-Z!]", raw.html):
        raise IngestError(raw.origin, "not HTML: no tags found")
    tree, limit = _parse(raw.html)
    extracted = malformed = None
    if limit:  # trafilatura's parse would stop at the same place: read the whole page instead
        failure = f"the page is past a limit of the HTML tree parser ({limit})"
    else:
        extracted, malformed = _extract(raw.html, raw.origin, raw.url)
        failure = malformed or "trafilatura found no article text"
    paragraphs: list[str] = []
    if extracted is not None and getattr(extracted, "body", None) is not None:
        paragraphs = _paragraphs(extracted.body, _figure_captions(tree))
    if not "".join(paragraphs).strip():
        paragraphs = plain_paragraphs(raw.html)
        if not paragraphs:
            raise IngestError(raw.origin, malformed or _NO_TEXT)
        LOGGER.warning(
            "%s: %s; the text comes from a plain extraction of the page "
            "(block elements as paragraphs, no boilerplate removal beyond nav/header/footer/aside)",
            raw.origin,
            failure,
        )
        if extracted is None:
            extracted = _metadata(tree, raw.origin, raw.url)
    fallback = raw.fallback
    return replace(
        raw,
        text="\n\n".join(paragraphs),
        html=None,
        title=raw.title
        or getattr(extracted, "title", None)
        or (fallback.title if fallback else None),
        published=raw.published
        or getattr(extracted, "date", None)
        or (fallback.published if fallback else None),
        source=raw.source
        or getattr(extracted, "sitename", None)
        or (fallback.source if fallback else None),
        author=raw.author or getattr(extracted, "author", None),
        url=raw.url or getattr(extracted, "url", None),
        fallback=None,
    )


def plain_paragraphs(html: str) -> list[str]:
    """The page's text as paragraphs, without trafilatura: every block element ends one.

    Script, style, noscript, template, navigation, header, footer, aside and form controls
    are dropped, and so are comments; list items start with "• ", table cells of a row are
    joined by " | ". The page is read as a stream of tags (libxml2's HTML tokenizer with a
    Python target, which builds no tree), so any nesting depth is read, in time linear in the
    size of the page.

    Example:
        >>> plain_paragraphs("<div><div><p>Kidal fell.</p><script>x()</script>Gao next.</div>")
        ['Kidal fell.', 'Gao next.']
    """
    from lxml import etree

    target = _PlainText()
    parser = etree.HTMLParser(target=target, encoding="utf-8", no_network=True)
    try:
        parser.feed(html.encode("utf-8", "replace"))
        parser.close()
    except etree.LxmlError:  # a page libxml2 cannot tokenize at all: keep what was read
        LOGGER.debug("plain HTML extraction stopped early", exc_info=True)
    return target.finish()


class _PlainText:
    """lxml parser target collecting paragraphs of text outside skipped elements."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.chunks: list[str] = []
        self.skipping = 0  # open elements at or inside a skipped one
        self.bullet = False  # the paragraph being read is a list item
        self.cells = 0  # cells started in the current table row

    def start(self, tag: Any, attrib: Any) -> None:
        if self.skipping or tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BREAKS:
            self._flush()
            if tag == "li":
                self.bullet = True
            elif tag == "tr":
                self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self.chunks.append(" | ")
            self.cells += 1

    def end(self, tag: Any) -> None:
        if self.skipping:
            self.skipping -= 1
        elif tag in _BREAKS:
            self._flush()
            if tag == "li":  # an empty item marks nothing after it
                self.bullet = False
            elif tag in ("tr", "table"):
                self.cells = 0

    def data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)

    def close(self) -> None:
        self._flush()

    def finish(self) -> list[str]:
        self._flush()
        return self.paragraphs

    def _flush(self) -> None:
        """End the paragraph being read; one without a letter or digit is dropped."""
        text = _SPACES.sub(" ", "".join(self.chunks)).strip()
        self.chunks.clear()
        if self.cells:  # empty first or last cells of a row
            text = text.strip(" |")
        if _WORD.search(text):
            _add(self.paragraphs, "• " + text if self.bullet else text)
            self.bullet = False


def _parse(html: str) -> tuple[Any, str | None]:
    """The page as lxml reads it, and the resource limit it hit (then the tree is cut short)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.LxmlError, ValueError):  # nothing lxml can build a tree from
        tree = None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in error.message:
            return tree, error.message.strip()
    return tree, None


def _extract(html: str, origin: str, url: str | None) -> tuple[Any, str | None]:
    """trafilatura's extraction (None when it finds nothing) and why it failed, if it did."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a broken install
        raise IngestError(origin, f"cannot read HTML: trafilatura does not import ({exc})") from exc
    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_formatting=False,
            favor_recall=True,
        )
    except Exception as exc:  # any parser failure is a bad page, not a crash
        LOGGER.debug("%s: trafilatura failed", origin, exc_info=True)
        return None, f"malformed HTML: {type(exc).__name__}: {exc}"
    return extracted, None


def _metadata(tree: Any, origin: str, url: str | None) -> Any:
    """Title, date, author and site of the page by trafilatura, when its extraction failed."""
    if tree is None:
        return None
    try:
        from trafilatura.metadata import extract_metadata

        return extract_metadata(tree, default_url=url)
    except Exception:  # metadata are extra; the text is already read
        LOGGER.debug("%s: trafilatura could not read the page metadata", origin, exc_info=True)
        return None


def _paragraphs(body: Any, captions: dict[str, str]) -> list[str]:
    """Blocks of trafilatura's XML body as paragraphs, in order."""
    out: list[str] = []
    for element in body:
        tag = element.tag
        if tag in _BLOCKS:
            _add(out, _flat(element))
        elif tag == "list":
            for item in element.iter("item"):
                text = _flat(item)
                if text:
                    out.append("• " + text)
        elif tag == "table":
            rows = [
                " | ".join(_flat(cell) for cell in row.iter("cell")) for row in element.iter("row")
            ]
            _add(out, "\n".join(r for r in rows if r.strip(" |")))
        elif tag == "graphic":
            _add(out, captions.get(element.get("src") or "", "") or element.get("title") or "")
        else:  # a container: read its blocks, or its text when it has none
            inner = _paragraphs(element, captions)
            if inner:
                out.extend(inner)
            else:
                _add(out, _flat(element))
    return out


def _figure_captions(tree: Any) -> dict[str, str]:
    """Figure captions of the page by image source, which trafilatura itself drops."""
    out: dict[str, str] = {}
    if tree is None:  # a page lxml cannot read has none
        return out
    for figure in tree.iter("figure"):
        caption = next(figure.iter("figcaption"), None)
        image = next(figure.iter("img"), None)
        if caption is not None and image is not None and image.get("src"):
            out[image.get("src")] = _SPACES.sub(" ", caption.text_content()).strip()
    return out


def _flat(element: Any) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _add(out: list[str], text: str) -> None:
    if text and (not out or out[-1] != text):
        out.append(text)
