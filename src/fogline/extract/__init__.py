"""Extractors: pure functions over a parsed spaCy ``Doc`` and its :class:`DocContext`.

The run order is data: :data:`EXTRACTORS` lists the steps, each with the layers it reads
from the context; the pipeline runs them in this order and adds each step's records to the
context under the step's name (also the :class:`~fogline.model.Analysis` field it fills).
Adding an extractor is adding a line here. No I/O, no database.

    step        reads                                         data
    paragraphs  text                                          data/clean/
    times       published, paragraphs (quoted spans)          data/times/
    places      gazetteer                                     data/places/
    actors      actor dictionary, paragraphs (quoted spans)   data/actors/
    quotes      actors, paragraphs, times                     data/quotes/
    events      times, places, actors, quotes, paragraphs,    data/events/
                actor dictionary
    claims      quotes, events, actors, places, times,        data/claims/
                paragraphs, source, actor dictionary

Shared word classes (reporting verbs, closed-class grammar words): :mod:`.words`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from fogline.extract.context import DocContext


@dataclass(frozen=True, slots=True)
class Step:
    """One extraction step: ``run(doc, ctx)`` returns the records of layer ``name``."""

    name: str
    run: Callable[[Doc, DocContext], list[Any]]
    needs: tuple[str, ...]
    data: tuple[str, ...]
    """Folders of ``src/fogline/data/`` the step's lexicon reads."""


def extract_paragraphs(doc: Doc, ctx: DocContext) -> list[Any]:
    """Paragraphs and their kinds (body, caption, highlight, boilerplate)."""
    from fogline.ingest.clean import classify_paragraphs

    return classify_paragraphs(ctx.text, doc=doc)


def _lazy(module: str, function: str) -> Callable[[Doc, DocContext], list[Any]]:
    """``module.function(doc, ctx)``, imported on first call and looked up on every call."""

    def run(doc: Doc, ctx: DocContext) -> list[Any]:
        return getattr(importlib.import_module(module), function)(doc, ctx)

    run.__name__ = function
    return run


_times = _lazy("fogline.extract.times", "extract_times")
_places = _lazy("fogline.extract.places", "extract_places")
_actors = _lazy("fogline.extract.actors", "extract_actors")
_quotes = _lazy("fogline.extract.quotes", "extract_quotes")
_events = _lazy("fogline.extract.events", "extract_events")
_claims = _lazy("fogline.extract.claims", "extract_claims")


EXTRACTORS: tuple[Step, ...] = (
    Step("paragraphs", extract_paragraphs, needs=(), data=("clean",)),
    Step("times", _times, needs=("paragraphs",), data=("times",)),
    Step("places", _places, needs=(), data=("places",)),
    Step("actors", _actors, needs=("paragraphs",), data=("actors",)),
    Step("quotes", _quotes, needs=("actors", "paragraphs", "times"), data=("quotes",)),
    Step(
        "events",
        _events,
        needs=("times", "places", "actors", "quotes", "paragraphs"),
        data=("events",),
    ),
    Step(
        "claims",
        _claims,
        needs=("quotes", "events", "actors", "places", "times", "paragraphs"),
        data=("claims",),
    ),
)
"""The extraction steps in run order; each step's ``needs`` are finished before it runs."""

STATEMENT_LAYERS = frozenset({"quotes", "events", "claims"})
"""Layers of what a text states: none of their records comes from a boilerplate paragraph
("MORE: ...", "Scroll down for video", share lines), whatever the extractor found there."""


def run_steps(
    doc: Doc,
    ctx: DocContext,
    *,
    upto: str | None = None,
    before_each: Callable[[Step], None] | None = None,
    after_each: Callable[[Step, float], None] | None = None,
) -> DocContext:
    """Run :data:`EXTRACTORS` in order on ``doc`` (through step ``upto``, default all).

    ``before_each`` is called before a step (the pipeline checks its time budget there);
    ``after_each`` gets the step and the seconds it took.
    """
    import time

    for step in EXTRACTORS:
        missing = [n for n in step.needs if n not in ctx.finished]
        if missing:
            raise RuntimeError(f"step {step.name!r} needs {missing} first")
        if before_each is not None:
            before_each(step)
        t0 = time.perf_counter()
        records = step.run(doc, ctx)
        if step.name in STATEMENT_LAYERS:  # page furniture never speaks
            records = [r for r in records if ctx.paragraph_kind_at(r.start) != "boilerplate"]
        ctx.add(step.name, records)
        if after_each is not None:
            after_each(step, time.perf_counter() - t0)
        if step.name == upto:
            break
    return ctx
