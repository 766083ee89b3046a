"""Quote attribution on PolNeAR (``../shared/eval/polnear-dev``): content overlap and sources.

PolNeAR annotates attribution relations in BRAT standoff files: Source, Cue and Content spans
(a span may be discontinuous, "s e;s e") tied together by ``E`` lines. Articles annotated by
several annotators are scored once, against the first annotation file in name order.

Figures, for direct quotes and for all attributions:

- content overlap, Citron-style but on characters: precision is the share of predicted
  quote characters (letters and digits only) that lie inside a gold content span, recall the
  share of gold content characters inside a predicted quote, F1 their harmonic mean. A gold
  content is *direct* when it begins with a quotation mark or sits right after one; the direct
  figures compare ``direct=True`` quotes with direct gold contents (precision counts a direct
  quote inside a mixed gold content as correct);
- source accuracy: of predicted quotes overlapping a gold content, the share whose speaker
  span overlaps the gold source span, or whose speaker name's last word is in that span
  (a resolved pronoun keeps its own span, so both agree). Gold relations without a source
  count as right when the quote has no speaker.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fogline.evaluation import Metric
from fogline.ingest.clean import clean_span, normalize_with_offsets

LOGGER = logging.getLogger(__name__)

DATASET = "polnear"
_QUOTE_MARKS = "\"“”‘’'«»„"
_WORD = re.compile(r"\w")


@dataclass(slots=True)
class GoldAttribution:
    """One attribution relation: content, source and cue spans (each possibly discontinuous)."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


def read_annotations(
    ann: Path, text: str, offsets: list[int] | None = None
) -> list[GoldAttribution]:
    """The attribution relations of one ``.ann`` file.

    ``offsets`` (from :func:`fogline.ingest.clean.normalize_with_offsets`) carries the raw
    file's spans over to the cleaned ``text`` when cleaning changed its length.
    """
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            ranges = []
            for piece in where.split(";"):
                start, end = (int(x) for x in piece.split())
                ranges.append(clean_span(offsets, start, end) if offsets else (start, end))
            spans[parts[0]] = (label, ranges)
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    out = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), ("", []))[1]
        if not content:
            continue
        gold = GoldAttribution(
            content=content,
            source=spans.get(roles.get("Source", ""), ("", []))[1],
            cue=spans.get(roles.get("Cue", ""), ("", []))[1],
        )
        gold.direct = _is_direct(text, content)
        out.append(gold)
    return out


def _is_direct(text: str, content: list[tuple[int, int]]) -> bool:
    start = content[0][0]
    first = text[start : start + 1]
    before = text[max(0, start - 1) : start]
    return bool(first and first in _QUOTE_MARKS) or bool(before and before in _QUOTE_MARKS)


def _chars(text: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in ranges for i in range(s, min(e, len(text))) if _WORD.match(text[i])}


@dataclass(slots=True)
class Tally:
    """Running counts of content overlap and source matches over several documents."""

    overlap_p: int = 0  # predicted characters inside gold
    predicted: int = 0
    overlap_r: int = 0  # gold characters inside predictions
    gold: int = 0
    matched: int = 0
    source_right: int = 0

    def figures(self) -> dict[str, float]:
        """Content-overlap precision, recall and F1, and source accuracy."""
        p = self.overlap_p / self.predicted if self.predicted else 0.0
        r = self.overlap_r / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.source_right / self.matched if self.matched else 0.0
        return {"precision": p, "recall": r, "f1": f1, "source accuracy": acc}

    def metrics(self, section: str, n_docs: int) -> list[Metric]:
        """The :meth:`figures` as metrics of ``section``, noting the number of articles."""
        figures = self.figures()
        p, r, f1 = figures["precision"], figures["recall"], figures["f1"]
        acc = figures["source accuracy"]
        note = f"{n_docs} articles"
        return [
            Metric(DATASET, section, "content overlap precision", p, self.predicted, note),
            Metric(DATASET, section, "content overlap recall", r, self.gold, note),
            Metric(DATASET, section, "content overlap F1", f1, self.gold, note),
            Metric(
                DATASET, section, "source accuracy", acc, self.matched,
                f"{self.source_right}/{self.matched} matched quotes",
            ),
        ]  # fmt: skip


_Tally = Tally  # the name earlier callers used


def find_articles(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs: one annotation file per article, the first in name order."""
    pairs = []
    anns = sorted((folder / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for ann in anns:
        stem = ann.stem.rsplit("_", 1)[0]
        text = folder / "text" / f"{stem}.txt"
        if stem in seen or not text.is_file():
            continue
        seen.add(stem)
        pairs.append((text, ann))
    return pairs


@dataclass(slots=True)
class Article:
    """One PolNeAR article: its raw and cleaned text, and the gold in cleaned offsets."""

    name: str
    raw: str
    text: str
    gold: list[GoldAttribution]


def load_articles(folder: Path, *, limit: int | None = None) -> list[Article]:
    """The articles of ``folder``, cleaned as fogline cleans them, gold spans carried over."""
    out = []
    for text_path, ann in find_articles(folder)[:limit]:
        raw = text_path.read_text(encoding="utf-8")
        text, offsets = normalize_with_offsets(raw)
        same = len(text) == len(raw)
        out.append(
            Article(
                text_path.name, raw, text, read_annotations(ann, text, None if same else offsets)
            )
        )
    return out


def evaluate(folder: Path, analyzer: Any, *, limit: int | None = None) -> list[Metric]:
    """Direct-quote and all-attribution figures over the PolNeAR articles of ``folder``."""
    direct, every = Tally(), Tally()
    n_docs = 0
    for article in load_articles(folder, limit=limit):
        analysis = analyzer.analyze(article.raw, id=article.name)
        if analysis.document.text != article.text:
            LOGGER.warning("%s: cleaned text differs from the adapter's; skipped", article.name)
            continue
        n_docs += 1
        score_document(article.text, article.gold, analysis.quotes, direct, direct_only=True)
        score_document(article.text, article.gold, analysis.quotes, every, direct_only=False)
    return direct.metrics("direct quotes", n_docs) + every.metrics("all attributions", n_docs)


def score_document(
    text: str,
    gold: list[GoldAttribution],
    quotes: Iterable[Any],
    tally: Tally,
    *,
    direct_only: bool,
) -> None:
    """Add one document's overlaps and source matches to ``tally``."""
    preds = [q for q in quotes if q.direct or not direct_only]
    golds = [g for g in gold if g.direct or not direct_only]
    all_gold_chars = _chars(text, (r for g in gold for r in g.content))
    gold_chars = _chars(text, (r for g in golds for r in g.content))
    pred_chars = _chars(text, ((q.start, q.end) for q in preds))
    tally.predicted += len(pred_chars)
    tally.overlap_p += len(pred_chars & all_gold_chars)
    tally.gold += len(gold_chars)
    tally.overlap_r += len(gold_chars & pred_chars)
    for q in preds:
        mine = _chars(text, [(q.start, q.end)])
        best, best_overlap = None, 0
        for g in golds:
            overlap = len(mine & _chars(text, g.content))
            if overlap > best_overlap:
                best, best_overlap = g, overlap
        if best is None:
            continue
        tally.matched += 1
        tally.source_right += _source_right(text, q.speaker, best)


def _source_right(text: str, speaker: Any, gold: GoldAttribution) -> bool:
    if not gold.source:
        return speaker is None
    if speaker is None:
        return False
    for s, e in gold.source:
        if speaker.start < e and s < speaker.end:
            return True
        last = (speaker.name or "").split()[-1:] if speaker.name else []
        if last and re.search(rf"\b{re.escape(last[0])}\b", text[s:e], re.IGNORECASE):
            return True
    return False
