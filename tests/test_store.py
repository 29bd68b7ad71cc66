"""The DuckDB store: migrations, idempotent whole-article writes, rollback."""

from __future__ import annotations

import pytest

from faultline.errors import StoreError
from faultline.model import Annotations, Article, Entity, Failure, Span
from faultline.store import MIGRATIONS, Store


def _ann(text: str, article_id: str) -> Annotations:
    article = Article(id=article_id, text=text, published="2022-02-15")
    ann = Annotations(article=article, n_words=len(text.split()))
    ann.entities.append(Entity(Span(article_id, 0, 6), "GPE", text[:6]))
    ann.failures.append(Failure(source="x.txt", reason="test failure", stage="events",
                                article_id=article_id))
    return ann


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with Store.open(path) as store:
        assert store.migrate() == []


def test_write_batch_is_idempotent(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        run = store.start_run(["a"], {})
        batch = [_ann("Russia massed troops.", "a1"), _ann("Russia massed troops.", "a1"),
                 _ann("NATO offered talks.", "a2")]
        assert store.write_batch(batch, run) == 2
        assert store.write_batch(batch, run) == 0
        counts = store.counts()
        assert counts["articles"] == 2
        assert counts["entities"] == 2
        assert counts["failures"] == 2


def test_failed_batch_leaves_no_half_article(tmp_path, monkeypatch):
    with Store.open(tmp_path / "db.duckdb") as store:
        run = store.start_run(["a"], {})
        original = store._insert

        def broken(table, rows):
            if table == "entities":
                raise RuntimeError("disk on fire")
            original(table, rows)

        monkeypatch.setattr(store, "_insert", broken)
        with pytest.raises(RuntimeError):
            store.write_batch([_ann("Russia massed troops.", "a1")], run)
        assert store.counts()["articles"] == 0


def test_read_only_open_of_missing_database_is_clear(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
