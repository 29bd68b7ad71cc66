"""Load test of `faultline serve` on 127.0.0.1: mixed list endpoints, N concurrent clients.

    python benchmarks/bench_serve.py [--events 10000] [--requests 2000] [--clients 8]

Builds a store of at least --events event mentions: the bundled examples analyzed once,
then their stored rows copied under new article ids with dates moved by a few days per copy
(so the timeline and clusters have work to do), then linked. Starts `faultline serve` in a
subprocess, sends --requests GETs over mixed endpoints from --clients threads, and while
they run queues a `POST /api/analyze` job (so reads are measured while the writer writes).
Prints p50/p95/max latency per endpoint and overall, errors, and the job's status.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from faultline.link import link_all, link_rows
from faultline.options import Options
from faultline.runner import analyze, bundled_examples
from faultline.store import ANNOTATION_TABLES, Store

ENDPOINTS = [
    ("events", "/api/events?limit=50"),
    ("events dyad", "/api/events?dyad=RUS-UKR&limit=50"),
    ("events root+q", "/api/events?root=13&q=troops&limit=50"),
    ("events page 40", "/api/events?limit=50&offset=2000"),
    ("articles", "/api/articles?limit=50"),
    ("contested", "/api/contested?limit=10"),
    ("clusters", "/api/clusters?limit=50"),
    ("quotes", "/api/quotes?speaker=putin&limit=50"),
    ("numbers", "/api/numbers?limit=20"),
    ("timeline", "/api/timeline?dyad=RUS-UKR"),
    ("alerts", "/api/alerts?limit=20"),
    ("network", "/api/network"),
    ("stats", "/api/stats"),
]


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--keep", help="build the store in this folder (kept)")
    args = ap.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="faultline-bench-serve-"))
    db = build(folder, args.events)
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
        for _, path in ENDPOINTS:  # warm the caches once, as a user's first visit does
            httpx.get(base + path, timeout=120)
        rng = random.Random(7)
        plan = [rng.choice(ENDPOINTS) for _ in range(args.requests)]
        results: list[tuple[str, float, int]] = []
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
                    if i == len(plan) // 4 and not job:
                        r = http.post("/api/analyze", content=(
                            b"Lithuania expelled three Russian diplomats on Friday. Russia "
                            b"condemned the decision and threatened a response."),
                            headers={"content-type": "text/plain"})
                        job["id"] = r.json().get("id", "")
                    name, path = plan[i]
                    t0 = time.perf_counter()
                    try:
                        status = http.get(path).status_code
                    except httpx.HTTPError:
                        status = 0
                    with lock:
                        results.append((name, time.perf_counter() - t0, status))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        status = "none"
        if job.get("id"):
            for _ in range(600):
                status = httpx.get(f"{base}/api/jobs/{job['id']}").json()["status"]
                if status not in ("queued", "running"):
                    break
                time.sleep(0.2)
        report(results, wall, args.clients, status)
        return 0 if all(s == 200 for _, _, s in results) else 1
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(results: list[tuple[str, float, int]], wall: float, clients: int,
           job_status: str) -> None:
    print(f"{len(results)} requests from {clients} clients in {wall:.1f}s "
          f"({len(results) / wall:.0f} req/s); POST /api/analyze job: {job_status}")
    print(f"{'endpoint':<16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}")
    names = [n for n, _ in ENDPOINTS]
    for name in [*names, "ALL"]:
        rows = [r for r in results if name in ("ALL", r[0])]
        if not rows:
            continue
        times = [t for _, t, _ in rows]
        errors = sum(1 for _, _, s in rows if s != 200)
        print(f"{name:<16} {len(rows):>5} {pct(times, .5):>8.1f} {pct(times, .95):>8.1f} "
              f"{max(times) * 1000:>8.1f} {errors:>6}")
    print(f"overall mean {statistics.fmean(t for _, t, _ in results) * 1000:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
