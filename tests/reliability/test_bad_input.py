"""Bad input at the command line: every bad document is named with its reason, the batch
goes on, and the exit status says whether anything failed (0 all, 3 some, 1 none)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import tracemalloc

import pytest
from typer.testing import CliRunner

from fogline.cli import EXIT_NOTHING, EXIT_OK, EXIT_SOME_FAILED, app
from fogline.errors import IngestError
from fogline.ingest.readers import MAX_TEXT_CHARS, read_paths

runner = CliRunner()

REPORT = (
    "Army retakes Sake after two days of fighting\n\n"
    "Government troops retook the town of Sake in North Kivu on Saturday, a military "
    "spokesman said, two days after rebels had seized it. Residents said hundreds of families "
    "had fled towards Goma.\n"
)
CP1252 = (
    "The minister\u2019s \u201cred line\u201d was crossed on Friday when shells hit the "
    "depot in Mykolaiv, officials said; repairs will cost \u20ac2m."
)
LATIN1 = (
    "Police in S\u00e3o Paulo said on Tuesday that gunmen had attacked a patrol near the "
    "Pra\u00e7a da S\u00e9, wounding two officers."
)
UTF16 = (
    "Troops entered the town of \u2018Unabah on Monday after fighting near the road to "
    "\u0643\u0627\u0628\u0644, the provincial governor said."
)
SCRIPT_PAGE = """<!DOCTYPE html><html><head><title>Shelling hits Kharkiv market</title>
<script>document.cookie = "tracker=1"; fetch("https://ads.example/beacon");</script>
</head><body onload="steal()"><article>
<h1>Shelling hits Kharkiv market</h1>
<p onclick="alert(1)">Russian shelling hit a market in Kharkiv on Sunday, killing three people,
the regional governor said.</p>
<script>var injected = "<p>planted paragraph</p>"; eval(injected);</script>
<p>Rescue teams worked through the night, the emergency service said.<img src=x
onerror="alert('xss')"></p>
</article><script src="https://cdn.example/tracker.js"></script></body></html>"""
MALFORMED_PAGE = """<html><body><div><article><h1>Clashes in Tripoli
<p>Armed groups clashed in central Tripoli on Monday night, residents said, <b>with <i>heavy
gunfire</b></i> heard near the port.</p></div></span>
<p>The interior ministry said calm had returned by Tuesday morning<td></tr>
</article>"""
SCRIPT_ONLY_PAGE = (
    "<!DOCTYPE html><html><body><script>while (true) { run(); }</script>"
    "<style>p { color: red }</style></body></html>"
)
FRENCH = (
    "Les forces gouvernementales ont repris la ville de Kidal samedi apr\u00e8s deux jours de "
    "combats, a d\u00e9clar\u00e9 un porte-parole militaire. Les habitants ont fui vers la "
    "fronti\u00e8re alg\u00e9rienne."
)
ARABIC = (
    "\u0642\u0627\u0644 \u0645\u062a\u062d\u062f\u062b \u0639\u0633\u0643\u0631\u064a "
    "\u0625\u0646 \u0627\u0644\u0642\u0648\u0627\u062a \u0627\u0644\u062d\u0643\u0648\u0645"
    "\u064a\u0629 \u0627\u0633\u062a\u0639\u0627\u062f\u062a \u0627\u0644\u0633\u064a\u0637"
    "\u0631\u0629 \u0639\u0644\u0649 \u0627\u0644\u0645\u062f\u064a\u0646\u0629 \u064a\u0648"
    "\u0645 \u0627\u0644\u0633\u0628\u062a \u0628\u0639\u062f \u064a\u0648\u0645\u064a\u0646 "
    "\u0645\u0646 \u0627\u0644\u0642\u062a\u0627\u0644."
)


def _write_corpus(folder):
    """A folder such as a scraper leaves: good articles and every kind of bad one."""
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\u00a0\n\u200b  \n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "utf16.txt").write_bytes(UTF16.encode("utf-16"))  # with its BOM
    (folder / "scripts.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    (folder / "malformed.html").write_text(MALFORMED_PAGE, encoding="utf-8")
    (folder / "scriptonly.html").write_text(SCRIPT_ONLY_PAGE, encoding="utf-8")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    with (folder / "huge.txt").open("w", encoding="utf-8") as fh:  # a 20 MB "article"
        for _ in range(20 * 1024 * 1024 // len(REPORT) + 1):
            fh.write(REPORT)
    line = " ".join(REPORT.split())  # a 1 MB single line
    (folder / "oneline.txt").write_text((line * (10**6 // len(line) + 1))[: 10**6], "utf-8")
    lines = [
        json.dumps({"id": "wire-1", "text": REPORT.replace("Sake", "Rutshuru"), "source": "W"}),
        '{"id": "wire-2", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "wire-4", "title": "no body"}),
        json.dumps({"id": "wire-5", "text": 42.5}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the jsonl line after a non-UTF-8 line is still read
    with (folder / "mixed.jsonl").open("wb") as fh:
        fh.write(b'{"id": "latin", "text": "Caf\xe9 bombed"}\n')
        fh.write((json.dumps({"id": "wire-6", "text": REPORT.replace("Sake", "Goma")})).encode())


EXPECTED_FAILURES = {
    "empty.txt": "empty document",
    "blank.txt": "empty document",
    "photo.txt": "binary file",
    "report.pdf": "binary file",
    "scriptonly.html": "no article text",
    "french.txt": "not English (detected 'fr')",
    "arabic.txt": "not English (detected 'ar')",
    "huge.txt": "file too large: 20 MB of text",
    "oneline.txt": "document too large: 1,000,000 characters",
    "feed.jsonl:2": "invalid JSON",
    "feed.jsonl:3": "expected a JSON object",
    "feed.jsonl:4": "no 'text' or 'html' field",
    "feed.jsonl:5": "must be a string",
    "mixed.jsonl:1": "not UTF-8",
}
EXPECTED_IDS = {"good", "cp1252", "latin1", "utf16", "scripts", "malformed", "wire-1", "wire-6"}


def _failure_lines(stderr: str) -> dict[str, str]:
    """'skipped <path>: <reason>' lines, by file name (and JSONL line)."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"skipped (\S+): (.+)", line.strip())
        if m:
            out[m.group(1).rsplit("/", 1)[-1]] = m.group(2)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "scraped"
    _write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def analyzed(corpus):
    return runner.invoke(app, ["analyze", str(corpus), "--published", "2024-03-04"])


def test_analyze_names_each_bad_document_with_its_reason(analyzed):
    failures = _failure_lines(analyzed.stderr)
    assert set(failures) == set(EXPECTED_FAILURES), analyzed.stderr
    for name, reason in EXPECTED_FAILURES.items():
        assert reason in failures[name], (name, failures[name])


def test_analyze_goes_on_after_bad_documents_and_exits_3(analyzed):
    assert analyzed.exit_code == EXIT_SOME_FAILED, analyzed.output
    ids = {json.loads(line)["document"]["id"] for line in analyzed.stdout.splitlines()}
    assert ids == EXPECTED_IDS


def test_single_byte_and_utf16_files_are_decoded_before_analysis(analyzed):
    texts = {
        (r := json.loads(line))["document"]["id"]: r["document"]["text"]
        for line in analyzed.stdout.splitlines()
    }
    assert "\u201cred line\u201d" in texts["cp1252"] and "\u20ac2m" in texts["cp1252"]
    assert "S\u00e3o Paulo" in texts["latin1"] and "Pra\u00e7a da S\u00e9" in texts["latin1"]
    assert texts["utf16"].startswith("Troops entered")
    assert "\u0643\u0627\u0628\u0644" in texts["utf16"]
    assert "\ufeff" not in texts["utf16"]


def test_script_laden_and_malformed_html_keep_only_the_article_text(analyzed):
    records = {
        (r := json.loads(line))["document"]["id"]: r for line in analyzed.stdout.splitlines()
    }
    page = records["scripts"]["document"]["text"]
    assert "killing three people" in page and "worked through the night" in page
    for hostile in ("cookie", "fetch(", "eval(", "alert", "onerror", "steal()", "tracker", "<"):
        assert hostile not in page, hostile
    broken = records["malformed"]["document"]["text"]
    assert "Armed groups clashed in central Tripoli" in broken
    assert "calm had returned by Tuesday morning" in broken
    assert "<" not in broken


def test_ingest_stores_the_good_documents_and_exits_3(corpus, tmp_path):
    db = tmp_path / "bad.sqlite"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert f"{len(EXPECTED_FAILURES)} failed" in result.stdout
    for name in EXPECTED_FAILURES:
        assert name in result.output, name
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        assert set(store.document_ids()) == EXPECTED_IDS
    again = runner.invoke(app, ["ingest", str(corpus / "good.txt"), "--db", str(db)])
    assert again.exit_code == EXIT_OK, "a document stored already is a success"


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_exit_status_is_0_when_all_and_1_when_none_succeed(tmp_path, command):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "blank.txt"
    bad.write_text("   \n", encoding="utf-8")
    extra = ["--db", str(tmp_path / "x.sqlite")] if command == "ingest" else []
    ok = runner.invoke(app, [command, str(good), *extra])
    assert ok.exit_code == EXIT_OK, ok.output
    none = runner.invoke(app, [command, str(bad), str(tmp_path / "missing.txt"), *extra])
    assert none.exit_code == EXIT_NOTHING, none.output
    assert "missing.txt: no such file or directory" in none.output


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_exit_status_is_documented_in_help(command):
    result = runner.invoke(app, [command, "--help"])
    text = " ".join(result.stdout.split())
    assert "Exit status: 0 every document analysed; 3 some failed" in text
    assert "1 none analysed" in text


def _peak_bytes(fn):
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("suffix", [".txt", ".html", ".story"])
def test_20_mb_article_is_refused_without_being_read(tmp_path, analyzer, suffix):
    path = tmp_path / f"huge{suffix}"
    paragraph = REPORT if suffix == ".txt" else f"<p>{REPORT}</p>"
    head = "<!DOCTYPE html><html><body>" if suffix != ".txt" else ""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for _ in range(20 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    assert path.stat().st_size >= 20 * 1024 * 1024
    analyzer.analyze(REPORT)  # the model is loaded before measuring

    results, peak = _peak_bytes(lambda: list(analyzer.analyze_many(read_paths([path]))))
    [error] = results
    assert isinstance(error, IngestError) and error.source == str(path)
    assert "file too large: 20 MB" in error.reason
    assert peak < 1024 * 1024, f"{peak / 1e6:.1f} MB allocated for a refused file"


def test_20_mb_jsonl_line_is_refused_and_never_held_whole(tmp_path):
    from fogline.ingest import readers

    path = tmp_path / "huge.jsonl"
    body = REPORT * (20 * 1024 * 1024 // len(REPORT) + 1)
    path.write_text(
        json.dumps({"id": "huge", "text": body}) + "\n" + json.dumps({"id": "ok", "text": REPORT}),
        encoding="utf-8",
    )
    del body
    results, peak = _peak_bytes(lambda: list(read_paths([path])))
    error, doc = results
    assert error.source == f"{path}:1" and "line too long" in error.reason
    assert doc.id == "ok"
    line_size = path.stat().st_size
    assert peak < min(line_size, readers.MAX_BYTES + 4 * readers._SKIP_CHUNK), (
        f"{peak / 1e6:.0f} MB held for a {line_size / 1e6:.0f} MB line"
    )


def test_1_mb_single_line_is_refused_quickly_with_its_size(tmp_path):
    sentence = "Government troops shelled rebel positions near Sake on Saturday, officials said. "
    path = tmp_path / "oneline.txt"
    path.write_text((sentence * (1_000_000 // len(sentence) + 1))[:1_000_000], encoding="utf-8")
    started = time.perf_counter()
    result = runner.invoke(app, ["analyze", str(path)])
    assert time.perf_counter() - started < 20
    assert result.exit_code == EXIT_NOTHING
    assert f"oneline.txt: document too large: 1,000,000 characters (limit {MAX_TEXT_CHARS:,})" in (
        result.stderr
    )


@pytest.mark.slow
def test_long_single_line_under_the_limit_is_analysed(tmp_path):
    sentence = "Government troops shelled rebel positions near Sake on Saturday, officials said. "
    path = tmp_path / "oneline.txt"
    path.write_text(sentence * 300, encoding="utf-8")  # 24 kB, no line break
    started = time.perf_counter()
    result = runner.invoke(app, ["analyze", str(path), "--published", "2024-02-12"])
    assert time.perf_counter() - started < 20
    assert result.exit_code == EXIT_OK, result.output
    record = json.loads(result.stdout)
    assert len(record["times"]) == 300 and record["times"][-1]["value"] == "2024-02-10"
    # one shelling, told 300 times: one event with every mention (issue 13 groups mentions)
    assert sum(len(e["mentions"]) for e in record["events"]) == 300


def _quote_storm() -> str:
    """Thousands of quote marks of every style, many never closed, in one article."""
    marks = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "``", "''"]
    words = ["the", "army", "said", "that", "rebels", "held", "the", "bridge", "near", "Gao"]
    parts = ["Rebels said on Monday that they held the bridge."]
    for i in range(3000):
        parts.append(f"{marks[i % len(marks)]}{words[i % len(words)]}")
        if i % 50 == 49:
            parts.append(", the spokesman said.\n\n")
    return " ".join(parts)


def _no_sentence_end() -> str:
    """Four thousand words of run-on report: no full stop, no line break."""
    words = "troops rebels said village fighting near the town officials residents border army"
    words = [*words.split(), "fled", "shelling", "on", "Sunday", "according", "to", "police"]
    return " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(4000))


@pytest.mark.slow
@pytest.mark.parametrize("make", [_quote_storm, _no_sentence_end], ids=["quotes", "no-ends"])
def test_pathological_text_finishes_in_bounded_time(tmp_path, make):
    text = make()
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = runner.invoke(app, ["analyze", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == EXIT_OK, result.output
    assert elapsed < 20, f"{elapsed:.1f} s"
    record = json.loads(result.stdout)
    doc = record["document"]["text"]
    for quote in record["quotes"]:
        assert doc[quote["start"] : quote["end"]] == quote["text"]


def test_future_and_unparseable_dates_warn_and_the_documents_are_analysed(tmp_path):
    lines = [
        {"id": "future", "text": REPORT, "published": "2999-01-01"},
        {"id": "garbled", "text": REPORT.replace("Sake", "Goma"), "published": "last Tuesday"},
        {"id": "impossible", "text": REPORT.replace("Sake", "Bunia"), "published": "2024-02-30"},
        {"id": "fine", "text": REPORT.replace("Sake", "Beni"), "published": "2024-02-12"},
    ]
    path = tmp_path / "dated.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    # a real process: the warnings go through logging to stderr as an analyst sees them
    proc = subprocess.run(
        [sys.executable, "-c", "from fogline.cli import main; main()", "analyze", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    records = {(r := json.loads(line))["document"]["id"]: r for line in proc.stdout.splitlines()}
    assert set(records) == {"future", "garbled", "impossible", "fine"}
    assert records["future"]["document"]["published"] == "2999-01-01"
    assert records["garbled"]["document"]["published"] is None
    assert records["impossible"]["document"]["published"] is None
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 3, proc.stderr
    assert any(f"{path}:1" in w and "2999-01-01 is in the future" in w for w in warnings)
    assert any(f"{path}:2" in w and "'last Tuesday' is not a date" in w for w in warnings)
    assert any(f"{path}:3" in w and "'2024-02-30' is not a date" in w for w in warnings)
