"""WARC files (CC-NEWS and other crawls, plain or gzipped): each HTML response is one page.

Responses go through the HTML reader; the record's target URI is the page's URL when the page
names none, and the crawl time (WARC-Date) its date when the page carries none. Requests,
metadata and non-HTML responses are skipped. A record that is not an article is a Failure naming
its position and URI; the rest of the file is still read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from faultline.errors import InputError
from faultline.ingest.build import make_article
from faultline.ingest.dates import parse_published
from faultline.ingest.decode import declared_charset, decode_bytes
from faultline.ingest.html import extract_html
from faultline.ingest.normalize import normalize_text
from faultline.model import Article, Failure
from faultline.options import Options

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, options: Options) -> Iterator[Article | Failure]:
    """Articles from the HTML responses of one WARC file."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415
    from warcio.exceptions import ArchiveLoadFailed  # noqa: PLC0415

    pages = 0
    with open(path, "rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                media = (record.http_headers.get_header("Content-Type") or "").lower()
                if not media.startswith(_HTML_TYPES):
                    continue
                status = record.http_headers.get_statuscode()
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{number}"
                if status and not status.startswith("2"):
                    log.info("%s: %s answered %s; skipped", where, uri, status)
                    continue
                pages += 1
                body = record.content_stream().read(options.max_bytes + 1)
                try:
                    yield _page(body, media, uri, record.rec_headers.get_header("WARC-Date"),
                                where, options)
                except InputError as e:
                    yield Failure(source=where, reason=f"{e.reason} ({uri})")
        except ArchiveLoadFailed as e:
            raise InputError(f"not a readable WARC file: {e}") from e
    if not pages:
        yield Failure(source=path, reason="WARC file holds no HTML responses")


def _page(body: bytes, media: str, uri: str | None, crawled: str | None, where: str,
          options: Options) -> Article:
    if len(body) > options.max_bytes:
        raise InputError(f"page is over the cap of {options.max_bytes} bytes")
    charset = None
    if "charset=" in media:
        charset = media.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None
    html = decode_bytes(body, declared=charset or declared_charset(body))
    page = extract_html(html, url=uri)
    text = normalize_text(page.text).strip()
    return make_article(text, source=where, options=options, title=page.title,
                        authors=page.authors, publisher=page.publisher,
                        url=page.url or uri,
                        published=page.published or parse_published(crawled))
