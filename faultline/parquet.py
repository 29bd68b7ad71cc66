"""A Parquet dataset beside the store (`--parquet DIR`): appended batch by batch.

    DIR/<table>/month=YYYY-MM/run<R>-batch<B>.parquet

One folder per table (articles without their text, and each annotation table), partitioned
by the article's publication month (`month=unknown` when it has none), in the store's own
column types, so DuckDB (`read_parquet('DIR/events/*/*.parquet', hive_partitioning=true)`),
pandas/pyarrow (`pyarrow.dataset.dataset('DIR/events', partitioning='hive')`) and Spark read
it directly. A file is written under a temporary name and renamed, so a reader never sees half
of one; a batch that is not stored is not written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from faultline.model import Annotations
from faultline.store import ANNOTATION_TABLES, Store, annotation_rows

ARTICLE_COLUMNS = ("id", "title", "authors", "publisher", "url", "published", "language",
                   "n_chars", "n_words", "source")


class ParquetSink:
    """Appends each stored batch's rows to the dataset at `folder`."""

    def __init__(self, folder: str | os.PathLike[str], store: Store, run_id: int) -> None:
        self.folder = Path(folder)
        self.run_id = run_id
        self.batches = 0
        self.schemas: dict[str, pa.Schema] = {}
        for table in ("articles", *ANNOTATION_TABLES):
            empty: Any = store.con.sql(f'SELECT * FROM "{table}" LIMIT 0').to_arrow_table()
            schema = empty.schema
            if table == "articles":
                schema = pa.schema([schema.field(c) for c in ARTICLE_COLUMNS
                                    if c in schema.names])
            self.schemas[table] = schema
        self.folder.mkdir(parents=True, exist_ok=True)

    def append(self, results: Sequence[Annotations]) -> dict[str, int]:
        """Write one batch; returns rows written per table."""
        self.batches += 1
        by_table: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for ann in results:
            month = (ann.article.published or "")[:7] or "unknown"
            article = {**ann.article.meta_dict(), "n_words": ann.n_words,
                       "source": ann.article.source}
            by_table.setdefault("articles", {}).setdefault(month, []).append(article)
            for table, rows in annotation_rows(ann).items():
                for row in rows:
                    by_table.setdefault(table, {}).setdefault(month, []).append(row)
        written: dict[str, int] = {}
        for table, months in by_table.items():
            schema = self.schemas[table]
            for month, rows in months.items():
                data = pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows],
                                            schema=schema)
                self._write(table, month, data)
                written[table] = written.get(table, 0) + len(rows)
        return written

    def _write(self, table: str, month: str, data: pa.Table) -> None:
        folder = self.folder / table / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"run{self.run_id}-batch{self.batches:06d}.parquet"
        tmp = folder / f".{name}.tmp"
        pq.write_table(data, tmp)
        os.replace(tmp, folder / name)
