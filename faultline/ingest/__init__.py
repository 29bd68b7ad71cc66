"""Ingest: files, folders, globs, URLs, JSONL/JSON records, HTML pages, feeds, WARC crawls and
stdin in; Articles out.

Every usable document becomes one :class:`~faultline.model.Article` (normalized text, stable
id, metadata from the document) and every unusable input one
:class:`~faultline.model.Failure` with its reason, in input order. A bad input never stops
the others and never raises.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO

from faultline.errors import InputError
from faultline.ingest.fetch import is_url
from faultline.ingest.readers import read_file, read_stream, read_url
from faultline.ingest.sources import STDIN, check_paths, expand_path
from faultline.model import Article, Failure
from faultline.options import Options

__all__ = ["check_paths", "read_inputs"]

log = logging.getLogger(__name__)


def read_inputs(
    paths: Sequence[str], options: Options, stdin: BinaryIO | None = None,
    *, with_skipped: bool = False,
) -> Iterator[Article | Failure]:
    """Articles and Failures from `paths` ("-" is stdin), in input order; never raises.
    `with_skipped`: also a Failure of stage "skipped" for each file or folder a folder walk
    leaves out (not an article format, cannot be listed), with the reason."""
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(STDIN, read_stream, stream, STDIN, options)
            continue
        if is_url(path):
            yield from _guarded(path, read_url, path, options)
            continue
        skipped: list[Failure] = []
        try:
            files = expand_path(path, skipped)
        except InputError as e:
            yield Failure(source=path, reason=e.reason)
            continue
        if with_skipped:
            yield from skipped
        for file in files:
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            yield from _guarded(file, read_file, file, options)


def _guarded(
    name: str, reader: Callable[..., Iterator[Article | Failure]], *args: Any
) -> Iterator[Article | Failure]:
    """Run one input's reader, turning whatever goes wrong into a Failure for that input.
    An input that yields nothing at all (an empty JSON array) is a Failure too."""
    produced = False
    try:
        for item in reader(*args):
            produced = True
            yield item
        if not produced:
            yield Failure(source=name, reason="no articles or records in it")
    except InputError as e:
        yield Failure(source=e.source or name, reason=e.reason, line=e.line)
    except OSError as e:
        yield Failure(source=name, reason=f"cannot read: {e.strerror or e}")
    except Exception as e:  # noqa: BLE001 - one input's bug must not stop the others
        log.exception("ingest of %s failed", name)
        yield Failure(source=name, reason=f"unexpected error: {type(e).__name__}: {e}")
