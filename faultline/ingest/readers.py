"""Reading one input (a file or a byte stream) into Articles and Failures, by its format.

Formats: JSONL (streamed line by line, so a large file is never held whole), JSON, HTML,
plain text, RSS/Atom feeds and WARC crawls; any of them gzipped (``.jsonl.gz``, ``.warc.gz``).
A file's suffix names its format, and input without one (stdin, a bare file name) is sniffed
from its first bytes. A URL (http/https) is fetched and read as a feed or a page.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from faultline.errors import InputError
from faultline.ingest.build import make_article
from faultline.ingest.decode import bom_encoding, declared_charset, decode_bytes, sniff_binary
from faultline.ingest.feeds import looks_like_feed, read_feed
from faultline.ingest.fetch import fetch
from faultline.ingest.html import extract_html, looks_like_html
from faultline.ingest.normalize import normalize_text
from faultline.ingest.plaintext import split_text
from faultline.ingest.records import read_json, read_jsonl
from faultline.model import Article, Failure
from faultline.options import Options

_SUFFIX_FORMAT = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".rss": "feed", ".atom": "feed", ".xml": None,
    ".warc": "warc", ".arc": "warc",
}
_HEAD = 65536
_CHUNK = 1 << 20

Item = Article | Failure


def file_format(path: str) -> tuple[str | None, bool]:
    """(format named by the suffix or None, gzipped?) for a file name."""
    stem, suffix = os.path.splitext(path)
    gzipped = suffix.lower() == ".gz"
    if gzipped:
        suffix = os.path.splitext(stem)[1]
    return _SUFFIX_FORMAT.get(suffix.lower()), gzipped


def read_file(path: str, options: Options) -> Iterator[Item]:
    """Everything one file holds; a bad file or record becomes a Failure, never an exception."""
    fmt, gzipped = file_format(path)
    if fmt == "warc":  # warcio reads gzipped and plain records alike
        from faultline.ingest.warc import read_warc  # noqa: PLC0415

        yield from read_warc(path, options)
        return
    if gzipped:
        yield from _read_gzip(path, fmt, options)
        return
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):  # a pipe or device (/dev/stdin, <(cmd)): no size known
        with open(path, "rb") as stream:
            yield from read_stream(stream, path, options)
        return
    size = info.st_size
    if size == 0:
        raise InputError("empty file")
    if fmt == "jsonl":
        with open(path, "rb") as stream:
            yield from _read_jsonl_stream(stream, path, options, size=size)
        return
    if size > options.max_bytes:
        raise InputError(f"file is {size} bytes, over the cap of {options.max_bytes}")
    with open(path, "rb") as stream:
        data = stream.read(options.max_bytes + 1)
    yield from read_document(data, name=path, fmt=fmt, options=options)


def _read_gzip(path: str, fmt: str | None, options: Options) -> Iterator[Item]:
    """A gzipped file: JSONL streamed line by line, anything else read whole up to the cap."""
    try:
        with gzip.open(path, "rb") as stream:
            if fmt == "jsonl":
                yield from _read_jsonl_stream(stream, path, options)  # type: ignore[arg-type]
                return
            data = stream.read(options.max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise InputError(f"not a readable gzip file: {e or type(e).__name__}") from e
    if len(data) > options.max_bytes:
        raise InputError(f"uncompressed input is over the cap of {options.max_bytes} bytes")
    yield from read_document(data, name=path, fmt=fmt, options=options)


def read_url(url: str, options: Options) -> Iterator[Item]:
    """A feed or page named by URL: fetched once; a feed's linked pages fetched by default."""
    got = fetch(url, timeout=options.fetch_timeout, max_bytes=options.max_bytes)
    feedish = ("xml" in got.content_type or "rss" in got.content_type
               or "atom" in got.content_type)
    if feedish or looks_like_feed(got.data):
        yield from read_feed(got.data, name=url, options=options, over_http=True,
                             content_type=got.content_type)
        return
    if got.content_type in ("text/html", "application/xhtml+xml") or got.data.lstrip()[:1] == b"<":
        html = decode_bytes(got.data, declared=got.charset or declared_charset(got.data))
        page = extract_html(html, url=got.url)
        text = normalize_text(page.text).strip()
        yield make_article(text, source=url, options=options, title=page.title,
                           authors=page.authors, publisher=page.publisher,
                           url=page.url or got.url, published=page.published)
        return
    yield from read_document(got.data, name=url, fmt=None, options=options)


def read_stream(stream: BinaryIO, name: str, options: Options) -> Iterator[Item]:
    """Everything a byte stream (stdin) holds, its format sniffed: JSONL, JSON, HTML or text."""
    head = _read_first_line(stream, options.max_bytes)
    if head.lstrip()[:1] == b"{" and _is_json_line(head):
        yield from _read_jsonl_stream(stream, name, options, head=head)
        return
    data = head + stream.read(options.max_bytes + 1 - len(head))
    if len(data) > options.max_bytes:
        raise InputError(f"input is over the cap of {options.max_bytes} bytes")
    yield from read_document(data, name=name, fmt=None, options=options)


def read_document(data: bytes, *, name: str, fmt: str | None, options: Options
                  ) -> Iterator[Item]:
    """One whole document's bytes -> its Article(s); `fmt` None means sniff it."""
    if not data:
        raise InputError("empty file")
    if fmt == "feed" or (fmt is None and data.lstrip()[:1] == b"<" and looks_like_feed(data)):
        yield from read_feed(data, name=name, options=options)
        return
    if fmt == "html" or (fmt is None and data.lstrip()[:1] == b"<"):
        text = decode_bytes(data, declared=declared_charset(data))
    else:
        text = decode_bytes(data)
    if not text.strip():
        raise InputError("file holds only whitespace")
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "jsonl":
        yield from read_jsonl((line.encode("utf-8") for line in text.split("\n")),
                              name=name, options=options)
    elif fmt == "json":
        yield from read_json(text, name=name, options=options)
    elif fmt == "html" or looks_like_html(text):
        yield _article_from_html(text, name, options)
    else:
        yield _article_from_text(text, name, options)


def _article_from_text(raw: str, name: str, options: Options) -> Article:
    body, meta = split_text(normalize_text(raw))
    return make_article(body, source=name, options=options, title=meta.title,
                        authors=meta.authors, publisher=meta.publisher, url=meta.url,
                        published=meta.published, original=raw)


def _article_from_html(html: str, name: str, options: Options) -> Article:
    page = extract_html(html)
    text = normalize_text(page.text).strip()
    return make_article(text, source=name, options=options, title=page.title,
                        authors=page.authors, publisher=page.publisher, url=page.url,
                        published=page.published)


def _sniff(text: str) -> str:
    """The format of input that names none: JSON if it parses, JSONL if its first line does."""
    start = text.lstrip()[:1]
    if start in ("{", "["):
        try:
            json.loads(text)
            return "json"
        except json.JSONDecodeError:
            first = text.lstrip().partition("\n")[0]
            if start == "{" and _is_json_line(first.encode("utf-8")):
                return "jsonl"
    return "html" if looks_like_html(text) else "text"


def _is_json_line(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _read_jsonl_stream(stream: BinaryIO, name: str, options: Options, *,
                       head: bytes = b"", size: int | None = None) -> Iterator[Item]:
    """JSONL from a stream, line by line; a binary or UTF-16 stream is handled whole."""
    if not head:
        head = stream.read(_HEAD)
    reason = sniff_binary(head[:64])
    if reason:
        raise InputError(reason)
    if bom_encoding(head[:4]) not in (None, "utf-8-sig"):
        if size is not None and size > options.max_bytes:
            raise InputError(f"file is {size} bytes, over the cap of {options.max_bytes}")
        data = head + stream.read(options.max_bytes + 1 - len(head))
        if len(data) > options.max_bytes:
            raise InputError(f"input is over the cap of {options.max_bytes} bytes")
        yield from read_document(data, name=name, fmt="jsonl", options=options)
        return
    if b"\x00" in head:
        raise InputError("binary file (contains NUL bytes), not text")
    yield from read_jsonl(_lines(head, stream), name=name, options=options)


def _read_first_line(stream: BinaryIO, limit: int) -> bytes:
    """Bytes up to and including the first newline (at most `limit` + 1 bytes)."""
    buffer = bytearray()
    while len(buffer) <= limit:
        chunk = stream.read(min(_HEAD, limit + 1 - len(buffer)))
        if not chunk:
            break
        buffer += chunk
        if b"\n" in chunk:
            break
    return bytes(buffer)


def _lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """Lines (without their newline) of `head` followed by the rest of `stream`."""
    pending = bytearray(head)
    while True:
        if b"\n" in pending:
            *complete, rest = bytes(pending).split(b"\n")
            yield from complete
            pending = bytearray(rest)
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        pending += chunk
    if pending:
        yield bytes(pending)
