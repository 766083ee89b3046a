"""HTML pages to text with trafilatura: the article body as blank-line separated paragraphs.

Headings, paragraphs, quotes, list items (as "• " lines), tables (one row a line) and
figure captions are kept in page order; navigation, footers and comments are dropped by
trafilatura. Title, date, author and site name come from the page when the document lacks
them, before the command-line fallback.
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
_BLOCKS = frozenset({"p", "head", "quote", "code"})


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
    extracted = _extract(raw.html, raw.origin, raw.url)
    text = "\n\n".join(_paragraphs(extracted.body, _figure_captions(raw.html)))
    if not text.strip():
        raise IngestError(raw.origin, "no article text found in the HTML page")
    fallback = raw.fallback
    return replace(
        raw,
        text=text,
        html=None,
        title=raw.title or extracted.title or (fallback.title if fallback else None),
        published=raw.published or extracted.date or (fallback.published if fallback else None),
        source=raw.source or extracted.sitename or (fallback.source if fallback else None),
        author=raw.author or extracted.author,
        url=raw.url or extracted.url,
        fallback=None,
    )


def _extract(html: str, origin: str, url: str | None) -> Any:
    if not re.search(r"<[a-zA-Z!]", html):
        raise IngestError(origin, "not HTML: no tags found")
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
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad page, not a crash
        LOGGER.debug("%s: trafilatura failed", origin, exc_info=True)
        raise IngestError(origin, f"malformed HTML: {type(exc).__name__}: {exc}") from exc
    if extracted is None or getattr(extracted, "body", None) is None:
        raise IngestError(origin, "no article text found in the HTML page (empty or script-only)")
    return extracted


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


def _figure_captions(html: str) -> dict[str, str]:
    """Figure captions of the page by image source, which trafilatura itself drops."""
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html.encode("utf-8"))
    except Exception:  # noqa: BLE001 - captions are extra; a page lxml cannot read has none
        return {}
    out = {}
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
