"""The thin command line: parse flags, call the library, print, map errors to exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from faultline import __version__
from faultline.errors import FaultlineError, UsageError
from faultline.export import ensure_dir
from faultline.options import Options

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # usage errors exit 2 with one line
        raise UsageError(message)


def _options(args: argparse.Namespace) -> Options:
    flags = {name: getattr(args, name, None) for name in
             ("out", "workers", "batch_size", "max_bytes", "default_published", "engine",
              "scheduler")}
    if getattr(args, "stages", None):
        flags["stages"] = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    if getattr(args, "no_report", False):
        flags["report"] = False
    if flags["scheduler"] and flags["engine"] is None:
        flags["engine"] = "dask"  # a scheduler address means the Dask engine
    if getattr(args, "config", None):
        return Options.from_file(args.config, **flags)
    return Options().replace(**flags)


class _Progress:
    """A progress line on a terminal, plain lines every few batches otherwise."""

    def __init__(self, stream: Any, enabled: bool | None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if enabled is None else enabled
        self.calls = 0
        self.last = 0.0

    def __call__(self, summary: Any) -> None:
        self.calls += 1
        line = (f"{summary.read} read, {summary.stored} stored, {summary.duplicates} duplicate, "
                f"{summary.failed} failed, {summary.words} words, "
                f"{summary.words_per_second:,.0f} words/s")
        if self.tty:
            self.stream.write("\r\033[K" + line)
            self.stream.flush()
        elif time.monotonic() - self.last >= 5.0:
            self.last = time.monotonic()
            self.stream.write(line + "\n")
            self.stream.flush()

    def done(self) -> None:
        if self.tty and self.calls:
            self.stream.write("\n")


def cmd_analyze(args: argparse.Namespace) -> int:
    from faultline.runner import analyze

    options = _options(args)
    progress = _Progress(sys.stderr, options.progress)
    try:
        summary = analyze(args.paths, options, progress=progress,
                          stdin=sys.stdin.buffer if "-" in args.paths else None)
    finally:
        progress.done()
    print_summary(summary)
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from faultline.watch import watch

    options = _options(args).replace(progress=False)
    watch(args.paths, options, interval=args.interval, settle=args.settle,
          max_cycles=args.cycles, echo=lambda line: print(line, flush=True))
    return EXIT_OK


def print_summary(summary: Any) -> None:
    input_failures = [f for f in summary.failures if f.stage in ("ingest", "nlp")]
    unread = [f for f in summary.failures if f.stage == "language"]
    stage_failures = [f for f in summary.failures
                      if f.stage not in ("ingest", "nlp", "language")]
    print(f"articles read: {summary.read}  stored: {summary.stored}  "
          f"skipped as duplicates: {summary.duplicates}  failed: {summary.failed}")
    print(f"words: {summary.words}  seconds: {summary.seconds:.1f}  "
          f"words/s: {summary.words_per_second:,.0f}")
    for failure in input_failures:
        print(f"failed: {failure.describe()}")
    if unread:
        print(f"not analysed (language): {len(unread)}")
    for failure in unread[:5]:
        print(f"not analysed: {failure.describe()}")
    for failure in stage_failures:
        print(f"extractor error ({failure.stage}): {failure.describe()}")
    for line in summary.extra.get("summary_lines", []):
        print(line)
    print(f"database: {summary.database}")
    if summary.outputs:
        counts = ", ".join(f"{name} {n}" for name, n in summary.outputs.items())
        print(f"outputs in {Path(summary.database).parent}: {counts}")


def _database(path: str) -> str:
    """A database the command reads: a missing one is a usage error, never created empty."""
    if not Path(path).is_file():
        raise UsageError(f"no database at {path} (run `faultline analyze --out DIR` first)")
    return path


def cmd_export(args: argparse.Namespace) -> int:
    from faultline.export import FORMATS, export
    from faultline.store import Store

    if args.format not in FORMATS:
        raise UsageError(f"unknown export format {args.format!r} "
                         f"(choose from {', '.join(FORMATS)})")
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    with Store.open(_database(args.database), read_only=True) as store:
        written = export(store, args.out, args.format, tables)
    for table, path in written.items():
        print(f"{table}: {path}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from faultline import query
    from faultline.store import Store

    with Store.open(_database(args.database), read_only=True) as store:
        stats = query.stats(store)
        runs = query.runs(store, limit=5).items
    for table, n in stats.counts.items():
        print(f"{table:<24} {n}")
    print("migrations: " + ", ".join(stats.migrations))
    for run in runs:
        print(f"run {run.id}: {run.status}, read {run.n_read}, stored {run.n_stored}, "
              f"failed {run.n_failed}, {(run.seconds or 0):.1f}s")
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from faultline import query
    from faultline.analysis import ALERT_K
    from faultline.store import Store

    with Store.open(_database(args.database), read_only=True) as store:
        series = query.dyad_days(store)
    if args.dyad:
        series = [d for d in series if d.dyad == args.dyad.upper()]
    if not series:
        print("no dated asserted events between known actors")
        return EXIT_OK
    if getattr(args, "alerts", False):
        from faultline.analysis import alerts, describe_alert

        fired = alerts(series)
        print(f"{len(fired)} escalation alerts (index <= -{ALERT_K})")
        for d in fired:
            print("\n".join(describe_alert(d)))
        return EXIT_OK
    print(f"{'dyad':<20} {'date':<10} {'events':>6} {'q1':>3} {'q2':>3} {'q3':>3} {'q4':>3} "
          f"{'gold.sum':>8} {'gold.mean':>9} {'index':>6}  alert (index <= -{ALERT_K})")
    for d in series:
        print(f"{d.dyad:<20} {d.day:<10} {d.events:>6} {d.quad[0]:>3} {d.quad[1]:>3} "
              f"{d.quad[2]:>3} {d.quad[3]:>3} {d.goldstein_sum:>8.1f} "
              f"{d.goldstein_mean:>9.2f} {d.index:>6.2f}  {'ALERT' if d.alert else ''}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from faultline.runner import cross_source_outputs
    from faultline.store import Store

    database = _database(args.database)
    out = ensure_dir(args.out or Path(database).parent)
    with Store.open(database) as store:
        extra = cross_source_outputs(store, out, Options(report=True))
    for line in extra["summary_lines"]:
        print(line)
    print(f"report: {out / 'report.html'}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from faultline.api.serve import serve

    token = args.token or os.environ.get("FAULTLINE_TOKEN") or None
    return serve(_database(args.database), host=args.host, port=args.port, token=token,
                 read_only=args.read_only, max_body=args.max_body, rate=args.rate)


def cmd_eval(args: argparse.Namespace) -> int:
    from faultline.eval import SCORERS

    if args.what not in SCORERS:
        raise UsageError(f"unknown scorer {args.what!r} (choose from {', '.join(SCORERS)})")
    module = importlib.import_module(f"faultline.eval.{args.what}")
    return int(module.main(list(args.rest)))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="faultline", description="News coverage of a crisis in, "
                     "evidence-linked event data out.")
    parser.add_argument("--version", action="version", version=f"faultline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("analyze", help="read articles, extract, store, write outputs")
    p.add_argument("paths", nargs="*", help="files, folders, globs, or - for stdin "
                   "(default: the bundled examples)")
    p.add_argument("--out", help="output folder (default: out)")
    p.add_argument("--workers", type=int, help="parsing processes (default: 1)")
    p.add_argument("--batch-size", type=int, help="articles per batch and transaction")
    p.add_argument("--engine", choices=("local", "dask"), help="where batches are parsed "
                   "(default: local processes)")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786; implies "
                   "--engine dask (default: a local cluster of --workers processes)")
    p.add_argument("--max-bytes", type=int, help="refuse input files larger than this")
    p.add_argument("--default-published", help="ISO date for articles that carry none")
    p.add_argument("--stages", help="comma-separated extractor stages to run")
    p.add_argument("--no-report", action="store_true", help="skip report.html")
    p.add_argument("--config", help="TOML file with [faultline] options")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("watch", help="follow folders and feed URLs; analyse what is new "
                       "every N seconds into the same store")
    p.add_argument("paths", nargs="+", help="folders, files, globs or feed URLs to follow")
    p.add_argument("--out", help="output folder (default: out)")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between looks "
                   "(default: 60)")
    p.add_argument("--settle", type=float, default=1.0, help="a file is read once it has "
                   "not changed for this many seconds (default: 1)")
    p.add_argument("--cycles", type=int, help="stop after this many looks (default: until "
                   "Ctrl-C)")
    p.add_argument("--workers", type=int, help="parsing processes (default: 1)")
    p.add_argument("--batch-size", type=int, help="articles per batch and transaction")
    p.add_argument("--stages", help="comma-separated extractor stages to run")
    p.add_argument("--no-report", action="store_true", help="skip report.html")
    p.add_argument("--config", help="TOML file with [faultline] options")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("export",
                       help="export tables (csv, parquet, jsonl) or events (gdelt, plover)")
    p.add_argument("database", nargs="?", default="out/faultline.duckdb")
    p.add_argument("--format", default="jsonl",
                   help="csv | parquet | jsonl (every table), gdelt | plover (events)")
    p.add_argument("--out", default="export", help="folder to write into")
    p.add_argument("--tables", help="comma-separated tables (default: all)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="row counts, migrations and recent runs of a database")
    p.add_argument("database", nargs="?", default="out/faultline.duckdb")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("timeline", help="per-dyad daily events, Goldstein and escalation")
    p.add_argument("database", nargs="?", default="out/faultline.duckdb")
    p.add_argument("--dyad", help="only this dyad, e.g. RUS-UKR")
    p.add_argument("--alerts", action="store_true",
                   help="only the escalation alerts, each with the events it rests on")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("report", help="link sources and write report.html, events.csv")
    p.add_argument("database", nargs="?", default="out/faultline.duckdb")
    p.add_argument("--out", help="folder for report.html (default: the database's)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("serve", help="REST API and browser UI over a database")
    p.add_argument("database", nargs="?", default="out/faultline.duckdb")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", help="bearer token required on /api/ (or FAULTLINE_TOKEN); "
                   "needed to bind anything but a loopback address")
    p.add_argument("--read-only", action="store_true", help="open the database read-only "
                   "(no POST /api/analyze)")
    p.add_argument("--max-body", type=int, default=10_000_000,
                   help="largest request body in bytes (default: 10 MB)")
    p.add_argument("--rate", type=float, default=300.0,
                   help="requests per second per client (default: 300; 0: no limit)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="score an extractor against ../shared/eval gold")
    p.add_argument("what", help="events | time | quotes")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="options for the scorer")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    except UsageError as e:
        print(f"faultline: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except FaultlineError as e:
        print(f"faultline: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("faultline: interrupted; committed batches are kept, re-run to finish",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
