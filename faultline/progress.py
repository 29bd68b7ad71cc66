"""Progress of a run on stderr: a bar with percentage and ETA on a terminal when the number of
inputs is known up front, a running count when it is not, plain lines when not a terminal.

It counts articles (read or failed) and their rate; the one words/s figure of a run is the
summary's, printed at the end.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import Any

BAR_WIDTH = 24
PLAIN_EVERY = 5.0  # seconds between plain lines


def clock_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Called with the run's summary after each batch; `done()` when the run ends."""

    def __init__(self, stream: Any, enabled: bool | None = None, total: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.tty = bool(stream.isatty()) if enabled is None else enabled
        self.total = total
        self.clock = clock
        self.started = clock()
        self.last_plain: float | None = None
        self.calls = 0

    def line(self, summary: Any) -> str:
        done = summary.read + summary.failed
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = done / elapsed
        counts = f"stored {summary.stored:,}, failed {summary.failed:,}"
        if not self.total:
            return (f"{done:,} articles, {counts}, {rate:,.1f} articles/s, "
                    f"{clock_text(elapsed)} elapsed")
        total = max(self.total, done)
        share = min(done / total, 0.99 if done < total else 1.0)
        filled = int(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        eta = (total - done) / rate if rate > 0 else None
        eta_text = clock_text(eta) if eta is not None else "?"
        return (f"[{bar}] {share * 100:3.0f}% {done:,}/{total:,} articles, {counts}, "
                f"{rate:,.1f}/s, ETA {eta_text}")

    def __call__(self, summary: Any) -> None:
        self.calls += 1
        text = self.line(summary)
        if self.tty:
            width = shutil.get_terminal_size((100, 20)).columns - 1
            self.stream.write("\r\033[K" + text[:width])
            self.stream.flush()
            return
        now = self.clock()
        if self.last_plain is None or now - self.last_plain >= PLAIN_EVERY:
            self.last_plain = now
            self.stream.write(text + "\n")
            self.stream.flush()

    def done(self) -> None:
        """Clear the bar, so that the summary printed next is the last word."""
        if self.tty and self.calls:
            self.stream.write("\r\033[K")
            self.stream.flush()
