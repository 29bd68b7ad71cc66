"""Parallel efficiency of the Dask engine: the same corpus on 1 and on N local Dask workers.

    python benchmarks/bench_dask.py [--articles 300] [--workers 2]

Runs `analyze --engine dask` on a LocalCluster of 1 worker, then of N workers (one thread
each), over the corpus of bench_analyze.py, and prints seconds, articles/s and the parallel
efficiency (speed-up / N). Each run includes starting the cluster and loading the model on
every worker, as a real run does.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import build_corpus  # noqa: E402

from faultline.options import Options  # noqa: E402
from faultline.runner import analyze  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    corpus = build_corpus(args.articles)
    n_words = sum(len(r["text"].split()) for r in corpus)
    print(f"corpus: {len(corpus)} articles, {n_words:,} words")
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        for workers in (1, args.workers):
            options = Options(out=str(Path(tmp) / f"out{workers}"), engine="dask",
                              workers=workers, batch_size=args.batch_size, progress=False,
                              report=False)
            started = time.perf_counter()
            summary = analyze([str(src)], options)
            seconds[workers] = time.perf_counter() - started
            print(f"dask, {workers} worker(s): {seconds[workers]:7.1f} s  "
                  f"{summary.stored / seconds[workers]:6.1f} articles/s  "
                  f"{n_words / seconds[workers]:8,.0f} words/s  (stored {summary.stored})")
    speedup = seconds[1] / seconds[args.workers]
    print(f"speed-up {speedup:.2f}x on {args.workers} workers, parallel efficiency "
          f"{speedup / args.workers:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
