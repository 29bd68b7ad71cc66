"""Where the evaluation data is looked for, and what happens to tests that need it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from faultline.eval import (
    missing_eval_data,
    shared_data_dir,
    shared_eval_dir,
    shared_seeds_dir,
)
from tests.evaldata import under_ci

REPO = Path(__file__).resolve().parents[1]


def _shared(tmp_path: Path) -> Path:
    (tmp_path / "eval").mkdir()
    (tmp_path / "seeds").mkdir()
    return tmp_path


def test_the_setting_names_the_folder_with_eval_and_seeds(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _shared(tmp_path)
    monkeypatch.setenv("FAULTLINE_EVAL_DIR", str(root))
    assert shared_data_dir() == root
    assert shared_eval_dir() == root / "eval"
    assert shared_seeds_dir() == root / "seeds"
    assert missing_eval_data() is None


def test_the_setting_may_name_the_eval_folder_itself(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _shared(tmp_path)
    monkeypatch.setenv("FAULTLINE_EVAL_DIR", str(root / "eval"))
    assert shared_eval_dir() == root / "eval"
    assert shared_seeds_dir() == root / "seeds"


def test_default_is_shared_beside_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAULTLINE_EVAL_DIR", raising=False)
    assert shared_data_dir() == (REPO.parent / "shared").resolve()


def test_missing_data_is_named_with_the_setting(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAULTLINE_EVAL_DIR", str(tmp_path / "absent"))
    assert missing_eval_data() == (f"no evaluation data at {tmp_path / 'absent'}; "
                                   "set FAULTLINE_EVAL_DIR")
    (tmp_path / "eval").mkdir()
    monkeypatch.setenv("FAULTLINE_EVAL_DIR", str(tmp_path))
    assert missing_eval_data() == f"no evaluation data at {tmp_path / 'seeds'}; " \
                                  "set FAULTLINE_EVAL_DIR"


@pytest.mark.parametrize(("value", "expected"),
                         [("true", True), ("1", True), ("TRUE", True), ("", False),
                          ("false", False), ("0", False)])
def test_ci_flag(value: str, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", value)
    assert under_ci() is expected


def _run_gated_tests(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    """A tiny suite run with this repo's conftest as a plugin, the data pointed at nothing."""
    probe = tmp_path / "test_probe.py"
    probe.write_text(textwrap.dedent("""
        import pytest
        from tests.evaldata import seed_text

        @pytest.mark.eval_data
        def test_marked():
            raise AssertionError("must not run without data")

        def test_helper():
            seed_text("000")

        def test_fixture(eval_dir):
            raise AssertionError("must not run without data")

        def test_plain():
            assert True
    """), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "FAULTLINE_EVAL_DIR": str(tmp_path / "absent"), "CI": ci,
           "HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(tmp_path), str(probe)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_without_data_the_tests_skip_with_one_line(tmp_path: Path) -> None:
    done = _run_gated_tests(tmp_path, ci="")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 3 skipped" in done.stdout
    lines = [line for line in done.stdout.splitlines() if "accuracy floors not run" in line]
    assert lines == [f"accuracy floors not run: no evaluation data at {tmp_path / 'absent'}; "
                     "set FAULTLINE_EVAL_DIR (3 tests skipped)"]


def test_under_ci_missing_data_fails(tmp_path: Path) -> None:
    done = _run_gated_tests(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "(3 tests failed under CI)" in done.stdout


def _run_browser_probe(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    """A browser-marked test with Chromium made to look absent."""
    (tmp_path / "conftest.py").write_text(textwrap.dedent("""
        import tests.conftest as gating
        gating._missing_browser = lambda: (
            "browser tests not run: chromium and chromedriver not found; "
            "run `make browser-deps`")
    """), encoding="utf-8")
    probe = tmp_path / "test_probe.py"
    probe.write_text(textwrap.dedent("""
        import pytest

        @pytest.mark.browser
        def test_needs_chromium():
            raise AssertionError("must not run without Chromium")

        def test_plain():
            assert True
    """), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "CI": ci, "HOME": str(tmp_path), "PYTHONPATH": str(REPO),
           "FAULTLINE_EVAL_DIR": str(tmp_path / "absent")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--rootdir", str(tmp_path), str(probe)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_without_chromium_the_browser_tests_skip_with_one_line(tmp_path: Path) -> None:
    done = _run_browser_probe(tmp_path, ci="")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout
    lines = [line for line in done.stdout.splitlines() if "browser tests not run" in line]
    assert lines == ["browser tests not run: chromium and chromedriver not found; run "
                     "`make browser-deps` (1 test skipped)"]


def test_under_ci_a_missing_chromium_fails(tmp_path: Path) -> None:
    done = _run_browser_probe(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "(1 test failed under CI)" in done.stdout


def test_make_test_installs_nothing() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert "browser-deps" not in test_rule
    assert "make browser-deps" in (REPO / ".ci" / "run").read_text("utf-8")
