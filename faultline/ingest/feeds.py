"""RSS and Atom feeds: one Article per item, from a file or a URL (through feedparser).

An item's link, title, date and author become the Article's fields and the feed's title its
publisher. The text is the item's content (or its summary) made plain; when the linked page can
be fetched (``Options.fetch_links``; by default only for feeds that came over HTTP) and holds a
longer article, the page's text is used instead. The id is the hash of the item's guid or link,
so a feed read again, or its page fetched again, gives the same id and is never parsed twice.
"""

from __future__ import annotations

import calendar
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from faultline.errors import InputError
from faultline.ingest.build import make_article
from faultline.ingest.dates import parse_published
from faultline.ingest.normalize import normalize_text
from faultline.model import Article, Failure, article_id_for
from faultline.options import Options

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|section|article)\s*>|<br\s*/?>",
                        re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of an XML document open an RSS, RDF or Atom feed."""
    return bool(_FEED_ROOT.search(head[:4096]))


def read_feed(data: bytes, *, name: str, options: Options, over_http: bool = False,
              content_type: str | None = None) -> Iterator[Article | Failure]:
    """Items of one feed document (bytes) -> Articles; one Failure per unusable item."""
    import feedparser  # noqa: PLC0415 - needed only for feeds

    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "feed holds no items"
        raise InputError(reason)
    fetch_links = options.fetch_links if options.fetch_links is not None else over_http
    publisher = _plain(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        where = f"{name}#{number}"
        try:
            yield _article_from_entry(entry, where, publisher, options, fetch_links)
        except InputError as e:
            yield Failure(source=where, reason=e.reason)


def _article_from_entry(entry: Any, where: str, publisher: str | None, options: Options,
                        fetch_links: bool) -> Article:
    link = _plain(entry.get("link"))
    title = _plain(entry.get("title"))
    key = _plain(entry.get("id")) or link
    published = _entry_date(entry)
    text = entry_text(entry)
    page = _linked_page(link, options) if fetch_links and link else None
    if page is not None and len(page.text) > len(text):
        text = page.text
        published = published or page.published
        title = title or page.title
    if not text.strip():
        raise InputError("feed item has no text (no content or summary, and no page)")
    authors = [a for a in [_plain(entry.get("author"))] if a]
    return make_article(text, source=where, options=options,
                        article_id=article_id_for(key) if key else None, title=title,
                        authors=authors, publisher=publisher, url=link, published=published)


def entry_text(entry: Any) -> str:
    """The item's longest content part, else its summary, as plain paragraphs."""
    parts = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    raw = max(parts, key=len) if parts else (entry.get("summary") or "")
    return normalize_text(html_to_text(raw)).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, block ends kept as paragraph breaks."""
    if "<" not in fragment:
        return fragment
    import lxml.html  # noqa: PLC0415 - lxml comes with trafilatura

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # noqa: BLE001 - a broken fragment: fall back to dropping the tags
        return re.sub(r"<[^>]+>", " ", fragment)
    text = root.text_content()
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        stamp = entry.get(f"{key}_parsed")
        if stamp:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                                 time.gmtime(calendar.timegm(stamp)))
        raw = entry.get(key)
        if raw:
            found = parse_published(raw)
            if found:
                return found
    return None


def _linked_page(link: str, options: Options) -> Any:
    """The article on the item's linked page, or None when it cannot be fetched or read."""
    from faultline.ingest.decode import declared_charset, decode_bytes  # noqa: PLC0415
    from faultline.ingest.fetch import fetch, is_url  # noqa: PLC0415
    from faultline.ingest.html import extract_html  # noqa: PLC0415

    if not is_url(link):
        return None
    try:
        got = fetch(link, timeout=options.fetch_timeout, max_bytes=options.max_bytes)
        html = decode_bytes(got.data, declared=got.charset or declared_charset(got.data))
        page = extract_html(html, url=got.url)
    except InputError as e:
        log.info("%s: linked page not used: %s", link, e.reason)
        return None
    page.text = normalize_text(page.text).strip()
    return page


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html_to_text(value).split())
    return text or None
