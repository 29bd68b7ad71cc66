"""A whole run: outputs of the contract, idempotent re-runs, bad inputs, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from faultline.errors import OutputError, UsageError
from faultline.options import Options
from faultline.runner import analyze

CONTRACT_FILES = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "claims.jsonl",
                  "timexes.jsonl", "failures.jsonl", "entities.jsonl")

FAST = ("entities",)


def _opts(tmp_path: Path, **kw) -> Options:
    base = Options(out=str(tmp_path / "out"), stages=FAST, report=False, progress=False)
    return base.replace(**kw)


def _write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i:03d}.jsonl"
        p.write_text(json.dumps({
            "id": f"art-{i}", "published": "2022-02-15", "publisher": "Test Wire",
            "text": f"Report {i}. NATO said on Tuesday that Russia had moved {i + 2} "
                    f"battalions toward Ukraine. Moscow denied it. " * 20}) + "\n")
        paths.append(p)
    return paths


def test_analyze_writes_contract_and_is_idempotent(tmp_path):
    _write_articles(tmp_path / "in", 3)
    first = analyze([str(tmp_path / "in")], _opts(tmp_path))
    assert (first.read, first.stored, first.failed) == (3, 3, 0)
    out = tmp_path / "out"
    for name in CONTRACT_FILES:
        assert (out / name).exists(), name
    rows = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in rows) == ["art-0", "art-1", "art-2"]
    entity = json.loads((out / "entities.jsonl").read_text().splitlines()[0])
    con = duckdb.connect(str(out / "faultline.duckdb"), read_only=True)
    text = con.execute("SELECT text FROM articles WHERE id = ?",
                       [entity["article_id"]]).fetchone()[0]
    con.close()
    assert text[entity["start"]:entity["end"]] == entity["text"]

    again = analyze([str(tmp_path / "in")], _opts(tmp_path))
    assert (again.read, again.stored, again.duplicates) == (3, 0, 3)


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path):
    folder = tmp_path / "in"
    _write_articles(folder, 2)
    (folder / "empty.txt").write_text("")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "mixed.jsonl").write_text(
        json.dumps({"text": "NATO met Russia in Brussels on January 12, 2022."}) + "\n"
        + "{not json\n" + json.dumps({"title": "no text here"}) + "\n")
    summary = analyze([str(folder)], _opts(tmp_path))
    assert summary.stored == 3
    reasons = {(Path(f.source).name, f.line) for f in summary.failures}
    assert ("empty.txt", None) in reasons
    assert ("picture.txt", None) in reasons
    assert any(name.startswith("mixed.jsonl") and line == 2 for name, line in reasons)
    assert any(name.startswith("mixed.jsonl") and line == 3 for name, line in reasons)
    failures = (tmp_path / "out" / "failures.jsonl").read_text().splitlines()
    assert len(failures) == summary.failed == 4


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        analyze([str(tmp_path / "nope.txt")], _opts(tmp_path))


def test_unwritable_output_folder_is_clear(tmp_path):
    _write_articles(tmp_path / "in", 1)
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    with pytest.raises(OutputError, match="cannot write to output folder"):
        analyze([str(tmp_path / "in")], _opts(tmp_path, out=str(blocker / "out")))


def test_kill_mid_run_keeps_whole_articles_and_rerun_completes(tmp_path):
    """SIGKILL during a run: the database opens, holds only whole articles; a re-run
    stores the rest without duplicates."""
    _write_articles(tmp_path / "in", 40)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "faultline.cli", "analyze", str(tmp_path / "in"),
           "--out", str(out), "--batch-size", "1", "--stages", "entities", "--no-report"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env,
                            text=True)
    assert proc.stderr is not None
    deadline = time.time() + 120
    line = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        if "stored" in line or not line:
            break
    assert "stored" in line, "the run never reported progress"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    con = duckdb.connect(str(out / "faultline.duckdb"))
    n_stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    per_article = con.execute(
        "SELECT a.id, count(e.article_id) FROM articles a LEFT JOIN entities e "
        "ON e.article_id = a.id GROUP BY a.id").fetchall()
    con.close()
    assert 1 <= n_stored < 40
    assert all(n > 0 for _, n in per_article), "an article was stored without its entities"

    summary = analyze([str(tmp_path / "in")], _opts(tmp_path))
    assert summary.duplicates == n_stored
    assert summary.stored == 40 - n_stored
    con = duckdb.connect(str(out / "faultline.duckdb"), read_only=True)
    total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    con.close()
    assert total == distinct == 40


def test_dask_engine_runs_the_same_batches(tmp_path):
    _write_articles(tmp_path / "in", 4)
    summary = analyze([str(tmp_path / "in")],
                      _opts(tmp_path, engine="dask", workers=1, batch_size=2))
    assert (summary.stored, summary.failed) == (4, 0)
    lines = (tmp_path / "out" / "entities.jsonl").read_text().splitlines()
    assert len(lines) > 0


def test_outputs_carry_offsets_into_the_source_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = ("Moscow Talks End Without Deal\r\n\r\nAnna Berg\r\nJanuary 13, 2022\r\n\r\n"
           "Russia and NATO held talks in Brussels on Wednesday.\r\n\r\n"
           "NATO Secretary General Jens Stoltenberg said the allies were ready to talk.\r\n")
    (folder / "a.txt").write_bytes(raw.encode("utf-8"))
    analyze([str(folder)], _opts(tmp_path))
    rows = [json.loads(x) for x in
            (tmp_path / "out" / "entities.jsonl").read_text().splitlines()]
    assert rows
    for row in rows:
        assert raw[row["orig_start"]:row["orig_end"]] == row["text"]
