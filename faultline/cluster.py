"""The Dask engine: the same `process_batch` on the workers of a cluster, in input order.

Each worker loads the spaCy pipeline once, when it joins (a worker plugin), and keeps it for
every batch after. Batches are submitted a few at a time; a worker that dies mid-run loses
only the batches it held, which the scheduler runs again on another worker, and since each
batch's result is taken from its one future, in order, no batch is stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from faultline.errors import UsageError
from faultline.model import Annotations, Article
from faultline.nlp import load_nlp
from faultline.options import Options
from faultline.pipeline import process_batch


def _plugin(options: Options) -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin  # noqa: PLC0415

    class PreloadModel(WorkerPlugin):
        """Load the run's spaCy pipeline on a worker as it starts (or joins later)."""

        name = f"faultline-model-{options.model}"

        def __init__(self, model: str) -> None:
            self.model = model

        def setup(self, worker: Any) -> None:
            load_nlp(self.model)

    return PreloadModel(options.model)


def parsed_dask(batches: Iterable[list[Article]], options: Options
                ) -> Iterator[list[Annotations]]:
    """Annotated batches from `options.scheduler`'s cluster, or a LocalCluster of workers."""
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415
    except ImportError as e:
        raise UsageError("the dask engine needs `pip install 'faultline[scale]'`") from e
    cluster = None
    try:
        if options.scheduler:
            client = Client(options.scheduler, timeout=options.extra.get("dask_timeout", 30))
        else:
            cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1,
                                   processes=options.workers > 1, dashboard_address=None)
            client = Client(cluster)
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler {options.scheduler}: {e}") from e
    try:
        client.register_plugin(_plugin(options))
        n_workers = max(1, len(client.scheduler_info().get("workers", {})), options.workers)
        pending = []
        for batch in batches:
            pending.append(client.submit(process_batch, batch, options, pure=False))
            while len(pending) >= max(2, n_workers * 2):
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
