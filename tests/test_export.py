"""`faultline export`: every advertised format of every table, and failures leave nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from faultline import export as export_module
from faultline.cli import main
from faultline.errors import UsageError
from faultline.export import EVENT_FORMATS, FORMATS, TABLE_FORMATS, export
from faultline.options import Options
from faultline.runner import analyze
from faultline.store import TABLES, Store

# Two reports of one shelling, one disputing it, and a number: every table gets rows.
ARTICLES = [
    {"id": "e1", "published": "2022-02-16", "publisher": "Wire One",
     "title": "Shelling near Donetsk",
     "text": "Russian forces shelled Ukrainian positions near Donetsk on Tuesday, the "
             "Ukrainian army said. \u201cThey fired all night,\u201d a commander said. "
             "About 300 people fled the town."},
    {"id": "e2", "published": "2022-02-16", "publisher": "Wire Two",
     "title": "Moscow denies shelling",
     "text": "Russia denied that its forces shelled Ukrainian positions near Donetsk on "
             "Tuesday. Ukraine condemned Russia. Some 3,000 people fled the town, officials "
             "said."},
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    bad = folder / "bad.txt"
    bad.write_text("  \n", encoding="utf-8")  # a failure row
    analyze([str(source), str(bad)], Options(out=folder / "out", report=False))
    return folder / "out" / "faultline.duckdb"


def _counts(database: Path) -> dict[str, int]:
    with Store.open(str(database), read_only=True) as store:
        return store.counts()


def test_the_corpus_fills_every_table(database: Path) -> None:
    counts = _counts(database)
    empty = [t for t in TABLES if not counts.get(t)]
    assert not empty, f"tables without rows: {empty}"


def test_formats_cover_tables_and_events() -> None:
    assert set(FORMATS) == {"csv", "parquet", "jsonl", "gdelt", "plover"}


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_every_table_in_every_table_format(database: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    assert main(["export", str(database), "--format", fmt, "--out", str(out)]) == 0
    counts = _counts(database)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in TABLES)
    for table in TABLES:
        path = out / f"{table}.{fmt}"
        if fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        elif fmt == "csv":
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        else:
            rows = [dict(zip(("n",), r, strict=False))
                    for r in duckdb.sql(f"SELECT * FROM read_parquet('{path}')").fetchall()]
        assert len(rows) == counts[table], (table, len(rows), counts[table])


def test_jsonl_spans_carry_source_offsets(database: Path, tmp_path: Path) -> None:
    export_tables_out = tmp_path / "j"
    with Store.open(str(database), read_only=True) as store:
        export(store, export_tables_out, "jsonl", ["events", "quotes", "event_cluster_mentions"])
    for name in ("events", "quotes"):
        rows = [json.loads(x) for x in (export_tables_out / f"{name}.jsonl").read_text(
            "utf-8").splitlines()]
        assert rows and all(r["orig_start"] is not None and r["orig_end"] is not None
                            for r in rows), name
    mentions = (export_tables_out / "event_cluster_mentions.jsonl").read_text("utf-8")
    assert mentions and all("cluster_id" in json.loads(x) for x in mentions.splitlines())


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_events_in_every_event_format(database: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    assert main(["export", str(database), "--format", fmt, "--out", str(out)]) == 0
    (written,) = list(out.iterdir())
    if fmt == "gdelt":
        lines = written.read_text("utf-8").splitlines()
        assert lines[0].startswith("GLOBALEVENTID,") and len(lines) > 1
    else:
        records = json.loads(written.read_text("utf-8"))
        assert records and all(r["articleId"] in ("e1", "e2") for r in records)


def test_unknown_format_names_every_format(database: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(database), "--format", "xml", "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    for fmt in FORMATS:
        assert fmt in err
    assert not (tmp_path / "x").exists()


def test_unknown_table_is_a_usage_error(database: Path, tmp_path: Path) -> None:
    with Store.open(str(database), read_only=True) as store, pytest.raises(UsageError,
                                                                           match="nosuch"):
        export(store, tmp_path / "t", "csv", ["events", "nosuch"])
    assert not (tmp_path / "t").exists()


def _boom(row: dict[str, Any]) -> dict[str, Any]:
    raise KeyError("end")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_failed_export_leaves_nothing_half_written(database: Path, tmp_path: Path, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.jsonl").write_text("old\n", encoding="utf-8")
    if fmt == "jsonl":
        sql, _shape = export_module.CONTRACT["quotes.jsonl"]
        monkeypatch.setitem(export_module.CONTRACT, "quotes.jsonl", (sql, _boom))
        error: type[BaseException] = KeyError
    else:
        monkeypatch.setattr(export_module, "_sql_string",
                            lambda p: "'/nonexistent-dir/x/y.csv'")
        error = export_module.OutputError
    with Store.open(str(database), read_only=True) as store, pytest.raises(error):
        export(store, out, fmt)
    assert sorted(p.name for p in out.iterdir()) == ["events.jsonl"]
    assert (out / "events.jsonl").read_text("utf-8") == "old\n"


def test_a_failed_export_into_a_new_folder_leaves_no_folder(
        database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sql, _shape = export_module.CONTRACT["events.jsonl"]
    monkeypatch.setitem(export_module.CONTRACT, "events.jsonl", (sql, _boom))
    with Store.open(str(database), read_only=True) as store, pytest.raises(KeyError):
        export(store, tmp_path / "new", "jsonl")
    assert not (tmp_path / "new").exists()


def test_a_span_record_without_an_end_keeps_its_fields() -> None:
    record = {"article_id": "a", "start": 3, "cluster_id": "c"}
    assert export_module.with_source_offsets(dict(record), {"a": [[0, 5]]}) == record
