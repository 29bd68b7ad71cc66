"""Assembling an Article from text and metadata: normalization, size limits, id and language."""

from __future__ import annotations

from collections.abc import Iterable

from faultline.errors import InputError
from faultline.ingest.language import detect_language
from faultline.ingest.normalize import normalize_text, source_anchors
from faultline.model import Article, article_id_for
from faultline.options import Options


def make_article(
    text: str,
    *,
    source: str,
    options: Options,
    article_id: str | None = None,
    title: str | None = None,
    authors: Iterable[str] = (),
    publisher: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    original: str | None = None,
) -> Article:
    """An Article from already-normalized text; raises InputError if the text is unusable.

    `original` is the source text it came from (None: there is none to point back into)."""
    check_text(text, options)
    return Article(
        id=article_id if article_id is not None else article_id_for(text),
        text=text,
        title=clean_field(title),
        authors=[name for name in (clean_field(a) for a in authors) if name],
        publisher=clean_field(publisher),
        url=clean_field(url),
        published=published,
        language=language or guess_language(text),
        source=source,
        source_offsets=[] if original is None else source_anchors(original, text),
    )


def check_text(text: str, options: Options) -> None:
    stripped = len(text.strip())
    if stripped == 0:
        raise InputError("article text is empty")
    if len(text) > options.max_chars:
        raise InputError(f"article text is {len(text)} characters, over the cap of "
                         f"{options.max_chars}")
    if stripped < options.min_chars:
        raise InputError(f"article text is {stripped} characters, under the minimum of "
                         f"{options.min_chars}")


def clean_field(value: object) -> str | None:
    """A one-line metadata string (title, name, url), normalized like the text; None if blank."""
    if value is None:
        return None
    text = " ".join(normalize_text(str(value)).split())
    return text or None


def guess_language(text: str) -> str:
    """The article's language: py3langid's guess, the script's on short or unclear text."""
    return detect_language(text)
