"""The REST API and the pages over a store of invented reports (tests/interfaces_corpus.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fogline.api import Settings, create_app
from interfaces_corpus import TEXT_B, build_store

TOKEN = "test-token-0123456789"
LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.sqlite"
    build_store(path).close()
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Settings(db=db, token=TOKEN)), client=LOCAL) as c:
        yield c


def test_documents_list_is_paginated_newest_first(client):
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert [d["published"] for d in page["items"]] == ["2024-03-06", "2024-03-05"]
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["id"] for d in rest["items"]] == ["courier/2024-03-04-menaka"]


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"since": "2024-13-01"}, {"since": "yesterday"},
     {"source": "x" * 201}],
)  # fmt: skip
def test_documents_reject_out_of_bounds_parameters(client, params):
    assert client.get("/api/documents", params=params).status_code == 422


def test_document_by_id_with_slash_and_unknown_id(client):
    doc = client.get("/api/documents/daily/army-menaka").json()
    assert doc["document"]["text"] == TEXT_B
    assert client.get("/api/documents/no-such-doc").status_code == 404


def test_propositions_filter_by_status_place_actor_and_as_of(client):
    items = client.get("/api/propositions", params={"status": "contested"}).json()["items"]
    assert [p["proposition"] for p in items] == ["CONTROL(Azawad coalition, Menaka)"]
    sides = items[0]["sources"]
    assert {s["source"] for s in sides["asserts"]} == {"Amadou Keita", "Residents of Menaka"}
    assert [s["source"] for s in sides["denies"]] == ["Malian army"]
    early = client.get("/api/propositions", params={"as_of": "2024-03-04"}).json()["items"]
    assert early[0]["status"] == "single-source"
    assert client.get("/api/propositions", params={"place": "Gao"}).json()["total"] == 0
    assert client.get("/api/propositions", params={"actor": "Keita"}).json()["total"] == 1
    assert client.get("/api/propositions", params={"status": "rumoured"}).status_code == 422


def test_proposition_by_id(client):
    pid = client.get("/api/propositions").json()["items"][0]["id"]
    assert client.get(f"/api/propositions/{pid}").json()["id"] == pid
    assert client.get("/api/propositions/ffff").status_code == 404
    assert client.get("/api/propositions/not-hex").status_code == 422


def test_claims_events_quotes_and_places_filters(client):
    assert client.get("/api/claims", params={"stance": "denies"}).json()["total"] == 1
    assert client.get("/api/claims", params={"predicate": "control"}).json()["total"] == 3
    assert client.get("/api/events", params={"actor": "azawad"}).json()["total"] == 1
    assert client.get("/api/events", params={"since": "2024-03-04"}).json()["total"] == 0
    quotes = client.get("/api/quotes", params={"speaker": "keita"}).json()["items"]
    assert quotes[0]["text"] == "We control the whole town"
    places = client.get("/api/places", params={"country": "ML"}).json()["items"]
    assert places[0]["name"] == "Menaka" and places[0]["documents"] == 3
    assert client.get("/api/places", params={"country": "MLI"}).status_code == 422


def test_event_clusters_merge_reports_of_one_fight(client):
    clusters = client.get("/api/event-clusters", params={"place": "Menaka"}).json()["items"]
    assert len(clusters) == 1 and len(clusters[0]["reports"]) == 2
    assert sorted(r["fatalities"] for r in clusters[0]["reports"]) == [4, 6]


def test_situation_and_timeline(client):
    board = client.get("/api/situation/Menaka").json()
    assert board["control"][0]["status"] == "contested"
    days = [d["day"] for d in client.get("/api/timeline").json()]
    assert days == sorted(days)


def test_search_matches_words_and_ignores_query_syntax(client):
    hits = client.get("/api/search", params={"q": "newsletter"}).json()
    assert [h["id"] for h in hits["items"]] == ["daily/army-menaka"]
    assert "[newsletter]" in hits["items"][0]["snippet"]
    odd = client.get("/api/search", params={"q": 'Menaka" (* -'})
    assert odd.status_code == 200 and odd.json()["total"] == 3
    assert client.get("/api/search", params={"q": '"*"'}).status_code == 422


def test_openapi_schema_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/documents", "/api/propositions", "/api/events", "/api/search"):
        assert route in paths
    assert client.get("/docs").status_code == 404  # the CDN-backed page is off


def test_writes_need_the_token(client):
    body = {"content": b"Rebels attacked a checkpoint near Gao on Friday, police said."}
    headers = {"content-type": "text/plain"}
    assert client.post("/api/documents", headers=headers, **body).status_code == 401
    wrong = headers | {"authorization": "Bearer wrong-token-000000"}
    assert client.post("/api/documents", headers=wrong, **body).status_code == 401


def test_token_is_compared_in_constant_time(client, monkeypatch):
    from fogline.api import security

    calls = []
    real = security.hmac.compare_digest
    monkeypatch.setattr(
        security.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b)
    )
    client.post("/api/documents", headers={"x-fogline-token": "nope-nope-nope"}, content=b"x")
    assert calls == [(TOKEN.encode(), b"nope-nope-nope")]


def test_writes_are_disabled_without_a_configured_token(db):
    with TestClient(create_app(Settings(db=db)), client=LOCAL) as c:
        r = c.post("/api/documents", content=b"text", headers={"authorization": "Bearer x"})
    assert r.status_code == 403 and "FOGLINE_API_TOKEN" in r.json()["detail"]


def test_body_over_the_limit_is_refused(db):
    with TestClient(create_app(Settings(db=db, token=TOKEN, max_body=1000)), client=LOCAL) as c:
        auth = {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
        r = c.post("/api/documents", content=b"a" * 5000, headers=auth)
    assert r.status_code == 413


def test_reads_from_other_machines_need_the_token(db):
    app = create_app(Settings(db=db, token=TOKEN))
    with TestClient(app, client=("203.0.113.9", 40000)) as remote:
        assert remote.get("/api/documents").status_code == 401
        assert remote.get("/").status_code == 401
        ok = remote.get("/api/documents", headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200


def test_cors_is_off_by_default(client):
    r = client.get("/api/documents", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_pages_carry_a_strict_content_security_policy(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_board_links_each_source_to_its_highlighted_evidence(client):
    html = client.get("/").text
    assert 'class="badge st-contested"' in html
    start = TEXT_B.index("rebels had seized Menaka")
    link = f"/documents/daily%2Farmy-menaka?start={start}&amp;end={start + 24}#hl"
    assert link in html
    article = client.get(f"/documents/daily/army-menaka?start={start}&end={start + 24}").text
    assert '<a class="anchor" id="hl"></a>' in article
    assert 'title="claim CONTROL(Azawad coalition, Menaka): Malian army denies' in article


def test_article_text_is_escaped(client):
    html = client.get("/documents/wire-c").text
    assert "&lt;script&gt;window.__xss" in html
    assert "<script>window" not in html and "<img src=x" not in html


def test_static_assets_are_served_by_name_only(client):
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/..%2F__init__.py").status_code in (404, 422)
    assert client.get("/static/basemap.py").status_code == 404


def test_map_and_timeline_pages_render(client):
    svg = client.get("/map").text
    assert "<svg" in svg and 'class="pt ev-fight"' in svg
    assert "2024-03-03" in client.get("/timeline").text


@pytest.mark.slow
def test_posting_text_analyses_stores_and_reconciles(tmp_path):
    path = tmp_path / "post.sqlite"
    build_store(path).close()
    with TestClient(create_app(Settings(db=str(path), token=TOKEN)), client=LOCAL) as c:
        r = c.post(
            "/api/documents",
            params={"published": "2024-03-07", "source": "Gao Radio", "id": "gao-radio-1"},
            content=b"Gunmen attacked a police post in Gao on Thursday, killing two officers, "
            b"the regional governor said.",
            headers={"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"},
        )
        assert r.status_code == 201, r.text
        assert r.json()["added"] == 1 and r.json()["ids"] == ["gao-radio-1"]
        assert c.get("/api/documents").json()["total"] == 4
        lines = b'{"id": "j1", "text": "Troops entered Gao on Friday."}\n{not json}\n'
        r = c.post(
            "/api/documents",
            content=lines,
            headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"},
        )
        assert r.json()["added"] == 1 and "invalid JSON" in r.json()["errors"][0]


def test_search_and_filters_on_every_backend(fresh_store):
    from fogline.store import queries
    from interfaces_corpus import analyses

    fresh_store.save(analyses())
    hits = queries.search(fresh_store, "newsletter daily")
    assert [h["id"] for h in hits.items] == ["daily/army-menaka"]
    assert "[newsletter]" in hits.items[0]["snippet"]
    assert queries.search(fresh_store, "Menaka", limit=1, offset=1).total == 3
    assert queries.list_documents(fresh_store, since="2024-03-05").total == 2
    assert queries.list_events(fresh_store, actor="AZAWAD").total == 1
    with pytest.raises(ValueError):
        queries.list_quotes(fresh_store, limit=10_000)
