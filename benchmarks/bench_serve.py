"""Load test of `faultline serve` on 127.0.0.1: mixed list endpoints, N concurrent clients.

    python benchmarks/bench_serve.py [--events 10000] [--requests 2000] [--clients 8]
        [--keep FOLDER] [--store FILE.duckdb] [--no-job]

Builds a store of at least --events event mentions: the bundled examples analyzed once,
then their stored rows copied under new article ids with dates moved by a few days per copy
(so the timeline and clusters have work to do), then linked. Starts `faultline serve` in a
subprocess, sends --requests GETs over mixed endpoints from --clients threads, and while
they run queues a `POST /api/analyze` job (so reads are measured while the writer writes).
Parameters (pages, dyads, roots, words, speakers, outlets) are drawn from the store, so most
requests are different queries. Prints p50/p95/max latency per endpoint, for the list
endpoints together and overall, errors, the requests made while the job ran, the load
average at start and end, and the server's CPU time per request: over the load test (the
job's work included) and per endpoint, asked one at a time afterwards (on a shared machine
the latency depends on the load; the CPU time much less).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from faultline.link import link_all, link_rows
from faultline.options import Options
from faultline.runner import analyze, bundled_examples
from faultline.store import ANNOTATION_TABLES, Store

LISTS = ("events", "events dyad", "events root+q", "events deep page", "articles", "contested",
         "clusters", "quotes", "numbers", "timeline", "alerts")


class Plan:
    """Request paths with their parameters drawn from what the store holds, so the server
    answers many different queries (one URL repeated would measure only a cache)."""

    def __init__(self, db: Path, rng: random.Random) -> None:
        store = Store.open(db, read_only=True)
        try:
            self.n_events = store.counts()["events"]
            self.n_articles = store.counts()["articles"]
            key = ("CASE WHEN starts_with({0}, 'IGO') THEN {0} ELSE substr({0}, 1, 3) END")
            self.dyads = [f"{r['s']}-{r['t']}" for r in store.rows(
                f"SELECT {key.format('source_code')} AS s, {key.format('target_code')} AS t, "
                "count(*) AS n FROM events WHERE source_code NOT IN ('', '---') AND "
                "target_code NOT IN ('', '---') GROUP BY s, t "
                "HAVING s <> t AND '---' NOT IN (s, t) "
                "ORDER BY n DESC, s, t LIMIT 12")] or ["RUS-UKR"]
            self.roots = [r["root"] for r in store.rows(
                "SELECT root, count(*) AS n FROM events WHERE root <> '' GROUP BY root "
                "ORDER BY n DESC, root LIMIT 8")] or ["13"]
            self.speakers = sorted({str(r["speaker_name"]).split()[-1].lower() for r in store.rows(
                "SELECT speaker_name, count(*) AS n FROM quotes WHERE speaker_name <> '' "
                "GROUP BY speaker_name ORDER BY n DESC, speaker_name LIMIT 10")}) or ["putin"]
            self.outlets = [r["publisher"] for r in store.rows(
                "SELECT publisher, count(*) AS n FROM articles WHERE publisher <> '' "
                "GROUP BY publisher ORDER BY n DESC, publisher LIMIT 8")]
        finally:
            store.close()
        self.rng = rng
        self.words = ["troops", "sanctions", "talks", "border", "said", "forces", "attack"]

    def page(self, n: int, size: int, lo: int = 0) -> int:
        return self.rng.randrange(lo, max(lo + 1, n), size) if n > lo else 0

    def paths(self) -> dict[str, Callable[[], str]]:
        c = self.rng.choice
        return {
            "events": lambda: f"/api/events?limit=50&offset={self.page(1000, 50)}",
            "events dyad": lambda: f"/api/events?dyad={c(self.dyads)}&limit=50",
            "events root+q": lambda: f"/api/events?root={c(self.roots)}&q={c(self.words)}"
                                     "&limit=50",
            "events deep page": lambda: "/api/events?limit=50&offset="
                                        f"{self.page(self.n_events, 50, 1000)}",
            "articles": lambda: f"/api/articles?limit=50&offset={self.page(self.n_articles, 50)}"
                                + (f"&outlet={c(self.outlets)}" if self.outlets and
                                   self.rng.random() < .3 else ""),
            "contested": lambda: f"/api/contested?limit=10&offset={c((0, 0, 10))}",
            "clusters": lambda: c(("/api/clusters?limit=50", "/api/clusters?limit=50&offset=50",
                                   "/api/clusters?contested=true&limit=20",
                                   f"/api/clusters?dyad={c(self.dyads)}&limit=20")),
            "quotes": lambda: f"/api/quotes?speaker={c(self.speakers)}&limit=50",
            "numbers": lambda: f"/api/numbers?limit=20&offset={c((0, 0, 20))}",
            "timeline": lambda: f"/api/timeline?dyad={c(self.dyads)}",
            "alerts": lambda: c(("/api/alerts?limit=20", f"/api/alerts?dyad={c(self.dyads)}")),
            "network": lambda: "/api/network",
            "stats": lambda: "/api/stats",
        }


def build(folder: Path, want_events: int) -> Path:
    summary = analyze([bundled_examples()], Options(out=str(folder), report=False))
    store = Store.open(summary.database)
    try:
        base = store.counts()["events"]
        copies = max(0, -(-want_events // base) - 1)
        ids = [r["id"] for r in store.rows("SELECT id FROM articles")]
        cols = {t: store.columns(t) for t in ("articles", *ANNOTATION_TABLES)}
        with store.transaction():
            for k in range(1, copies + 1):
                _copy(store, cols, ids, k)
        links = link_all(store)
        store.replace_links(link_rows(links))
        counts = store.counts()
    finally:
        store.close()
    print(f"store: {counts['articles']:,} articles, {counts['events']:,} events, "
          f"{counts['event_clusters']:,} clusters", flush=True)
    return Path(summary.database)


def _shift(column: str, days: int) -> str:
    return (f"CASE WHEN length({column}) >= 10 AND substr({column}, 5, 1) = '-' "
            f"AND try_cast(substr({column}, 1, 10) AS DATE) IS NOT NULL THEN "
            f"strftime(CAST(substr({column}, 1, 10) AS DATE) + {days}, '%Y-%m-%d') "
            f"ELSE {column} END")


def _copy(store: Store, cols: dict[str, list[str]], ids: list[str], k: int) -> None:
    days = 3 * k
    suffix = f"-copy{k}"
    select = []
    for c in cols["articles"]:
        if c == "id":
            select.append(f"id || '{suffix}'")
        elif c == "published":
            select.append(_shift("published", days))
        elif c == "copy_of":
            select.append("NULL")
        else:
            select.append(f'"{c}"')
    store.con.execute(f"INSERT INTO articles SELECT {', '.join(select)} FROM articles "
                      "WHERE id IN (SELECT unnest(?))", [ids])
    for table in ANNOTATION_TABLES:
        select = []
        for c in cols[table]:
            if c == "article_id":
                select.append(f"article_id || '{suffix}'")
            elif table == "events" and c == "date":
                select.append(_shift("date", days))
            else:
                select.append(f'"{c}"')
        store.con.execute(f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table} "
                          "WHERE article_id IN (SELECT unnest(?))", [ids])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--keep", help="build the store in this folder (kept)")
    ap.add_argument("--store", help="serve a copy of this store instead of building one")
    ap.add_argument("--no-job", action="store_true", help="send no POST /api/analyze")
    args = ap.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="faultline-bench-serve-"))
    if args.store:
        db = folder / "faultline.duckdb"
        shutil.copy(args.store, db)
        if Path(args.store + ".wal").exists():
            shutil.copy(args.store + ".wal", str(db) + ".wal")
    else:
        db = build(folder, args.events)
    rng = random.Random(7)
    plan_paths = Plan(db, rng).paths()
    names = list(plan_paths)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "faultline.cli", "serve", str(db),
                             "--port", str(port), "--rate", "0"])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                print("server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        for name in names:  # a user's first visit: each view once
            httpx.get(base + plan_paths[name](), timeout=120)
        plan = [(name, plan_paths[name]()) for name in (rng.choice(names)
                                                          for _ in range(args.requests))]
        print(f"{len(set(p for _, p in plan))} distinct URLs in {len(plan)} requests")
        results: list[tuple[str, float, int, float]] = []  # name, seconds, status, started
        lock = threading.Lock()
        cursor = iter(range(len(plan)))
        job: dict[str, str] = {}

        def client() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                while True:
                    with lock:
                        i = next(cursor, None)
                    if i is None:
                        return
                    if i == len(plan) // 4 and not job and not args.no_job:
                        r = http.post("/api/analyze", content=(
                            b"Lithuania expelled three Russian diplomats on Friday. Russia "
                            b"condemned the decision and threatened a response."),
                            headers={"content-type": "text/plain"})
                        job["id"] = r.json().get("id", "")
                    name, path = plan[i]
                    started = time.time()
                    t0 = time.perf_counter()
                    try:
                        status = http.get(path).status_code
                    except httpx.HTTPError:
                        status = 0
                    with lock:
                        results.append((name, time.perf_counter() - t0, status, started))

        load_start = os.getloadavg()
        server_cpu0, client_cpu0 = cpu_seconds(proc.pid), time.process_time()
        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        server_cpu, client_cpu = cpu_seconds(proc.pid) - server_cpu0, \
            time.process_time() - client_cpu0
        load_end = os.getloadavg()
        found: dict[str, object] = {"status": "none"}
        if job.get("id"):
            for _ in range(3000):
                found = httpx.get(f"{base}/api/jobs/{job['id']}").json()
                if found["status"] not in ("queued", "running"):
                    break
                time.sleep(0.2)
        print(f"load average (1 min) at start {load_start[0]:.2f}, at end {load_end[0]:.2f} "
              f"on {os.cpu_count()} cores")
        print(f"server CPU {server_cpu:.1f} s = {server_cpu / len(results) * 1000:.1f} ms per "
              f"request (the job's work included); bench clients' CPU {client_cpu:.1f} s")
        cpu_each = per_endpoint_cpu(base, proc.pid, plan)
        report(results, wall, args.clients, names, found, cpu_each)
        return 0 if all(s == 200 for _, _, s, _ in results) else 1
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def per_endpoint_cpu(base: str, pid: int, plan: list[tuple[str, str]], n: int = 40
                     ) -> dict[str, float]:
    """Server CPU ms per request of each endpoint, asked one at a time after the load test
    (the first n of the plan's URLs for it: the same mix of cached and new answers)."""
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=60) as http:
        for name in dict.fromkeys(name for name, _ in plan):
            paths = [p for m, p in plan if m == name][:n]
            before = cpu_seconds(pid)
            for path in paths:
                http.get(path)
            out[name] = (cpu_seconds(pid) - before) / len(paths) * 1000
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(results: list[tuple[str, float, int, float]], wall: float, clients: int,
           names: list[str], job: dict[str, object], cpu_each: dict[str, float]) -> None:
    print(f"{len(results)} requests from {clients} clients in {wall:.1f}s "
          f"({len(results) / wall:.0f} req/s); POST /api/analyze job: {job['status']}")
    print(f"{'endpoint':<18} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6} "
          f"{'server CPU ms':>13}")

    def line(name: str, rows: list[tuple[str, float, int, float]]) -> None:
        if not rows:
            return
        times = [t for _, t, _, _ in rows]
        errors = sum(1 for _, _, s, _ in rows if s != 200)
        cpu = f"{cpu_each[name]:>13.1f}" if name in cpu_each else ""
        print(f"{name:<18} {len(rows):>5} {pct(times, .5):>8.1f} {pct(times, .95):>8.1f} "
              f"{max(times) * 1000:>8.1f} {errors:>6} {cpu}")

    for name in names:
        line(name, [r for r in results if r[0] == name])
    line("LISTS", [r for r in results if r[0] in LISTS])
    line("ALL", results)
    started, finished = job.get("started_at"), job.get("finished_at")
    if isinstance(started, float) and isinstance(finished, float):
        during = [r for r in results if r[3] + r[1] >= started and r[3] <= finished]
        print(f"the job ran {finished - started:.1f}s; requests during it:")
        line("during the job", during)
    print(f"overall mean {statistics.fmean(t for _, t, _, _ in results) * 1000:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
