"""Reference data shipped with fogline (lexicons, cue lists, actor dictionary).

Files live beside this module as ``<kind>/<name>.<ext>``. They are read late
(on first use) and cached. Text lexicons have one entry per line; ``#`` starts
a comment. YAML and TSV files are parsed into plain Python values.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from fogline.errors import LexiconError

# The C loader when PyYAML has it (ten times faster on the actor dictionary); both are safe.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str) -> Path:
    """Path of a packaged data file, e.g. ``data_path("clean/paragraph_cues.yaml")``."""
    path = Path(str(resources.files("fogline.data").joinpath(name)))
    if not path.is_file():
        raise LexiconError(f"data file {name!r} is missing from the fogline package ({path})")
    return path


@functools.cache
def load_lines(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line text lexicon, comments and blanks dropped."""
    lines = []
    for raw in data_path(name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    if not lines:
        raise LexiconError(f"data file {name!r} has no entries")
    return tuple(lines)


@functools.cache
def load_yaml(name: str) -> Any:
    """A YAML data file, parsed."""
    try:
        value = yaml.load(data_path(name).read_text(encoding="utf-8"), Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise LexiconError(f"data file {name!r} is not valid YAML: {exc}") from exc
    if not value:
        raise LexiconError(f"data file {name!r} has no entries")
    return value


@functools.cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header line; ``#`` lines skipped."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if line.strip() and not line.startswith("#")]
    records = tuple(csv.DictReader(rows, delimiter="\t"))
    if not records:
        raise LexiconError(f"data file {name!r} has no entries")
    return records
