"""Time of ``analyze`` on hostile inputs: runs of quotation marks, quoted one-word sentences,
thousands of sentences, place names, person names and reporting cues, and sentences without
an end. One line per input: characters, seconds (parse and extraction), records. Figures of
one run on this machine, not pass/fail (issue 11: analysis must grow about linearly).

    .venv/bin/python benchmarks/hostile_inputs.py [--scale 0.25] [--only NAME ...] [--double]

The spaCy model and reference data are loaded before the first timing. The per-document time
budget is off (``FOGLINE_TIME_BUDGET=0``) so that every input is timed to the end; with
``--budget`` it stays on and an input over it prints its "too complex" error instead.
``--double`` also times each input at twice its size and prints the ratio (about 2 for linear
growth, 4 for quadratic).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable

FIRST = [
    "Ali",
    "Musa",
    "Fatima",
    "John",
    "Amina",
    "Ibrahim",
    "Grace",
    "Omar",
    "Peter",
    "Mariam",
    "Yusuf",
    "Hassan",
    "Sara",
]
LAST = [
    "Traore",
    "Diallo",
    "Okafor",
    "Mensah",
    "Haidara",
    "Kone",
    "Ndiaye",
    "Bello",
    "Kamara",
    "Mahamat",
    "Osei",
    "Cisse",
]
WORDS = [
    "Yes",
    "No",
    "Never",
    "Run",
    "Fire",
    "Help",
    "Now",
    "Stop",
    "Wait",
    "Go",
    "Hide",
    "Look",
    "Listen",
    "Enough",
    "Why",
    "Water",
]


def people(n: int) -> list[str]:
    """``n`` person names, a few hundred distinct ones and then suffixed variants."""
    r = random.Random(1)
    return [f"{r.choice(FIRST)} {r.choice(LAST)}{'' if i < 300 else chr(97 + i % 26)}"
            for i in range(n)]  # fmt: skip


def place_names(n: int) -> list[str]:
    """``n`` one-word place names of the gazetteer, most populous first (repeated if short)."""
    from fogline.gazetteer import Gazetteer

    rows = Gazetteer.open_default().conn.execute(
        "SELECT DISTINCT name FROM places WHERE population > 20000 AND name NOT LIKE '% %' "
        "ORDER BY population DESC LIMIT ?",
        (n,),
    )
    names = [r[0] for r in rows] or ["Kidal"]
    return (names * (n // len(names) + 1))[:n]


def quoted_words(chars: int) -> str:
    """Quoted one-word sentences (“Yes.” “Fire.” …) up to ``chars`` characters."""
    out, size, i = [], 0, 0
    while True:
        word = f"“{WORDS[i % len(WORDS)]}.”"
        if size + len(word) + 1 > chars:
            return " ".join(out)
        out.append(word)
        size += len(word) + 1
        i += 1


def inputs(scale: float) -> dict[str, Callable[[float], str]]:
    """Name → text of the given size factor (1: the size the issue names)."""

    def n(count: float) -> int:
        return max(1, int(count * scale))

    return {
        "“ x16000": lambda f: "“" * n(16000 * f),
        '" x8000': lambda f: '"' * n(8000 * f),
        "' x8000": lambda f: "'" * n(8000 * f),
        "« x8000": lambda f: "«" * n(8000 * f),
        "” x8000": lambda f: "”" * n(8000 * f),
        "‘’„‚‹›「」` x8000": lambda f: "".join("‘’„‚‹›「」`"[i % 9] for i in range(n(8000 * f))),
        "“a” x4000": lambda f: "“a” " * n(4000 * f),
        "quoted words, 300k": lambda f: quoted_words(n(300_000 * f)),
        "quoted words, 1 MB": lambda f: quoted_words(n(1_000_000 * f)),
        "Kidal. x40000": lambda f: "Kidal. " * n(40_000 * f),
        "places x4000": lambda f: ", ".join(place_names(n(4000 * f))) + ".",
        "persons x4000": lambda f: ", ".join(people(n(4000 * f))) + ".",
        "X said x2000": lambda f: " ".join(
            f"{p} said rebels seized the town." for p in people(n(2000 * f))
        ),
        "“…,” X said x2000": lambda f: " ".join(
            f"“We hold the bridge,” {p} said." for p in people(n(2000 * f))
        ),
        "He said x4000": lambda f: (
            "Ali Musa arrived in Gao. " + "He said the town fell. " * n(4000 * f)
        ),
        "no sentence end x1000": lambda f: "according to the UN, " * n(1000 * f),
    }


def run(analyzer, name: str, text: str) -> tuple[float, str]:
    """Analyse ``text``; the printed line and the seconds it took."""
    t0 = time.perf_counter()
    try:
        analysis = analyzer.analyze(text, published="2024-06-01")
    except Exception as exc:
        seconds = time.perf_counter() - t0
        return seconds, f"{name:24} {len(text):>9,} chars {seconds:8.2f} s  {exc}"
    seconds = time.perf_counter() - t0
    records = sum(
        len(getattr(analysis, layer))
        for layer in ("paragraphs", "times", "places", "actors", "quotes", "events", "claims")
    )
    parse = analysis.timings.get("parse", 0.0)
    line = (
        f"{name:24} {len(text):>9,} chars {seconds:8.2f} s  (parse {parse:.2f} s, extraction "
        f"{seconds - parse:.2f} s)  {records:>7,} records"
    )
    return seconds, line


def main() -> None:
    """Print one line per hostile input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (default 1)")
    parser.add_argument("--only", nargs="*", help="names (or the start of names) to run")
    parser.add_argument("--double", action="store_true", help="also time twice the size")
    parser.add_argument("--budget", action="store_true", help="keep the time budget on")
    args = parser.parse_args()
    if not args.budget:
        os.environ["FOGLINE_TIME_BUDGET"] = "0"
    from fogline.pipeline import Analyzer

    analyzer = Analyzer()
    analyzer.analyze("Rebels seized Kidal on Sunday, the army said.")  # load everything once
    for name, make in inputs(args.scale).items():
        if args.only and not any(name.startswith(o) for o in args.only):
            continue
        seconds, line = run(analyzer, name, make(1.0))
        if args.double:
            twice, _ = run(analyzer, name, make(2.0))
            line += f"  x2 size: {twice:.2f} s (ratio {twice / max(seconds, 1e-9):.1f})"
        print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
