"""Test-wide gating: what needs data or tools the repository cannot hold.

- ``eval_data``: the accuracy floors and seed tests read ``$FAULTLINE_EVAL_DIR`` (default
  ``../shared``). Mark a test ``@pytest.mark.eval_data``, or use the ``eval_dir`` /
  ``seeds_dir`` fixtures, or call ``tests.evaldata.seed_text()`` from a helper.
- ``browser``: every test under tests/browser needs Chromium and chromedriver
  (``make browser-deps``).

Absent -> skipped, with one line at the end of the run; under ``CI=true`` -> failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faultline.eval import missing_eval_data, shared_data_dir
from tests.evaldata import REASON_TAG, require_eval_data, under_ci

BROWSER_TAG = "browser tests not run"
BROWSER_DIR = Path(__file__).resolve().parent / "browser"
_counts = {"eval_skipped": 0, "eval_failed": 0, "browser_skipped": 0, "browser_failed": 0}


def _missing_browser() -> str | None:
    absent = [name for name in ("chromium", "chromedriver")
              if shutil.which(name) is None and not Path(f"/usr/bin/{name}").exists()]
    if not absent:
        return None
    return f"{BROWSER_TAG}: {' and '.join(absent)} not found; run `make browser-deps`"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "eval_data: needs the evaluation data or seeds in $FAULTLINE_EVAL_DIR")
    config.addinivalue_line("markers", "browser: needs Chromium and chromedriver")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("eval_data") is not None:
        require_eval_data()
    if item.get_closest_marker("browser") is not None:
        missing = _missing_browser()
        if missing is not None:
            if under_ci():
                pytest.fail(f"{missing} (CI=true: the browser tests are required)",
                            pytrace=False)
            pytest.skip(missing)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """../shared/eval (or $FAULTLINE_EVAL_DIR/eval); skips the test when absent."""
    from tests.evaldata import eval_dir as find
    return find()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed documents, read in place (never copied into the repo); skips when absent."""
    from tests.evaldata import seeds_dir as find
    return find()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not (report.skipped or report.failed):
        return
    text = str(report.longrepr)
    kind = "skipped" if report.skipped else "failed"
    if REASON_TAG in text:
        _counts[f"eval_{kind}"] += 1
    elif BROWSER_TAG in text:
        _counts[f"browser_{kind}"] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    write = terminalreporter.write_line
    if _counts["eval_skipped"] or _counts["eval_failed"]:
        n = _counts["eval_skipped"] + _counts["eval_failed"]
        where = missing_eval_data() or f"no evaluation data at {shared_data_dir()}"
        verdict = "failed under CI" if _counts["eval_failed"] else "skipped"
        write(f"accuracy floors not run: {where} ({_tests(n)} {verdict})")
    if _counts["browser_skipped"] or _counts["browser_failed"]:
        n = _counts["browser_skipped"] + _counts["browser_failed"]
        verdict = "failed under CI" if _counts["browser_failed"] else "skipped"
        write(f"{_missing_browser() or BROWSER_TAG} ({_tests(n)} {verdict})")


def _tests(n: int) -> str:
    return f"{n} test" if n == 1 else f"{n} tests"
