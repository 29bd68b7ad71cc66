"""Fuzzing the front door: whatever bytes arrive, each input ends as stored articles or as
failure rows with a reason. No traceback (an "unexpected error" failure is one), no hang.

Bounded: a fixed number of examples per kind, derandomized (the same inputs on every run),
and a per-example deadline.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.ingest import read_inputs
from faultline.model import Annotations, Article, Failure
from faultline.options import Options
from faultline.store import Store

FUZZ = settings(max_examples=40, deadline=timedelta(seconds=10), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                database=None)
SUFFIXES = ["", ".txt", ".html", ".json", ".jsonl"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "cp1252", "latin-1",
             "koi8-r", "shift_jis", "gb18030", "iso-8859-7"]
OPTIONS = Options(max_bytes=200_000)

# Words that look like news, so some inputs pass the checks after decoding.
WORDS = st.sampled_from(["Russia", "said", "troops", "Kyiv", "on", "Tuesday", "NATO", "the",
                         "Москва", "Ελλάδα", "café", "naïve", "\u200b", "\ufeff", "\u00a0",
                         "Ð\u00a0ÑƒÑ", "â€œquotedâ€\u009d", "&amp;", "&#8217;", "\r\n", "\n\n",
                         "\t", "2022-02-16", "\x00", "\udcff".encode("utf-8", "surrogatepass")
                         .decode("utf-8", "replace")])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def store() -> Iterator[tuple[Store, int, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Store.open(Path(folder) / "fuzz.duckdb")
        run_id = db.start_run(["fuzz"], {})
        yield db, run_id, Path(folder)
        db.close()


def _counts(db: Store) -> dict[str, int]:
    return {t: int(db.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
            for t in ("articles", "failures")}


def _through_the_front_door(store: tuple[Store, int, Path], data: bytes, suffix: str) -> None:
    db, run_id, folder = store
    with tempfile.NamedTemporaryFile(dir=folder, suffix=suffix, delete=False) as fh:
        fh.write(data)
    path = Path(fh.name)
    try:
        items = list(read_inputs([str(path)], OPTIONS))
    finally:
        path.unlink()
    assert items, f"{len(data)} bytes as {suffix or 'no suffix'} gave neither article nor failure"
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) + len(failures) == len(items)
    for failure in failures:
        assert failure.reason.strip(), failure
        assert not failure.reason.startswith("unexpected error"), failure  # a caught traceback
    for article in articles:
        assert article.text.strip() and article.id
        assert article.text.encode("utf-8")  # no lone surrogates: it can be stored
    before = _counts(db)
    stored = db.write_batch([Annotations(article=a) for a in articles], run_id)
    db.record_failures(failures, run_id)
    after = _counts(db)
    assert after["failures"] - before["failures"] == len(failures)
    assert after["articles"] - before["articles"] == stored
    ids = [a.id for a in articles]
    rows = dict(db.con.execute(
        "SELECT id, text FROM articles WHERE list_contains(?, id)", [ids]).fetchall())
    assert set(rows) == set(ids)  # stored now, or before under the same id


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(store: tuple[Store, int, Path], data: bytes, suffix: str) -> None:
    _through_the_front_door(store, data, suffix)


@FUZZ
@given(text=NEWSY, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from(["", ".txt"]))
def test_random_encodings(store: tuple[Store, int, Path], text: str, encoding: str,
                          suffix: str) -> None:
    _through_the_front_door(store, codecs.encode(text, encoding, "replace"), suffix)


@FUZZ
@given(text=NEWSY, cut=st.integers(min_value=0, max_value=3))
def test_truncated_utf8(store: tuple[Store, int, Path], text: str, cut: int) -> None:
    data = (text + " Ж€😀").encode("utf-8")
    _through_the_front_door(store, data[: max(0, len(data) - cut)], ".txt")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | NEWSY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=12)
RECORDS = st.fixed_dictionaries(
    {}, optional={"id": st.one_of(st.text(max_size=10), st.integers(), st.none()),
                  "text": st.one_of(NEWSY, JSON_VALUES), "published": st.one_of(
                      st.sampled_from(["2022-02-16", "16/02/2022", "yesterday", ""]),
                      JSON_VALUES),
                  "title": JSON_VALUES, "authors": JSON_VALUES, "url": JSON_VALUES,
                  "publisher": JSON_VALUES})


@FUZZ
@given(records=st.lists(st.one_of(RECORDS, JSON_VALUES), max_size=6),
       junk=st.lists(st.sampled_from(["", "{", "[1,", "null", "\ufeff{}", "not json"]),
                     max_size=3))
def test_random_json_and_jsonl(store: tuple[Store, int, Path], records: list[Any],
                               junk: list[str]) -> None:
    lines = [json.dumps(r, ensure_ascii=False, allow_nan=True) for r in records] + junk
    _through_the_front_door(store, "\n".join(lines).encode("utf-8", "replace"), ".jsonl")
    _through_the_front_door(store, json.dumps(records, allow_nan=True).encode(), ".json")


TAGS = st.sampled_from(["p", "div", "article", "script", "style", "h1", "title", "meta",
                        "br", "a", "b", "table", "td", "html", "body", "head", "![CDATA[",
                        "!--", "?xml"])


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        tag = draw(TAGS)
        kind = draw(st.sampled_from(["open", "close", "text", "attr"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "attr":
            parts.append(f'<{tag} content="{draw(NEWSY)}" name=\'{draw(st.text(max_size=5))}\'>')
        else:
            parts.append(draw(NEWSY))
    return "".join(parts)


@FUZZ
@given(document=html_documents(), encoding=st.sampled_from(["utf-8", "cp1251", "utf-16"]))
def test_random_html(store: tuple[Store, int, Path], document: str, encoding: str) -> None:
    _through_the_front_door(store, codecs.encode(document, encoding, "replace"), ".html")
