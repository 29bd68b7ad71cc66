"""A real Dask cluster on loopback: `dask scheduler` and two `dask worker` processes.

`faultline analyze --engine dask --scheduler tcp://127.0.0.1:PORT` must store exactly the rows
the local run stores and write the same outputs; a worker killed mid-run must cost nothing but
time; each worker loads the spaCy pipeline once.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from faultline.ingest import read_inputs
from faultline.model import Article
from faultline.nlp import load_count
from faultline.options import Options
from faultline.runner import analyze, bundled_examples
from faultline.store import TABLES

distributed = pytest.importorskip("distributed")

BIN = Path(sys.executable).parent
DASK = BIN / "dask"
FAULTLINE = BIN / "faultline"
START_TIMEOUT = 90  # seconds for the scheduler and workers to come up
RUN_TIMEOUT = 240  # seconds for one analyze run on the cluster
VOLATILE = {"run_id", "ingested_at", "recorded_at"}  # differ between any two runs
OUTPUTS = ("articles.jsonl", "entities.jsonl", "events.jsonl", "timexes.jsonl", "quotes.jsonl",
           "claims.jsonl", "failures.jsonl", "events.plover.json", "report.html")
COPIES = 4

pytestmark = pytest.mark.skipif(not DASK.exists(), reason=f"no dask command at {DASK}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A scheduler and named workers as child processes, always stopped on exit."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def _spawn(self, name: str, *args: str) -> None:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        self.procs[name] = subprocess.Popen([str(DASK), *args], stdout=log,
                                            stderr=subprocess.STDOUT, cwd=self.tmp)

    def start(self, workers: tuple[str, ...] = ("w1", "w2")) -> Cluster:
        self._spawn("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                    "--no-dashboard", "--no-show")
        for name in workers:
            self._spawn(name, "worker", self.address, "--name", name, "--nthreads", "1",
                        "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                        "--death-timeout", "60", "--memory-limit", "0")
        with self.client() as client:
            client.wait_for_workers(len(workers), timeout=START_TIMEOUT)
        return self

    def client(self) -> distributed.Client:
        return distributed.Client(self.address, timeout=START_TIMEOUT)

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=30)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 15
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.tmp.glob("*.log")))


@pytest.fixture
def cluster(tmp_path):
    (tmp_path / "cluster").mkdir()
    running = Cluster(tmp_path / "cluster")
    try:
        yield running.start()
    finally:
        running.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled articles, each four times with its paragraphs rotated: 32 distinct texts."""
    articles = [a for a in read_inputs([bundled_examples()], Options()) if isinstance(a, Article)]
    lines = []
    for copy in range(COPIES):
        for a in articles:
            paras = a.text.split("\n\n")
            k = copy % len(paras)
            lines.append(json.dumps({"id": f"{a.id}-{copy}",
                                     "text": "\n\n".join(paras[k:] + paras[:k]),
                                     "published": a.published, "publisher": a.publisher,
                                     "title": a.title, "url": a.url}))
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    summary = analyze([str(corpus)], Options(out=str(out), batch_size=2, progress=False))
    assert summary.stored == COPIES * 8 and not summary.failed
    return out


def _run_on_cluster(cluster: Cluster, corpus: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(FAULTLINE), "analyze", str(corpus), "--out", str(out), "--engine", "dask",
         "--scheduler", cluster.address, "--batch-size", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _finish(proc: subprocess.Popen[str], cluster: Cluster) -> str:
    try:
        output, _ = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
        pytest.fail(f"analyze on the cluster did not finish:\n{output}\n{cluster.logs()}")
    assert proc.returncode == 0, f"{output}\n{cluster.logs()}"
    return output


def _table_rows(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {}
        for table in TABLES:
            if table == "runs":
                continue
            cursor = con.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in VOLATILE]
            tables[table] = sorted((tuple(row[i] for i in keep) for row in cursor.fetchall()),
                                   key=repr)
        return tables


def _events_csv(path: Path) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    added = rows[0].index("DATEADDED")  # the ingest time: differs between any two runs
    return [row[:added] + row[added + 1:] for row in rows]


def _assert_same_as_local(local: Path, dask_out: Path) -> None:
    mine = _table_rows(local / "faultline.duckdb")
    theirs = _table_rows(dask_out / "faultline.duckdb")
    assert mine.keys() == theirs.keys()
    assert len(theirs["articles"]) == COPIES * 8
    assert len({row[0] for row in theirs["articles"]}) == COPIES * 8  # no article twice
    for table in mine:
        assert theirs[table] == mine[table], f"table {table} differs"
    for name in OUTPUTS:
        assert (dask_out / name).read_bytes() == (local / name).read_bytes(), name
    assert _events_csv(dask_out / "events.csv") == _events_csv(local / "events.csv")


def test_dask_cluster_run_equals_local_run_row_for_row(cluster, corpus, local_run, tmp_path):
    out = tmp_path / "dask"
    output = _finish(_run_on_cluster(cluster, corpus, out), cluster)
    assert f"stored: {COPIES * 8}" in output
    _assert_same_as_local(local_run, out)
    with cluster.client() as client:
        loads = client.run(load_count)
        assert sorted(loads.values()) == [1, 1], loads  # the model loaded once per worker
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2


def test_dask_worker_killed_mid_run_loses_and_doubles_nothing(cluster, corpus, local_run,
                                                             tmp_path):
    out = tmp_path / "dask"
    proc = _run_on_cluster(cluster, corpus, out)
    with cluster.client() as client:
        # Kill w2 the first time the scheduler has a batch on it: the batch is running there
        # or waiting there, so its result is lost either way. (Waiting for w2 to stay busy a
        # while failed on a fast machine, where each batch takes under a second.)
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            names = {addr: w.get("name") for addr, w in client.scheduler_info()["workers"].items()}
            if any(keys and names.get(addr) == "w2" for addr, keys in client.processing().items()):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before a worker could be killed mid-run"
        victim = "w2"
        cluster.kill(victim)
        output = _finish(proc, cluster)
        assert len(client.scheduler_info()["workers"]) == 1
    assert f"stored: {COPIES * 8}" in output
    _assert_same_as_local(local_run, out)
