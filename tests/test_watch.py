"""`faultline watch` on a folder that receives files while it runs, stopped with Ctrl-C."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from faultline import watch as watch_module
from faultline.analysis import alerts as find_alerts
from faultline.analysis import dyad_days
from faultline.options import Options
from faultline.runner import bundled_examples
from faultline.store import Store
from faultline.watch import WatchState, changed_files

FAULTLINE = Path(sys.executable).parent / "faultline"
WAIT = 120  # seconds to wait for any one expected line


class Lines:
    """The watcher's stdout, line by line, read in a thread so a wait can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(proc,), daemon=True).start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, prefix: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r}; got:\n" + "\n".join(self.seen))

    def rest(self) -> list[str]:
        while (line := self._queue.get(timeout=WAIT)) is not None:
            self.seen.append(line)
        return self.seen


def _drop(src: Path, folder: Path) -> None:
    """Write a file the way a downloader should: a hidden temporary name, then a rename."""
    tmp = folder / f".{src.name}.part"
    shutil.copyfile(src, tmp)
    os.replace(tmp, folder / src.name)


def test_watch_follows_a_folder_and_stops_cleanly_on_ctrl_c(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    examples = sorted(p for p in Path(bundled_examples()).iterdir() if p.suffix != ".md")
    first, later = examples[:3], examples[3:]
    proc = subprocess.Popen(
        [str(FAULTLINE), "watch", str(inbox), "--out", str(out), "--interval", "0.5",
         "--settle", "0.2", "--no-report"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = Lines(proc)
        lines.wait_for("watching 1 source(s)")
        for path in first:
            _drop(path, inbox)
        assert lines.wait_for("cycle ").split(": ")[1].startswith("3 new article(s)")
        for path in later:
            _drop(path, inbox)
        line = lines.wait_for("cycle ")
        n_later = 8 - 3
        assert f": {n_later} new article(s)" in line, line
        # the same content again under a new modification time: read, found stored, not parsed
        os.utime(inbox / first[0].name)
        assert lines.wait_for("cycle ").endswith(": nothing new (1 already stored, 0 failed)")
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=WAIT)
        seen = lines.rest()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert rc == 0, "\n".join(seen)
    assert seen[-1].startswith("stopped after") and "8 article(s) stored" in seen[-1]
    assert sum(" new article(s) stored" in line for line in seen) == 2
    contested = [line for line in seen if line.startswith("contested: ")]
    alerts = [line for line in seen if line.startswith("escalation alert: ")]
    assert contested and len(set(contested)) == len(contested), seen  # each printed once
    assert len(set(alerts)) == len(alerts), seen
    with duckdb.connect(str(out / "faultline.duckdb"), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
        runs = con.execute("SELECT n_stored, n_duplicates, status FROM runs ORDER BY id"
                           ).fetchall()
        clusters = con.execute("SELECT source, target, date_start FROM event_clusters "
                               "WHERE contested").fetchall()
    assert len(ids) == len(set(ids)) == 8
    assert [r[0] for r in runs] == [3, n_later, 0]
    assert runs[-1][1] == 1 and all(r[2] == "ok" for r in runs)
    for source, target, day in clusters:  # every contested event of the store was printed
        assert any(f"{source} -> {target}" in line and str(day) in line for line in contested)
    with Store.open(out / "faultline.duckdb", read_only=True) as store:
        assert len(alerts) == len(find_alerts(dyad_days(store)))


def test_news_prints_each_contested_event_and_alert_once(monkeypatch):
    shown = {"contested": [(("RUS", "UKR", "19", "2022-02-15"), "contested: RUS -> UKR ...")],
             "alerts": [(("RUS-UKR", "2022-02-16"), "escalation alert: RUS-UKR 2022-02-16")]}
    monkeypatch.setattr(watch_module, "_current",
                        lambda options: (shown["contested"], shown["alerts"]))
    state = WatchState()
    assert watch_module.news(Options(), state) == ["contested: RUS -> UKR ...",
                                                   "escalation alert: RUS-UKR 2022-02-16"]
    assert watch_module.news(Options(), state) == []
    shown["alerts"].append((("USA-RUS", "2022-02-17"), "escalation alert: USA-RUS 2022-02-17"))
    assert watch_module.news(Options(), state) == ["escalation alert: USA-RUS 2022-02-17"]


def test_changed_files_waits_for_a_file_to_settle_and_skips_known_versions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks resumed in the capital on Friday after a week of delays.\n")
    state = WatchState()
    now = time.time()
    assert changed_files([str(tmp_path)], state, settle=5.0, now=now) == []  # still fresh
    assert changed_files([str(tmp_path)], state, settle=5.0, now=now + 10) == [str(path)]
    info = path.stat()
    state.files[str(path)] = (info.st_size, info.st_mtime_ns)
    assert changed_files([str(tmp_path)], state, settle=0.0, now=now + 10) == []
    assert changed_files([str(tmp_path / "not-yet")], state, settle=0.0) == []


def test_watch_follows_a_feed_url_and_adds_only_new_items(tmp_path):
    from tests.ingest.test_readers import _Site

    def feed(items):
        body = "".join(
            f"<item><title>Item {n}</title><link>{{base}}/item{n}</link>"
            f"<pubDate>Mon, 2{n} Feb 2022 09:00:00 GMT</pubDate>"
            f"<description>{text}</description></item>" for n, text in items)
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title>'
                + body + "</channel></rss>")

    first = [(1, "Border guards reported on Monday that two fishing boats were stopped.")]
    second = first + [(2, "Officials said on Tuesday that the two boats had been released.")]
    lines: list[str] = []
    with _Site({}) as site:
        site.pages["/feed"] = ("application/rss+xml", feed(first).replace("{base}", site.base))

        def echo(line: str) -> None:
            lines.append(line)
            if line.startswith("cycle 1:"):  # the feed gains an item before the next look
                site.pages["/feed"] = ("application/rss+xml",
                                       feed(second).replace("{base}", site.base))

        state = watch_module.watch([f"{site.base}/feed"],
                                   Options(out=str(tmp_path / "out"), report=False,
                                           fetch_links=False, progress=False),
                                   interval=0.1, max_cycles=3, echo=echo)
        assert site.hits.count("/feed") == 3
    assert state.stored == 2
    assert [line.split(":")[0] for line in lines if line.startswith("cycle")] == [
        "cycle 1", "cycle 2"]  # the third look found nothing new and printed nothing
    with Store.open(tmp_path / "out" / "faultline.duckdb", read_only=True) as store:
        urls = sorted(r["url"] for r in store.rows("SELECT url FROM articles"))
    assert urls == [f"{site.base}/item1", f"{site.base}/item2"]
