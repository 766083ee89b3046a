"""Shared fixtures: one Analyzer per test session, a fresh store, and the shared eval folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def analyzer():
    """The real pipeline (spaCy model, gazetteer, lexicons), loaded once for the session."""
    from fogline.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def nlp(analyzer):
    """The loaded spaCy pipeline (with fogline's components), shared by every test."""
    return analyzer.nlp


@pytest.fixture(scope="session")
def blank_nlp():
    """``spacy.blank("en")`` with a sentencizer: the fast tier's tokenizer (no model, no tags)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


@pytest.fixture(scope="session")
def extract(analyzer):
    """``extract(text, upto="quotes", published=...)``: the real steps, in order, through one.

    Returns the DocContext, whose layers hold every finished step's records.
    """
    import datetime as dt

    from fogline.extract import run_steps
    from fogline.extract.context import DocContext

    def run(text: str, *, upto: str | None = None, published: str | None = None):
        doc = analyzer.nlp(text)
        ctx = DocContext.of(
            doc,
            published=dt.date.fromisoformat(published) if published else None,
            gazetteer=analyzer.gazetteer,
            actor_dictionary=analyzer.actor_dictionary,
        )
        return run_steps(doc, ctx, upto=upto)

    return run


POSTGRES_URL = os.environ.get("FOGLINE_TEST_POSTGRES")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_store(request, tmp_path):
    """An empty store: SQLite in a temporary folder, and PostgreSQL when the CI server runs.

    ``.ci/postgres.sh start`` starts a loopback server and sets FOGLINE_TEST_POSTGRES.
    """
    from fogline.store import Store

    if request.param == "sqlite":
        url = str(tmp_path / "test.sqlite")
    elif POSTGRES_URL:
        url = POSTGRES_URL
        _drop_all(url)
    else:
        pytest.skip("FOGLINE_TEST_POSTGRES not set (run .ci/postgres.sh start); PostgreSQL skipped")
    with Store.open(url) as store:
        yield store


def _drop_all(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or a skip when the shared folder is not beside the repository."""
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"../shared/eval not found at {SHARED_EVAL}; real-article tests skipped")
    return SHARED_EVAL
