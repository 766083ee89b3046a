"""Readers: every input kind, encodings, and the per-document errors that keep a batch going."""

from __future__ import annotations

import io
import json
import sys

import pytest

from fogline.errors import IngestError
from fogline.ingest import readers
from fogline.ingest.readers import DocumentMeta, RawDocument, decode_bytes, read_paths

REPORT = (
    "Government forces retook the town of Kidal on Saturday after two days of fighting,\n"
    "a military spokesman said.\n\n"
    "Residents said about 3,000 people had fled towards the Algerian border."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Kidal retaken</title></head><body><article>"
    "<p>Government forces retook the town of Kidal on Saturday, the army said.</p>"
    "</article></body></html>"
)


def _read(*paths, meta=None):
    return list(read_paths([str(p) for p in paths], meta=meta))


def test_read_txt_file_gives_text_with_stem_id_and_cli_meta(tmp_path):
    path = tmp_path / "kidal-report.txt"
    path.write_text(REPORT, encoding="utf-8")
    [doc] = _read(path, meta=DocumentMeta(published="2023-05-14", source="Sahel Wire"))
    assert isinstance(doc, RawDocument)
    assert doc.id == "kidal-report"
    assert doc.text == REPORT
    assert doc.html is None
    assert (doc.published, doc.source, doc.origin) == ("2023-05-14", "Sahel Wire", str(path))


def test_read_unknown_extension_as_text(tmp_path):
    path = tmp_path / "wire.story"
    path.write_text(REPORT, encoding="utf-8")
    [doc] = _read(path)
    assert doc.text == REPORT


def test_read_html_file_keeps_html_and_defers_cli_meta(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    meta = DocumentMeta(published="2023-05-15", source="Courier")
    [doc] = _read(path, meta=meta)
    assert doc.html == PAGE and doc.text is None
    # the page's own metadata comes first, so the command line's waits in `fallback`
    assert doc.published is None and doc.fallback == meta


def test_read_html_content_without_html_extension(tmp_path):
    path = tmp_path / "saved_page"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = _read(path)
    assert doc.html == PAGE


def test_jsonl_bad_line_gives_error_naming_file_and_line_and_the_rest_go_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": REPORT, "published": "2023-05-14", "source": "Wire"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"id": "a3", "html": PAGE, "title": "Kidal"}),
        json.dumps({"id": "a4"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"text": "Rebels shelled the airport overnight, officials said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read(path, meta=DocumentMeta(published="2000-01-01", source="CLI"))
    assert [type(x).__name__ for x in out] == [
        "RawDocument",
        "IngestError",
        "RawDocument",
        "IngestError",
        "IngestError",
        "RawDocument",
    ]
    first, bad, page, no_text, not_object, hashed = out
    assert (first.id, first.published, first.source) == ("a1", "2023-05-14", "Wire")
    assert bad.source == f"{path}:2" and "invalid JSON" in bad.reason
    assert page.html == PAGE and page.title == "Kidal" and page.fallback.source == "CLI"
    assert no_text.source == f"{path}:4" and "no 'text' or 'html'" in no_text.reason
    assert "JSON object" in not_object.reason
    assert hashed.id.startswith("doc-") and hashed.source == "CLI"


def test_directory_is_read_recursively_sorted_skipping_hidden_files(tmp_path):
    (tmp_path / "mali").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "mali" / "kidal.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "gao.txt").write_text("Gao was calm on Sunday, residents said.", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".cache" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "gao.html").write_text(PAGE, encoding="utf-8")
    ids = [doc.id for doc in _read(tmp_path)]
    assert ids == ["gao", "gao.txt", "mali/kidal"]  # a clash keeps the extension


def test_empty_directory_and_missing_path_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    out = _read(tmp_path / "empty", tmp_path / "missing.txt")
    assert [e.reason for e in out] == [
        "directory has no files to read",
        "no such file or directory",
    ]


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-8"))))
    [doc] = list(read_paths(["-"], meta=DocumentMeta(source="Pasted")))
    assert doc.text == REPORT and doc.origin == "<stdin>" and doc.source == "Pasted"
    assert doc.id.startswith("doc-")


def test_stdin_jsonl_is_recognised(monkeypatch):
    lines = "\n" + "\n".join(
        json.dumps({"id": f"s{i}", "text": f"Report number {i} on the fighting near Gao."})
        for i in range(3)
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    out = list(read_paths(["-"]))
    assert [d.id for d in out] == ["s0", "s1", "s2"]
    assert out[1].origin == "<stdin>:3"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "The minister\u2019s \u201cred line\u201d cost \u20ac2m, officials said."),
        (
            "latin-1",
            "Fighting reached S\u00e3o Tom\u00e9 and Cura\u00e7ao, \u00abwitnesses\u00bb said.",
        ),
        ("utf-16", "Troops entered \u2018Unabah; \u0643\u0627\u0628\u0644 was quiet."),
        ("utf-16-be", "Troops entered Mosul \u2014 residents fled."),
        ("utf-8-sig", "Rebels seized Kidal, the army\u2019s spokesman said."),
    ],
)
def test_encodings_are_decoded(tmp_path, encoding, text):
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    [doc] = _read(path)
    assert doc.text == text


def test_latin1_bytes_undefined_in_cp1252_never_crash():
    data = "Gefechte in K\u00f6ln".encode("latin-1") + b" \x81\x8d end of report."
    text = decode_bytes(data)
    assert text.startswith("Gefechte in K\u00f6ln")


def test_binary_files_are_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "b.txt").write_bytes(bytes(range(1, 32)) * 40)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4 report")
    out = _read(tmp_path)
    assert all(isinstance(e, IngestError) and e.reason.startswith("binary file") for e in out)
    assert len(out) == 3


def test_empty_and_whitespace_only_files_are_refused(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\u00a0\n", encoding="utf-8")
    out = _read(tmp_path)
    assert [e.reason for e in out] == ["empty document", "empty document"]


def test_too_large_file_is_refused_without_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Shelling continued. " * 20, encoding="utf-8")
    [err] = _read(path)
    assert isinstance(err, IngestError) and "too large" in err.reason


def test_too_long_jsonl_line_is_refused_and_the_next_line_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 200)
    path = tmp_path / "lines.jsonl"
    big = json.dumps({"id": "big", "text": "Shelling continued. " * 40})
    small = json.dumps({"id": "ok", "text": "Gao was calm."})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    err, doc = _read(path)
    assert err.source == f"{path}:1" and "too long" in err.reason
    assert doc.id == "ok"


def test_cyrillic_single_byte_text_is_detected(tmp_path):
    text = "Российские войска обстреляли город в воскресенье, сообщили местные жители."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    [doc] = _read(path)
    assert doc.text == text
