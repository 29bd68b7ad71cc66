"""Plain-text articles: find title, byline, credit and date lines around the body and lift them out.

Layouts handled (general rules, each conservative: a line leaves the body only when it is
clearly metadata, and the body is never emptied):

- an inline prefix on the first line: `` date 2022-02-16 The text starts here ...``;
- a header block of short lines before the first paragraph: a title, photo credits
  ("Photo by ...", "Photo: ...", "Credit: ..."), bylines ("By A and B"), a bare author name
  next to a date line, date lines, and ``Key: value`` fields (Title:, Author:, Date:, Source:);
- a footer: a signature (a name, "— Name", "Name, Affiliation") and/or a date line after
  the last sentence, or a wire credit line "(Reporting by A in Kyiv; Editing by B)";
- a wire dateline opening the body ("KYIV, Feb 15 (Outlet) - ...") names the publisher; it
  stays in the text, being part of the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from faultline.ingest.dates import DateBudget, match_date, match_date_line, parse_published


@dataclass
class TextMeta:
    """Metadata found in the lines around a plain-text body."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    url: str | None = None

    def add_authors(self, names: list[str]) -> None:
        for name in names:
            if name and name not in self.authors:
                self.authors.append(name)

    def set_published(self, value: str | None) -> None:
        if value and not self.published:
            self.published = value


_PREFIX = re.compile(
    r"\A[ \t]*(?:date|dated|published)[ \t]*[:=]?[ \t]*"
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?:[ \t]+|[ \t]*\n)",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^[(\[]?(?:(?:(?:top|main|lead|header|cover|featured)\s+)?"
    r"(?:photo(?:graph)?|image|picture|pic|illustration|video|graphic|artwork)s?"
    r"\s*(?:by\b|credits?\b|courtesy\b|:|/|©)"
    r"|(?:photo\s+|image\s+)?credits?\s*:|courtesy\s+of\b|©)",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^(title|headline|authors?|by|byline|date|dated|published|posted|source|publisher|outlet"
    r"|url|link)\s*:\s*(\S.*)$",
    re.IGNORECASE,
)
_FIELD_ROLE = {
    "title": "title", "headline": "title",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
    "date": "published", "dated": "published", "published": "published", "posted": "published",
    "source": "publisher", "publisher": "publisher", "outlet": "publisher",
    "url": "url", "link": "url",
}
_BYLINE = re.compile(r"^(?:(?:written|reporting|words|text|story)\s+)?by\s+(\S.*)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*", re.IGNORECASE)
_PARTICLES = frozenset(
    "de da di do dos del della der den van von ter la le du bin ibn al el y st.".split()
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WIRE_CREDITS = re.compile(r"^\(((?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*)\)$",
                           re.IGNORECASE)
_CREDIT_ROLE = re.compile(r"(?:additional\s+)?(reporting|writing|editing)\s+by\s+",
                          re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.’' -]*$")
_DASH_SIGNATURE = re.compile(r"^(?:[—–]|-{1,2})\s*(\S.*)$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*\((?P<outlet>[A-Z][\w&.’' -]{0,40})\)\s*(?:[-–—]{1,2}|:)\s"
)

_MAX_HEADER_LINES = 8
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 25
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
_MAX_BYLINE_CHARS = 120


def split_text(text: str) -> tuple[str, TextMeta]:
    """The article body of a plain-text document, and the metadata found around it."""
    meta = TextMeta()
    m = _PREFIX.match(text)
    if m:
        meta.set_published(parse_published(m.group(1)))
        text = text[m.end():]
    lines = text.split("\n")
    budget = DateBudget()
    header = TextMeta()
    drop: set[int] = set()
    _read_header(lines, header, drop, budget)
    _read_footer(lines, header, drop, budget)
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip()
    if not body:  # everything looked like metadata: keep the text, trust none of it
        return text.strip(), meta
    meta.title = header.title
    meta.add_authors(header.authors)
    meta.set_published(header.published)
    meta.publisher, meta.url = header.publisher, header.url
    _read_dateline(body, meta)
    return body, meta


# --- line kinds ---------------------------------------------------------------------------


@dataclass
class _Line:
    index: int
    text: str
    kind: str  # credit | field | byline | date | name | text
    value: object = None


def _classify(index: int, line: str, budget: DateBudget) -> _Line:
    if len(line) <= 150 and _CREDIT.match(line):
        return _Line(index, line, "credit")
    m = _FIELD.match(line)
    if m:
        role, value = _FIELD_ROLE[m.group(1).lower()], m.group(2).strip()
        if _field_value_ok(role, value):
            return _Line(index, line, "field", (role, value))
    if len(line) <= _MAX_BYLINE_CHARS:
        m = _BYLINE.match(line)
        if m:
            byline = _parse_byline(m.group(1))
            if byline is not None:
                return _Line(index, line, "byline", byline)
        found = match_date_line(line, budget)
        if found:
            return _Line(index, line, "date", found)
        if _is_name(line):
            return _Line(index, line, "name", line)
    return _Line(index, line, "text")


def _field_value_ok(role: str, value: str) -> bool:
    """A "Key: value" line is metadata only if the value has the shape of that field."""
    if role == "url":
        return bool(_URL.fullmatch(value))
    if role == "published":
        return parse_published(value) is not None
    if role == "authors":
        return all(_is_name(n) for n in _NAME_SPLIT.split(value) if n)
    if role == "publisher":
        return len(value) <= _MAX_NAME_CHARS and not _SENTENCE_END.search(value)
    return _is_title(value)


def _is_name(text: str) -> bool:
    """A person or organisation name: a few capitalised words, no digits, no sentence end."""
    text = text.strip()
    if not text or len(text) > _MAX_NAME_CHARS or any(ch.isdigit() for ch in text):
        return False
    if text[-1] in ".,;:!?" and not re.search(r"\b[A-Z]\.$", text):
        return False
    words = text.split()
    if len(words) > _MAX_NAME_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


def _is_title(text: str) -> bool:
    return (len(text) <= _MAX_TITLE_CHARS and len(text.split()) <= _MAX_TITLE_WORDS
            and text[-1] not in ".,;:" and (text[0].isupper() or text[0] in "\"'“‘«"))


def _is_body_line(text: str) -> bool:
    """A line that reads as article prose rather than a header line."""
    words = len(text.split())
    return (len(text) > _MAX_TITLE_CHARS or words > _MAX_TITLE_WORDS
            or (words >= 8 and bool(_SENTENCE_END.search(text))))


def _starts_wrapped_prose(lines: list[str], start: int) -> bool:
    """Line `start` opens a hard-wrapped paragraph: several lines that together read as prose."""
    paragraph = []
    for raw in lines[start : start + _MAX_HEADER_LINES]:
        if not raw.strip():
            break
        paragraph.append(raw.strip())
    return len(paragraph) >= 3 and _is_body_line(" ".join(paragraph))


@dataclass
class _Byline:
    authors: list[str]
    published: str | None = None


def _parse_byline(rest: str) -> _Byline | None:
    """ "Julia Ioffe and Sam Park | December 17, 2021" -> names and date; None if not names."""
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+", rest) if p.strip()]
    published = None
    names_part = parts[0]
    for extra in parts[1:]:
        published = published or match_date(extra)
    for comma in (i for i, ch in enumerate(names_part) if ch == ","):
        found = match_date(names_part[comma + 1:])
        if found:
            published = published or found
            names_part = names_part[:comma]
            break
    names = [n for n in _NAME_SPLIT.split(names_part) if n]
    if not names or not all(_is_name(n) for n in names):
        return None
    return _Byline(names, published)


def _signature(text: str) -> str | None:
    """The name in a closing signature: "Name", "— Name", "Name, Affiliation"."""
    text = text.strip()
    m = _DASH_SIGNATURE.match(text)
    if m:
        text = m.group(1)
    name, _, affiliation = text.partition(",")
    if affiliation and not _is_name(affiliation.strip()):
        return None
    return name.strip() if _is_name(name) else None


def _affiliation(text: str) -> str | None:
    """The outlet in a "Name, Affiliation" signature, which then names the publisher."""
    m = _DASH_SIGNATURE.match(text.strip())
    _, _, affiliation = (m.group(1) if m else text.strip()).partition(",")
    return affiliation.strip() or None


# --- header, footer, dateline -------------------------------------------------------------


def _read_header(lines: list[str], meta: TextMeta, drop: set[int], budget: DateBudget) -> None:
    block: list[_Line] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        item = _classify(i, line, budget)
        if item.kind == "text" and (_is_body_line(line) or _starts_wrapped_prose(lines, i)):
            break
        if len(block) == _MAX_HEADER_LINES:
            return  # a run of short lines (a list, a poem): not a header
        block.append(item)
    else:
        return  # no prose after the short lines: nothing to separate them from
    if not block:
        return
    if _is_kicker(block):
        drop.add(block.pop(0).index)
    first = block[0]
    has_meta = any(item.kind in ("credit", "field", "byline", "date") for item in block)
    title_ok = first.kind in ("text", "name") and _is_title(first.text)
    if not has_meta:
        # A lone short line set off by a blank line above the prose is a headline.
        followed_by_blank = first.index + 1 < len(lines) and not lines[first.index + 1].strip()
        if len(block) == 1 and title_ok and followed_by_blank:
            meta.title = first.text
            drop.add(first.index)
        return
    if title_ok:
        meta.title = first.text
        drop.add(first.index)
    for pos, item in enumerate(block):
        if item is first and title_ok:
            continue
        if item.kind == "credit":
            drop.add(item.index)
        elif item.kind == "date":
            meta.set_published(str(item.value))
            drop.add(item.index)
        elif item.kind == "byline":
            assert isinstance(item.value, _Byline)
            meta.add_authors(item.value.authors)
            meta.set_published(item.value.published)
            drop.add(item.index)
        elif item.kind == "field":
            assert isinstance(item.value, tuple)
            _apply_field(meta, *item.value)
            drop.add(item.index)
        elif item.kind == "name" and _next_to_date(block, pos):
            meta.add_authors([item.text])
            drop.add(item.index)


def _is_kicker(block: list[_Line]) -> bool:
    """A section label over the headline ("World", "ANALYSIS", "LIVE UPDATES"), then a title.

    One word, or a few in capitals: a two-word line in mixed case is more likely a short
    headline with a standfirst under it.
    """
    if len(block) < 3 or any(item.kind not in ("text", "name") for item in block[:2]):
        return False
    label, title = block[0].text, block[1].text
    words = label.split()
    labelish = len(words) == 1 or (len(words) <= 3 and label.isupper())
    return (labelish and len(title.split()) > len(words) and _is_title(title)
            and block[2].kind in ("credit", "field", "byline", "date"))


def _next_to_date(block: list[_Line], pos: int) -> bool:
    neighbours = block[max(0, pos - 1) : pos] + block[pos + 1 : pos + 2]
    return any(item.kind in ("date", "byline") for item in neighbours)


def _apply_field(meta: TextMeta, role: str, value: str) -> None:
    if role == "title":
        meta.title = meta.title or value
    elif role == "authors":
        meta.add_authors([n for n in _NAME_SPLIT.split(value) if n])
    elif role == "published":
        meta.set_published(parse_published(value))
    elif role == "publisher":
        meta.publisher = meta.publisher or value
    elif role == "url":
        meta.url = meta.url or value


def _read_footer(lines: list[str], meta: TextMeta, drop: set[int], budget: DateBudget) -> None:
    kept = [i for i, line in enumerate(lines) if line.strip() and i not in drop]
    if len(kept) < 2:
        return
    credits = _wire_credits(lines[kept[-1]].strip())
    if credits is not None:
        meta.add_authors(credits)
        drop.add(kept.pop())
        if len(kept) < 2:
            return
    last, prev = lines[kept[-1]].strip(), lines[kept[-2]].strip()
    before = lines[kept[-3]].strip() if len(kept) >= 3 else ""
    last_date = match_date_line(last, budget, allow_place=True)
    if last_date:
        name = _signature(prev)
        if name and before and _SENTENCE_END.search(before):
            meta.add_authors([name])
            meta.publisher = meta.publisher or _affiliation(prev)
            drop.update(kept[-2:])
        elif _SENTENCE_END.search(prev):
            drop.add(kept[-1])
        else:
            return
        meta.set_published(last_date)
        return
    name = _signature(last)
    if name is None:
        return
    prev_date = match_date_line(prev, budget, allow_place=True)
    if prev_date and before and _SENTENCE_END.search(before):
        meta.add_authors([name])
        meta.publisher = meta.publisher or _affiliation(last)
        meta.set_published(prev_date)
        drop.update(kept[-2:])
    elif _DASH_SIGNATURE.match(last) and _SENTENCE_END.search(prev):
        meta.add_authors([name])
        drop.add(kept[-1])


def _wire_credits(line: str) -> list[str] | None:
    """Writers named in a closing wire credit line, "(Reporting by A in Kyiv; Editing by B)"."""
    m = _WIRE_CREDITS.match(line)
    if not m:
        return None
    names: list[str] = []
    for part in m.group(1).split(";"):
        role = _CREDIT_ROLE.match(part.strip())
        if role is None:
            return None  # not the shape of a credit line after all
        if role.group(1).lower() == "editing":
            continue
        for name in _NAME_SPLIT.split(part.strip()[role.end():]):
            name = _IN_PLACE.sub("", name).strip()
            if name and _is_name(name):
                names.append(name)
    return names


def _read_dateline(body: str, meta: TextMeta) -> None:
    m = _DATELINE.match(body)
    if not m:
        return
    meta.publisher = meta.publisher or m.group("outlet").strip()
    if m.group("date"):
        meta.set_published(match_date(m.group("date")))
