"""A whole run: ingest -> parse and extract in batches (local pool) -> store -> outputs."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from faultline import ingest
from faultline.errors import UsageError
from faultline.export import ensure_dir, write_contract_files
from faultline.ingest.sources import SKIPPED
from faultline.link.copies import mark_copies
from faultline.model import Annotations, Article, Failure
from faultline.options import Options
from faultline.pipeline import process_batch, warm
from faultline.store import Store

DB_NAME = "faultline.duckdb"


@dataclass
class RunSummary:
    """What a run did; the CLI prints it and the runs table keeps it."""

    run_id: int = 0
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # files a folder walk left out (not article formats), with reasons
    words: int = 0
    seconds: float = 0.0
    status: str = "running"
    failures: list[Failure] = field(default_factory=list)
    outputs: dict[str, int] = field(default_factory=dict)
    database: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "words": self.words, "seconds": self.seconds}


Progress = Callable[[RunSummary], None]


def bundled_examples() -> str:
    """The folder of example articles shipped inside the package."""
    return str(resources.files("faultline") / "examples")


def _batches(items: Iterable[Article | Failure], size: int,
             on_failure: Callable[[Failure], None]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parsed(batches: Iterable[list[Article]], options: Options) -> Iterator[list[Annotations]]:
    """Parse batches in this process, a local pool, or on a Dask cluster, in input order."""
    if options.engine == "dask":
        yield from _parsed_dask(batches, options)
        return
    if options.engine != "local":
        raise UsageError(f"unknown engine {options.engine!r} (choose local or dask)")
    if options.workers <= 1:
        for batch in batches:
            yield process_batch(batch, options)
        return
    warm(options)  # the workers fork with the model and the stages' data already loaded
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=options.workers, mp_context=ctx) as pool:
        pending: list[Future[list[Annotations]]] = []
        for batch in batches:
            pending.append(pool.submit(process_batch, batch, options))
            while len(pending) >= options.workers * 2:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()
    gc.unfreeze()  # warm() froze what the workers inherit; this process goes on collecting


def _parsed_dask(batches: Iterable[list[Article]], options: Options
                 ) -> Iterator[list[Annotations]]:
    """The same `process_batch` on Dask workers: a LocalCluster, or `options.scheduler`."""
    from faultline.cluster import parsed_dask

    yield from parsed_dask(batches, options)


def check_engine(options: Options) -> None:
    """Refuse a bad engine setting now, before a run is recorded: a Dask scheduler that cannot
    be reached fails within seconds, with one line."""
    if options.engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {options.engine!r} (choose local or dask)")
    if options.scheduler and options.engine != "dask":
        raise UsageError("--scheduler is for --engine dask (the local engine has no scheduler)")
    if options.engine == "dask" and options.scheduler:
        probe_scheduler(options.scheduler, float(options.extra.get("dask_probe_timeout", 3.0)))


def probe_scheduler(address: str, timeout: float) -> None:
    """A TCP connection to a tcp:// or tls:// scheduler address (default port 8786)."""
    import socket

    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in ("tcp", "tls"):
        return  # another transport: Dask itself reports on it
    rest, port_text = rest.rstrip("/"), "8786"
    if rest.startswith("["):  # [IPv6]:port
        host, _, tail = rest[1:].partition("]")
        port_text = tail[1:] if tail.startswith(":") else port_text
    elif rest.count(":") == 1:
        host, port_text = rest.split(":")
    else:  # no port, or a bare IPv6 address
        host = rest
    if not host or not port_text.isdigit():
        raise UsageError(f"bad Dask scheduler address {address!r} (e.g. tcp://host:8786)")
    try:
        with socket.create_connection((host, int(port_text)), timeout=timeout):
            pass
    except OSError as e:
        reason = "no answer" if isinstance(e, TimeoutError) else (e.strerror or str(e))
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason} "
                         f"(waited {timeout:g} s)") from e
    _handshake(address, timeout)


def _handshake(address: str, timeout: float) -> None:
    """Something answers at the address: does it speak Dask? (the comm handshake, no client)"""
    import asyncio

    try:
        from distributed.comm import connect
    except ImportError as e:
        raise UsageError("the dask engine needs `pip install 'faultline[scale]'`") from e

    async def shake() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    try:
        asyncio.run(asyncio.wait_for(shake(), timeout + 1))
    except TimeoutError as e:
        raise UsageError(f"no Dask scheduler answers at {address}: no handshake within "
                         f"{timeout:g} s") from e
    except Exception as e:  # noqa: BLE001 - whatever answers, it is not a usable scheduler
        raise UsageError(f"no Dask scheduler answers at {address}: what answers does not "
                         f"speak Dask's protocol ({type(e).__name__})") from e


def analyze(
    paths: Sequence[str],
    options: Options | None = None,
    *,
    progress: Progress | None = None,
    stdin: Any = None,
    database: str | Path | None = None,
    outputs: bool = True,
) -> RunSummary:
    """Run the main job: read inputs, annotate, store, write the contract outputs.

    `database` stores into that file instead of `options.out`/faultline.duckdb (the server's
    jobs: outputs go to a job folder, rows into the served database). `outputs=False` stores
    and links but writes no files (the server's jobs: the store is what they are for)."""
    options = options or Options()
    if options.workers < 1:
        raise UsageError("--workers must be at least 1")
    if options.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    paths = list(paths) or [bundled_examples()]
    ingest.check_paths(paths)
    check_engine(options)
    out = ensure_dir(options.out)
    db_path = Path(database) if database is not None else out / DB_NAME
    summary = RunSummary(database=str(db_path))
    started = time.perf_counter()
    store = Store.open(db_path)
    try:
        summary.run_id = store.start_run(paths, _options_record(options))
        pending_failures: list[Failure] = []

        def on_failure(failure: Failure) -> None:
            if failure.stage == SKIPPED:
                summary.skipped += 1
            else:
                summary.failed += 1
            summary.failures.append(failure)
            pending_failures.append(failure)

        seen: set[str] = set()

        def fresh(batch: list[Article]) -> list[Article]:
            """Skip articles already stored or already seen in this run, before parsing."""
            summary.read += len(batch)
            present = store.existing_ids(a.id for a in batch)
            keep = []
            for article in batch:
                if article.id in present or article.id in seen:
                    summary.duplicates += 1
                else:
                    seen.add(article.id)
                    keep.append(article)
            return keep

        articles = ingest.read_inputs(paths, options, stdin=stdin, with_skipped=True)
        batches = (b for b in (fresh(b) for b in _batches(articles, options.batch_size,
                                                           on_failure)) if b)
        sink = None
        if options.parquet:
            from faultline.parquet import ParquetSink

            sink = ParquetSink(options.parquet, store, summary.run_id)
        for results in _parsed(batches, options):
            stored = store.write_batch(results, summary.run_id)
            summary.stored += stored
            if sink is not None and stored:
                sink.append(results)
            summary.words += sum(r.n_words for r in results)
            for ann in results:
                summary.failures.extend(ann.failures)
            store.record_failures(pending_failures, summary.run_id)
            pending_failures.clear()
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
        store.record_failures(pending_failures, summary.run_id)
        t0 = time.perf_counter()
        mark_copies(store)  # copy_of is in articles.jsonl, so before the contract files
        copies_seconds = time.perf_counter() - t0
        if outputs:
            summary.outputs = write_contract_files(store, out)
        _after_store(store, out, options, summary, exports=outputs)
        summary.extra.setdefault("timings", {})["copies"] = copies_seconds
        summary.status = "failed-inputs" if summary.failed else "ok"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        if summary.status == "running":
            summary.status = "error"
        try:
            store.finish_run(summary.run_id, summary.status, summary.counts())
        finally:
            store.close()
    return summary


def _after_store(store: Store, out: Path, options: Options, summary: RunSummary, *,
                 exports: bool = True) -> None:
    summary.extra.update(cross_source_outputs(store, out, options, exports=exports))


def cross_source_outputs(store: Store, out: Path, options: Options, *,
                         exports: bool = True) -> dict[str, Any]:
    """Linking, analysis and report over everything stored; returns lines and timings.
    With `exports=False` only the links are stored (no events.csv, report or PLOVER file)."""
    from faultline.analysis import alerts, dyad_days
    from faultline.formats import write_gdelt_csv, write_plover_json
    from faultline.link import link_all, link_rows

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    links = link_all(store)
    store.replace_links(link_rows(links))
    series = dyad_days(store, min_confidence=options.alert_min_confidence)
    timings["linking and analysis"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    if exports:
        counts["events.csv"] = write_gdelt_csv(out / "events.csv", links, article_extras(store))
        if options.report:
            from faultline.report import write_report

            counts.update(write_report(out / "report.html", store, links, series))
        write_plover_json(out / "events.plover.json", links)
    timings["exports and report"] = time.perf_counter() - t0
    lines = [f"event clusters: {len(links.clusters)}  contested: {len(links.contested)}  "
             f"numbers that disagree: {len(links.disagreeing_numbers)}  "
             f"escalation alerts: {len(alerts(series))}"]
    for cluster in links.contested[:10]:
        lines.append(f"contested {cluster.id} {cluster.label} {cluster.date_start}: "
                     f"{cluster.side_summary()}")
    for group in links.disagreeing_numbers[:10]:
        clashing = sorted({k for pair in group.conflicts for k in pair})
        figures = ", ".join(sorted({_figure(group.reports[k].claim) for k in clashing}))
        lines.append(f"numbers disagree on {group.label}: {figures} "
                     f"({len(group.conflicts)} conflicting pairs within a week)")
    return {"summary_lines": lines, "timings": timings, "report_counts": counts}


def export_events(store: Store, out_dir: str, fmt: str) -> dict[str, Path]:
    """Events in another tool's shape: GDELT 2.0-style CSV or PLOVER-style JSON."""
    from faultline.formats import write_gdelt_csv, write_plover_json
    from faultline.link import link_all

    out = ensure_dir(out_dir)
    links = link_all(store)
    if fmt == "gdelt":
        write_gdelt_csv(out / "events.gdelt.csv", links, article_extras(store))
        return {"events": out / "events.gdelt.csv"}
    write_plover_json(out / "events.plover.json", links)
    return {"events": out / "events.plover.json"}


def _figure(claim: Any) -> str:
    value = f"{claim.quantity:,.0f}" if claim.quantity == int(claim.quantity) else str(
        claim.quantity)
    return f"{claim.approximate} {value}" if claim.approximate else value


def article_extras(store: Store) -> dict[str, dict[str, Any]]:
    """Per article: url, ingest time (GDELT DATEADDED) and where its lead paragraph ends."""
    rows = store.rows("SELECT id, url, strftime(ingested_at, '%Y%m%d%H%M%S') AS added, "
                      "coalesce(nullif(strpos(text, chr(10)), 0), length(text)) AS lead_end "
                      "FROM articles")
    return {r["id"]: r for r in rows}


def _options_record(options: Options) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(options).items() if k != "extra"}
