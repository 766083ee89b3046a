"""TimeBank 1.2 / AQUAINT (TimeML) evaluation of the time extractor.

Each ``*.tml`` file is turned into plain text (tags stripped, entities unescaped) with
its gold ``TIMEX3`` spans; the document creation time (the ``CREATION_TIME`` TIMEX3) is
passed as the publication date. Gold expressions of type DATE are scored against the
predicted calendar points (records of type DATE and TIME: before times of day had a type of
their own they were dates, and a time of day is right against a gold DATE of its day):

- relaxed extent precision/recall/F1 (a prediction overlaps a gold DATE; predictions
  overlapping a gold TIME, DURATION or SET are neither right nor wrong),
- strict extent F1 (same span),
- value accuracy over relaxed matches, and TempEval-3 style value F1 (matched and the
  same value), after folding notational variants ("199X" = "199", "1998-W7" = "1998-W07",
  "1989-XX" = "1989").

Gold TIME, DURATION and SET expressions are scored per type against predictions of that type:
relaxed precision (a prediction of the type overlaps a gold one of the type), relaxed recall
and value accuracy over those matches (more variants folded: "P1E" = "P10Y", "P1Q" = "P3M",
"T17" = "T17:00").

The cleaned text can differ slightly from the TimeML text, so predicted offsets are mapped
back through an alignment of the two texts when they differ.
"""

from __future__ import annotations

import difflib
import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogline.evaluation import Metric
from fogline.ingest.readers import RawDocument

LOGGER = logging.getLogger(__name__)

DATASET = "timebank"
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3 of the document text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML article as plain text, its creation date and gold time expressions."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file: the ``<TEXT>`` body without tags, its TIMEX3s, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value", "")[:10] or None
            break
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    source = body.group(1) if body else raw
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    parts.append(html.unescape(source[pos:]))
    return TimeMLDocument(path.stem, "".join(parts), dct, tuple(timexes))


def normalize_value(value: str | None) -> str | None:
    """Fold notational variants of a TimeML value (X placeholders, unpadded weeks)."""
    if value is None:
        return None
    v = value.strip().upper()
    v = re.sub(r"^(\d{3})X$", r"\1", v)  # 199X → 199 (a decade)
    v = re.sub(r"^(\d{2})XX$", r"\1", v)  # 19XX → 19 (a century)
    v = re.sub(r"(-XX)+$", "", v)  # 1989-XX, 1989-XX-XX → 1989
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)  # 1989-11-06T17 → 1989-11-06T17:00
    v = re.sub(r"^(P|PT)(\d+)(DE|E|CE|C|ML|L|Q)$", _fold_unit, v)  # P1E → P10Y, P1Q → P3M
    v = re.sub(r"^PX(?:DE|E)$", "PXDE", re.sub(r"^PX(?:CE|C)$", "PXCE", v))  # some decades
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)  # 2000-W7 → 2000-W07


_UNIT_FOLDS = {"DE": (10, "Y"), "E": (10, "Y"), "CE": (100, "Y"), "C": (100, "Y")}
_UNIT_FOLDS |= {"ML": (1000, "Y"), "L": (1000, "Y"), "Q": (3, "M")}


def _fold_unit(m: re.Match[str]) -> str:
    """A duration in decades, centuries, millennia or quarters in years or months."""
    if m.group(1) == "PT":
        return m.group(0)
    factor, unit = _UNIT_FOLDS[m.group(3)]
    return f"P{int(m.group(2)) * factor}{unit}"


def find_documents(folder: Path) -> list[Path]:
    """Every ``.tml`` file under ``folder``, sorted."""
    return sorted(folder.rglob("*.tml"))


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """DATE extent and value scores of ``analyzer`` over the TimeML files under ``folder``.

    Args:
        folder: a folder of ``.tml`` files (searched recursively).
        analyzer: a :class:`fogline.pipeline.Analyzer`.
        limit: score only the first ``limit`` documents.
    """
    docs = [read_timeml(p) for p in find_documents(folder)[:limit]]
    counts = _Counts()
    typed = {t: TypeScore() for t in OTHER_TYPES}
    raws = (
        RawDocument(id=d.name, origin=d.name, text=d.text, published=d.dct, source=DATASET)
        for d in docs
    )
    for doc, result in zip(docs, analyzer.analyze_many(raws), strict=True):
        if isinstance(result, Exception):
            LOGGER.warning("%s: not analysed: %s", doc.name, result)
            counts.gold += sum(t.type == "DATE" for t in doc.timexes)
            for kind, score in typed.items():
                score.gold += sum(t.type == kind for t in doc.timexes)
            continue
        predicted = list(_mapped_typed(doc.text, result))
        counts.add(score_document(doc.timexes, predicted))
        for kind, score in typed.items():
            score.add(score_type(kind, doc.timexes, predicted))
    metrics = counts.metrics(len(docs))
    for kind, score in typed.items():
        metrics.extend(score.metrics(kind))
    return metrics


Typed = tuple[int, int, str | None, str]


def _mapped_times(original: str, analysis: Any) -> Iterator[Typed]:
    """(start, end, value, type) of every predicted time, in offsets of ``original`` (what
    :func:`score_document` scores)."""
    return _mapped_typed(original, analysis)


def _mapped_typed(original: str, analysis: Any) -> Iterator[Typed]:
    """(start, end, value, type) of every predicted time, in offsets of ``original``."""
    cleaned = analysis.document.text
    kinds = [getattr(t, "type", "DATE") for t in analysis.times]
    if cleaned == original:
        for t, kind in zip(analysis.times, kinds, strict=True):
            yield t.start, t.end, t.value, kind
        return
    mapping = _offset_map(cleaned, original)
    for t, kind in zip(analysis.times, kinds, strict=True):
        yield mapping[t.start], mapping[max(t.start, t.end - 1)] + 1, t.value, kind


def _offset_map(a: str, b: str) -> list[int]:
    """For each offset of ``a``, the nearest corresponding offset of ``b``."""
    out = [0] * (len(a) + 1)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            out[k] = j1 + min(k - i1, max(j2 - j1 - 1, 0)) if tag != "equal" else j1 + k - i1
    out[len(a)] = len(b)
    return out


@dataclass(slots=True)
class DocumentScore:
    """Counts of one document (see :func:`score_document`)."""

    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    valued: int = 0
    value_ok: int = 0


def score_document(gold: tuple[GoldTimex, ...], predicted: list[Any]) -> DocumentScore:
    """Match predictions to gold DATEs one to one by overlap, and count what agrees.

    ``predicted``: (start, end, value) of dates, or (start, end, value, type). Predictions of
    type DURATION or SET are not scored here; one of type TIME only where it overlaps a gold
    DATE (annotators type "Friday night" either way): each type has its own figures.
    """
    score = DocumentScore(gold=sum(g.type == "DATE" for g in gold))
    used: set[int] = set()
    for start, end, value, *kind in predicted:
        typ = kind[0] if kind else "DATE"
        if typ in ("DURATION", "SET"):
            continue
        overlapping = [i for i, g in enumerate(gold) if g.start < end and start < g.end]
        if overlapping and all(gold[i].type != "DATE" for i in overlapping):
            continue  # a TIME, DURATION or SET: not scored here
        if typ == "TIME" and not overlapping:
            continue  # a time of day where the gold has none: scored with the TIMEs
        score.predicted += 1
        free = [i for i in overlapping if gold[i].type == "DATE" and i not in used]
        if not free:
            continue
        best = max(free, key=lambda i: min(end, gold[i].end) - max(start, gold[i].start))
        used.add(best)
        g = gold[best]
        score.relaxed += 1
        score.strict += (g.start, g.end) == (start, end)
        if value is not None:
            score.valued += 1
            score.value_ok += _same_date(value, g.value)
    return score


def _same_date(value: str, gold: str) -> bool:
    """Whether a predicted value is the gold DATE's: a time of day is right against the
    day it falls on ("2024-03-03TNI" for a gold "2024-03-03") and against its own value."""
    got, want = normalize_value(value), normalize_value(gold)
    if got == want:
        return True
    day, _, part = (got or "").partition("T")
    return bool(part) and len(day) == 10 and day == want


@dataclass(slots=True)
class _Counts(DocumentScore):
    def add(self, s: DocumentScore) -> None:
        for name in DocumentScore.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(s, name))

    def metrics(self, n_docs: int) -> list[Metric]:
        p = _ratio(self.relaxed, self.predicted)
        r = _ratio(self.relaxed, self.gold)
        sp, sr = _ratio(self.strict, self.predicted), _ratio(self.strict, self.gold)
        vp, vr = _ratio(self.value_ok, self.predicted), _ratio(self.value_ok, self.gold)
        note = f"{n_docs} documents, DATE expressions"
        return [
            Metric(DATASET, "times", "relaxed precision", p, self.predicted, note),
            Metric(DATASET, "times", "relaxed recall", r, self.gold, note),
            Metric(DATASET, "times", "relaxed F1", _f1(p, r), self.gold, note),
            Metric(DATASET, "times", "strict F1", _f1(sp, sr), self.gold, note),
            Metric(
                DATASET,
                "times",
                "value accuracy",
                _ratio(self.value_ok, self.valued),
                self.valued,
                "over relaxed matches with a value",
            ),
            Metric(DATASET, "times", "value F1", _f1(vp, vr), self.gold, "TempEval-3 style"),
        ]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


OTHER_TYPES = ("TIME", "DURATION", "SET")


@dataclass(slots=True)
class TypeScore:
    """Counts of one TimeML type other than DATE (see :func:`score_type`)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_ok: int = 0

    def add(self, s: TypeScore) -> None:
        """Add the counts of one document."""
        self.gold += s.gold
        self.predicted += s.predicted
        self.matched += s.matched
        self.value_ok += s.value_ok

    def metrics(self, kind: str) -> list[Metric]:
        """Relaxed precision and recall, and value accuracy over the matches."""
        note = f"{kind} expressions"
        p, r = _ratio(self.matched, self.predicted), _ratio(self.matched, self.gold)
        return [
            Metric(DATASET, "times", f"{kind} relaxed precision", p, self.predicted, note),
            Metric(DATASET, "times", f"{kind} relaxed recall", r, self.gold, note),
            Metric(
                DATASET,
                "times",
                f"{kind} value accuracy",
                _ratio(self.value_ok, self.matched),
                self.matched,
                "over relaxed matches",
            ),
        ]


def score_type(kind: str, gold: tuple[GoldTimex, ...], predicted: list[Typed]) -> TypeScore:
    """Match predictions of type ``kind`` to gold expressions of that type one to one by
    overlap: a prediction of the type that overlaps no gold one of it is wrong."""
    score = TypeScore(gold=sum(g.type == kind for g in gold))
    used: set[int] = set()
    for start, end, value, typ in predicted:
        if typ != kind:
            continue
        score.predicted += 1
        free = [
            i
            for i, g in enumerate(gold)
            if g.type == kind and i not in used and g.start < end and start < g.end
        ]
        if not free:
            continue
        best = max(free, key=lambda i: min(end, gold[i].end) - max(start, gold[i].start))
        used.add(best)
        score.matched += 1
        score.value_ok += normalize_value(value) == normalize_value(gold[best].value)
    return score
