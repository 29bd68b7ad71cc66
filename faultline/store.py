"""The DuckDB store: named, recorded migrations; one writer; one transaction per batch."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from faultline.errors import StoreError
from faultline.model import Annotations, Failure

# Each migration is (name, statements). Applied in order, each in its own transaction,
# and recorded in schema_migrations; never edit one that has shipped, add a new one.
MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_initial",
        [
            """CREATE TABLE articles (
                id VARCHAR PRIMARY KEY, title VARCHAR, authors VARCHAR[], publisher VARCHAR,
                url VARCHAR, published VARCHAR, language VARCHAR, n_chars INTEGER,
                n_words INTEGER, source VARCHAR, text VARCHAR, run_id INTEGER,
                ingested_at TIMESTAMP)""",
            """CREATE TABLE entities (
                article_id VARCHAR, start INTEGER, "end" INTEGER, label VARCHAR, text VARCHAR)""",
            """CREATE TABLE actor_mentions (
                article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, code VARCHAR,
                name VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR, via VARCHAR)""",
            """CREATE TABLE timexes (
                article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR,
                value VARCHAR, anchor VARCHAR)""",
            """CREATE TABLE quotes (
                article_id VARCHAR, start INTEGER, "end" INTEGER, kind VARCHAR,
                speaker_name VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
                speaker_code VARCHAR, cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
                reporter_name VARCHAR, reporter_code VARCHAR)""",
            """CREATE TABLE events (
                article_id VARCHAR, start INTEGER, "end" INTEGER, trigger_start INTEGER,
                trigger_end INTEGER, trigger_text VARCHAR,
                source_code VARCHAR, source_name VARCHAR, source_country VARCHAR,
                source_sector VARCHAR, target_code VARCHAR, target_name VARCHAR,
                target_country VARCHAR, target_sector VARCHAR,
                code VARCHAR, root VARCHAR, plover VARCHAR, goldstein DOUBLE,
                quad_class INTEGER, modality VARCHAR, reported_by_name VARCHAR,
                reported_by_code VARCHAR, date VARCHAR, date_precision VARCHAR,
                date_source VARCHAR, location VARCHAR, confidence DOUBLE)""",
            """CREATE TABLE claims (
                article_id VARCHAR, start INTEGER, "end" INTEGER, quantity DOUBLE,
                quantity_max DOUBLE, unit VARCHAR, subject VARCHAR, approximate VARCHAR,
                attributed_to VARCHAR)""",
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
                status VARCHAR, inputs VARCHAR, options VARCHAR, n_read INTEGER,
                n_stored INTEGER, n_duplicates INTEGER, n_failed INTEGER, n_words BIGINT,
                seconds DOUBLE)""",
            """CREATE TABLE failures (
                run_id INTEGER, source VARCHAR, line INTEGER, stage VARCHAR, reason VARCHAR,
                article_id VARCHAR, recorded_at TIMESTAMP)""",
        ],
    ),
    (
        "0002_links",
        [
            """CREATE TABLE event_clusters (
                id VARCHAR PRIMARY KEY, source VARCHAR, target VARCHAR, root VARCHAR,
                date_start VARCHAR, date_end VARCHAR, num_mentions INTEGER,
                num_articles INTEGER, num_sources INTEGER, contested BOOLEAN)""",
            """CREATE TABLE event_cluster_mentions (
                cluster_id VARCHAR, article_id VARCHAR, start INTEGER, trigger_start INTEGER,
                code VARCHAR, modality VARCHAR, stance VARCHAR, party VARCHAR)""",
            """CREATE TABLE number_groups (
                key VARCHAR, label VARCHAR, disagree BOOLEAN, article_id VARCHAR,
                start INTEGER, "end" INTEGER, quantity DOUBLE, quantity_max DOUBLE,
                unit VARCHAR, approximate VARCHAR, attributed_to VARCHAR, publisher VARCHAR,
                published VARCHAR)""",
        ],
    ),
    (
        "0003_source_offsets",
        [
            # JSON anchors back into the source text (see Article.source_offsets):
            # NULL = the text is its own source, "[]" = no source text (HTML).
            "ALTER TABLE articles ADD COLUMN source_offsets VARCHAR",
        ],
    ),
    (
        "0004_copy_of",
        [
            # The earliest article of the same story family (faultline.link.copies), or NULL.
            "ALTER TABLE articles ADD COLUMN copy_of VARCHAR",
        ],
    ),
    (
        "0005_event_actor_mentions",
        [
            # The mention each event's source and target was read from (text and offsets).
            *(f"ALTER TABLE events ADD COLUMN {side}_{col} {kind}"
              for side in ("source", "target")
              for col, kind in (("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"))),
        ],
    ),
    (
        "0006_cluster_mention_actors",
        [
            # Events of one trigger and code differ by their actors' mentions: a cluster
            # mention names its event by those too (faultline.query.EVENT_KEY).
            "ALTER TABLE event_cluster_mentions ADD COLUMN source_start INTEGER",
            "ALTER TABLE event_cluster_mentions ADD COLUMN target_start INTEGER",
        ],
    ),
]

LINK_TABLES = ("event_clusters", "event_cluster_mentions", "number_groups")
ANNOTATION_TABLES = ("entities", "actor_mentions", "timexes", "quotes", "events", "claims")
TABLES = ("articles", *ANNOTATION_TABLES, *LINK_TABLES, "runs", "failures")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _span_cols(span: Any) -> dict[str, Any]:
    return {"article_id": span.article_id, "start": span.start, "end": span.end}


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    return {
        f"{prefix}_code": actor.code if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
    }


def _mention_cols(prefix: str, span: Any, text: str | None) -> dict[str, Any]:
    """The mention an event's actor was read from (events.source_text/start/end ...)."""
    return {f"{prefix}_text": text, f"{prefix}_start": span.start if span else None,
            f"{prefix}_end": span.end if span else None}


def annotation_rows(ann: Annotations) -> dict[str, list[dict[str, Any]]]:
    """Flatten one article's annotations into rows per table."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ANNOTATION_TABLES}
    for ent in ann.entities:
        rows["entities"].append({**_span_cols(ent.span), "label": ent.label, "text": ent.text})
    for m in ann.actors:
        rows["actor_mentions"].append({
            **_span_cols(m.span), "text": m.text, "code": m.actor.code, "name": m.actor.name,
            "country": m.actor.country, "sector": m.actor.sector, "kind": m.actor.kind,
            "via": m.via})
    for t in ann.timexes:
        rows["timexes"].append({**_span_cols(t.span), "text": t.text, "type": t.type,
                                "value": t.value, "anchor": t.anchor})
    for q in ann.quotes:
        sp, rep = q.speaker, q.reporter
        rows["quotes"].append({
            **_span_cols(q.span), "kind": q.kind,
            "speaker_name": sp.name if sp else None,
            "speaker_start": sp.span.start if sp and sp.span else None,
            "speaker_end": sp.span.end if sp and sp.span else None,
            "speaker_code": sp.code if sp else None,
            "cue_start": q.cue_span.start if q.cue_span else None,
            "cue_end": q.cue_span.end if q.cue_span else None,
            "cue_text": q.cue_text,
            "reporter_name": rep.name if rep else None,
            "reporter_code": rep.code if rep else None})
    for e in ann.events:
        rows["events"].append({
            **_span_cols(e.span), "trigger_start": e.trigger_span.start,
            "trigger_end": e.trigger_span.end, "trigger_text": e.trigger_text,
            **_actor_cols("source", e.source), **_actor_cols("target", e.target),
            "code": e.code, "root": e.root, "plover": e.plover, "goldstein": e.goldstein,
            "quad_class": e.quad_class, "modality": e.modality,
            "reported_by_name": e.reported_by.name if e.reported_by else None,
            "reported_by_code": e.reported_by.code if e.reported_by else None,
            "date": e.date, "date_precision": e.date_precision, "date_source": e.date_source,
            "location": e.location, "confidence": e.confidence,
            **_mention_cols("source", e.source_span, e.source_text),
            **_mention_cols("target", e.target_span, e.target_text)})
    for c in ann.claims:
        rows["claims"].append({
            **_span_cols(c.span), "quantity": c.quantity, "quantity_max": c.quantity_max,
            "unit": c.unit, "subject": c.subject, "approximate": c.approximate,
            "attributed_to": c.attributed_to})
    return rows


class Store:
    """One DuckDB file. Open it with `Store.open(path)`; it migrates itself on open."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path
        self._columns: dict[str, list[str]] = {}

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
        path = str(path)
        if read_only and not Path(path).exists():
            raise StoreError(f"no database at {path}")
        try:
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(path, read_only=read_only)
        except (duckdb.Error, OSError) as e:
            raise StoreError(f"cannot open database {path}: {e}") from e
        store = cls(con, path)
        if not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns the names applied now."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, "
            "applied_at TIMESTAMP)"
        )
        done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            info = self.con.execute(f"PRAGMA table_info('{table}')").fetchall()
            self._columns[table] = [r[1] for r in info]
        return self._columns[table]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------
    def _insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = self.columns(table)
        data = {c: [r.get(c) for r in rows] for c in cols}
        arrow = pa.table(data) if any(data.values()) else None
        if arrow is None:
            return
        self.con.register("_faultline_rows", arrow)
        try:
            quoted = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(
                f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _faultline_rows")
        finally:
            self.con.unregister("_faultline_rows")

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        arrow = pa.table({"id": ids})
        self.con.register("_faultline_ids", arrow)
        try:
            found = self.con.execute(
                "SELECT a.id FROM articles a JOIN _faultline_ids i ON a.id = i.id").fetchall()
        finally:
            self.con.unregister("_faultline_ids")
        return {r[0] for r in found}

    def write_batch(self, results: Sequence[Annotations], run_id: int) -> int:
        """Store whole articles with all their annotations in one transaction.

        Articles already present are skipped (idempotent). Returns how many were stored.
        """
        present = self.existing_ids(a.article.id for a in results)
        fresh: list[Annotations] = []
        seen: set[str] = set()
        for ann in results:
            if ann.article.id in present or ann.article.id in seen:
                continue
            seen.add(ann.article.id)
            fresh.append(ann)
        if not fresh:
            return 0
        now = _now()
        article_rows = []
        table_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ANNOTATION_TABLES}
        failures: list[Failure] = []
        for ann in fresh:
            a = ann.article
            offsets = None if a.source_offsets is None else json.dumps(a.source_offsets)
            article_rows.append({**a.meta_dict(), "n_words": ann.n_words, "source": a.source,
                                 "text": a.text, "run_id": run_id, "ingested_at": now,
                                 "source_offsets": offsets})
            for table, rows in annotation_rows(ann).items():
                table_rows[table].extend(rows)
            failures.extend(ann.failures)
        try:
            with self.transaction():
                self._insert("articles", article_rows)
                for table, rows in table_rows.items():
                    self._insert(table, rows)
                self._insert_failures(failures, run_id)
        except duckdb.Error as e:
            raise StoreError(f"cannot write batch to {self.path}: {e}") from e
        return len(fresh)

    def _insert_failures(self, failures: Sequence[Failure], run_id: int) -> None:
        now = _now()
        self._insert("failures", [
            {"run_id": run_id, "source": f.source, "line": f.line, "stage": f.stage,
             "reason": f.reason, "article_id": f.article_id, "recorded_at": now} for f in failures])

    def record_failures(self, failures: Sequence[Failure], run_id: int) -> None:
        if failures:
            with self.transaction():
                self._insert_failures(failures, run_id)

    def start_run(self, inputs: Sequence[str], options: dict[str, Any]) -> int:
        with self.transaction():
            row = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
            run_id = int(row[0]) if row else 1
            self.con.execute(
                "INSERT INTO runs (id, started_at, status, inputs, options) VALUES (?,?,?,?,?)",
                [run_id, _now(), "running", json.dumps(list(inputs)),
                 json.dumps(options, default=str)])
        return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self.transaction():
            self.con.execute(
                "UPDATE runs SET finished_at=?, status=?, n_read=?, n_stored=?, "
                "n_duplicates=?, n_failed=?, n_words=?, seconds=? WHERE id=?",
                [_now(), status, counts.get("read", 0), counts.get("stored", 0),
                 counts.get("duplicates", 0), counts.get("failed", 0), counts.get("words", 0),
                 counts.get("seconds", 0.0), run_id])

    def set_copy_of(self, copy_of: dict[str, str]) -> None:
        """Record each article's family origin (faultline.link.copies); others get NULL."""
        arrow = pa.table({"id": list(copy_of), "origin": list(copy_of.values())},
                         schema=pa.schema([("id", pa.string()), ("origin", pa.string())]))
        with self.transaction():
            self.con.execute("UPDATE articles SET copy_of = NULL WHERE copy_of IS NOT NULL")
            if copy_of:
                self.con.register("_faultline_copies", arrow)
                try:
                    self.con.execute("UPDATE articles SET copy_of = c.origin "
                                     "FROM _faultline_copies c WHERE articles.id = c.id")
                finally:
                    self.con.unregister("_faultline_copies")

    def replace_links(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Swap in freshly computed cross-article tables, all or nothing."""
        with self.transaction():
            for table in LINK_TABLES:
                self.con.execute(f"DELETE FROM {table}")
                self._insert(table, tables.get(table, []))

    # -- reading ------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out
