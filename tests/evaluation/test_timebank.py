"""The TimeBank/AQUAINT adapter on a tiny TimeML file written for fogline (not from the corpus)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fogline.evaluation import timebank
from fogline.model import Analysis, Document, TimeRef

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>FOG20240304.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-04" temporalFunction="false" \
functionInDocument="CREATION_TIME">20240304</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">shelled</EVENT> Gao on <TIMEX3 tid="t1" \
type="DATE" value="2024-03-03">Sunday</TIMEX3> &amp; the army <EVENT eid="e2" \
class="REPORTING">said</EVENT> fighting lasted <TIMEX3 tid="t2" type="DURATION" \
value="P3D">three days</TIMEX3>. The town fell <TIMEX3 tid="t3" type="DATE" \
value="2024-02">last month</TIMEX3>, in <TIMEX3 tid="t4" type="DATE" \
value="199X">the 1990s</TIMEX3> it was calm.
</TEXT>
</TimeML>
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "FOG20240304.0001.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_timebank_reads_text_gold_spans_and_creation_time(folder):
    doc = timebank.read_timeml(folder / "FOG20240304.0001.tml")
    assert doc.dct == "2024-03-04"
    assert "<" not in doc.text and "&amp;" not in doc.text and " & the army" in doc.text
    assert [(t.text, t.type) for t in doc.timexes] == [
        ("Sunday", "DATE"),
        ("three days", "DURATION"),
        ("last month", "DATE"),
        ("the 1990s", "DATE"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_timebank_value_normalisation_folds_notation_only():
    assert timebank.normalize_value("199X") == "199"
    assert timebank.normalize_value("2000-W7") == "2000-W07"
    assert timebank.normalize_value("1989-XX") == "1989"
    assert timebank.normalize_value("1989-Q3") == "1989-Q3"
    assert timebank.normalize_value("2024-03-03") != timebank.normalize_value("2024-03")


class _FixedAnalyzer:
    """Stands in for the pipeline: predicts the given (text, value) pairs by search."""

    def __init__(self, predictions: list[tuple[str, str | None]]) -> None:
        self.predictions = predictions

    def analyze_many(self, raws):
        for raw in raws:
            times = []
            for text, value in self.predictions:
                start = raw.text.index(text)
                times.append(TimeRef(text, start, start + len(text), value, "day"))
            yield Analysis(document=Document(id=raw.id, text=raw.text), times=times)


def _metrics(folder, predictions) -> dict[str, float]:
    found = timebank.evaluate(folder, _FixedAnalyzer(predictions))
    return {m.name: m.value for m in found}


def test_timebank_scores_extent_and_value_of_dates(folder):
    predictions = [
        ("Sunday", "2024-03-03"),  # right
        ("three days", None),  # a DURATION: neither right nor wrong
        ("month", "2024-01"),  # overlaps "last month": relaxed match, not strict, wrong value
        ("Gao", "2024"),  # no gold there: a false positive
    ]
    m = _metrics(folder, predictions)
    assert m["relaxed precision"] == pytest.approx(2 / 3)
    assert m["relaxed recall"] == pytest.approx(2 / 3)
    assert m["strict F1"] == pytest.approx(1 / 3)
    assert m["value accuracy"] == pytest.approx(1 / 2)


def test_timebank_runs_with_the_time_extractor(folder):
    from fogline.extract.context import DocContext
    from fogline.extract.times import extract_times
    from fogline.nlp import load_pipeline

    nlp = load_pipeline()

    class TimesOnly:
        def analyze_many(self, raws):
            for raw in raws:
                doc = nlp(raw.text)
                refs = extract_times(
                    doc, DocContext.of(doc, published=dt.date.fromisoformat(raw.published))
                )
                yield Analysis(document=Document(id=raw.id, text=raw.text), times=refs)

    m = {x.name: x.value for x in timebank.evaluate(folder, TimesOnly())}
    assert m["relaxed recall"] == pytest.approx(1.0)
    assert m["value accuracy"] == pytest.approx(1.0)


class _TypedAnalyzer:
    """Predicts (text, value, type) triples by search."""

    def __init__(self, predictions: list[tuple[str, str, str]]) -> None:
        self.predictions = predictions

    def analyze_many(self, raws):
        for raw in raws:
            times = []
            for text, value, kind in self.predictions:
                start = raw.text.index(text)
                times.append(TimeRef(text, start, start + len(text), value, "day", type=kind))
            yield Analysis(document=Document(id=raw.id, text=raw.text), times=times)


def test_timebank_scores_durations_per_type_and_keeps_them_out_of_dates(folder):
    predictions = [
        ("Sunday", "2024-03-03TNI", "TIME"),  # a time of day on the gold DATE's day: right
        ("three days", "P3D", "DURATION"),  # right duration
        ("the army", "P1D", "DURATION"),  # a duration where the gold has none
        ("Gao", "XXXX-XX-XXTMO", "TIME"),  # a time of day where the gold has none
    ]
    m = {x.name: x.value for x in timebank.evaluate(folder, _TypedAnalyzer(predictions))}
    assert m["relaxed precision"] == pytest.approx(1.0)  # neither stray record counts here
    assert m["value accuracy"] == pytest.approx(1.0)
    assert m["DURATION relaxed recall"] == pytest.approx(1.0)
    assert m["DURATION relaxed precision"] == pytest.approx(1 / 2)
    assert m["DURATION value accuracy"] == pytest.approx(1.0)
    assert m["TIME relaxed precision"] == pytest.approx(0.0)


def test_timebank_folds_duration_units():
    assert timebank.normalize_value("P1E") == timebank.normalize_value("P10Y")
    assert timebank.normalize_value("P2Q") == timebank.normalize_value("P6M")
    assert timebank.normalize_value("1989-11-06T17") == "1989-11-06T17:00"
    assert timebank.normalize_value("PT2H") == "PT2H"


def test_timebank_folds_vague_decades_and_centuries():
    assert timebank.normalize_value("PXE") == timebank.normalize_value("PXDE")
    assert timebank.normalize_value("PXC") == timebank.normalize_value("PXCE")
