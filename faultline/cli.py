"""The thin command line: parse flags, call the library, print, map errors to exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from faultline import __version__
from faultline.errors import FaultlineError, UsageError
from faultline.export import ensure_dir
from faultline.options import Options

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DB = "out/faultline.duckdb"
DB_HELP = f"the database `faultline analyze` wrote (default: {DEFAULT_DB})"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # usage errors exit 2 with one line
        raise UsageError(message)


def _options(args: argparse.Namespace) -> Options:
    flags = {name: getattr(args, name, None) for name in
             ("out", "workers", "batch_size", "max_bytes", "default_published", "engine",
              "scheduler", "parquet")}
    if getattr(args, "stages", None):
        flags["stages"] = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    if getattr(args, "no_report", False):
        flags["report"] = False
    if flags["scheduler"] and flags["engine"] is None:
        flags["engine"] = "dask"  # a scheduler address means the Dask engine
    if getattr(args, "config", None):
        return Options.from_file(args.config, **flags)
    return Options().replace(**flags)


def cmd_analyze(args: argparse.Namespace) -> int:
    from faultline.ingest.sources import check_paths, count_inputs
    from faultline.progress import Progress
    from faultline.runner import analyze, bundled_examples

    options = _options(args)
    progress = Progress(sys.stderr, options.progress)
    if progress.tty:
        check_paths(args.paths)
        progress.total = count_inputs(args.paths or [bundled_examples()])
    try:
        summary = analyze(args.paths, options, progress=progress,
                          stdin=sys.stdin.buffer if "-" in args.paths else None)
    finally:
        progress.done()
    if summary.read == 0 and summary.failed == 0:
        where = ", ".join(args.paths) or "the bundled examples"
        skipped = (f" ({summary.skipped} file(s) skipped: not article formats, listed in "
                   f"failures.jsonl)" if summary.skipped else "")
        print(f"faultline: nothing to analyse in {where}: no articles{skipped}",
              file=sys.stderr)
        return EXIT_FAILED
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
    skipped = [f for f in summary.failures if f.stage == "skipped"]
    stage_failures = [f for f in summary.failures
                      if f.stage not in ("ingest", "nlp", "language", "skipped")]
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
    if skipped:
        names = ", ".join(Path(f.source).name for f in skipped[:3])
        more = ", …" if len(skipped) > 3 else ""
        print(f"skipped (not article files): {len(skipped)} ({names}{more}), "
              "listed in failures.jsonl")
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
    try:
        with open(path, "rb") as fh:
            header = fh.read(12)
    except OSError as e:
        raise UsageError(f"cannot read database {path}: {e.strerror or e}") from e
    if header[8:12] != b"DUCK":
        raise UsageError(f"{path} is not a faultline database (a DuckDB file written by "
                         "`faultline analyze`)")
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
        dyad = _dyad(args.dyad, store) if args.dyad else None
        series = query.dyad_days(store)
    if dyad:
        series = [d for d in series if d.dyad == dyad]
    if not series:
        print(f"no dated asserted events {'for ' + dyad if dyad else 'between known actors'}")
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


def _dyad(text: str, store: Any) -> str:
    """`--dyad SOURCE-TARGET`, upper-cased; an actor code neither known nor stored is named."""
    from faultline.analysis import country_of
    from faultline.extract.actors import actor_dictionary

    dyad = text.strip().upper()
    sides = dyad.split("-")
    if len(sides) != 2 or not all(sides):
        raise UsageError(f"--dyad takes SOURCE-TARGET actor codes, e.g. RUS-UKR (got {text!r})")
    stored = {country_of(code) for (code,) in store.con.execute(
        "SELECT DISTINCT source_code FROM events UNION SELECT DISTINCT target_code FROM events"
    ).fetchall() if code}
    dictionary = actor_dictionary()
    for side in sides:
        if side not in stored and not dictionary.valid_code(side):
            raise UsageError(f"unknown actor code {side!r} in --dyad {text} "
                             "(a country or IGO code such as RUS, UKR, IGOWSTNAT)")
    return dyad


def cmd_report(args: argparse.Namespace) -> int:
    from faultline.runner import cross_source_outputs
    from faultline.store import Store

    database = _database(args.database)
    out = ensure_dir(args.out or Path(database).parent)
    with Store.open(database) as store:
        from faultline.link.copies import mark_copies

        mark_copies(store)
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


def cmd_explain(args: argparse.Namespace) -> int:
    from faultline import explain

    if args.article:
        if len(args.text) > 1:
            raise UsageError("explain --article ID takes one database path")
        database = _database(args.text[0] if args.text else DEFAULT_DB)
        ex = explain.explain_article(explain.load_article(database, args.article),
                                     _options(args))
    else:
        text = " ".join(args.text)
        ex = explain.explain_text(sys.stdin.read() if text == "-" else text, _options(args))
    print(explain.render(ex))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from faultline.eval import SCORERS

    if args.what is None:
        raise UsageError(f"eval needs a scorer: faultline eval {'|'.join(SCORERS)}")
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
    p.add_argument("--batch-size", type=int, help="articles per batch and transaction "
                   f"(default: {Options.batch_size})")
    p.add_argument("--engine", choices=("local", "dask"), help="where batches are parsed "
                   "(default: local processes)")
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786; implies "
                   "--engine dask (default: a local cluster of --workers processes)")
    p.add_argument("--max-bytes", type=int, help="refuse input files larger than this "
                   f"(default: {Options.max_bytes:,})")
    p.add_argument("--default-published", help="ISO date for articles that carry none")
    p.add_argument("--stages", help="comma-separated extractor stages to run")
    p.add_argument("--parquet", metavar="DIR", help="also append every stored batch to a "
                   "Parquet dataset in DIR, partitioned by publication month")
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
    p.add_argument("--batch-size", type=int, help="articles per batch and transaction "
                   f"(default: {Options.batch_size})")
    p.add_argument("--stages", help="comma-separated extractor stages to run")
    p.add_argument("--no-report", action="store_true", help="skip report.html")
    p.add_argument("--config", help="TOML file with [faultline] options")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("export",
                       help="export tables (csv, parquet, jsonl) or events (gdelt, plover)")
    p.add_argument("database", nargs="?", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--format", default="jsonl",
                   help="csv | parquet | jsonl (every table), gdelt | plover (events)")
    p.add_argument("--out", default="export", help="folder to write into (default: export)")
    p.add_argument("--tables", help="comma-separated tables (default: all)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="row counts, migrations and recent runs of a database")
    p.add_argument("database", nargs="?", default=DEFAULT_DB, help=DB_HELP)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("timeline", help="per-dyad daily events, Goldstein and escalation")
    p.add_argument("database", nargs="?", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--dyad", help="only this dyad, e.g. RUS-UKR")
    p.add_argument("--alerts", action="store_true",
                   help="only the escalation alerts, each with the events it rests on")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("report", help="link sources and write report.html, events.csv")
    p.add_argument("database", nargs="?", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--out", help="folder for report.html (default: the database's)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("serve", help="REST API and browser UI over a database")
    p.add_argument("database", nargs="?", default=DEFAULT_DB, help=DB_HELP)
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

    p = sub.add_parser("explain", help="why the event coder and its learned fallback coded "
                       "(or dropped) what they did in a sentence or a stored article")
    p.add_argument("text", nargs="*", help="the sentence(s), or - for stdin; with --article: "
                   f"the database (default: {DEFAULT_DB})")
    p.add_argument("--article", metavar="ID", help="a stored article's id (or id prefix)")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("eval", help="score an extractor against ../shared/eval gold")
    p.add_argument("what", metavar="SCORER", nargs="?", help="events | time | quotes")
    p.add_argument("rest", metavar="OPTIONS", nargs=argparse.REMAINDER,
                   help="options for the scorer (see `faultline eval SCORER --help`)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return code
    except SystemExit:
        try:
            sys.stdout.flush()  # --help into a closed pipe
        except BrokenPipeError:
            raise SystemExit(_reader_went_away()) from None
        raise
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
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The reader of stdout closed it (`faultline timeline | head -1`): stop quietly, as Unix
    tools do, with their status (128 + SIGPIPE)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing left to flush at exit
    except (OSError, ValueError):
        pass
    return 141


if __name__ == "__main__":
    sys.exit(main())
