"""Cleaning: offset-keeping Unicode normalisation, paragraphs and their kinds, language.

Normalisation changes characters one for one wherever it can (odd spaces become spaces,
odd quote marks standard ones), so that offsets stay meaningful; the few changes that are
not one for one (CRLF, removed zero-width and control characters, decomposed accents) are
tracked by :func:`normalize_with_offsets`, which maps every cleaned character back to the
raw text.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogline.data import load_lines, load_yaml
from fogline.errors import LexiconError
from fogline.extract.text import TERMINAL, WORD
from fogline.extract.text import segment_paragraphs as split_paragraphs
from fogline.ingest.layout import mark_tabloid_layout
from fogline.model import Paragraph, ParagraphKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

LOGGER = logging.getLogger(__name__)

CUES_FILE = "clean/paragraph_cues.yaml"

# --- normalisation ---------------------------------------------------------------------------

_SPACE_CHARS = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ONE_FOR_ONE = {
    **dict.fromkeys(_SPACE_CHARS, " "),
    # line breaks of other systems
    "\r": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    # odd quote marks → standard ones; ‘ ’ “ ” « » stay as they are
    "\u201b": "\u2018",  # ‛ reversed single quote
    "\u201a": "\u2018",  # ‚ single low-9 quote
    "\u201f": "\u201c",  # ‟ reversed double quote
    "\u201e": "\u201c",  # „ double low-9 quote
    "\u301d": "\u201c",  # 〝
    "\u301e": "\u201d",  # 〞
    "\u301f": "\u201d",  # 〟
    "\u2032": "'",  # ′ prime
    "\u2035": "'",  # ‵ reversed prime
    "\u2033": '"',  # ″ double prime
    "\u2036": '"',  # ‶ reversed double prime
    "\uff02": '"',  # ＂ fullwidth
    "\uff07": "'",  # ＇ fullwidth
    "\u02bc": "\u2019",  # ʼ modifier apostrophe
    "\u00b4": "\u2019",  # ´ acute accent typed as an apostrophe
    # hyphens and minus signs → ASCII hyphen-minus
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
}
_EXPANDED = {"\u2029": "\n\n"}  # paragraph separator
_DROPPED = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
    + "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c")
    + "".join(chr(c) for c in range(0x7F, 0xA0) if c != 0x85)
)
_TABLE_ONE = str.maketrans(_ONE_FOR_ONE)
_TABLE_ALL = str.maketrans({**_ONE_FOR_ONE, **_EXPANDED, **dict.fromkeys(_DROPPED)})
_IRREGULAR = re.compile("\r\n|[" + re.escape(_DROPPED + "".join(_EXPANDED)) + "]")


def normalize_text(text: str) -> str:
    """Clean odd spaces, quote marks, zero-width and control characters, line endings.

    Example:
        >>> normalize_text("Kabul\\u00a0\\u201fquiet\\u201d\\r\\n")
        'Kabul “quiet”\\n'
    """
    text = text.replace("\r\n", "\n").translate(_TABLE_ALL)
    if not unicodedata.is_normalized("NFC", text):
        parts, last = [], 0
        for start, end, composed in _nfc_clusters(text):
            parts += [text[last:start], composed]
            last = end
        text = "".join(parts) + text[last:]
    return text


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`normalize_text`, plus for each cleaned character the offset of its raw source.

    Offsets never decrease; use :func:`clean_span` to carry raw spans over.
    """
    matches = list(_IRREGULAR.finditer(text))
    if not matches:
        clean, offsets = text.translate(_TABLE_ONE), list(range(len(text)))
    else:
        parts: list[str] = []
        offsets = []
        last = 0
        for m in matches:
            parts.append(text[last : m.start()])
            offsets.extend(range(last, m.start()))
            token = m.group()
            repl = "\n" if token == "\r\n" else _EXPANDED.get(token, "")
            parts.append(repl)
            offsets.extend([m.start()] * len(repl))
            last = m.end()
        parts.append(text[last:])
        offsets.extend(range(last, len(text)))
        clean = "".join(parts).translate(_TABLE_ONE)
    if not unicodedata.is_normalized("NFC", clean):
        parts, new_offsets, last = [], [], 0
        for start, end, composed in _nfc_clusters(clean):
            parts += [clean[last:start], composed]
            new_offsets += offsets[last:start]
            new_offsets += [offsets[start]] * len(composed)  # a cluster maps as a whole
            last = end
        clean = "".join(parts) + clean[last:]
        offsets = new_offsets + offsets[last:]
    return clean, offsets


def clean_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Carry the raw span ``[start, end)`` over to the cleaned text of ``offsets``."""
    return bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)


def _nfc_clusters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, NFC form) of each base character + combining marks that NFC changes."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if unicodedata.combining(text[i]):
            start = max(i - 1, 0)
            j = i
            while j < n and unicodedata.combining(text[j]):
                j += 1
            composed = unicodedata.normalize("NFC", text[start:j])
            if composed != text[start:j]:
                out.append((start, j, composed))
            i = j
        else:
            i += 1
    return out


# --- language --------------------------------------------------------------------------------

LANGUAGE_MIN_LETTERS = 40
LANGUAGE_MIN_PROBABILITY = 0.8
ENGLISH_FAST_SHARE = 0.2
_LANGUAGE_SAMPLE = 2000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell.

    Example:
        >>> detect_language("The army said on Monday that it had retaken the town.")
        'en'
    """
    if len(text) > 2 * _LANGUAGE_SAMPLE:
        mid = len(text) // 2
        text = text[:_LANGUAGE_SAMPLE] + "\n" + text[mid : mid + _LANGUAGE_SAMPLE]
    if sum(ch.isalpha() for ch in text) < LANGUAGE_MIN_LETTERS:
        return None
    words = WORD.findall(text.lower())
    common = _english_function_words()
    if words and sum(w in common for w in words) >= ENGLISH_FAST_SHARE * len(words):
        return "en"  # plainly English: no need for the statistical identifier
    lang, prob = _language_identifier().classify(text)
    if prob < LANGUAGE_MIN_PROBABILITY:
        LOGGER.debug("language unsure: %s at %.2f", lang, prob)
        return None
    return str(lang)


@functools.cache
def _english_function_words() -> frozenset[str]:
    return frozenset(load_lines("clean/english_function_words.txt"))


@functools.cache
def _language_identifier():  # returns py3langid.LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# --- paragraphs ------------------------------------------------------------------------------

_QUOTE_MARK = re.compile(r"[“”\"«»]|(?:^|(?<=[\s(\[]))‘")


@dataclass(frozen=True, slots=True)
class _Cue:
    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Cues:
    boilerplate: tuple[_Cue, ...]
    boilerplate_max_words: int
    strong: tuple[_Cue, ...]
    strong_max_words: int
    weak: tuple[_Cue, ...]
    weak_max_words: int
    scene_max_words: int
    scene_max_words_terminated: int
    scene_title_words: int
    scene_time: re.Pattern[str]
    scene_base: frozenset[str]
    scene_third: frozenset[str]
    scene_passive: re.Pattern[str]
    scene_passive_words: frozenset[str]
    stative: frozenset[str]
    not_before_verb: frozenset[str]
    plural_subjects: frozenset[str]
    personal: frozenset[str]
    reporting: frozenset[str]
    heading: re.Pattern[str]
    bullet: re.Pattern[str]
    max_preamble: int
    preamble_words: int


def segment_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, cut with the bullet and boilerplate cues of
    ``data/clean/`` (see :func:`fogline.extract.text.segment_paragraphs`)."""
    cues = _cues()
    return split_paragraphs(
        text, bullet=cues.bullet, furniture=lambda line: _boilerplate_line(line, cues)
    )


def _boilerplate_line(line: str, cues: _Cues) -> bool:
    """Whether one line on its own is page furniture (a boilerplate cue decides it)."""
    line = line.strip()
    if len(WORD.findall(line)) > cues.boilerplate_max_words:
        return False
    return any(cue.regex.search(line) for cue in cues.boilerplate)


def classify_paragraphs(text: str, *, doc: Doc | None = None) -> list[Paragraph]:
    """Split cleaned ``text`` into paragraphs and give each a kind and the cue that decided it.

    Kinds: ``caption`` (photo captions and credit lines), ``highlight`` (summary bullets at
    the top, "Key points" boxes), ``boilerplate`` (share bars, newsletter and cookie lines,
    "Read Full Article"), else ``body``. With the parsed ``doc`` of the same text, the
    scene-description test uses part-of-speech tags instead of the verb list alone.

    Example:
        >>> [p.kind for p in classify_paragraphs("Rebels took the town.\\n\\nShare this article")]
        ['body', 'boilerplate']
    """
    cues = _cues()
    spans = segment_paragraphs(text)
    kinds: list[tuple[ParagraphKind, str | None]] = []
    past_title = False  # headlines, in the present tense too, are not scenes
    for start, end in spans:
        para = text[start:end]
        kinds.append(_kind_of(para, cues, _doc_span(doc, start, end), scenes=past_title))
        past_title = past_title or len(WORD.findall(para)) >= cues.scene_title_words
    _mark_highlights(text, spans, kinds, cues)
    mark_tabloid_layout([text[start:end] for start, end in spans], kinds)
    return [
        Paragraph(index=i, kind=kind, start=start, end=end, cue=cue)
        for i, ((start, end), (kind, cue)) in enumerate(zip(spans, kinds, strict=True))
    ]


def _kind_of(
    para: str, cues: _Cues, span: object | None, *, scenes: bool = True
) -> tuple[ParagraphKind, str | None]:
    """Kind of one paragraph on its own (highlights are decided from the position later)."""
    n_words = len(WORD.findall(para))
    if n_words <= cues.boilerplate_max_words:
        for cue in cues.boilerplate:
            if cue.regex.search(para):
                return "boilerplate", cue.name
    if n_words <= cues.strong_max_words:
        for cue in cues.strong:
            if cue.regex.search(para):
                return "caption", cue.name
    terminated = bool(TERMINAL.search(para))
    if not terminated or n_words <= cues.weak_max_words:
        for cue in cues.weak:
            if cue.regex.search(para):
                return "caption", cue.name
    scene = _scene_verb(para, n_words, terminated, cues, span) if scenes else None
    if scene:
        return "caption", f"scene: {scene}"
    return "body", None


def _scene_verb(
    para: str, n_words: int, terminated: bool, cues: _Cues, span: object | None
) -> str | None:
    """The present-tense verb that makes ``para`` a photo's scene description, if any."""
    limit = cues.scene_max_words_terminated if terminated else cues.scene_max_words
    if n_words > limit or _QUOTE_MARK.search(para):
        return None
    if terminated and not cues.scene_time.search(para):
        return None
    words = WORD.findall(para)
    if any(w.lower() in cues.reporting or w.lower() in cues.personal for w in words):
        return None
    if span is not None:
        return _scene_verb_parsed(span, terminated, cues)
    m = cues.scene_passive.search(para)
    if m and len(WORD.findall(para[: m.start()])) <= 15:
        return m.group().lower()
    for i, word in enumerate(words[1:15], start=1):
        if not word.islower():
            continue
        prev = words[i - 1].lower()
        if word.endswith("ed") and prev not in cues.not_before_verb:
            return None  # a past-tense verb comes first: a report, not a scene
        if prev in cues.not_before_verb:
            continue
        if word in cues.scene_third and prev not in cues.plural_subjects:
            return word
        if word in cues.scene_base and _plural_subject(prev, cues):
            return word
    return None


def _scene_verb_parsed(span: object, terminated: bool, cues: _Cues) -> str | None:
    """Scene verb from POS tags: a present simple (or "are seen") main verb of the paragraph."""
    tokens = list(span)  # type: ignore[call-overload]
    if not tokens:
        return None
    first, last = tokens[0].i, tokens[-1].i
    # the parser may join paragraphs into one sentence: take the roots within the paragraph
    roots = [t for t in tokens if t.head.i == t.i or not first <= t.head.i <= last]
    root = next((t for t in roots if t.tag_.startswith("VB")), roots[0])
    lemma = root.lemma_.lower()
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ in ("VBZ", "VBP") and not aux:
        if lemma in cues.stative or (terminated and lemma not in cues.scene_base):
            return None
        return root.text
    present_aux = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in aux)
    if root.tag_ == "VBN" and root.text.lower() in cues.scene_passive_words and present_aux:
        return f"{aux[0].text} {root.text}"
    return None


def _plural_subject(word: str, cues: _Cues) -> bool:
    """Whether ``word`` can end the subject of a plural present verb ("people", "fighters")."""
    if word in cues.plural_subjects:
        return True
    return (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "’s", "'s")) and len(word) > 3
    )


def _mark_highlights(
    text: str,
    spans: list[tuple[int, int]],
    kinds: list[tuple[ParagraphKind, str | None]],
    cues: _Cues,
) -> None:
    """Mark summary bullets at the top, and "Key points" boxes anywhere, as highlights."""
    in_box = False  # inside a "Key points" box
    at_top = True  # only short lines so far (headline, byline, date)
    listed = False  # bullets after a sentence ending in ":" are a list of the body
    preamble = 0
    for i, (start, end) in enumerate(spans):
        para = text[start:end]
        kind, _ = kinds[i]
        if cues.heading.match(para):
            kinds[i] = ("highlight", "summary heading")
            in_box, listed = True, False
            continue
        if kind != "body":
            in_box = in_box and kind == "caption"
            continue
        if cues.bullet.match(para):
            if in_box or (at_top and not listed):
                kinds[i] = ("highlight", "summary box" if in_box else "bullets at top")
            continue
        in_box = False
        listed = para.endswith(":")
        if at_top:
            preamble += 1
            words = len(WORD.findall(para))
            highlighted = any(k == "highlight" for k, _ in kinds[:i])
            if highlighted or preamble > cues.max_preamble or words > cues.preamble_words:
                at_top = False


def _doc_span(doc: Doc | None, start: int, end: int) -> object | None:
    if doc is None:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _compile(entries: list[dict], section: str) -> tuple[_Cue, ...]:
    out = []
    for entry in entries:
        try:
            flags = 0 if entry.get("case") else re.IGNORECASE
            out.append(_Cue(entry["name"], re.compile(entry["pattern"], flags)))
        except (KeyError, TypeError, re.error) as exc:
            raise LexiconError(f"{CUES_FILE}: bad {section} entry {entry!r}: {exc}") from exc
    if not out:
        raise LexiconError(f"{CUES_FILE}: no {section} entries")
    return tuple(out)


@functools.cache
def _cues() -> _Cues:
    data = load_yaml(CUES_FILE)
    try:
        bp, cap, hl = data["boilerplate"], data["caption"], data["highlight"]
        scene = cap["scene"]
        base = frozenset(scene["verbs"])
        passive = "|".join(map(re.escape, scene["passive"]))
        return _Cues(
            boilerplate=_compile(bp["patterns"], "boilerplate"),
            boilerplate_max_words=int(bp["max_words"]),
            strong=_compile(cap["strong"], "caption.strong"),
            strong_max_words=int(cap["max_words"]),
            weak=_compile(cap["weak"], "caption.weak"),
            weak_max_words=int(cap["weak_max_words"]),
            scene_max_words=int(scene["max_words"]),
            scene_max_words_terminated=int(scene["max_words_terminated"]),
            scene_title_words=int(scene["title_words"]),
            scene_time=re.compile(scene["time_anchor"], re.IGNORECASE),
            scene_base=base,
            scene_third=frozenset(_third_person(v) for v in base),
            scene_passive=re.compile(rf"\b(?:is|are)\s+(?:{passive})\b(?!\s+(?:as|to)\b)", re.I),
            scene_passive_words=frozenset(scene["passive"]),
            stative=frozenset(scene["stative"]),
            not_before_verb=frozenset(scene["not_before_verb"]),
            plural_subjects=frozenset(scene["plural_subjects"]),
            personal=frozenset(scene["personal_pronouns"]),
            reporting=frozenset(data["reporting_verbs"]),
            heading=re.compile(hl["headings"], re.IGNORECASE),
            bullet=re.compile(hl["bullets"]),
            max_preamble=int(hl["max_preamble"]),
            preamble_words=int(hl["preamble_words"]),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise LexiconError(f"{CUES_FILE} is malformed: {exc}") from exc
