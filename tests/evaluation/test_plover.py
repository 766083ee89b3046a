"""The PLOVER gold-record adapter: helpers on hand-made records, the metric on the visible half."""

from __future__ import annotations

import pytest

from fogline.evaluation import plover
from fogline.model import ActorRef, Event


def _event(start: int, end: int, type_: str, actor: str | None = None) -> Event:
    return Event(type=type_, text="x" * (end - start), start=start, end=end,
                 actor=ActorRef(actor) if actor else None)  # fmt: skip


def test_plover_gold_trigger_is_the_first_marked_phrase():
    record = {"textInfo": {"markup": "(SRC: Mali) (EVT: closed) its border and (EVT: expelled) x"}}
    assert plover.gold_trigger(record) == "closed"
    assert plover.gold_trigger({"textInfo": ""}) is None


def test_plover_names_match_either_way_ignoring_case():
    assert plover.names_match(["Malian army"], "army")
    assert plover.names_match(["Mali"], "the Mali government")
    assert not plover.names_match(["Niger"], "Chad")
    assert not plover.names_match(["Niger"], None)


def test_plover_best_event_holds_the_trigger_else_first():
    text = "Rebels attacked Gao and the army retook it."
    first, wide, narrow = _event(0, 20, "FIGHT"), _event(0, 43, "CONSULT"), _event(23, 43, "AGREE")
    assert plover.best_event([first, wide, narrow], text, "retook") is narrow
    assert plover.best_event([first, narrow], text, "fled") is first
    assert plover.best_event([], text, "retook") is None


@pytest.mark.slow
def test_plover_type_accuracy_on_visible_records(shared_eval, analyzer):
    metrics = {m.name: m for m in plover.evaluate(shared_eval / "plover-gsr", analyzer)}
    assert metrics["type accuracy"].support > 100
    assert metrics["type accuracy"].value >= 0.7
    assert 0.0 <= metrics["recipient match"].value <= 1.0
