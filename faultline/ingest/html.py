"""HTML pages: main text and metadata through trafilatura, with the full publication timestamp."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from faultline.errors import InputError
from faultline.ingest.dates import parse_published

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
# Publication timestamps in meta tags and JSON-LD, which keep the time of day that
# trafilatura's date (a day) drops.
_PUBLISHED_META = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["']"""
    r"""(?:article:published_time|og:published_time|datePublished|pubdate|publishdate"""
    r"""|parsely-pub-date|sailthru\.date|dc\.date|dcterms\.created|date)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT_ATTR = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_PUBLISHED = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
_HEAD_CHARS = 200_000
_MIN_LINE_WORDS = 4  # a page whose every line is shorter holds menus, not an article


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """True for a document that starts as an HTML page (or is full of block tags)."""
    head = text[:2000]
    return bool(_HTML_START.match(head)) or (
        head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2
    )


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """The article in an HTML page; raises InputError when the page holds no article text."""
    import trafilatura  # noqa: PLC0415 - heavy import, needed only for HTML inputs

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as e:  # noqa: BLE001 - trafilatura/lxml raise many kinds on odd pages
        raise InputError(f"HTML could not be parsed: {type(e).__name__}: {e}") from e
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not any(len(line.split()) >= _MIN_LINE_WORDS for line in text.splitlines()):
        raise InputError("no article text found in HTML")
    title = _clean(getattr(doc, "title", None))
    text = _drop_leading_title(text, title)
    return HtmlArticle(
        text=text,
        title=title,
        authors=_split_authors(getattr(doc, "author", None)),
        published=_published(html, getattr(doc, "date", None)),
        publisher=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)) or url,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura keeps the headline as the first line; it is the title, not the body."""
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    if sep and " ".join(first.split()) == title and rest.strip():
        return rest.strip()
    return text


def _split_authors(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [name.strip() for name in value.split(";") if name.strip()]


def _published(html: str, day: object) -> str | None:
    """trafilatura's day, made a full timestamp when the page's own metadata agrees on the day."""
    day_iso = parse_published(day) if isinstance(day, str) else None
    head = html[:_HEAD_CHARS]
    candidates = [m.group(1) for m in _JSONLD_PUBLISHED.finditer(head)]
    for tag in _PUBLISHED_META.finditer(head):
        content = _CONTENT_ATTR.search(tag.group(0))
        if content:
            candidates.append(content.group(1))
    for raw in candidates:
        stamp = parse_published(raw)
        if stamp and "T" in stamp and (day_iso is None or stamp[:10] == day_iso[:10]):
            return stamp
    return day_iso
