"""Issue 11: ways to lose a document or stall a writer, each reproduced as it was found.

Lone surrogates, a time budget per document, repeated ids, concurrent ingests, long ids,
damaged UTF-8, and the small misleading answers (status codes, Ctrl-C, wrong types, binary
text, a full disk). Each test failed before the fix it names.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fogline import budget
from fogline.api import Settings, create_app
from fogline.batch import ingest_paths
from fogline.budget import TimeBudget
from fogline.cli import app
from fogline.errors import IngestError, StoreError
from fogline.ingest.encoding import decode_bytes
from fogline.ingest.readers import read_bytes
from fogline.model import MAX_ID_CHARS
from fogline.pipeline import Analyzer
from fogline.store import Store

pytestmark = pytest.mark.issue(11)
runner = CliRunner()
FOGLINE = str(Path(sys.executable).with_name("fogline"))
TOKEN = "test-token-0123456789"
LOCAL = ("127.0.0.1", 50000)
WRITE = {"authorization": f"Bearer {TOKEN}"}

T1 = "Rebels seized the town of Kidal on Sunday, the army said in a statement on Monday."
T2 = "Government forces retook Gao after three days of fighting, officials said on Tuesday."
T3 = "Gunmen attacked a police post near Mopti on Thursday, killing two officers, police said."


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, text FROM documents"))


def _sharing(analyzer: Analyzer, **kwargs: object) -> Analyzer:
    """A new Analyzer (own settings) on the session's loaded model and gazetteer."""
    fresh = Analyzer(**kwargs)
    fresh._nlp = analyzer.nlp
    fresh._gazetteer = analyzer.gazetteer
    return fresh


# -- 1. lone surrogates --------------------------------------------------------------------


def test_lone_surrogate_is_replaced_in_place_and_the_batch_goes_on(tmp_path, caplog):
    lines = tmp_path / "s.jsonl"
    lines.write_text(
        json.dumps({"id": "g1", "text": T1})
        + "\n"
        + '{"id": "s", "text": "x \\ud800 y. '
        + T2
        + '"}\n'
        + json.dumps({"id": "g2", "text": T3})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.sqlite"
    for _ in range(2):  # the rerun used to die at the same line
        result = runner.invoke(app, ["ingest", str(lines), "--db", str(db)])
        assert result.exit_code == 0, result.output
    stored = _stored(db)
    assert set(stored) == {"g1", "s", "g2"}
    assert stored["s"].startswith("x \ufffd y.")  # one character for one: offsets hold
    assert "lone surrogates" in caplog.text and "s.jsonl:2" in caplog.text


def test_analyze_replaces_a_lone_surrogate(analyzer):
    text = "a\ud800 " + T1
    analysis = analyzer.analyze(text)
    assert analysis.document.text[:2] == "a\ufffd"
    for place in analysis.places:
        assert analysis.document.text[place.start : place.end] == place.name


def test_api_stores_the_good_documents_of_a_post_with_a_surrogate(tmp_path, analyzer):
    body = (
        json.dumps({"id": "g1", "text": T1})
        + "\n"
        + '{"id": "s", "text": "x \\udc00 '
        + T2
        + '"}\n'
    ).encode()
    settings = Settings(db=str(tmp_path / "api.sqlite"), token=TOKEN)
    with TestClient(create_app(settings, analyzer=lambda: analyzer), client=LOCAL) as c:
        r = c.post(
            "/api/documents",
            content=body,
            headers=WRITE | {"content-type": "application/x-ndjson"},
        )
        assert r.status_code == 201, r.text
        assert sorted(r.json()["ids"]) == ["g1", "s"]
        assert c.get("/api/documents/s", headers=WRITE).json()["document"]["text"][2] == "\ufffd"


# -- 2. a time budget per document ---------------------------------------------------------


def _slow_when_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the times extractor loop (checking its budget) on any text naming Slowtown."""
    import fogline.extract.times as times

    real = times.extract_times

    def extract_times(doc, ctx, **kwargs):
        while "Slowtown" in doc.text:
            budget.check("times")
            time.sleep(0.01)
        return real(doc, ctx, **kwargs)

    monkeypatch.setattr(times, "extract_times", extract_times)


def test_a_document_over_its_budget_is_skipped_and_the_next_analysed(analyzer, monkeypatch):
    _slow_when_marked(monkeypatch)
    fast = _sharing(analyzer, time_budget=TimeBudget(per_10k_chars=0.5, minimum=0.5))
    from fogline.ingest.readers import RawDocument

    docs = [
        RawDocument(id="slow", origin="slow.txt", text="Militants shelled Slowtown. " + T1),
        RawDocument(id="next", origin="next.txt", text=T2),
    ]
    t0 = time.perf_counter()
    results = list(fast.analyze_many(docs))
    assert time.perf_counter() - t0 < 10
    assert isinstance(results[0], IngestError) and "too complex" in str(results[0])
    assert "slow.txt" in str(results[0])
    assert results[1].document.id == "next"


def test_ingest_and_dask_report_a_document_over_budget(tmp_path, analyzer, monkeypatch):
    _slow_when_marked(monkeypatch)
    lines = _jsonl(
        tmp_path / "in.jsonl",
        [{"id": "slow", "text": "Rebels shelled Slowtown. " + T1}, {"id": "ok", "text": T2}],
    )
    monkeypatch.setenv(budget.ENV_VAR, "3")  # restored after the CLI sets it
    db = tmp_path / "b.sqlite"
    result = runner.invoke(app, ["ingest", str(lines), "--db", str(db), "--time-budget", "0.5"])
    assert result.exit_code == 3, result.output
    assert "in.jsonl:1: too complex" in result.output
    assert set(_stored(db)) == {"ok"}

    import fogline.distributed as distributed

    monkeypatch.setattr(distributed, "_ANALYZER", _sharing(analyzer))
    [part] = distributed.plan_partitions([str(lines)])
    summary = distributed.analyze_partition(
        part, out=str(tmp_path / "shards"), time_budget=TimeBudget(0.5, 0.5)
    )
    assert summary["documents"] == 1
    assert [e["reason"][:11] for e in summary["errors"]] == ["too complex"]


def test_time_budget_from_the_environment(monkeypatch):
    monkeypatch.setenv(budget.ENV_VAR, "0")
    assert Analyzer().time_budget is None
    monkeypatch.setenv(budget.ENV_VAR, "1.5")
    assert Analyzer().time_budget == TimeBudget(per_10k_chars=1.5, minimum=1.5)
    monkeypatch.setenv(budget.ENV_VAR, "soon")
    with pytest.raises(Exception, match="FOGLINE_TIME_BUDGET"):
        Analyzer()


def test_an_api_write_is_not_blocked_behind_a_slow_document(tmp_path, analyzer, monkeypatch):
    _slow_when_marked(monkeypatch)
    fast = _sharing(analyzer, time_budget=TimeBudget(per_10k_chars=1.5, minimum=1.5))
    settings = Settings(db=str(tmp_path / "api.sqlite"), token=TOKEN)
    answers: dict[str, tuple[int, float]] = {}
    with TestClient(create_app(settings, analyzer=lambda: fast), client=LOCAL) as c:

        def post(name: str, text: str) -> None:
            t0 = time.perf_counter()
            r = c.post(
                "/api/documents",
                params={"id": name},
                content=text.encode(),
                headers=WRITE | {"content-type": "text/plain"},
            )
            answers[name] = (r.status_code, time.perf_counter() - t0)

        slow = threading.Thread(target=post, args=("slow", "Rebels shelled Slowtown. " + T1))
        slow.start()
        time.sleep(0.3)  # the slow document is being analysed
        post("quick", T2)
        slow.join(30)
    assert answers["slow"][0] == 422  # too complex: nothing stored
    assert answers["quick"][0] == 201
    assert answers["quick"][1] < 1.5 + 8  # at most one budget behind, plus its own analysis


# -- 3. a repeated id with another text ----------------------------------------------------


def test_a_repeated_id_is_a_new_version_and_no_text_is_lost(tmp_path, analyzer, fresh_store):
    lines = _jsonl(
        tmp_path / "dup.jsonl",
        [{"id": "a", "text": T1}, {"id": "a", "text": T2}, {"id": "b", "text": T1}],
    )
    states = []
    for _ in range(3):  # reruns used to flip a between T1 and T2
        report = ingest_paths([lines], fresh_store, analyzer=analyzer)
        states.append({i: fresh_store.get_analysis(i).document.text for i in ("a", "b")})
        assert not report.errors
    assert states[0] == {"a": T2, "b": T1}
    assert states[1] == states[0] == states[2]
    assert any("replaces the earlier version" in n for n in report.notes) or report.skipped == 3
    rerun_notes = report.notes
    assert any("same text as stored document 'b'" in n for n in rerun_notes)


def test_the_same_text_under_two_ids_is_noted_not_dropped_silently(tmp_path, analyzer):
    store = Store.open(tmp_path / "x.sqlite")
    lines = _jsonl(tmp_path / "two.jsonl", [{"id": "a", "text": T1}, {"id": "b", "text": T1}])
    report = ingest_paths([lines], store, analyzer=analyzer)
    assert report.saved.added == 1 and report.duplicates == 1
    assert report.notes == ["b: same text as stored document 'a'; not stored twice"]


# -- 4. two ingests at once ----------------------------------------------------------------


def test_schema_creation_tolerates_concurrent_openers(tmp_path):
    db = tmp_path / "race.sqlite"
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def open_it() -> None:
        try:
            start.wait()
            Store.open(db).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store.open(db) as store:
        assert store.schema_version() > 0


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["new-db", "existing-db"])
def test_two_ingests_of_one_file_at_once_both_succeed(tmp_path, existing):
    texts = [T1, T2, T3] + [f"{T1[:-1]} near checkpoint {i}." for i in range(9)]
    lines = _jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": t} for i, t in enumerate(texts)])
    db = tmp_path / "both.sqlite"
    if existing:
        Store.open(db).close()
    cmd = [FOGLINE, "ingest", str(lines), "--db", str(db), "--batch-size", "2"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()
    stored = _stored(db)
    assert sorted(stored) == sorted(f"d{i}" for i in range(len(texts)))


# -- 5. long ids ---------------------------------------------------------------------------


def test_a_long_id_is_one_documents_error_on_every_backend(tmp_path, analyzer, fresh_store):
    long_id = "L" * (MAX_ID_CHARS + 1)
    edge_id = "E" * MAX_ID_CHARS
    lines = _jsonl(
        tmp_path / "ids.jsonl",
        [{"id": "g1", "text": T1}, {"id": long_id, "text": T2}, {"id": edge_id, "text": T3}],
    )
    report = ingest_paths([lines], fresh_store, analyzer=analyzer)
    assert sorted(fresh_store.document_ids()) == sorted(["g1", edge_id])
    assert len(report.errors) == 1 and "id is 256 characters long (limit 255)" in str(
        report.errors[0]
    )
    # a document built by hand and saved directly gets the same error from the store
    analysis = analyzer.analyze(T2, id="ok")
    bad = dataclasses.replace(analysis, document=dataclasses.replace(analysis.document, id=long_id))
    saved = fresh_store.save([bad])
    assert saved.added == 0 and "limit 255" in str(saved.errors[0])


def test_the_api_fetches_every_id_it_accepts(tmp_path, analyzer):
    settings = Settings(db=str(tmp_path / "api.sqlite"), token=TOKEN)
    edge_id = "e" * MAX_ID_CHARS
    with TestClient(create_app(settings, analyzer=lambda: analyzer), client=LOCAL) as c:
        body = json.dumps({"id": edge_id, "text": T1}) + "\n"
        body += json.dumps({"id": "x" * (MAX_ID_CHARS + 1), "text": T2}) + "\n"
        r = c.post(
            "/api/documents",
            content=body.encode(),
            headers=WRITE | {"content-type": "application/x-ndjson"},
        )
        assert r.status_code == 201 and "limit 255" in r.json()["errors"][0]
        assert c.get(f"/api/documents/{edge_id}", headers=WRITE).status_code == 200


# -- 6. damaged UTF-8 ----------------------------------------------------------------------


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_is_warned_about(caplog):
    good = ("Rebels \u2013 seized \u201cKidal\u201d on Sunday, the army said. " * 20).encode()
    caplog.set_level(logging.WARNING)
    text = decode_bytes(good + b"\x93\x94\xe9\xff" + " more \u2013 text".encode(), "mixed.txt")
    assert "\u2013" in text and "\u00e2\u20ac" not in text
    assert text.count("\ufffd") == 4
    assert "mixed.txt" in caplog.text and "replaced" in caplog.text


def test_cp1252_text_is_still_read_as_cp1252(caplog):
    caplog.set_level(logging.WARNING)
    text = decode_bytes("The minister\u2019s \u201cred line\u201d, \u20ac2m.".encode("cp1252"), "w")
    assert text == "The minister\u2019s \u201cred line\u201d, \u20ac2m."
    assert "decoded as cp1252" in caplog.text


# -- 9. small but misleading ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "reason"),
    [
        (b"\x00\x01\x02binary\x00" * 50, "text/plain", "binary"),
        (b"   ", "text/plain", "empty"),
        (b"{not json", "application/json", "invalid JSON"),
    ],
)
def test_the_api_answers_422_when_nothing_was_stored(tmp_path, analyzer, body, kind, reason):
    settings = Settings(db=str(tmp_path / "api.sqlite"), token=TOKEN)
    with TestClient(create_app(settings, analyzer=lambda: analyzer), client=LOCAL) as c:
        r = c.post("/api/documents", content=body, headers=WRITE | {"content-type": kind})
        assert r.status_code == 422, r.text
        assert reason in r.json()["errors"][0]
        r = c.post("/api/documents", content=T1.encode(), headers=WRITE | {"content-type": kind})
        if kind == "text/plain":
            assert r.status_code == 201
            r = c.post("/api/documents", content=T1.encode(), headers=WRITE)
            assert r.status_code == 200 and r.json()["added"] == 0  # stored already


def test_a_number_as_text_is_named_as_such():
    [error] = list(read_bytes(b'{"id": "n", "text": 12345}', kind="jsonl"))
    assert isinstance(error, IngestError) and "'text' must be a string, got int" in str(error)
    with pytest.raises(TypeError, match="text must be a string"):
        Analyzer(time_budget=None).analyze(12345)  # type: ignore[arg-type]


def test_analyze_refuses_binary_junk(analyzer):
    junk = Path(sys.executable).read_bytes()[:200_000].decode("latin-1")
    with pytest.raises(IngestError, match="binary"):
        analyzer.analyze(junk)


@pytest.mark.slow
def test_ctrl_c_says_what_was_stored_and_that_a_rerun_resumes(tmp_path):
    texts = [f"{T1[:-1]}, and again near checkpoint number {i} on the road." for i in range(60)]
    lines = _jsonl(
        tmp_path / "many.jsonl", [{"id": f"d{i}", "text": t} for i, t in enumerate(texts)]
    )
    db = tmp_path / "int.sqlite"
    cmd = [FOGLINE, "ingest", str(lines), "--db", str(db), "--batch-size", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            if _stored(db):
                break
        except sqlite3.Error:
            continue
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    message = err.decode()
    assert "interrupted" in message and "rerun the same command to resume" in message
    assert len(_stored(db)) < len(texts)
    rerun = subprocess.run(cmd, capture_output=True, timeout=300)
    assert rerun.returncode == 0 and len(_stored(db)) == len(texts)


def test_a_write_failure_names_the_database_and_the_cause(tmp_path, analyzer):
    db = tmp_path / "small.sqlite"
    store = Store.open(db)
    analysis = analyzer.analyze(T1 * 40, id="big")
    with store.engine.connect() as conn:  # a file that cannot grow: SQLite says "full"
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()

    def cap(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    from sqlalchemy import event

    event.listen(store.engine, "connect", cap)
    with pytest.raises(StoreError) as caught:
        store.save([analysis])
    message = str(caught.value)
    assert str(db) in message and "full" in message and "rerun" in message


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="needs root to mount")
def test_a_full_disk_names_the_database_and_the_free_space(tmp_path, analyzer):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        store = Store.open(disk / "full.sqlite")
        filler = disk / "filler"
        with filler.open("wb") as fh, pytest.raises(OSError):
            fh.write(b"\0" * 1024 * 1024)
        with pytest.raises(StoreError) as caught:
            for i in range(20):
                store.save([analyzer.analyze(f"{T1} Report {i}. " + T3 * 20, id=f"d{i}")])
        message = str(caught.value)
        assert str(disk / "full.sqlite") in message and "MB free" in message
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)])
