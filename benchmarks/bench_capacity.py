"""Per-core throughput and storage size for the README's capacity plan.

    python benchmarks/bench_capacity.py [--articles 300]

One `analyze` on one worker (parse, stages, store, links, report and the model load all
included) with `--parquet`, over the corpus of bench_analyze.py: CPU seconds, words per
core-second, peak RSS, and the bytes per article of the input, the DuckDB file and the Parquet
dataset.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import build_corpus  # noqa: E402

from faultline.options import Options  # noqa: E402
from faultline.runner import analyze  # noqa: E402


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args(argv)
    corpus = build_corpus(args.articles, seed=29)
    words = sum(len(r["text"].split()) for r in corpus)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "corpus.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        cpu0, wall0 = _cpu(), time.perf_counter()
        summary = analyze([str(src)], Options(out=str(tmp / "out"), parquet=str(tmp / "pq"),
                                              workers=1, progress=False))
        cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
        n = max(1, summary.stored)
        db = (tmp / "out" / "faultline.duckdb").stat().st_size
        pq = sum(p.stat().st_size for p in (tmp / "pq").rglob("*.parquet"))
        size = src.stat().st_size
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{summary.stored} articles, {words:,} words; one worker: wall {wall:.1f} s, "
          f"CPU {cpu:.1f} s = {cpu / n:.3f} CPU s per article, {words / cpu:,.0f} words per "
          f"core-second; peak RSS {rss:,.0f} MB")
    print(f"input JSONL {size / 1e6:.2f} MB ({size / n / 1e3:.1f} kB/article); DuckDB "
          f"{db / 1e6:.2f} MB ({db / n / 1e3:.1f} kB/article); Parquet {pq / 1e6:.2f} MB "
          f"({pq / n / 1e3:.1f} kB/article)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
