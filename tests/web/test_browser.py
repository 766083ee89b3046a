"""The web page in a real browser: Debian's Chromium, headless, driven by Playwright.

The app runs on a free loopback port over a store of invented reports
(tests/interfaces_corpus.py). Screenshots go to artifacts/screenshots/.
Skips when Playwright or /usr/bin/chromium is missing (``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Chromium not found at /usr/bin/chromium (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    import uvicorn

    from fogline.api import Settings, create_app
    from interfaces_corpus import build_store

    db = tmp_path_factory.mktemp("web") / "web.sqlite"
    build_store(db).close()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(db=str(db))), host="127.0.0.1", port=port,
                       log_level="warning")
    )  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the app did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # offline: any request that leaves the app's own origin fails the test
        outside: list[str] = []
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(base_url)
                else (outside.append(route.request.url), route.abort())
            ),
        )
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        pg.outside = outside  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_board_shows_contested_proposition_with_both_sides(page, base_url):
    page.goto(base_url + "/")
    prop = page.locator("li.prop.st-contested").first
    assert prop.locator(".badge").inner_text() == "contested"
    assert "Amadou Keita" in prop.locator(".side-asserts").inner_text()
    assert "Malian army" in prop.locator(".side-denies").inner_text()
    page.screenshot(path=str(SHOTS / "board.png"), full_page=True)
    assert page.outside == []  # type: ignore[attr-defined]


def test_evidence_link_opens_article_with_highlighted_span(page, base_url):
    page.goto(base_url + "/")
    link = page.locator("li.prop .side-denies a.evidence").first
    link.click()
    page.wait_for_url("**/documents/**")
    highlighted = page.locator("#text .hl")
    highlighted.first.wait_for()
    assert " ".join(highlighted.all_inner_texts()) == "rebels had seized Menaka"
    assert highlighted.first.is_visible()
    assert page.locator(".para.kind-boilerplate").count() == 1
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)


def test_map_draws_countries_and_coloured_event_points(page, base_url):
    page.goto(base_url + "/map")
    assert page.locator("svg.map .countries path").count() > 3
    assert page.locator("svg.map circle.pt.ev-fight").count() == 1
    page.locator("svg.map circle.pt.ev-fight").hover()
    assert "FIGHT" in page.locator("#map-info").inner_text()
    page.screenshot(path=str(SHOTS / "map.png"), full_page=True)


def test_timeline_lists_days_in_order(page, base_url):
    page.goto(base_url + "/timeline?place=Menaka")
    days = page.locator(".day h2").all_inner_texts()
    assert days == sorted(days) and "2024-03-03" in days
    page.screenshot(path=str(SHOTS / "timeline.png"), full_page=True)


def test_article_markup_is_shown_as_text_and_never_runs(page, base_url):
    page.goto(base_url + "/documents/wire-c")
    assert "<script>window.__xss" in page.locator("#text").inner_text()
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("#text img, #text script").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_filters_narrow_the_board(page, base_url):
    page.goto(base_url + "/?status=denied")
    assert page.locator("li.prop").count() == 0
    page.goto(base_url + "/?actor=Keita&since=2024-03-01")
    assert page.locator("li.prop").count() == 1
