"""The output contract: every record's span points at its own text, and JSON round-trips."""

from __future__ import annotations

import dataclasses

from fogline import model
from fogline.model import Analysis

REPORT = """Rebels claim to hold Kidal as army denies it

Fighters of the Coordination of Azawad Movements seized the town of Kidal in northern Mali \
on Sunday, a rebel spokesman said on Monday.

“We control every street of Kidal,” said Attaye Ag Mohamed, a spokesman for the rebels.

The army denied the claim. Colonel Souleymane Dembélé told Reuters that troops ‘remain in \
position’ around the airport, and that at least 12 fighters were killed in clashes near Gao \
last week.

Pictured: a convoy near Kidal in an undated photo

Read Full Article
"""


def test_every_record_span_is_its_text(analyzer):
    analysis = analyzer.analyze(REPORT, published="2024-03-04", source="Sahel Monitor")
    text = analysis.document.text
    spans = analysis.spans()
    assert spans, "the report should yield records of every kind"
    kinds = {kind for kind, *_ in spans}
    assert {"place", "time", "quote", "quote.cue", "event", "claim", "actor.mention"} <= kinds
    for kind, start, end, claimed in spans:
        assert 0 <= start <= end <= len(text), (kind, start, end)
        assert text[start:end] == claimed, (kind, claimed)
    for p in analysis.paragraphs:
        assert text[p.start : p.end].strip() == text[p.start : p.end]


def test_analysis_json_round_trip(analyzer):
    analysis = analyzer.analyze(REPORT, published="2024-03-04", id="kidal-1")
    again = Analysis.from_json(analysis.to_json())
    assert again == analysis
    assert again.document.id == "kidal-1"


def test_from_dict_rebuilds_nested_records():
    quote = model.Quote(
        text="We control every street",
        start=10,
        end=33,
        cue=model.SpanRef(text="said", start=36, end=40),
        speaker=model.Speaker(name="Attaye Ag Mohamed", start=41, end=58, affiliation="CMA"),
    )
    rebuilt = model.Quote.from_dict(quote.as_dict())
    assert rebuilt == quote
    assert isinstance(rebuilt.speaker, model.Speaker)
    assert isinstance(rebuilt.cue, model.SpanRef)


def test_every_contract_record_type_is_a_frozen_dataclass():
    for cls in (
        model.Document,
        model.Paragraph,
        model.Actor,
        model.Quote,
        model.Claim,
        model.Event,
        model.Place,
        model.TimeRef,
        model.Analysis,
    ):
        assert dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_options_map_the_environment_and_overrides():
    from pathlib import Path

    from fogline.budget import TimeBudget
    from fogline.options import Options

    env = {"FOGLINE_MODEL": "m", "FOGLINE_GAZETTEER": "/g.sqlite", "FOGLINE_DB": "x.sqlite"}
    options = Options.from_env(env | {"FOGLINE_TIME_BUDGET": "2"}, workers=3)
    assert (options.model, options.gazetteer, options.db) == ("m", Path("/g.sqlite"), "x.sqlite")
    assert options.time_budget == TimeBudget(per_10k_chars=2.0, minimum=2.0)
    assert options.workers == 3
    assert Options.from_env({}).time_budget == TimeBudget()
    assert Options.from_env({"FOGLINE_TIME_BUDGET": "0"}).time_budget is None
    assert options.replace(batch_size=4).batch_size == 4
