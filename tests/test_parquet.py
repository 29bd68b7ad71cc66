"""`analyze --parquet DIR`: a month-partitioned Parquet dataset equal to the store's rows."""

from __future__ import annotations

import duckdb
import pyarrow.dataset as ds

from faultline.cli import main
from faultline.runner import bundled_examples


def test_parquet_dataset_is_partitioned_by_month_and_matches_the_store(tmp_path):
    out, parquet = tmp_path / "out", tmp_path / "pq"
    rc = main(["analyze", bundled_examples(), "--out", str(out), "--parquet", str(parquet),
               "--batch-size", "3", "--no-report"])
    assert rc == 0
    with duckdb.connect(str(out / "faultline.duckdb"), read_only=True) as con:
        stored = {r[0]: r[1] for r in con.execute(
            "SELECT id, substr(published, 1, 7) FROM articles").fetchall()}
        events = con.execute('SELECT article_id, start, "end", code FROM events').fetchall()
        months = {f"month={m}" for m in stored.values()}
    assert {p.name for p in (parquet / "articles").iterdir()} == months
    articles = ds.dataset(parquet / "articles", partitioning="hive").to_table().to_pylist()
    assert sorted(a["id"] for a in articles) == sorted(stored)
    assert all(a["month"] == stored[a["id"]] for a in articles)
    assert "text" not in articles[0]
    with duckdb.connect() as con:  # DuckDB reads the dataset as it is
        rows = con.execute(
            "SELECT article_id, start, \"end\", code FROM read_parquet(?, hive_partitioning=true)",
            [str(parquet / "events" / "*" / "*.parquet")]).fetchall()
    assert sorted(rows) == sorted(events)
    # a second run over the same inputs stores nothing and appends nothing
    files = sorted(parquet.rglob("*.parquet"))
    assert main(["analyze", bundled_examples(), "--out", str(out), "--parquet", str(parquet),
                 "--no-report"]) == 0
    assert sorted(parquet.rglob("*.parquet")) == files
