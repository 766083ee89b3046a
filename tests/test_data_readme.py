"""Every data file shipped in src/fogline/data is listed in data/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogline.data import load_lines, load_tsv, load_yaml
from fogline.errors import LexiconError

DATA = Path(__file__).resolve().parents[1] / "src" / "fogline" / "data"


def data_files() -> list[Path]:
    return sorted(
        p
        for p in DATA.rglob("*")
        if p.is_file() and p.suffix in {".yaml", ".yml", ".tsv", ".txt", ".jsonl", ".json"}
    )


def test_data_readme_lists_every_data_file():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(DATA)) for p in data_files() if p.name not in readme]
    assert not missing, f"add these to src/fogline/data/README.md: {missing}"


def test_every_data_file_loads_with_entries():
    for path in data_files():
        name = str(path.relative_to(DATA))
        if path.suffix in {".yaml", ".yml"}:
            assert load_yaml(name)
        elif path.suffix == ".tsv":
            assert load_tsv(name)
        elif path.suffix == ".txt":
            assert load_lines(name)


def test_missing_data_file_raises_lexicon_error():
    with pytest.raises(LexiconError, match="missing"):
        load_lines("nowhere/none.txt")
