"""`faultline serve` in real headless Chromium (selenium + Debian's chromium-driver, 127.0.0.1).

Checks what a user sees: the examples' store loads, a filter narrows the events table and
lands in the URL, clicking an event opens its article with the trigger highlighted, the
contested view shows both sides, no view logs a console error, and the hostile article's
markup never runs. Screenshots go to $FAULTLINE_SCREENSHOTS (default: the test's tmp folder).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.api.fixture_store import HOSTILE_ID, HOSTILE_OUTLET, build_alert_store, build_store

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1400,1000"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, token: str | None = None):
    """uvicorn on 127.0.0.1 in a thread, over `db`, read-only."""
    import uvicorn

    from faultline.api import create_app

    app = create_app(str(db), read_only=True, token=token)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    app.state.server.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The examples and the hostile article."""
    yield from _serve(build_store(tmp_path_factory.mktemp("serve-store")))


@pytest.fixture(scope="module")
def token_server(tmp_path_factory):
    """The alert store behind a bearer token."""
    db = build_alert_store(tmp_path_factory.mktemp("token-store") / "t.duckdb")
    yield from _serve(db, token="open-sesame")


@pytest.fixture(scope="module")
def alert_server(tmp_path_factory):
    """A dyad that escalates after a calm month (see build_alert_store)."""
    yield from _serve(build_alert_store(tmp_path_factory.mktemp("alert-store") / "a.duckdb"))


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("FAULTLINE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    drv = webdriver.Chrome(service=service, options=options)
    yield drv
    drv.quit()


def open_view(browser, url: str, view: str) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(url)
    wait_ready(browser, view)


def wait_ready(browser, view: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while browser.execute_script("return document.body.dataset.ready") != view:
        assert time.monotonic() < deadline, f"view {view} never rendered"
        time.sleep(0.05)


def errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def row_count(browser) -> str | None:
    return browser.execute_script(
        "const n = document.getElementById('row-count'); return n ? n.textContent : null")


def rows(browser) -> list:
    return browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")


def pwned(browser) -> str | None:
    return browser.execute_script("return document.documentElement.getAttribute('data-pwned')")


def test_ui_loads_the_examples_store(browser, server, shots):
    open_view(browser, server + "/", "events")
    assert len(rows(browser)) == 50
    summary = browser.find_element(By.ID, "store-summary").text
    assert "9 articles" in summary
    assert "of 1" in browser.find_element(By.ID, "row-count").text  # 1–50 of 1xx
    browser.save_screenshot(str(shots / "serve-events.png"))
    assert errors(browser) == []


def test_a_filter_narrows_the_table_and_lands_in_the_url(browser, server, shots):
    open_view(browser, server + "/?view=events", "events")
    before = row_count(browser)
    box = browser.find_element(By.CSS_SELECTOR, "#event-filters input[name=dyad]")
    box.send_keys("RUS-UKR")
    browser.find_element(By.CSS_SELECTOR, "#event-filters button[type=submit]").click()
    deadline = time.monotonic() + 20
    while row_count(browser) in (before, None):  # read in the page: the table is replaced
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert "dyad=RUS-UKR" in browser.current_url
    found = rows(browser)
    assert 0 < len(found) < 50
    for row in found:
        cells = row.find_elements(By.TAG_NAME, "td")
        assert cells[1].text.startswith("RUS") and cells[3].text.startswith("UKR")
    # the URL alone gives the same view (shareable)
    open_view(browser, browser.current_url, "events")
    assert len(rows(browser)) == len(found)
    assert browser.find_element(By.CSS_SELECTOR, "input[name=dyad]").get_attribute(
        "value") == "RUS-UKR"
    browser.save_screenshot(str(shots / "serve-events-filtered.png"))
    assert errors(browser) == []


def test_clicking_an_event_opens_its_article_with_the_evidence_highlighted(browser, server,
                                                                           shots):
    open_view(browser, server + "/?view=events&root=13", "events")
    first = rows(browser)[0]
    trigger = first.find_elements(By.TAG_NAME, "td")[4].text
    first.find_elements(By.TAG_NAME, "td")[0].click()
    wait_ready(browser, "article")
    time.sleep(0.2)
    assert "view=article" in browser.current_url
    focused = browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.k-trig.focused")
    assert focused and "".join(f.text for f in focused) == trigger
    row = browser.find_element(By.CSS_SELECTOR, "tr.ann-row.focused")
    assert trigger in row.text
    kinds = {k: len(browser.find_elements(By.CSS_SELECTOR, f"#article-text .hl.k-{k}"))
             for k in ("trig", "actor", "quote", "date")}
    assert all(kinds.values()), kinds
    # a highlighted actor in the text leads to its row
    actor = browser.find_element(By.CSS_SELECTOR, "#article-text .hl.k-actor:not(.k-trig)")
    browser.execute_script("arguments[0].click()", actor)
    ann = actor.get_attribute("data-ann")
    assert "focused" in browser.find_element(By.ID, f"row-{ann}").get_attribute("class")
    browser.save_screenshot(str(shots / "serve-article.png"))
    assert errors(browser) == []


def test_contested_view_shows_both_sides(browser, server, shots):
    open_view(browser, server + "/?view=contested", "contested")
    contests = browser.find_elements(By.CSS_SELECTOR, "article.contest")
    assert contests
    for c in contests:
        assert c.find_elements(By.CSS_SELECTOR, ".side.affirms .mention")
        assert c.find_elements(By.CSS_SELECTOR, ".side.disputes .mention")
        heading = c.find_element(By.CSS_SELECTOR, "h3").text
        assert "---" not in heading  # a side without an actor says so in words
    assert any("no target" in c.find_element(By.CSS_SELECTOR, "h3").text for c in contests)
    browser.save_screenshot(str(shots / "serve-contested.png"))
    assert errors(browser) == []


@pytest.mark.parametrize("view, query", [
    ("numbers", "view=numbers&disagree=true"),
    ("timeline", "view=timeline"),
    ("network", "view=network"),
    ("articles", "view=articles"),
])
def test_other_views_draw_without_console_errors(browser, server, shots, view, query):
    open_view(browser, f"{server}/?{query}", view)
    main = browser.find_element(By.ID, "main")
    assert not main.find_elements(By.CSS_SELECTOR, ".error"), main.text
    if view == "network":
        labels = [t.text for t in main.find_elements(By.CSS_SELECTOR, "#network-svg text")]
        assert "Russia" in labels and "Ukraine" in labels
    if view == "timeline":
        assert main.find_elements(By.CSS_SELECTOR, "#timeline-svg rect")
    if view == "numbers":
        assert main.find_elements(By.CSS_SELECTOR, "article.numgroup.disagree")
    browser.save_screenshot(str(shots / f"serve-{view}.png"))
    assert errors(browser) == []


def test_hostile_article_markup_never_runs(browser, server, shots):
    for url, view in [(f"/?view=article&id={HOSTILE_ID}", "article"),
                      ("/?view=articles", "articles"),
                      ("/?view=events&article_id=" + HOSTILE_ID, "events"),
                      ("/?view=contested", "contested")]:
        open_view(browser, server + url, view)
        time.sleep(0.2)
        assert pwned(browser) is None, url
        assert not browser.find_elements(By.CSS_SELECTOR, "#main script, #main img"), url
        assert errors(browser) == [], url
    open_view(browser, f"{server}/?view=article&id={HOSTILE_ID}", "article")
    assert "<script>" in browser.find_element(By.ID, "article-title").text  # shown as text
    assert HOSTILE_OUTLET in browser.find_element(By.ID, "main").text
    browser.save_screenshot(str(shots / "serve-hostile.png"))


def test_timeline_marks_the_alerts(browser, alert_server, shots):
    open_view(browser, alert_server + "/?view=timeline&dyad=RUS-UKR", "timeline")
    circles = browser.find_elements(By.CSS_SELECTOR, "#timeline-svg circle.alert")
    boxes = browser.find_elements(By.CSS_SELECTOR, ".alert-box")
    assert circles and len(circles) == len(boxes)
    assert "shelled" in boxes[0].text
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline-table tr.alert-row")
    browser.save_screenshot(str(shots / "serve-timeline-alerts.png"))
    assert errors(browser) == []


def test_a_token_server_asks_for_the_token_once(browser, token_server):
    browser.get(token_server + "/?view=events")
    deadline = time.monotonic() + 20
    while not browser.find_elements(By.CSS_SELECTOR, "input[name=token]"):
        assert time.monotonic() < deadline, "no token form"
        time.sleep(0.05)
    assert not rows(browser)
    browser.find_element(By.CSS_SELECTOR, "input[name=token]").send_keys("open-sesame")
    browser.find_element(By.CSS_SELECTOR, "#main button[type=submit]").click()
    wait_ready(browser, "events")
    deadline = time.monotonic() + 20
    while not rows(browser):
        assert time.monotonic() < deadline, "events never loaded with the token"
        time.sleep(0.05)
    assert len(rows(browser)) == 40
    browser.execute_script("sessionStorage.clear()")
