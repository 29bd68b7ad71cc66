"""Analysis jobs for the server: one queue, one worker thread, so the store has one writer."""

from __future__ import annotations

import itertools
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from faultline.errors import FaultlineError
from faultline.options import Options

MAX_KEPT = 200  # finished jobs remembered for GET /jobs


@dataclass
class Job:
    id: str
    kind: str  # text | jsonl
    n_bytes: int
    status: str = "queued"  # queued | running | done | failed
    submitted_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Runner = Callable[[Path, Path], dict[str, Any]]


def analyze_into(database: str, options: Options | None = None) -> Runner:
    """A runner that analyzes one input file into `database`, outputs in a job folder."""

    def run(path: Path, out: Path) -> dict[str, Any]:
        from faultline.runner import analyze

        opts = (options or Options()).replace(out=str(out), report=False, workers=1)
        summary = analyze([str(path)], opts, database=database, outputs=False)
        return {"run_id": summary.run_id, "status": summary.status, "read": summary.read,
                "stored": summary.stored, "duplicates": summary.duplicates,
                "failed": summary.failed, "words": summary.words,
                "seconds": round(summary.seconds, 3),
                "failures": [f.describe() for f in summary.failures]}

    return run


class JobQueue:
    """Jobs run one after another in a worker thread; reads never wait for them."""

    def __init__(self, runner: Runner, on_done: Callable[[], None] | None = None) -> None:
        self.runner = runner
        self.on_done = on_done
        self.jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)
        self._queue: queue.Queue[tuple[Job, Path] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._root = Path(tempfile.mkdtemp(prefix="faultline-jobs-"))
        self._thread = threading.Thread(target=self._work, name="faultline-jobs", daemon=True)
        self._thread.start()

    def submit(self, data: bytes, kind: str) -> Job:
        with self._lock:
            job = Job(id=f"job-{next(self._ids)}", kind=kind, n_bytes=len(data))
            self.jobs[job.id] = job
            self._forget_old()
        folder = self._root / job.id  # chosen here, never from the request
        folder.mkdir()
        path = folder / ("input.jsonl" if kind == "jsonl" else "input.txt")
        path.write_bytes(data)
        self._queue.put((job, path))
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def pending(self) -> int:
        return sum(1 for j in self.jobs.values() if j.status in ("queued", "running"))

    def _forget_old(self) -> None:
        done = [j for j in self.jobs.values() if j.status in ("done", "failed")]
        for j in done[: max(0, len(done) - MAX_KEPT)]:
            del self.jobs[j.id]

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, path = item
            job.status, job.started_at = "running", time.time()
            result, status, error = None, "failed", None
            try:
                result, status = self.runner(path, path.parent / "out"), "done"
            except FaultlineError as e:
                error = str(e)
            except Exception as e:  # noqa: BLE001 - a job's error is reported, not raised
                error = f"{type(e).__name__}: {e}"
            finally:
                shutil.rmtree(path.parent, ignore_errors=True)
                if self.on_done:  # before the status says done: no stale read after it
                    self.on_done()
            job.result, job.error, job.finished_at = result, error, time.time()
            job.status = status

    def wait(self, job_id: str, timeout: float = 120.0) -> Job:
        """Block until a job has finished (tests and scripts)."""
        deadline = time.monotonic() + timeout
        job = self.jobs[job_id]
        while job.status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.05)
        return job

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)
        shutil.rmtree(self._root, ignore_errors=True)
