"""JSON records (JSONL lines, JSON lists, single JSON objects) to Articles, one Failure per bad one.

Fields: ``text`` (required), ``id``, ``published``, ``title``, ``url``, ``publisher``,
``authors`` (a string or a list), ``language``. A given ``id`` is kept, as a string; the
text is normalized but not searched for header lines (the record's fields are the metadata).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from faultline.errors import InputError
from faultline.ingest.build import make_article
from faultline.ingest.dates import parse_published
from faultline.ingest.decode import decode_bytes
from faultline.ingest.normalize import normalize_text
from faultline.model import Article, Failure
from faultline.options import Options

log = logging.getLogger(__name__)


def article_from_record(record: Any, *, source: str, options: Options) -> Article:
    """One record -> Article; raises InputError naming what is wrong with it."""
    if not isinstance(record, dict):
        raise InputError(f"record is a JSON {type(record).__name__}, not an object")
    text = record.get("text")
    if text is None:
        keys = ", ".join(sorted(map(str, record))) or "none"
        raise InputError(f"record has no text (its keys: {keys})")
    if not isinstance(text, str):
        raise InputError(f"record text is a JSON {type(text).__name__}, not a string")
    if not text.strip():
        raise InputError("record has empty text")
    raw_id = record.get("id")
    return make_article(
        normalize_text(text),
        source=source,
        options=options,
        article_id=None if raw_id is None or str(raw_id) == "" else str(raw_id),
        title=_string(record.get("title")),
        authors=_authors(record.get("authors", record.get("author"))),
        publisher=_string(record.get("publisher")),
        url=_string(record.get("url")),
        published=_published(record.get("published", record.get("date")), source),
        language=_string(record.get("language")),
        original=text,
    )


def read_jsonl(lines: Iterable[bytes], *, name: str, options: Options
               ) -> Iterator[Article | Failure]:
    """Records from JSONL lines (bytes, one record each); blank lines are skipped."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if len(raw) > options.max_bytes:
            yield Failure(source=name, line=number,
                          reason=f"line is {len(raw)} bytes, over the cap of {options.max_bytes}")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:  # JSON should be UTF-8; a line from a legacy tool is still worth reading
                line = decode_bytes(raw)
            except InputError as e:
                yield Failure(source=name, line=number, reason=e.reason)
                continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(source=name, line=number,
                          reason=f"malformed JSON: {e.msg} (column {e.colno})")
            continue
        try:
            yield article_from_record(record, source=f"{name}:{number}", options=options)
        except InputError as e:
            yield Failure(source=name, line=number, reason=e.reason)
    if not seen_any:
        yield Failure(source=name, reason="empty file: no JSONL records")


def read_json(text: str, *, name: str, options: Options) -> Iterator[Article | Failure]:
    """Records from a JSON document: a list of records or a single record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield Failure(source=name, reason=f"malformed JSON: {e.msg} (line {e.lineno}, "
                                          f"column {e.colno})")
        return
    if isinstance(data, dict):
        try:
            yield article_from_record(data, source=name, options=options)
        except InputError as e:
            yield Failure(source=name, reason=e.reason)
        return
    if not isinstance(data, list):
        yield Failure(source=name, reason=f"JSON holds a {type(data).__name__}, "
                                          f"not a record or a list of records")
        return
    for number, record in enumerate(data, start=1):
        where = f"{name}#{number}"
        try:
            yield article_from_record(record, source=where, options=options)
        except InputError as e:
            yield Failure(source=where, reason=e.reason)


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _published(value: Any, source: str) -> str | None:
    if value is None or value == "":
        return None
    found = parse_published(value)
    if found is None:
        log.warning("%s: published %r is not a date; ignored", source, value)
    return found
