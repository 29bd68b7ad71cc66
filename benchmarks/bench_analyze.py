"""Benchmark `faultline analyze` against the bare spaCy parse of the same texts.

    python benchmarks/bench_analyze.py [--articles 2000] [--workers 1] [--stages ...]

Builds a corpus by reshuffling the sentences of the bundled examples (deterministic), then
times (1) a bare `nlp.pipe` over the texts with the same model loaded by plain `spacy.load`
(the full default pipeline, as a user's own script runs it) and workers, and (2) the
whole `faultline analyze` run (ingest, parse, extractors, store, outputs, report) over the
same corpus written as JSONL. Prints articles/s, words/s and the ratio of (2) to (1).
With --stage-costs it also times the parse with and without each extractor stage. It prints
the peak RSS of this process and of the largest worker process.
"""

from __future__ import annotations

import argparse
import functools
import glob
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from faultline import extract
from faultline.ingest import read_inputs
from faultline.model import Annotations, Article
from faultline.nlp import load_nlp
from faultline.options import Options
from faultline.runner import analyze, bundled_examples

SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def build_corpus(n_articles: int, seed: int = 13) -> list[dict[str, str]]:
    articles = [a for a in read_inputs([bundled_examples()], Options())
                if isinstance(a, Article)]
    sentences = [s.strip() for a in articles for para in a.text.split("\n")
                 for s in SENTENCE.split(para) if len(s.split()) >= 5]
    publishers = sorted({a.publisher or "unknown" for a in articles})
    rng = random.Random(seed)
    corpus = []
    for i in range(n_articles):
        k = rng.randint(8, 16)
        body = rng.sample(sentences, k)
        paras = [" ".join(body[j:j + 3]) for j in range(0, k, 3)]
        day = rng.randint(0, 80)
        published = time.strftime("%Y-%m-%d", time.gmtime(1638316800 + day * 86400))
        corpus.append({"id": f"bench-{i:05d}", "text": "\n\n".join(paras),
                       "published": published, "publisher": rng.choice(publishers),
                       "title": f"Synthetic report {i}"})
    return corpus


@functools.lru_cache(maxsize=2)
def bare_nlp(model: str) -> Language:
    """The model as a user's own script loads it: spacy.load, the full default pipeline."""
    return spacy.load(model)


def text_corpus(pattern: str, n_articles: int) -> list[dict[str, str]]:
    """Records from text files: the file's text, its name as the id, a fixed date."""
    files = sorted(glob.glob(pattern))[:n_articles]
    return [{"id": Path(f).stem, "text": Path(f).read_text(encoding="utf-8", errors="replace"),
             "published": "2016-10-01"} for f in files]


def bare_parse(texts: list[str], options: Options, clock: Any = time.perf_counter) -> float:
    nlp = bare_nlp(options.model)
    started = clock()
    kwargs = {"n_process": options.workers} if options.workers > 1 else {}
    for _ in nlp.pipe(texts, batch_size=options.batch_size, **kwargs):
        pass
    return clock() - started


def stage_costs(texts: list[str], options: Options, clock: Any = time.perf_counter,
                repeat: int = 1) -> dict[str, float]:
    """Seconds spent in each extractor stage over already-parsed docs, in one process
    (``clock``: wall time, or ``time.process_time`` for this process's CPU time). With
    ``repeat`` > 1 the stages run that many times over the same docs (each time from the
    docs as the parse left them) and each stage's figure is its fastest round: the round the
    machine's other load disturbed least."""
    nlp = load_nlp(options.model)
    docs = list(nlp.pipe(texts, batch_size=options.batch_size))
    parsed = [dict(doc.user_data) for doc in docs]  # what a stage caches there is its cost
    stages = extract.resolve(list(options.stages))
    # one untimed article first: each stage reads its data files once per process, a start-up
    # cost (printed by `setup`) that a worker pays once, not per article
    warm = Annotations(article=Article(id="warm", text=docs[0].text, published="2022-02-16"))
    t0 = clock()
    for current in stages:
        current(docs[0], warm, options)
    setup = clock() - t0
    best: dict[str, float] = {}
    for _ in range(max(1, repeat)):
        costs = dict.fromkeys((s.name for s in stages), 0.0)
        for i, doc in enumerate(docs):
            doc.user_data.clear()
            doc.user_data.update(parsed[i])
            ann = Annotations(article=Article(id=str(i), text=doc.text, published="2022-02-16"))
            for current in stages:
                t0 = clock()
                current(doc, ann, options)
                costs[current.name] += clock() - t0
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in costs.items()}
    best["setup (once per process)"] = setup
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stages", help="comma-separated stages (default: all)")
    parser.add_argument("--stage-costs", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of the CPU stage costs (each figure: its fastest round)")
    parser.add_argument("--texts", help="a glob of plain-text news files to use instead of the "
                        "synthetic corpus (the first --articles of them, sorted), e.g. "
                        "'../shared/eval/quotes/polnear-*/text/*.txt' (measuring only)")
    parser.add_argument("--selective-parse", action="store_true",
                        help="parse only the sentences a stage can use (Options.selective_parse)")
    args = parser.parse_args(argv)

    options = Options(workers=args.workers, batch_size=args.batch_size, progress=False,
                      selective_parse=args.selective_parse)
    if args.stages:
        options = options.replace(stages=tuple(args.stages.split(",")))
    corpus = text_corpus(args.texts, args.articles) if args.texts else build_corpus(args.articles)
    texts = [r["text"] for r in corpus]
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(corpus)} articles, {n_words:,} words (whitespace tokens), "
          f"workers {args.workers}, stages {','.join(options.stages)}, "
          f"selective parse {'on' if options.selective_parse else 'off'}")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        # the bare parse runs before and after analyze, so drift in the machine's speed
        # during the run weighs on both sides alike
        cpu0 = _cpu_seconds()
        before = bare_parse(texts, options)
        cpu1 = _cpu_seconds()
        bare_children = _max_rss_mb(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        summary = analyze([str(src)], options.replace(out=str(Path(tmp) / "out")))
        full = time.perf_counter() - started
        cpu2 = _cpu_seconds()
        run_children = _max_rss_mb(resource.RUSAGE_CHILDREN)
        after = bare_parse(texts, options)
        cpu3 = _cpu_seconds()
        bare = (before + after) / 2
        print(f"bare nlp.pipe:      {bare:8.1f} s  {len(texts) / bare:7.1f} articles/s  "
              f"{n_words / bare:8,.0f} words/s  (mean of {before:.1f} s before and "
              f"{after:.1f} s after)")
        print(f"faultline analyze:  {full:8.1f} s  {summary.stored / full:7.1f} articles/s  "
              f"{n_words / full:8,.0f} words/s  (stored {summary.stored}, "
              f"failed {summary.failed})")
        for name, seconds in summary.extra.get("timings", {}).items():
            print(f"  of which {name}: {seconds:.2f} s ({seconds / full:.1%} of analyze)")
        print(f"ratio analyze / bare parse: {full / bare:.3f}")
        bare_cpu = ((cpu1 - cpu0) + (cpu3 - cpu2)) / 2
        print(f"CPU seconds (this process and its workers): bare {bare_cpu:.1f} "
              f"(mean of {cpu1 - cpu0:.1f} and {cpu3 - cpu2:.1f}), analyze {cpu2 - cpu1:.1f}, "
              f"ratio {(cpu2 - cpu1) / bare_cpu:.3f} (what the machine's other load cannot skew)")
        per_cpu = summary.stored / (cpu2 - cpu1)
        print(f"articles per CPU-second of analyze: {per_cpu:.2f}, i.e. "
              f"{per_cpu * min(args.workers, os.cpu_count() or 1):.1f} articles/s on "
              f"{min(args.workers, os.cpu_count() or 1)} cores nobody else uses (the wall "
              f"figure above is what the machine's load left)")
        worker = (f"{run_children:,.0f} MB" if run_children > bare_children else
                  f"at most {bare_children:,.0f} MB (no child beat the bare run's)")
        print(f"peak RSS: this process {_max_rss_mb(resource.RUSAGE_SELF):,.0f} MB, "
              f"largest worker process {worker}")

    if args.stage_costs:
        sample = texts[: min(len(texts), 300)]
        parse = bare_parse(sample, options.replace(workers=1))
        costs = stage_costs(sample, options)
        # the same in this process's CPU seconds, fastest of --repeat rounds for the parse and
        # for each stage: on a shared machine one round's shares drift by a third
        one = options.replace(workers=1)
        parse_cpu = min(bare_parse(sample, one, time.process_time)
                        for _ in range(max(1, args.repeat)))
        cpu = stage_costs(sample, options, time.process_time, args.repeat)
        print(f"stage costs on {len(sample)} articles, parse {parse:.2f} s wall, "
              f"{parse_cpu:.2f} s CPU (fastest of {max(1, args.repeat)}):")
        for name, seconds in costs.items():
            print(f"  {name:<10} {seconds:7.3f} s  {seconds / parse:6.1%} of parse   "
                  f"CPU {cpu[name]:7.3f} s  {cpu[name] / parse_cpu:6.1%}")
        for group in (("time", "quotes"),):
            if all(name in costs for name in group):
                wall = sum(costs[n] for n in group) / parse
                share = sum(cpu[n] for n in group) / parse_cpu
                print(f"  {' + '.join(group)}: {wall:.1%} of parse (wall), {share:.1%} (CPU)")
    return 0


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its finished (waited-for) workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _max_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
