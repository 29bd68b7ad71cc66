"""What a new user meets first: progress, folders with nothing usable, pipes, small CLI slips."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from faultline.cli import build_parser, main
from faultline.ingest.sources import count_inputs
from faultline.progress import Progress

REPO = Path(__file__).resolve().parents[1]
FAST = ["--stages", "entities", "--no-report"]


class _Summary:
    def __init__(self, read: int, failed: int = 0, stored: int | None = None) -> None:
        self.read, self.failed = read, failed
        self.stored = read if stored is None else stored


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def _article(folder: Path, name: str = "a.txt") -> Path:
    path = folder / name
    path.write_text("Russia said on Tuesday that some troops would return to their bases.\n",
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- progress


def test_a_known_total_gives_a_bar_with_percentage_and_eta() -> None:
    clock, stream = _Clock(), _Stream(tty=True)
    progress = Progress(stream, total=200, clock=clock)
    clock.now += 10
    progress(_Summary(read=45, failed=5))
    text = stream.getvalue()
    assert text.startswith("\r\033[K[")
    assert " 25% 50/200 articles" in text
    assert "5.0/s" in text and "ETA 0:30" in text  # 150 left at 5 a second
    assert "words/s" not in text  # the one words/s figure is the summary's
    progress.done()
    assert stream.getvalue().endswith("\r\033[K")  # the bar is cleared before the summary


def test_an_unknown_total_gives_a_count_and_rate() -> None:
    clock, stream = _Clock(), _Stream(tty=True)
    progress = Progress(stream, total=None, clock=clock)
    clock.now += 4
    progress(_Summary(read=8))
    assert "8 articles, stored 8, failed 0, 2.0 articles/s, 0:04 elapsed" in stream.getvalue()
    assert "%" not in stream.getvalue()


def test_the_bar_never_claims_done_early_when_the_count_was_low() -> None:
    clock = _Clock()
    progress = Progress(_Stream(tty=True), total=10, clock=clock)
    clock.now += 1
    assert " 99% 12/12 articles" not in progress.line(_Summary(read=12))
    assert "100% 12/12 articles" in progress.line(_Summary(read=12))
    assert " 90% 9/10" in progress.line(_Summary(read=9))


def test_not_a_terminal_gives_plain_lines_every_few_seconds() -> None:
    clock, stream = _Clock(), _Stream(tty=False)
    progress = Progress(stream, total=100, clock=clock)
    for step in range(12):  # a batch a second for 12 s: lines at 0, 5 and 10 s
        clock.now += 1
        progress(_Summary(read=step + 1))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3 and all("\r" not in line for line in lines)
    assert lines[0].endswith("ETA 1:39")
    progress.done()
    assert len(stream.getvalue().splitlines()) == 3


def test_inputs_are_counted_up_front(tmp_path: Path) -> None:
    _article(tmp_path, "one.txt")
    _article(tmp_path, "two.html")
    (tmp_path / "records.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n{"id": 3}\n',
                                            encoding="utf-8")
    (tmp_path / "many.json").write_text('[{"id": 4}, {"id": 5}]', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"id": 6}', encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == 8
    assert count_inputs([str(tmp_path / "one.txt"), str(tmp_path)]) == 8  # each file once
    assert count_inputs(["-"]) is None
    assert count_inputs([str(tmp_path)], limit_bytes=10) is None
    with gzip.open(tmp_path / "more.jsonl.gz", "wt") as fh:
        fh.write('{"id": 7}\n')
    assert count_inputs([str(tmp_path)]) is None


# ---------------------------------------------------------------- nothing to analyse


def test_an_empty_folder_is_nothing_to_analyse(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code = main(["analyze", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), *FAST])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip().splitlines() == [
        f"faultline: nothing to analyse in {tmp_path / 'empty'}: no articles"]


def test_a_folder_of_unsupported_files_lists_them_as_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)))
    (folder / "photos.tar.gz").write_bytes(b"\x1f\x8b")
    code = main(["analyze", str(folder), "--out", str(tmp_path / "out"), *FAST])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "nothing to analyse" in err[0] and "3 file(s) skipped" in err[0]
    rows = [json.loads(line) for line in
            (tmp_path / "out" / "failures.jsonl").read_text("utf-8").splitlines()]
    assert [(Path(r["source"]).name, r["stage"], r["reason"]) for r in rows] == [
        ("blob.bin", "skipped", "not an article format (.bin)"),
        ("notes.md", "skipped", "not an article format (.md)"),
        ("photos.tar.gz", "skipped", "not an article format (.tar.gz)"),
    ]


def test_skipped_files_beside_articles_do_not_fail_the_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    _article(folder)
    (folder / "README.md").write_text("about these articles", encoding="utf-8")
    code = main(["analyze", str(folder), "--out", str(tmp_path / "out"), *FAST])
    out = capsys.readouterr().out
    assert code == 0
    assert "stored: 1" in out and "failed: 0" in out
    assert "skipped (not article files): 1 (README.md), listed in failures.jsonl" in out
    rows = [json.loads(line) for line in
            (tmp_path / "out" / "failures.jsonl").read_text("utf-8").splitlines()]
    assert [(Path(r["source"]).name, r["stage"]) for r in rows] == [("README.md", "skipped")]


def test_an_unlistable_subfolder_is_skipped_with_its_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from faultline.ingest import sources
    from faultline.model import Failure

    folder = tmp_path / "f"
    (folder / "locked").mkdir(parents=True)
    _article(folder)
    real_walk = os.walk

    def walk(top: str, onerror: object = None, **kw: object) -> object:
        for root, dirs, files in real_walk(top, **kw):  # type: ignore[call-overload]
            if Path(root).name == "locked":
                onerror(PermissionError(13, "Permission denied", root))  # type: ignore[operator]
                continue
            yield root, dirs, files

    monkeypatch.setattr(sources.os, "walk", walk)
    skipped: list[Failure] = []
    assert [Path(p).name for p in sources.walk_folder(str(folder), skipped)] == ["a.txt"]
    assert [(Path(f.source).name, f.stage, f.reason) for f in skipped] == [
        ("locked", "skipped", "cannot list folder: Permission denied")]


# ---------------------------------------------------------------------------- pipes


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("db")
    _article(folder)
    assert main(["analyze", str(folder / "a.txt"), "--out", str(folder / "out"), *FAST]) == 0
    return folder / "out" / "faultline.duckdb"


@pytest.mark.parametrize("argv", [["timeline"], ["stats"]])
def test_a_closed_pipe_ends_quietly(database: Path, argv: list[str]) -> None:
    child = subprocess.Popen([sys.executable, "-m", "faultline.cli", *argv, str(database)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before anything is written (`| head -0`)
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141
    assert err == ""


# ---------------------------------------------------------------- small CLI slips


def test_timeline_names_an_unknown_actor_code(database: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(database), "--dyad", "RUS-FOO"]) == 2
    assert "unknown actor code 'FOO'" in capsys.readouterr().err
    assert main(["timeline", str(database), "--dyad", "FOO"]) == 2
    assert "SOURCE-TARGET" in capsys.readouterr().err
    assert main(["timeline", str(database), "--dyad", "rus-ukr"]) == 0
    assert capsys.readouterr().out.strip() == "no dated asserted events for RUS-UKR"


def test_eval_without_a_scorer_says_what_it_needs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval"]) == 2
    err = capsys.readouterr().err
    assert "events|time|quotes" in err and "rest" not in err


def test_stats_on_a_file_that_is_not_a_database_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(REPO / "README.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "is not a faultline database" in err


def test_help_states_the_defaults() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    analyze = commands["analyze"].format_help()
    assert "(default: 32)" in analyze and "(default: 5,000,000)" in " ".join(analyze.split())
    export = " ".join(commands["export"].format_help().split())
    assert "(default: export)" in export
    for name in ("export", "stats", "timeline", "report"):
        text = " ".join(commands[name].format_help().split())
        assert "database the database `faultline analyze` wrote (default: " \
               "out/faultline.duckdb)" in text, name


def test_export_folder_is_ignored_by_git() -> None:
    assert "export/" in (REPO / ".gitignore").read_text("utf-8").splitlines()


def test_the_license_is_an_spdx_string() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])
