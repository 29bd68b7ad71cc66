"""Helpers for the ingest tests: run read_inputs on paths or bytes and unpack the result."""

from __future__ import annotations

import io

from faultline.ingest import read_inputs
from faultline.model import Article, Failure
from faultline.options import Options


def read_all(paths, options: Options | None = None, stdin: bytes | None = None):
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(p) for p in paths], options or Options(), stdin=stream))


def only_article(items) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_failure(items) -> Failure:
    assert len(items) == 1, items
    assert isinstance(items[0], Failure), items[0]
    return items[0]
