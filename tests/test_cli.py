"""The CLI: exit codes, the summary, commands documented in README."""

from __future__ import annotations

import json
import re
from pathlib import Path

from faultline.cli import build_parser, main

README = Path(__file__).resolve().parents[1] / "README.md"


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x1", "published": "2022-02-16", "text":
                               "Russia said on Tuesday that some troops would return to "
                               "their bases. NATO said it saw no sign of a pull-back."}) + "\n")
    return path


def test_analyze_prints_summary_and_exits_zero(tmp_path, capsys):
    code = main(["analyze", str(_input(tmp_path)), "--out", str(tmp_path / "out"),
                 "--stages", "entities", "--no-report"])
    out = capsys.readouterr().out
    assert code == 0
    assert "articles read: 1" in out and "stored: 1" in out
    assert re.search(r"words/s: [\d,]+", out)


def test_some_failed_inputs_exit_one(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    code = main(["analyze", str(_input(tmp_path)), str(empty), "--out", str(tmp_path / "o"),
                 "--stages", "entities", "--no-report"])
    out = capsys.readouterr().out
    assert code == 1
    assert "failed: " in out and "empty.txt" in out


def test_missing_path_exits_two(tmp_path, capsys):
    code = main(["analyze", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert "missing.txt" in err and len(err.strip().splitlines()) == 1


def test_bad_flag_exits_two(capsys):
    assert main(["analyze", "--workers", "many"]) == 2


def test_export_and_stats(tmp_path, capsys):
    main(["analyze", str(_input(tmp_path)), "--out", str(tmp_path / "out"),
          "--stages", "entities", "--no-report"])
    db = str(tmp_path / "out" / "faultline.duckdb")
    for fmt in ("csv", "parquet", "jsonl"):
        assert main(["export", db, "--format", fmt, "--out", str(tmp_path / fmt)]) == 0
        assert (tmp_path / fmt / f"articles.{fmt}").stat().st_size > 0
    assert main(["export", db, "--format", "xml", "--out", str(tmp_path / "x")]) == 2
    capsys.readouterr()
    assert main(["stats", db]) == 0
    assert "articles" in capsys.readouterr().out


def test_every_command_is_documented_in_readme():
    readme = README.read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"faultline {name}" in readme, f"`faultline {name}` is not in README.md"


def test_timeline_report_and_event_exports(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "t1", "published": "2022-02-16", "publisher": "Wire",
                                "text": "Russian forces shelled Ukrainian positions near "
                                        "Donetsk on Tuesday. Ukraine condemned Russia."}) + "\n")
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--no-report"]) == 0
    db = str(tmp_path / "out" / "faultline.duckdb")
    capsys.readouterr()
    assert main(["timeline", db]) == 0
    assert "RUS-UKR" in capsys.readouterr().out
    assert main(["report", db]) == 0
    assert "report:" in capsys.readouterr().out
    assert "<svg" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert main(["export", db, "--format", "gdelt", "--out", str(tmp_path / "g")]) == 0
    header = (tmp_path / "g" / "events.gdelt.csv").read_text().splitlines()[0].split(",")
    assert header[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"] and len(header) >= 61
    assert main(["export", db, "--format", "plover", "--out", str(tmp_path / "p")]) == 0
    records = json.loads((tmp_path / "p" / "events.plover.json").read_text())
    assert records and all("event" in r and "text" in r for r in records)


def test_commands_on_a_missing_database_exit_two_and_create_nothing(tmp_path, capsys):
    missing = tmp_path / "nope.duckdb"
    for argv in (["stats", str(missing)], ["timeline", str(missing)],
                 ["report", str(missing)], ["export", str(missing), "--out", str(tmp_path)]):
        assert main(argv) == 2
        assert "no database at" in capsys.readouterr().err
    assert not missing.exists()
