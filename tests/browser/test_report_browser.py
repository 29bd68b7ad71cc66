"""report.html in a real headless Chromium: charts drawn, script runs clean, nothing injected runs.

Chromium is driven two ways, both with nothing beyond the standard library: its own
``--dump-dom`` / ``--screenshot`` switches, and chromedriver's WebDriver HTTP API (through
urllib) for what needs a live page: typing in the filter, clicking, reading the console log
with its levels, and recording ``alert()`` calls made by anything on the page.

CI installs the browser (``apt-get install -y chromium chromium-driver``, see .ci/run and
``make browser-deps``); without it tests/conftest.py skips these tests with one line, and
fails them under CI=true.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from faultline.options import Options
from faultline.runner import analyze, bundled_examples

HERE = Path(__file__).resolve().parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
         "--window-size=1280,2400"]
# Runs before any script of the page: records dialogs instead of letting them block.
RECORD_DIALOGS = ("window.__dialogs = [];"
                  "['alert', 'confirm', 'prompt'].forEach(function (name) {"
                  "  window[name] = function (m) { window.__dialogs.push(name + ':' + m); };"
                  "});")
CHARTS = ("timeline-svg", "goldstein-svg", "network-svg")


def _tool(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists()
                                   else None)
    if found is None:
        pytest.fail(f"{name} is not installed: the report's browser test needs Debian's "
                    "chromium and chromium-driver (apt-get update && apt-get install -y "
                    "chromium chromium-driver; `make browser-deps` does it)", pytrace=False)
    return found


def _report_tests() -> Any:
    """tests/test_report.py, for its hand-built corpus with hostile titles, outlets and text."""
    spec = importlib.util.spec_from_file_location("report_corpus", HERE.parent / "test_report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REPORT_TESTS = _report_tests()


# -- Chromium on the command line --------------------------------------------------------


def run_chromium(tmp_path: Path, url: str, *switches: str) -> subprocess.CompletedProcess:
    profile = Path(tmp_path) / f"profile-{time.monotonic_ns()}"
    cmd = [_tool("chromium"), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
           "--v=0", *switches, url]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"Chromium did not finish on {url} in 90 s; a JavaScript dialog (an "
                    f"injected alert()) blocks headless Chromium: {e}")


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def dom_attrs(dom: str, tag: str) -> str:
    match = re.search(rf"<{tag}(?=[\s/>])[^>]*>", dom)
    assert match, f"no <{tag}> in the DOM"
    return match.group(0)


# -- chromedriver over HTTP --------------------------------------------------------------


class Driver:
    """The few WebDriver commands these tests need."""

    def __init__(self, tmp_path: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(Path(tmp_path) / "chromedriver.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen([_tool("chromedriver"), f"--port={self.port}"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                if self._call("GET", "/status").get("ready"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                pytest.fail("chromedriver did not start (see chromedriver.log)")
            time.sleep(0.1)
        caps = {"browserName": "chrome", "unhandledPromptBehavior": "ignore",
                "goog:loggingPrefs": {"browser": "ALL"},
                "goog:chromeOptions": {"binary": _tool("chromium"), "args": [
                    *FLAGS, f"--user-data-dir={Path(tmp_path) / 'driver-profile'}"]}}
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        if "sessionId" not in value:
            self.close()
            pytest.fail(f"chromedriver could not start Chromium: {value}")
        self.session = f"/session/{value['sessionId']}"
        self.cmd("POST", "/goog/cdp/execute", {
            "cmd": "Page.addScriptToEvaluateOnNewDocument",
            "params": {"source": RECORD_DIALOGS}})

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data,
                                     method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read())["value"]
        except urllib.error.HTTPError as e:
            return json.loads(e.read())["value"]

    def cmd(self, method: str, path: str, body: Any = None) -> Any:
        value = self._call(method, self.session + path, body)
        if isinstance(value, dict) and "error" in value:
            raise AssertionError(f"WebDriver {path}: {value['error']}: {value.get('message')}")
        return value

    def open(self, url: str) -> None:
        self.logs()  # drop what earlier pages logged
        self.cmd("POST", "/url", {"url": url})

    def js(self, script: str, *args: Any) -> Any:
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css: str) -> dict[str, str]:
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})

    def click(self, element: dict[str, str]) -> None:
        # in the middle of the window, clear of the sticky section bar
        self.js("arguments[0].scrollIntoView({block: 'center'})", element)
        self.cmd("POST", f"/element/{next(iter(element.values()))}/click", {})

    def type(self, element: dict[str, str], text: str) -> None:
        self.cmd("POST", f"/element/{next(iter(element.values()))}/value", {"text": text})

    def logs(self) -> list[dict[str, Any]]:
        return self.cmd("POST", "/se/log", {"type": "browser"})

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.cmd("GET", "/screenshot")))

    def close(self) -> None:
        try:
            if getattr(self, "session", None):
                self._call("DELETE", self.session)
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.log.close()


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    drv = Driver(tmp_path_factory.mktemp("chromedriver"))
    yield drv
    drv.close()


# -- the pages under test ----------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    """The hand-built corpus of tests/test_report.py: a contested event, numbers, hostile text."""
    path, _, _ = REPORT_TESTS.build(tmp_path_factory.mktemp("hostile"))
    return path


@pytest.fixture(scope="module")
def analyzed_report(tmp_path_factory) -> Path:
    """The whole job on the bundled examples plus one hostile JSONL record."""
    root = tmp_path_factory.mktemp("analyzed")
    record = {"id": REPORT_TESTS.HOSTILE_ID, "title": REPORT_TESTS.HOSTILE_TITLE,
              "publisher": REPORT_TESTS.HOSTILE_PUBLISHER, "published": "2022-02-17",
              "text": ("Russia threatened Ukraine again on Thursday, officials said. "
                       f"{REPORT_TESTS.SCRIPT_MARK} {REPORT_TESTS.IMG_MARK} "
                       f"{REPORT_TESTS.SCRIPT} The ministry said 150,000 troops were "
                       "near the border.")}
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = root / "out"
    summary = analyze([bundled_examples(), str(hostile)], Options(out=str(out)))
    assert summary.stored >= 9, summary.failures
    return out / "report.html"


def without_csp(page: Path, tmp_path: Path) -> Path:
    """The same page with its Content-Security-Policy removed: escaping alone must hold."""
    text = page.read_text(encoding="utf-8")
    stripped, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    assert n == 1
    out = tmp_path / "no-csp.html"
    out.write_text(stripped, encoding="utf-8")
    return out


# -- checks ------------------------------------------------------------------------------


STATE = "const CHARTS = " + json.dumps(list(CHARTS)) + """;
const svg = id => document.getElementById(id);
return {
  rendered: document.documentElement.getAttribute('data-rendered'),
  charts: document.documentElement.getAttribute('data-charts'),
  pwned: document.documentElement.getAttribute('data-pwned'),
  dialogs: window.__dialogs,
  imgs: document.images.length,
  scripts: document.scripts.length,
  svgChildren: CHARTS.map(id => svg(id) ? svg(id).childElementCount : -1),
  bars: document.querySelectorAll('#timeline-svg rect').length,
  nodes: document.querySelectorAll('#network-svg g.nd').length,
  rows: document.querySelectorAll('#events-table tbody tr').length,
  title: document.title,
};
"""


def check_page(driver: Driver, page: Path) -> dict[str, Any]:
    driver.open(page.as_uri())
    state = driver.js(STATE)
    problems = [e for e in driver.logs() if e["level"] in ("SEVERE", "WARNING")]
    assert problems == [], problems
    assert state["dialogs"] == [], state["dialogs"]
    assert state["pwned"] is None
    assert state["imgs"] == 0
    assert state["scripts"] == 2  # the JSON summary and the report's own script
    assert state["charts"] == str(len(CHARTS)) and state["rendered"] == state["charts"], state
    assert all(n > 0 for n in state["svgChildren"]), state
    assert state["title"] == "faultline report"
    return state


def test_report_renders_and_nothing_injected_runs(driver, hostile_report, tmp_path):
    state = check_page(driver, hostile_report)
    assert state["bars"] > 0 and state["nodes"] >= 3 and state["rows"] == 7
    # the hostile strings are on the page as text
    text = driver.js("return document.body.innerText")
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    check_page(driver, without_csp(hostile_report, tmp_path))


def test_filter_legend_and_evidence_links_work(driver, hostile_report):
    driver.open(hostile_report.as_uri())
    box = driver.find("#event-filter")
    driver.type(box, "negated")
    visible = driver.js("return [...document.querySelectorAll('#events-table tbody tr')]"
                        ".filter(tr => !tr.hidden).length")
    assert visible == 1
    assert "1 of 7 rows" in driver.js("return document.getElementById('event-filter-count')"
                                      ".textContent")
    driver.click(driver.find('button[data-toggle-quad="1"]'))
    assert driver.js("return document.getElementById('timeline-svg').classList"
                     ".contains('hide-q1')")
    link = driver.find("#contested a.ev")
    target = driver.js("return arguments[0].getAttribute('href')", link)
    driver.click(link)
    assert driver.js("return location.hash") == target
    assert driver.js("return document.querySelector(':target').tagName") == "LI"
    problems = [e for e in driver.logs() if e["level"] in ("SEVERE", "WARNING")]
    assert problems == [], problems


def test_whole_job_report_in_chromium(driver, analyzed_report, tmp_path):
    state = check_page(driver, analyzed_report)
    assert state["bars"] > 0 and state["rows"] > 0
    shot = tmp_path / "report.png"
    driver.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")


def test_command_line_chromium_sees_the_same(hostile_report, tmp_path):
    done = run_chromium(tmp_path, hostile_report.as_uri(), "--dump-dom")
    html_tag = dom_attrs(done.stdout, "html")
    assert f'data-rendered="{len(CHARTS)}"' in html_tag and "data-pwned" not in html_tag
    for chart in CHARTS:
        assert 'data-rendered="1"' in dom_attrs(done.stdout, f'svg id="{chart}"')
    assert "<img" not in done.stdout
    assert console_lines(done.stderr) == []
    shot = tmp_path / "report-cli.png"
    run_chromium(tmp_path, hostile_report.as_uri(), f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_the_harness_would_see_an_injection(driver, tmp_path):
    """Control: a page that does run injected code and throws is caught by the same checks."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><title>bad</title></head><body>"
                   f"{REPORT_TESTS.SCRIPT}{REPORT_TESTS.IMG_MARK}"
                   "<script>undefinedFunction();</script></body></html>", encoding="utf-8")
    driver.open(bad.as_uri())
    state = driver.js(STATE)
    assert state["dialogs"] == ["alert:1"]
    assert state["pwned"] == "img"
    assert any("Uncaught" in e["message"] for e in driver.logs() if e["level"] == "SEVERE")
    bad.write_text(bad.read_text().replace(REPORT_TESTS.SCRIPT, ""), encoding="utf-8")
    done = run_chromium(tmp_path, bad.as_uri(), "--dump-dom")
    assert 'data-pwned="img"' in dom_attrs(done.stdout, "html")
    assert any("Uncaught" in line for line in console_lines(done.stderr))
