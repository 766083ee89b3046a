"""Snapshot the Analysis JSON of every gold article, to prove a refactor changes no output.

    python benchmarks/snapshot_analyses.py --out /tmp/before      # on the old code
    python benchmarks/snapshot_analyses.py --out /tmp/after       # on the new code
    python benchmarks/snapshot_analyses.py --compare /tmp/before /tmp/after

Articles: ``../shared/eval/seed`` and ``realnews`` (gold.json beside each), ``tests/corpus``,
``tests/holdout`` and the PolNeAR dev texts (publication date from its metadata.tsv). Each
analysis is written without its timings, one JSON file per article; ``--compare`` lists the
articles whose JSON differs, with the first differing section.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def articles() -> Iterator[tuple[str, str, str | None]]:
    """(snapshot name, text, publication date) of every article in the snapshot."""
    for folder in (EVAL / "seed", EVAL / "realnews", REPO / "tests/corpus", REPO / "tests/holdout"):
        for gold in sorted(folder.rglob("gold.json")):
            meta = json.loads(gold.read_text(encoding="utf-8")).get("document", {})
            path = gold.parent / meta.get("file", "")
            if meta.get("file") and path.is_file():
                name = f"{folder.name}__{gold.parent.name}__{meta['file']}"
                yield name, path.read_text(encoding="utf-8"), meta.get("published")
    polnear = EVAL / "polnear-dev"
    dates = {}
    if (polnear / "metadata.tsv").is_file():
        with (polnear / "metadata.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                dates[row["filename"]] = row.get("publication_date")
    for path in sorted((polnear / "text").glob("*.txt")):
        yield f"polnear-dev__{path.name}", path.read_text(encoding="utf-8"), dates.get(path.stem)


def snapshot(out: Path) -> int:
    from fogline.errors import IngestError
    from fogline.pipeline import Analyzer

    try:
        analyzer = Analyzer(time_budget=None)
    except TypeError:  # code from before the time budget
        analyzer = Analyzer()
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, text, published in articles():
        try:
            data = analyzer.analyze(text, published=published, id=name).as_dict()
            data.pop("timings", None)
        except IngestError as exc:
            data = {"error": exc.reason}
        (out / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
        n += 1
    print(f"{n} analyses written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not (a.is_file() and b.is_file()):
            print(f"{name}: only in {'after' if b.is_file() else 'before'}")
            differ += 1
            continue
        old, new = json.loads(a.read_text()), json.loads(b.read_text())
        if old != new:
            sections = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
            detail = ", ".join(
                f"{k} ({len(old.get(k) or [])} -> {len(new.get(k) or [])})" for k in sections
            )
            print(f"{name}: differs in {detail}")
            differ += 1
    print(f"{len(names) - differ} of {len(names)} analyses identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write a snapshot here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out:
        return snapshot(args.out)
    parser.error("give --out DIR or --compare BEFORE AFTER")
    return 2


if __name__ == "__main__":
    sys.exit(main())
