"""Shared fixtures: one Analyzer per test session, a fresh store, and the shared eval folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def analyzer():
    """The real pipeline (spaCy model, gazetteer, lexicons), loaded once for the session."""
    from fogline.pipeline import Analyzer

    return Analyzer()


@pytest.fixture
def fresh_store(tmp_path):
    """An empty SQLite store in a temporary folder."""
    from fogline.store import Store

    with Store.open(tmp_path / "test.sqlite") as store:
        yield store


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or a skip when the shared folder is not beside the repository."""
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"../shared/eval not found at {SHARED_EVAL}; real-article tests skipped")
    return SHARED_EVAL
