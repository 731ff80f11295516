"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright against a real server.

Screenshots of every page are saved under test-output/screenshots/.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from dipwatch.api import create_app
from test_api import build_corpus

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make test-deps)"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A real uvicorn server on a free loopback port, serving the test corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser')}/t.db"
    build_corpus(url)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and alert dialogs (neither may happen)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def chart_traces(page, element_id: str) -> int:
    """How many traces Plotly drew in a chart element (its .data, set by Plotly.newPlot)."""
    page.wait_for_function(f"document.getElementById('{element_id}').data !== undefined", timeout=15000)
    return page.evaluate(f"document.getElementById('{element_id}').data.length")


def test_click_from_home_to_a_dyad_to_an_event_to_its_story(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("table.events tbody tr").count() == 6
    screenshot(page, "home")

    page.locator("aside ol.dyads a.dyad-link").first.click()
    page.wait_for_url("**/dyad/PRK-RUS")
    assert chart_traces(page, "timeline") == 3
    assert chart_traces(page, "intensity") == 1
    assert page.locator("#timeline .bars path").count() > 0  # Plotly drew the bars as SVG
    screenshot(page, "dyad")

    page.locator("a.event-link", has_text="Kim Jong Un met").click()
    page.wait_for_url("**/event/*")
    assert page.locator("mark.trigger").first.inner_text() == "met"
    assert page.locator("li.mention").count() == 2
    screenshot(page, "event")

    page.locator("a.story-link").click()
    page.wait_for_url("**/story/*")
    assert "canonical" in page.locator("li.article").first.get_attribute("class")
    screenshot(page, "story")
    assert page.problems == []


def test_a_filter_form_narrows_the_list(page, base_url):
    page.goto(base_url + "/")
    page.locator("form.filters select[name=type]").select_option("ACCUSE")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/?*type=ACCUSE*")
    assert page.locator("table.events tbody tr").count() == 2
    screenshot(page, "home-filtered")
    assert page.problems == []


def test_network_draws_one_line_per_dyad_and_the_actors(page, base_url):
    page.goto(base_url + "/network")
    assert chart_traces(page, "network") == 4 + 2  # four dyads, the hover labels, the actors
    screenshot(page, "network")
    assert page.problems == []


def test_dyad_timeline_by_quad_class(page, base_url):
    page.goto(base_url + "/dyad/PRK-RUS?group=quad")
    assert chart_traces(page, "timeline") == 2
    assert page.problems == []


def test_article_script_is_shown_as_text_and_never_runs(page, base_url):
    page.goto(base_url + "/?actor=UKR")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/event/*")
    assert "<script>alert('x')</script>" in page.locator("li.mention blockquote").inner_text()
    screenshot(page, "event-escaped")
    assert page.problems == []
