"""Outputs: the JSONL files of the output contract, and CSV / Parquet / JSONL table exports."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from faultline.errors import OutputError, UsageError
from faultline.offsets import to_source
from faultline.store import TABLES, Store

TABLE_FORMATS = ("jsonl", "csv", "parquet")  # one file per table
EVENT_FORMATS = ("gdelt", "plover")  # the events in another tool's shape
FORMATS = TABLE_FORMATS + EVENT_FORMATS


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_code") is None:
        return None
    return {k: row[f"{prefix}_{k}"] for k in ("code", "name", "country", "sector")}


def _mentioned(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """An event's actor with the mention it was read from: `text`, `start`, `end`."""
    actor = _actor(row, prefix)
    if actor is not None:
        actor.update({k: row.get(f"{prefix}_{k}") for k in ("text", "start", "end")})
    return actor


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "authors": list(row["authors"] or []),
            "publisher": row["publisher"], "url": row["url"], "published": row["published"],
            "language": row["language"], "n_chars": row["n_chars"],
            "copy_of": row.get("copy_of")}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    reported = None
    if row["reported_by_name"] or row["reported_by_code"]:
        reported = {"name": row["reported_by_name"], "code": row["reported_by_code"]}
    return {
        "article_id": row["article_id"], "start": row["start"], "end": row["end"],
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"],
                    "text": row["trigger_text"]},
        "source": _mentioned(row, "source"), "target": _mentioned(row, "target"),
        "code": row["code"], "root": row["root"], "plover": row["plover"],
        "goldstein": row["goldstein"], "quad_class": row["quad_class"],
        "modality": row["modality"], "reported_by": reported,
        "date": row["date"], "date_precision": row["date_precision"],
        "date_source": row["date_source"], "location": row["location"],
        "confidence": row["confidence"],
    }


def timex_record(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("article_id", "start", "end", "text", "type", "value", "anchor")}


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if row["speaker_name"] is not None:
        speaker = {"name": row["speaker_name"], "start": row["speaker_start"],
                   "end": row["speaker_end"], "code": row["speaker_code"]}
    cue = None
    if row["cue_start"] is not None:
        cue = {"start": row["cue_start"], "end": row["cue_end"], "text": row["cue_text"]}
    reporter = None
    if row["reporter_name"] is not None:
        reporter = {"name": row["reporter_name"], "code": row["reporter_code"]}
    return {"article_id": row["article_id"], "start": row["start"], "end": row["end"],
            "kind": row["kind"], "speaker": speaker, "cue": cue, "reporter": reporter}


def claim_record(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("article_id", "start", "end", "quantity", "quantity_max",
                                "unit", "subject", "approximate", "attributed_to")}


def plain_record(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


# file name -> (query, shape). The order of rows is stable: by article, then offset.
CONTRACT: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "articles.jsonl": ("SELECT * FROM articles ORDER BY published NULLS LAST, id",
                       article_record),
    "entities.jsonl": ('SELECT * FROM entities ORDER BY article_id, start, "end"', plain_record),
    "events.jsonl": ('SELECT * FROM events ORDER BY article_id, start, trigger_start',
                     event_record),
    "timexes.jsonl": ('SELECT * FROM timexes ORDER BY article_id, start', timex_record),
    "quotes.jsonl": ('SELECT * FROM quotes ORDER BY article_id, start', quote_record),
    "claims.jsonl": ('SELECT * FROM claims ORDER BY article_id, start', claim_record),
    "failures.jsonl": ("SELECT * FROM failures ORDER BY run_id, recorded_at", plain_record),
}


def _write_lines(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write JSON lines atomically: a crash never leaves a half-written output file."""
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, default=str))
                fh.write("\n")
                n += 1
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {e}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _iter_rows(store: Store, sql: str) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql)
    names = [d[0] for d in cur.description or []]
    while batch := cur.fetchmany(2000):
        for r in batch:
            yield dict(zip(names, r, strict=True))


def ensure_dir(out_dir: str | os.PathLike[str]) -> Path:
    """Create the output folder or fail with one clear line."""
    path = Path(out_dir)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".faultline-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as e:
        raise OutputError(f"cannot write to output folder {path}: {e.strerror or e}") from e
    return path


def source_maps(store: Store) -> dict[str, list[list[int]]]:
    """Per article whose text is not its source text: anchors back into the source."""
    rows = store.con.execute(
        "SELECT id, source_offsets FROM articles WHERE source_offsets IS NOT NULL").fetchall()
    return {article_id: json.loads(anchors) for article_id, anchors in rows}


def with_source_offsets(record: dict[str, Any], maps: dict[str, list[list[int]]]
                        ) -> dict[str, Any]:
    """Add `orig_start`/`orig_end`: the evidence span in the source file or record text
    (equal to start/end when the text is its own source, null when there is no source
    text to point into, as for HTML)."""
    if "article_id" not in record or "start" not in record or "end" not in record:
        return record  # not a span (an event cluster's mention is keyed by its start only)
    anchors = maps.get(record["article_id"])
    if anchors is None:
        record["orig_start"], record["orig_end"] = record["start"], record["end"]
    elif not anchors:
        record["orig_start"] = record["orig_end"] = None
    else:
        record["orig_start"] = to_source(anchors, record["start"])
        record["orig_end"] = to_source(anchors, record["end"], end=True)
    return record


def write_contract_files(store: Store, out_dir: str | os.PathLike[str]) -> dict[str, int]:
    """Write every JSONL file of the output contract from the whole database."""
    path = ensure_dir(out_dir)
    maps = source_maps(store)
    return {name: _write_lines(path / name, (with_source_offsets(shape(r), maps)
                                             for r in _iter_rows(store, sql)))
            for name, (sql, shape) in CONTRACT.items()}


@contextmanager
def staged(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """A hidden folder inside `out_dir` to write into; its files move into `out_dir` only when
    the block finishes. On any error it is removed: no half-written or .tmp file is left."""
    created = not Path(out_dir).exists()
    path = ensure_dir(out_dir)
    stage = Path(tempfile.mkdtemp(prefix=".faultline-export-", dir=path))
    done = False
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            os.replace(item, path / item.name)
        done = True
    except OSError as e:
        raise OutputError(f"cannot write to output folder {path}: {e.strerror or e}") from e
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if created and not done and not any(path.iterdir()):
            path.rmdir()


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_tables(store: Store, out_dir: str | os.PathLike[str], fmt: str,
                  tables: Iterable[str] = TABLES) -> dict[str, Path]:
    """Export tables as CSV or Parquet (flat, one file per table) or JSONL (contract shapes).

    All or nothing: every file is written first, then moved into place."""
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown table format {fmt!r} (choose from "
                         f"{', '.join(TABLE_FORMATS)})")
    tables = list(tables)
    for table in tables:
        if table not in TABLES:
            raise UsageError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
    path = Path(out_dir)
    written: dict[str, Path] = {}
    maps = source_maps(store) if fmt == "jsonl" else {}
    with staged(path) as stage:
        for table in tables:
            name = f"{table}.{fmt}"
            if fmt == "jsonl":
                sql, shape = CONTRACT.get(name, (f"SELECT * FROM {table}", plain_record))
                _write_lines(stage / name, (with_source_offsets(shape(r), maps)
                                            for r in _iter_rows(store, sql)))
            else:
                option = "(FORMAT PARQUET)" if fmt == "parquet" else "(FORMAT CSV, HEADER)"
                try:
                    store.con.execute(f"COPY {table} TO {_sql_string(stage / name)} {option}")
                except duckdb.Error as e:
                    raise OutputError(f"cannot export {table} as {fmt}: {e}") from e
            written[table] = path / name
    return written


def export(store: Store, out_dir: str | os.PathLike[str], fmt: str,
           tables: Iterable[str] | None = None) -> dict[str, Path]:
    """`faultline export`: tables in a table format, or the events in an event format."""
    if fmt in EVENT_FORMATS:
        if tables is not None and list(tables) not in (["events"], []):
            raise UsageError(f"--format {fmt} exports the events only (no --tables)")
        from faultline.runner import export_events

        path = Path(out_dir)
        with staged(path) as stage:
            written = export_events(store, str(stage), fmt)
        return {name: path / file.name for name, file in written.items()}
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return export_tables(store, out_dir, fmt, TABLES if tables is None else tables)
