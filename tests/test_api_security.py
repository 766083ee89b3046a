"""The API and pages under attack: oversized bodies, bad parameters, missing or wrong
tokens, SQL injection in every filter, hostile article text on every page, path traversal
and cross-origin requests. tests/test_api.py covers the ordinary behaviour."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogline.api import Settings, create_app
from interfaces_corpus import HOSTILE, TEXT_C, analyses

TOKEN = "security-token-0123456789"
LOCAL = ("127.0.0.1", 50000)
SRC = Path(__file__).resolve().parents[1] / "src" / "fogline"

# markup an attacker puts in any text field: tags, event handlers, attribute break-out
XSS_TITLE = '<script>window.xss="title"</script>'
XSS_ATTR = '" onmouseover="window.xss=3" x="'
XSS_NAME = '<img src=x onerror="window.xss=4">'
RAW_MARKERS = ("<script>window", "<img src=x", 'onmouseover="window', 'onerror="window',
               'href="javascript:')  # fmt: skip


def _hostile(name: str) -> str:
    return f"{name} {XSS_NAME}{XSS_ATTR}"


def hostile_analyses() -> list:
    """The interface corpus with markup in every free-text field the pages show."""
    out = []
    for a in analyses():
        doc = dataclasses.replace(
            a.document,
            title=f"{a.document.title} {XSS_TITLE}{XSS_ATTR}",
            source=_hostile(a.document.source or ""),
            url="javascript:alert(1)",
        )
        claims = [
            dataclasses.replace(
                c,
                source=dataclasses.replace(c.source, name=_hostile(c.source.name)),
                subject=_hostile(c.subject or ""),
            )
            for c in a.claims
        ]
        quotes = [
            dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, name=_hostile("X")))
            for q in a.quotes
        ]
        if a.document.id == "wire-c":  # a quote whose span is the markup in the article text
            start = TEXT_C.index(HOSTILE)
            quote = dataclasses.replace(
                analyses()[0].quotes[0], text=HOSTILE, start=start, end=start + len(HOSTILE)
            )
            quotes = [*quotes, quote]
        out.append(dataclasses.replace(a, document=doc, claims=claims, quotes=quotes))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from fogline.reconcile import reconcile
    from fogline.store import Store

    path = tmp_path_factory.mktemp("sec") / "sec.sqlite"
    with Store.open(str(path)) as store:
        store.save(hostile_analyses())
        reconcile(store)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Settings(db=db, token=TOKEN)), client=LOCAL) as c:
        yield c


def auth(**extra: str) -> dict[str, str]:
    return {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain", **extra}


# -- body size ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(db):
    app = create_app(Settings(db=db, token=TOKEN, max_body=1000), analyzer=_no_analysis)
    with TestClient(app, client=LOCAL) as c:
        yield c


def _no_analysis():
    raise AssertionError("an oversized body must be refused before any analysis")


@pytest.mark.parametrize("size", [1001, 50_000, 5_000_000])
def test_a_body_over_the_limit_is_413_before_anything_reads_it(small, size):
    r = small.post("/api/documents", content=b"a" * size, headers=auth())
    assert r.status_code == 413 and "1000 bytes" in r.json()["detail"]


def test_a_streamed_body_without_length_is_cut_at_the_limit(small):
    def chunks():
        for _ in range(100):
            yield b"b" * 100

    r = small.post("/api/documents", content=chunks(), headers=auth())
    assert r.status_code == 413


@pytest.mark.parametrize("length", ["-1", "abc", "1e9", "99999999999999999999"])
def test_a_bad_or_huge_content_length_is_413(small, length):
    r = small.post("/api/documents", content=b"x", headers=auth(**{"content-length": length}))
    assert r.status_code == 413


def test_the_limit_applies_to_reads_and_to_writes_without_a_token(small):
    assert small.request("GET", "/api/documents", content=b"q" * 2000).status_code == 413
    r = small.post("/api/documents", content=b"a" * 2000, headers={"content-type": "text/plain"})
    assert r.status_code == 413


class _PassThrough:
    """An analyzer stand-in that analyses nothing and passes read errors through."""

    def analyze_many(self, docs):
        return iter([d for d in docs if not hasattr(d, "text")])


def test_a_body_within_the_limit_is_accepted(db):
    app = create_app(Settings(db=db, token=TOKEN, max_body=1000), analyzer=_PassThrough)
    with TestClient(app, client=LOCAL) as c:
        r = c.post("/api/documents", content=b" " * 1000, headers=auth())
    assert r.status_code == 422 and "empty document" in r.json()["errors"][0]  # not stored


# -- validation of every parameter -------------------------------------------------------------


def _bad_values(schema: dict) -> list[str]:
    """Values each parameter must refuse, from its schema in the OpenAPI document."""
    options = schema.get("anyOf", [schema])
    kinds = {o.get("type") for o in options} - {"null"}
    formats = {o.get("format") for o in options}
    out = []
    if kinds == {"integer"}:
        out += ["-1", "abc", "1.5", "99999999999999999999999"]
    if "date" in formats:
        out += ["2024-13-01", "2024-02-30", "yesterday", "2024-03-04'; --"]
    for o in options:
        if "maxLength" in o:
            out.append("x" * (o["maxLength"] + 1))
        if "pattern" in o:
            out.append("!<>'\";--")
        if "enum" in o:
            out.append("not-" + o["enum"][0])
        if "maximum" in o:
            out.append(str(o["maximum"] + 1))
        if "minimum" in o:
            out.append(str(o["minimum"] - 1))
    return out


def _query_cases() -> list[tuple[str, str, str]]:
    app = create_app(Settings(db=":memory:"))
    spec = app.openapi()
    cases = []
    for path, item in spec["paths"].items():
        if "get" not in item or "{" in path:
            continue
        for param in item["get"].get("parameters", []):
            if param["in"] == "query":
                cases += [(path, param["name"], v) for v in _bad_values(param["schema"])]
    return cases


QUERY_CASES = _query_cases()


def test_every_query_parameter_of_the_api_has_refusal_cases():
    names = {(path, name) for path, name, _ in QUERY_CASES}
    for expected in [("/api/documents", "limit"), ("/api/documents", "since"),
                     ("/api/events", "certainty"), ("/api/claims", "predicate"),
                     ("/api/places", "country"), ("/api/search", "q")]:  # fmt: skip
        assert expected in names
    assert len(QUERY_CASES) > 80


@pytest.mark.parametrize(("path", "name", "value"), QUERY_CASES)
def test_bad_query_parameters_are_422(client, path, name, value):
    params = {name: value}
    if path == "/api/search" and name != "q":
        params["q"] = "Menaka"
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, name, value, r.text[:200])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/propositions/not-hex", {}),
        ("/api/propositions/" + "a" * 65, {}),
        ("/api/situation/" + "x" * 201, {}),
        ("/documents/wire-c", {"start": "-1", "end": "5"}),
        ("/documents/wire-c", {"start": "a", "end": "5"}),
        ("/", {"since": "2024-02-30"}),
        ("/", {"status": "rumoured"}),
        ("/", {"predicate": "CONTROL;--"}),
        ("/", {"place": "x" * 201}),
        ("/map", {"layer": "satellite"}),
        ("/documents", {"offset": "-1"}),
        ("/documents", {"q": "x" * 201}),
    ],
)
def test_bad_path_and_page_parameters_are_422(client, path, params):
    assert client.get(path, params=params).status_code == 422


@pytest.mark.parametrize(
    "params",
    [{"published": "2024-13-01"}, {"published": "soon"}, {"source": "s" * 201},
     {"title": "t" * 201}, {"id": "i" * 256}, {"id": ""}],
)  # fmt: skip
def test_bad_write_parameters_are_422_before_analysis(db, params):
    app = create_app(Settings(db=db, token=TOKEN), analyzer=_no_analysis)
    with TestClient(app, client=LOCAL) as c:
        r = c.post("/api/documents", params=params, content=b"Troops left Gao.", headers=auth())
    assert r.status_code == 422


def test_an_unsupported_content_type_is_422(db):
    app = create_app(Settings(db=db, token=TOKEN), analyzer=_no_analysis)
    with TestClient(app, client=LOCAL) as c:
        r = c.post("/api/documents", content=b"x", headers=auth(**{"content-type": "image/png"}))
    assert r.status_code == 422 and "unsupported content type" in r.json()["detail"]


# -- the write token ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"authorization": "Bearer"},
        {"authorization": "Bearer "},
        {"authorization": f"Basic {TOKEN}"},
        {"authorization": f"Bearer {TOKEN[:-1]}"},
        {"authorization": f"Bearer {TOKEN}x"},
        {"authorization": f"Bearer {TOKEN.upper()}"},
        {"x-fogline-token": ""},
        {"x-fogline-token": ("\u00e9" * 25).encode("utf-8")},
        {"cookie": f"token={TOKEN}"},
    ],
)
def test_writes_without_the_exact_token_are_401(db, headers):
    app = create_app(Settings(db=db, token=TOKEN), analyzer=_no_analysis)
    with TestClient(app, client=LOCAL) as c:
        r = c.post(
            "/api/documents",
            content=b"Troops left Gao.",
            headers={"content-type": "text/plain", **headers},
            params={"token": TOKEN},  # a token in the URL is not accepted either
        )
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_every_write_route_needs_the_token(client):
    spec = client.get("/openapi.json").json()
    writes = [
        (path, method)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("post", "put", "patch", "delete")
    ]
    assert writes, "the API has write routes"
    for path, method in writes:
        r = client.request(
            method.upper(), path, content=b"x", headers={"content-type": "text/plain"}
        )
        assert r.status_code == 401, (method, path)


def test_the_token_check_goes_through_compare_digest_only(client, monkeypatch):
    from fogline.api import security

    seen = []
    real = security.hmac.compare_digest

    def spy(a, b):
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    wrong = client.post("/api/documents", content=b"x", headers={"x-fogline-token": TOKEN[:-1]})
    assert wrong.status_code == 401
    assert seen == [(TOKEN.encode(), TOKEN[:-1].encode())]
    monkeypatch.setattr(security.hmac, "compare_digest", lambda a, b: False)
    refused = client.post("/api/documents", content=b"x", headers=auth())
    assert refused.status_code == 401, "the token must not be accepted by any other comparison"


# -- SQL injection -----------------------------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "Nowhere' --",
    "x'; DROP TABLE documents; --",
    "%",
    "_",
    "%' OR '%'='",
    "\\",
    'Nowhere" OR ""="',
    "1 UNION SELECT id, text, text FROM documents --",
    "*",
]


def _text_filters() -> list[tuple[str, str]]:
    """Every free-text query parameter of the GET routes (no pattern or enum)."""
    spec = create_app(Settings(db=":memory:")).openapi()
    out = []
    for path, item in spec["paths"].items():
        if "get" not in item or "{" in path:
            continue
        for param in item["get"].get("parameters", []):
            options = param["schema"].get("anyOf", [param["schema"]])
            if param["in"] == "query" and any(
                o.get("type") == "string" and "pattern" not in o and "enum" not in o
                and o.get("format") is None for o in options
            ):  # fmt: skip
                out.append((path, param["name"]))
    return out


TEXT_FILTERS = _text_filters()


def test_text_filters_are_found():
    assert {("/api/events", "place"), ("/api/quotes", "speaker"), ("/api/search", "q"),
            ("/api/documents", "source")} <= set(TEXT_FILTERS)  # fmt: skip


@pytest.mark.parametrize(("path", "name"), TEXT_FILTERS)
def test_sql_injection_in_every_filter_matches_nothing_and_changes_nothing(client, path, name):
    before = client.get("/api/health").json()["counts"]
    for attack in INJECTIONS:
        r = client.get(path, params={name: attack})
        assert r.status_code in (200, 422), (path, name, attack, r.text[:200])
        if r.status_code == 422:
            continue  # e.g. a search with no word in it
        body = r.json()
        total = body["total"] if isinstance(body, dict) else len(body)
        assert total == 0, (path, name, attack)
    assert client.get("/api/health").json()["counts"] == before


@pytest.mark.parametrize("attack", INJECTIONS)
def test_sql_injection_in_path_parameters_finds_nothing(client, attack):
    assert client.get(f"/api/documents/{attack}").status_code == 404
    assert client.get(f"/documents/{attack}").status_code == 404
    board = client.get(f"/api/situation/{attack}")
    assert board.status_code == 200 and not board.json()["control"]


_SQL = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIRTUAL)"
    r"|DROP\s+TABLE|ALTER\s+TABLE|PRAGMA|WHERE|MATCH)\b",
    re.IGNORECASE,
)


def _placeholder_names(tree: ast.AST) -> set[str]:
    """Names bound to a run of bind placeholders: marks = ",".join("?" * n)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call = node.value
            arg = call.args[0] if call.args else None
            if (
                isinstance(call.func, ast.Attribute)
                and call.func.attr == "join"
                and isinstance(arg, ast.BinOp)
                and isinstance(arg.left, ast.Constant)
                and arg.left.value in ("?", "%s")
            ):
                out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


def formatted_sql(source: str) -> list[tuple[int, str]]:
    """Lines where SQL text is built by f-string, % or .format from anything but placeholders."""
    tree = ast.parse(source)
    safe = _placeholder_names(tree)
    found = []
    for node in ast.walk(tree):
        literal, values = None, []
        if isinstance(node, ast.JoinedStr):
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            literal = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            literal, values = node.left.value, [node.right]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            literal, values = node.func.value.value, [*node.args, *node.keywords]
        if not values or not literal or not _SQL.search(literal):
            continue
        if all(isinstance(v, ast.Name) and v.id in safe for v in values):
            continue
        found.append((node.lineno, literal[:80]))
    return found


def test_the_sql_check_catches_formatting_and_allows_placeholders():
    bad = "conn.execute(f\"SELECT * FROM documents WHERE id = '{doc_id}'\")\n"
    bad += "conn.execute(\"DELETE FROM places WHERE name = '%s'\" % name)\n"
    bad += "sql = \"UPDATE documents SET title = '{}'\".format(title)\n"
    assert sorted(line for line, _ in formatted_sql(bad)) == [1, 2, 3]
    good = 'marks = ",".join("?" * len(chunk))\n'
    good += 'conn.execute(f"SELECT base FROM names WHERE base IN ({marks})", chunk)\n'
    good += 'log(f"selected {n} rows")\n'
    assert formatted_sql(good) == []


def test_no_sql_in_fogline_is_built_by_string_formatting():
    offences = []
    for path in sorted(SRC.rglob("*.py")):
        for line, snippet in formatted_sql(path.read_text(encoding="utf-8")):
            offences.append(f"{path.relative_to(SRC)}:{line}: {snippet}")
    assert offences == []


# -- escaping of article text on every page ----------------------------------------------------

PAGES = ["/", "/timeline", "/map?whole=true", "/documents", "/documents/wire-c",
         "/documents/courier/2024-03-04-menaka", "/documents/daily/army-menaka",
         "/documents?q=Menaka"]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_is_escaped_on_every_page_that_shows_text(client, page):
    r = client.get(page)
    assert r.status_code == 200
    html = r.text
    for marker in RAW_MARKERS:
        assert marker not in html, (page, marker)
    assert "&lt;script&gt;" in html or "&lt;img src=x" in html, f"{page} shows no hostile text"
    assert 'onmouseover="' not in html and "onerror=" not in html.replace("onerror=&#34;", "")


def test_hostile_text_stays_text_in_json(client):
    doc = client.get("/api/documents/wire-c").json()
    assert HOSTILE in doc["document"]["text"]
    r = client.get("/api/documents/wire-c")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"


# -- no path from a request reaches the file system --------------------------------------------

TRAVERSALS = [
    "../pages.py",
    "..%2Fpages.py",
    "%2e%2e%2fpages.py",
    "....//....//etc/passwd",
    "..%252F..%252Fetc%252Fpasswd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..\\..\\pages.py",
    "app.js%00.py",
    "__init__.py",
    "templates",
]


@pytest.mark.parametrize("attempt", TRAVERSALS)
def test_path_traversal_on_static_and_document_routes_finds_nothing(client, attempt, monkeypatch):
    import builtins
    import io
    import os

    opened = []
    real_open, real_io_open = builtins.open, io.open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def spy_io_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_io_open(file, *args, **kwargs)

    from fogline.api.pages import static_files

    static_files()  # the packaged assets, read once at first use: not a request's doing
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_io_open)
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(str(a[0])) or 0)
    for prefix in ("/static/", "/documents/", "/api/documents/"):
        r = client.get(prefix + attempt)
        assert r.status_code in (404, 422), (prefix, attempt, r.status_code)
        assert "root:" not in r.text and "import" not in r.text
    assert [p for p in opened if not p.endswith((".sqlite", "-wal", "-shm", "-journal"))] == []


def test_static_assets_are_only_the_packaged_files(client):
    from fogline.api.pages import static_files

    assert set(static_files()) >= {"app.js", "app.css"}
    for name in static_files():
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/static/pages.py").status_code == 404


# -- CORS --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/documents", "/", "/api/health"])
def test_cors_is_off_for_cross_origin_requests(client, path):
    r = client.get(path, headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "access-control-allow-credentials" not in r.headers


def test_cors_preflight_for_a_write_is_not_granted(client):
    r = client.options(
        "/api/documents",
        headers={
            "origin": "https://evil.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization",
        },
    )
    assert "access-control-allow-origin" not in r.headers
    assert r.status_code in (401, 405)


def test_cors_allows_only_the_configured_origins_and_only_reads(db):
    app = create_app(Settings(db=db, token=TOKEN, cors_origins=("https://desk.example",)))
    with TestClient(app, client=LOCAL) as c:
        ok = c.get("/api/documents", headers={"origin": "https://desk.example"})
        assert ok.headers["access-control-allow-origin"] == "https://desk.example"
        other = c.get("/api/documents", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        pre = c.options(
            "/api/documents",
            headers={"origin": "https://desk.example", "access-control-request-method": "POST"},
        )
        assert pre.status_code == 400 or "POST" not in pre.headers.get(
            "access-control-allow-methods", ""
        )
