"""Paragraph kinds that only the whole document reveals: tabloid captions and top bullets.

Tabloid pages (the Daily Mail and the many sites that copy its layout) print their photo
captions and the summary bullets above the story as sentences without a final full stop, set
between body paragraphs that have one. Scraped to plain text they read like body paragraphs
that lost their punctuation. In a document whose body is punctuated, such an unpunctuated
sentence is a caption, and a run of them before the first punctuated paragraph is the
summary box. Run-in caption labels ("Dangerous as ever: Even though ...") mark the captions
of the same pages that do end with a full stop. Thresholds and word lists are data
(``layout`` in ``clean/paragraph_cues.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fogline.data import load_yaml
from fogline.errors import LexiconError
from fogline.extract.text import TERMINAL, WORD
from fogline.model import ParagraphKind

CUES_FILE = "clean/paragraph_cues.yaml"

Kinds = list[tuple[ParagraphKind, "str | None"]]


@dataclass(frozen=True, slots=True)
class _Layout:
    min_punctuated: int
    min_share: float
    min_words: int
    max_words: int
    max_capitalised: float
    min_run: int
    min_captions: int
    label: re.Pattern[str]
    label_max_words: int
    not_labels: frozenset[str]
    not_sentence: re.Pattern[str]
    reporting: frozenset[str]


def mark_tabloid_layout(paragraphs: list[str], kinds: Kinds) -> None:
    """Re-kind unpunctuated sentences of a punctuated document as captions or highlights.

    ``paragraphs`` are the texts of the paragraphs and ``kinds`` their (kind, cue) so far;
    only ``body`` paragraphs change. Nothing changes unless the body is mostly punctuated.

    Example:
        >>> paras = ["Troops shelled the town on Monday, officials said."] * 6 + [
        ...     "Residents flee the shelling on the edge of the town on Monday night"]
        >>> kinds = [("body", None)] * 7
        >>> mark_tabloid_layout(paras, kinds)
        >>> kinds[-1]
        ('caption', 'unpunctuated in punctuated text')
    """
    cfg = _layout()
    body = [i for i, (kind, _) in enumerate(kinds) if kind == "body"]
    counted = [i for i in body if len(WORD.findall(paragraphs[i])) >= cfg.min_words]
    punctuated = [i for i in counted if TERMINAL.search(paragraphs[i])]
    if len(punctuated) < cfg.min_punctuated or len(punctuated) < cfg.min_share * len(counted):
        return
    loose = [i for i in body if _unpunctuated_sentence(paragraphs[i], cfg)]
    top = _top_run(loose, body, punctuated[0])
    if len(top) >= cfg.min_run:
        for i in top:
            kinds[i] = ("highlight", "unpunctuated bullets at top")
    captions = [i for i in loose if i not in top]
    if len(captions) < cfg.min_captions:
        return  # one unpunctuated paragraph is more likely a lost full stop than a caption
    for i in captions:
        kinds[i] = ("caption", "unpunctuated in punctuated text")
    if captions:  # a tabloid page: its run-in labels mark the punctuated captions too
        for i in body:  # after the story has begun: "Beirut: ..." opening it is a dateline
            if i <= punctuated[0] or kinds[i][0] != "body":
                continue
            if _labelled_caption(paragraphs[i], cfg):
                kinds[i] = ("caption", "caption label")


def _top_run(loose: list[int], body: list[int], first_punctuated: int) -> list[int]:
    """The unpunctuated sentences that open the document, before any punctuated body."""
    run = []
    for i in body:
        if i >= first_punctuated or i not in loose:
            break
        run.append(i)
    return run


def _unpunctuated_sentence(para: str, cfg: _Layout) -> bool:
    """Whether ``para`` is a sentence in lower case without final punctuation."""
    if TERMINAL.search(para) or cfg.not_sentence.search(para):
        return False
    words = WORD.findall(para)
    if not cfg.min_words <= len(words) <= cfg.max_words:
        return _labelled_caption(para, cfg)  # "Tragic: Jane Doe"
    return _sentence_case(words, cfg)


def _sentence_case(words: list[str], cfg: _Layout) -> bool:
    """Not a headline in Title Case or capitals: most longer words are in lower case."""
    content = [w for w in words[1:] if len(w) >= 4 and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(not w.islower() for w in content)
    return capitalised <= cfg.max_capitalised * len(content)


def _labelled_caption(para: str, cfg: _Layout) -> bool:
    """A run-in caption label ("Begging for mercy: His brother ...") opens ``para``."""
    m = cfg.label.match(para)
    if not m or len(WORD.findall(para)) > cfg.label_max_words:
        return False
    words = WORD.findall(m.group(1))
    label = [w.lower() for w in words]
    if {" ".join(label), label[0]} & cfg.not_labels or any(w in cfg.reporting for w in label):
        return False
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return False  # "Mohammed Islam: ..." is a speaker in a transcript
    rest = para[m.end(1) :]
    return any(w.islower() for w in WORD.findall(rest)) and not cfg.not_sentence.search(para)


@functools.cache
def _layout() -> _Layout:
    data = load_yaml(CUES_FILE)
    try:
        cfg = data["layout"]
        return _Layout(
            min_punctuated=int(cfg["min_punctuated"]),
            min_share=float(cfg["min_share"]),
            min_words=int(cfg["min_words"]),
            max_words=int(cfg["max_words"]),
            max_capitalised=float(cfg["max_capitalised"]),
            min_run=int(cfg["highlight_min_run"]),
            min_captions=int(cfg["min_captions"]),
            label=re.compile(cfg["label"]),
            label_max_words=int(cfg["label_max_words"]),
            not_labels=frozenset(str(x).lower() for x in cfg["not_labels"]),
            not_sentence=re.compile(cfg["not_sentence"], re.IGNORECASE),
            reporting=frozenset(data["reporting_verbs"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise LexiconError(f"{CUES_FILE}: bad layout section: {exc}") from exc
