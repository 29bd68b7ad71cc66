"""`faultline watch`: follow folders, files and feed URLs; analyse what is new every N seconds.

Each cycle reads only the files that are new or changed since the last cycle (by size and
modification time, once they have settled) and every feed URL, and runs the ordinary
`analyze` on them into the same store: an article whose id is already stored is skipped
before parsing, so nothing is parsed twice. After a cycle that stored something, each newly
contested event and each new escalation alert is printed once. Ctrl-C stops between or inside
batches; every committed batch stays in the store, and the run is recorded as interrupted.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from faultline.errors import UsageError
from faultline.ingest.fetch import is_url
from faultline.ingest.sources import expand_path
from faultline.options import Options

Printer = Callable[[str], None]


@dataclass
class WatchState:
    """What the watcher has already handled: file versions, contested events, alerts."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    contested: set[tuple[str, ...]] = field(default_factory=set)
    alerts: set[tuple[str, str]] = field(default_factory=set)
    cycles: int = 0
    stored: int = 0


def changed_files(sources: Sequence[str], state: WatchState, settle: float,
                  now: float | None = None) -> list[str]:
    """Files under the local sources that are new or changed and untouched for `settle` s."""
    now = time.time() if now is None else now
    found: list[str] = []
    for source in sources:
        if is_url(source):
            continue
        if not os.path.exists(source) and not any(c in source for c in "*?["):
            continue  # a folder not made yet; it is looked at again next cycle
        try:
            files = expand_path(source)
        except Exception:  # noqa: BLE001 - a glob that matches nothing yet
            continue
        for path in files:
            try:
                info = os.stat(path)
            except OSError:
                continue
            version = (info.st_size, info.st_mtime_ns)
            if state.files.get(path) == version or now - info.st_mtime < settle:
                continue
            found.append(path)
    return found


def watch(sources: Sequence[str], options: Options, *, interval: float = 60.0,
          settle: float = 1.0, max_cycles: int | None = None,
          echo: Printer = print, state: WatchState | None = None) -> WatchState:
    """Poll `sources` every `interval` seconds until Ctrl-C (or `max_cycles`)."""
    from faultline.runner import analyze  # noqa: PLC0415

    if interval <= 0:
        raise UsageError("--interval must be more than 0 seconds")
    if not sources:
        raise UsageError("watch needs at least one folder, file or feed URL")
    state = state or WatchState()
    urls = [s for s in sources if is_url(s)]
    _remember_known(options, state)
    echo(f"watching {len(sources)} source(s) every {interval:g} s; Ctrl-C stops")
    try:
        while max_cycles is None or state.cycles < max_cycles:
            started = time.monotonic()
            state.cycles += 1
            files = changed_files(sources, state, settle)
            versions = {p: _version(p) for p in files}
            if files or urls:
                try:
                    summary = analyze(files + urls, options)
                except UsageError as e:  # a file removed between the look and the read
                    echo(f"cycle {state.cycles}: skipped: {e}")
                    time.sleep(interval)
                    continue
                for path, version in versions.items():
                    if version is not None:
                        state.files[path] = version
                state.stored += summary.stored
                for failure in summary.failures:
                    echo(f"failed: {failure.describe()}")
                if summary.stored:
                    echo(f"cycle {state.cycles}: {summary.stored} new article(s) stored "
                         f"({summary.duplicates} already stored, {summary.failed} failed)")
                    for line in news(options, state):
                        echo(line)
                elif files:
                    echo(f"cycle {state.cycles}: nothing new ({summary.duplicates} already "
                         f"stored, {summary.failed} failed)")
            if max_cycles is not None and state.cycles >= max_cycles:
                break
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        echo(f"stopped after {state.cycles} cycle(s); {state.stored} article(s) stored; "
             f"the store is complete up to the last committed batch")
    return state


def news(options: Options, state: WatchState) -> list[str]:
    """Lines for contested events and escalation alerts not printed before."""
    lines = []
    contested, alerts = _current(options)
    for key, line in contested:
        if key not in state.contested:
            state.contested.add(key)
            lines.append(line)
    for key, line in alerts:
        if key not in state.alerts:
            state.alerts.add(key)
            lines.append(line)
    return lines


def _remember_known(options: Options, state: WatchState) -> None:
    """What an existing store already shows is not news: it is printed only when it changes."""
    contested, alerts = _current(options)
    state.contested.update(key for key, _ in contested)
    state.alerts.update(key for key, _ in alerts)


def _current(options: Options) -> tuple[list[tuple[tuple[str, ...], str]],
                                         list[tuple[tuple[str, str], str]]]:
    from faultline.analysis import alerts, dyad_days  # noqa: PLC0415
    from faultline.link import link_all  # noqa: PLC0415
    from faultline.runner import DB_NAME  # noqa: PLC0415
    from faultline.store import Store  # noqa: PLC0415

    path = os.path.join(options.out, DB_NAME)
    if not os.path.isfile(path):
        return [], []
    with Store.open(path, read_only=True) as store:
        links = link_all(store)
        series = dyad_days(store)
    contested: list[tuple[tuple[str, ...], str]] = []
    for cluster in links.contested:
        key = (cluster.source, cluster.target, cluster.root, str(cluster.date_start))
        contested.append((key, f"contested: {cluster.label} {cluster.date_start}: "
                               f"{_sides(cluster)}"))
    found = []
    for day in alerts(series):
        found.append(((day.dyad, day.day),
                      f"escalation alert: {day.dyad} {day.day} index {day.index:.2f} "
                      f"({day.events} events, Goldstein sum {day.goldstein_sum:.1f})"))
    return contested, found


def _sides(cluster: Any) -> str:
    summary = getattr(cluster, "side_summary", None)
    if callable(summary):
        return str(summary())
    parties = cluster.parties
    return (f"affirmed by {', '.join(sorted(parties.get('affirms', ())))}; "
            f"disputed by {', '.join(sorted(parties.get('disputes', ())))}")


def _version(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns
