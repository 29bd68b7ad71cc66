"""The one read side: filtered, paginated queries over a store, returning the model's types.

Every reader (the API, the browser UI, the report, the CLI's stats and timeline) asks this
module rather than writing SQL. Filters are plain dataclasses; every value reaches DuckDB as a
bound parameter, never inside the SQL text. Column names come only from this module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

import duckdb
import orjson

from faultline.errors import UsageError
from faultline.model import (
    Actor,
    ActorMention,
    Annotations,
    Article,
    Claim,
    Entity,
    Event,
    Quote,
    Record,
    Span,
    Speaker,
    Timex,
)
from faultline.store import Store

T = TypeVar("T")

MAX_LIMIT = 100_000  # rows one call may ask for (the API pages JSON at 1,000)
DEFAULT_LIMIT = 50


class QueryError(UsageError):
    """A filter that cannot be applied (bad value, unknown dyad form ...)."""


@dataclass
class Page(Generic[T]):
    """One page of a list and the size of the whole list under the same filters."""

    items: list[T]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": [to_plain(i) for i in self.items]}


def to_plain(item: Any) -> Any:
    """A model object (or a dataclass of them) as plain JSON-ready data."""
    if isinstance(item, Record) or dataclasses.is_dataclass(item):
        return dataclasses.asdict(item)  # type: ignore[arg-type]
    return item


def to_json(data: Any) -> bytes:
    """JSON bytes of plain data or of the model's dataclasses (orjson walks them in C)."""
    return orjson.dumps(data, default=_json_fallback, option=orjson.OPT_NON_STR_KEYS)


def _json_fallback(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """A nested dict as one flat row (`source.code`), lists of scalars joined by '; '."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return {prefix or "value": data}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, name))
        elif isinstance(value, list):
            if all(not isinstance(v, dict | list) for v in value):
                out[name] = "; ".join("" if v is None else str(v) for v in value)
            else:
                out[name] = len(value)  # nested lists: their count; the JSON has them whole
        else:
            out[name] = value
    return out


# -- SQL building ---------------------------------------------------------------------------


class _Where:
    """AND-ed conditions with their bound parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def _page_bounds(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else int(limit)
    offset = 0 if offset is None else int(offset)
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must be 0 or more")
    return limit, offset


def _iso_day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat() if len(value) >= 10 else _partial(
            value, name)
    except ValueError as e:
        raise QueryError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from e


def _partial(value: str, name: str) -> str:
    """YYYY or YYYY-MM as a lower bound prefix."""
    parts = value.split("-")
    if not (parts[0].isdigit() and len(parts[0]) == 4 and all(
            p.isdigit() and len(p) == 2 for p in parts[1:]) and len(parts) <= 2):
        raise QueryError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}")
    return value


def _date_range(where: _Where, column: str, start: str | None, end: str | None,
                names: tuple[str, str]) -> None:
    lo, hi = _iso_day(start, names[0]), _iso_day(end, names[1])
    if lo:
        where.add(f"substr({column}, 1, {len(lo)}) >= ?", lo)
    if hi:
        # an end date includes the whole of that day (or month, year)
        where.add(f"substr({column}, 1, {len(hi)}) <= ?", hi)


def _count(store: Store, sql: str, params: Sequence[Any]) -> int:
    row = store.con.execute(f"SELECT count(*) FROM ({sql})", list(params)).fetchone()
    return int(row[0]) if row else 0


def _paged(store: Store, sql: str, params: list[Any], order: str, limit: int | None,
           offset: int | None, make: Callable[[dict[str, Any]], T],
           evidence: str | None = None) -> Page[T]:
    """One page of `sql` and the size of the whole list, in one query (the count rides on
    the page's rows; only a page past the end asks again). `order` names output columns."""
    lim, off = _page_bounds(limit, offset)
    rows = store.rows(f"SELECT *, count(*) OVER () AS _total FROM ({sql}) AS hits "
                      f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, lim, off])
    total = int(rows[0]["_total"]) if rows else (_count(store, sql, params) if off else 0)
    if evidence:
        _add_evidence(store, rows, evidence)
    return Page([make(r) for r in rows], total, lim, off)


def _add_evidence(store: Store, rows: list[dict[str, Any]], key: str) -> None:
    """rows[key] = the article text under each row's [start, end), for this page only
    (slicing in SQL before the LIMIT would copy the text of every matching row)."""
    ids = sorted({r["article_id"] for r in rows})
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    texts = {r["id"]: r["text"] or "" for r in store.rows(
        f"SELECT id, text FROM articles WHERE id IN ({marks})", ids)}
    for r in rows:
        r[key] = texts.get(r["article_id"], "")[int(r["start"]):int(r["end"])]


# -- rows to model types --------------------------------------------------------------------


def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    code = row.get(f"{prefix}_code")
    if not code:
        return None
    return Actor(code=code, name=row.get(f"{prefix}_name") or code,
                 country=row.get(f"{prefix}_country"), sector=row.get(f"{prefix}_sector"))


def event_from_row(row: dict[str, Any]) -> Event:
    aid = row["article_id"]
    reported = None
    if row.get("reported_by_name") or row.get("reported_by_code"):
        reported = Speaker(name=row.get("reported_by_name") or row["reported_by_code"],
                           code=row.get("reported_by_code"))
    return Event(
        span=Span(aid, int(row["start"]), int(row["end"])),
        trigger_span=Span(aid, int(row["trigger_start"]), int(row["trigger_end"])),
        trigger_text=row.get("trigger_text") or "", code=row.get("code") or "",
        source=_actor(row, "source"), target=_actor(row, "target"), root=row.get("root") or "",
        plover=row.get("plover"), goldstein=row.get("goldstein"),
        quad_class=row.get("quad_class"), modality=row.get("modality") or "asserted",
        reported_by=reported, date=row.get("date"), date_precision=row.get("date_precision"),
        date_source=row.get("date_source") or "article", location=row.get("location"),
        confidence=float(row["confidence"]) if row.get("confidence") is not None else 1.0,
        source_span=_side_span(row, "source"), source_text=row.get("source_text"),
        target_span=_side_span(row, "target"), target_text=row.get("target_text"))


def _side_span(row: dict[str, Any], side: str) -> Span | None:
    """The actor mention an event's side was read from (stores from migration 0005 on)."""
    start, end = row.get(f"{side}_start"), row.get(f"{side}_end")
    if start is None or end is None:
        return None
    return Span(row["article_id"], int(start), int(end))


@dataclass
class ArticleRef(Record):
    """Where a row comes from: the article's id and what a reader needs to place it."""

    id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None = None


def _ref(row: dict[str, Any]) -> ArticleRef:
    return ArticleRef(row["article_id"], row.get("title"), row.get("publisher"),
                      row.get("published"), row.get("url"))


@dataclass
class EventHit(Record):
    """One stored event mention, its evidence sentence and its article."""

    event: Event
    evidence: str
    article: ArticleRef


def _event_hit(row: dict[str, Any]) -> EventHit:
    return EventHit(event_from_row(row), row.get("evidence") or "", _ref(row))


def article_from_row(row: dict[str, Any], text: str | None = None) -> Article:
    return Article(id=row["id"], text=str(row.get("text") or "") if text is None else text,
                   title=row.get("title"), authors=list(row.get("authors") or []),
                   publisher=row.get("publisher"), url=row.get("url"),
                   published=row.get("published"), language=row.get("language") or "en",
                   source=row.get("source"))


# -- events ---------------------------------------------------------------------------------

_EVENT_SELECT = ("SELECT e.*, a.title, a.publisher, a.published, a.url "
                 "FROM events e JOIN articles a ON a.id = e.article_id")
# A total order (one trigger can carry several events: the code and both sides break ties),
# so that pages neither repeat nor skip a row.
_EVENT_ORDER_OF = ("coalesce({e}date, {a}published), {a}published, {e}article_id, {e}start, "
                   '{e}trigger_start, {e}code, {e}source_code, {e}target_code, {e}"end", '
                   "{e}trigger_end")
_EVENT_ORDER = _EVENT_ORDER_OF.format(e="e.", a="a.")
_EVENT_ORDER_OUT = _EVENT_ORDER_OF.format(e="", a="")  # over the query's output columns


@dataclass(frozen=True)
class _EventColumns:
    """How the event filters name their columns: over the store's tables, or the view."""

    event: str  # prefix of the events table's columns
    article: str  # prefix of the articles table's columns
    source_key: str  # the source's country key (see _country_sql)
    target_key: str
    evidence: str  # the evidence sentence's text


def _country_sql(prefix: str) -> str:
    """SQL twin of faultline.link.events.country_of: an IGO code whole, else its first 3."""
    col = f"e.{prefix}_code"
    return (f"(CASE WHEN {col} IS NULL OR {col} = '' THEN '---' "
            f"WHEN starts_with({col}, 'IGO') THEN {col} ELSE substr({col}, 1, 3) END)")


_STORE_COLUMNS = _EventColumns("e.", "a.", _country_sql("source"), _country_sql("target"),
                               'substr(a.text, e.start + 1, e."end" - e.start)')
_VIEW_COLUMNS = _EventColumns("", "", "source_key", "target_key", "evidence")


@dataclass
class EventFilter:
    """Which event mentions to list. Empty fields do not filter."""

    source: str | None = None  # actor code, exact (RUSGOV) or a prefix with '*' (RUS*)
    target: str | None = None
    actor: str | None = None  # either side
    source_country: str | None = None  # ISO alpha-3 or a whole IGO code
    target_country: str | None = None
    dyad: str | None = None  # SRC-TGT on countries, as the timeline counts them: RUS-UKR
    code: str | None = None  # CAMEO code, exact; 'code*' for the code and its children
    root: str | None = None  # CAMEO root, 01..20
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    reported_by: str | None = None  # a name (substring, any case) or a speaker code
    date_from: str | None = None  # the event's date
    date_to: str | None = None
    published_from: str | None = None  # the article's date
    published_to: str | None = None
    outlet: str | None = None  # the article's publisher, exact
    q: str | None = None  # text in the evidence sentence, any case
    article_id: str | None = None

    def where(self, cols: _EventColumns | None = None) -> _Where:
        c = cols or _STORE_COLUMNS
        e, a = c.event, c.article
        w = _Where()
        for side in ("source", "target"):
            value = getattr(self, side)
            if value:
                _code_match(w, f"{e}{side}_code", value)
        if self.actor:
            inner = _Where()
            _code_match(inner, f"{e}source_code", self.actor)
            _code_match(inner, f"{e}target_code", self.actor)
            w.add(f"({' OR '.join(inner.parts)})", *inner.params)
        for side, key in (("source", c.source_key), ("target", c.target_key)):
            value = getattr(self, f"{side}_country")
            if value:
                w.add(f"{key} = ?", value.upper())
        if self.dyad:
            src, sep, tgt = self.dyad.upper().partition("-")
            if not sep or not src or not tgt:
                raise QueryError(f"dyad must look like RUS-UKR, got {self.dyad!r}")
            w.add(f"{c.source_key} = ? AND {c.target_key} = ?", src, tgt)
        if self.code:
            _code_match(w, f"{e}code", self.code)
        if self.root:
            root = self.root.zfill(2) if self.root.isdigit() else self.root
            w.add(f"{e}root = ?", root)
        if self.plover:
            w.add(f"upper({e}plover) = ?", self.plover.upper())
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise QueryError("quad_class must be 1, 2, 3 or 4")
            w.add(f"{e}quad_class = ?", self.quad_class)
        if self.modality:
            w.add(f"{e}modality = ?", self.modality)
        if self.reported_by:
            w.add(f"(contains(lower({e}reported_by_name), lower(?)) OR "
                  f"{e}reported_by_code = ?)", self.reported_by, self.reported_by.upper())
        _date_range(w, f"{e}date", self.date_from, self.date_to, ("date_from", "date_to"))
        _date_range(w, f"{a}published", self.published_from, self.published_to,
                    ("published_from", "published_to"))
        if self.outlet:
            w.add(f"{a}publisher = ?", self.outlet)
        if self.q:
            w.add(f"contains(lower({c.evidence}), lower(?))", self.q)
        if self.article_id:
            w.add(f"{e}article_id = ?", self.article_id)
        return w

    def is_empty(self) -> bool:
        return not any(v is not None and v != "" for v in dataclasses.astuple(self))


def _code_match(w: _Where, column: str, value: str) -> None:
    value = value.strip()
    if value.endswith("*"):
        w.add(f"starts_with({column}, ?)", value[:-1].upper())
    else:
        w.add(f"{column} = ?", value.upper())


def events(store: Store, flt: EventFilter | None = None, *, limit: int | None = None,
           offset: int | None = None, view: EventView | None = None) -> Page[EventHit]:
    """Event mentions under a filter, by event date, then article and position; read from
    `view` when given (the same rows and order, without the join)."""
    flt = flt or EventFilter()
    if view is not None:
        return view.events(flt, limit=limit, offset=offset)
    w = flt.where()
    return _paged(store, _EVENT_SELECT + w.sql(), w.params, _EVENT_ORDER_OUT, limit, offset,
                  _event_hit, evidence="evidence")


class EventView:
    """Every event mention joined with its article, its evidence sentence cut out and its
    country keys computed, numbered in list order: one copy in an in-memory DuckDB, made
    once per store version (a server rebuilds it after each job that wrote), with each
    mention's JSON (to_json of its EventHit) kept once it has been encoded.

    A page is then one scan of one table for the numbers of the rows under the filter
    (count and page in one query), then only that page's rows, or their JSON by number.
    Without a filter the numbers are the positions themselves: no scan at all."""

    def __init__(self, store: Store) -> None:
        sql = (f"SELECT row_number() OVER (ORDER BY {_EVENT_ORDER}) - 1 AS ord, e.*, "
               "a.title, a.publisher, a.published, a.url, "
               f"{_STORE_COLUMNS.source_key} AS source_key, "
               f"{_STORE_COLUMNS.target_key} AS target_key, "
               f"{_STORE_COLUMNS.evidence} AS evidence "
               "FROM events e JOIN articles a ON a.id = e.article_id")
        self.db = _memory_table(store, "events_view", sql)
        found = self.db.execute("SELECT count(*) FROM events_view").fetchall()
        self.size = int(found[0][0])
        self._counts = {str(r[0]): int(r[1]) for r in self.db.execute(
            "SELECT article_id, count(*) FROM events_view GROUP BY article_id").fetchall()}
        self._json: list[bytes | None] = [None] * self.size  # encoded when first asked

    def event_counts(self, ids: list[str]) -> dict[str, int]:
        """Events per article, for these articles."""
        return {i: self._counts[i] for i in ids if i in self._counts}

    def _numbers(self, con: duckdb.DuckDBPyConnection, flt: EventFilter, lim: int,
                 off: int) -> tuple[list[int], int]:
        """The list positions of one page under a filter, and the size of the whole list."""
        if flt.is_empty():
            return list(range(off, min(off + lim, self.size))), self.size
        w = flt.where(_VIEW_COLUMNS)
        found = con.execute(f"SELECT ord, count(*) OVER () AS n FROM events_view{w.sql()} "
                            "ORDER BY ord LIMIT ? OFFSET ?", [*w.params, lim, off]).fetchall()
        if found:
            return [int(r[0]) for r in found], int(found[0][1])
        if not off:
            return [], 0
        return [], _count(Store(con, ":memory:"), f"SELECT 1 FROM events_view{w.sql()}",
                          w.params)

    def events(self, flt: EventFilter, *, limit: int | None = None,
               offset: int | None = None) -> Page[EventHit]:
        lim, off = _page_bounds(limit, offset)
        con = self.db.cursor()
        try:
            numbers, total = self._numbers(con, flt, lim, off)
            rows = _dicts(con.execute("SELECT * FROM events_view WHERE ord IN "
                                      "(SELECT unnest(?)) ORDER BY ord", [numbers]))
        finally:
            con.close()
        return Page([_event_hit(r) for r in rows], total, lim, off)

    def events_json(self, flt: EventFilter, *, limit: int | None = None,
                    offset: int | None = None) -> tuple[int, bytes]:
        """events(...) as the JSON of its Page (and its total), from the mentions' JSON
        encoded at build."""
        lim, off = _page_bounds(limit, offset)
        con = self.db.cursor()
        try:
            numbers, total = self._numbers(con, flt, lim, off)
            missing = [n for n in numbers if self._json[n] is None]
            if missing:
                for r in _dicts(con.execute("SELECT * FROM events_view WHERE ord IN "
                                            "(SELECT unnest(?))", [missing])):
                    self._json[int(r["ord"])] = to_json(_event_hit(r))
        finally:
            con.close()
        head = to_json({"total": total, "limit": lim, "offset": off})
        items = b",".join(self._json[n] or b"null" for n in numbers)
        return total, head[:-1] + b',"items":[' + items + b"]}"

    def close(self) -> None:
        self.db.close()


# -- articles -------------------------------------------------------------------------------


@dataclass
class ArticleFilter:
    outlet: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    language: str | None = None
    copy_family: str | None = None  # an origin's id: it and its near-copies (copy_of)
    q: str | None = None  # text in the title, any case


@dataclass
class ArticleSummary(Record):
    """An article without its text, with how many annotations it carries."""

    id: str
    title: str | None
    publisher: str | None
    published: str | None
    language: str
    url: str | None
    n_chars: int
    n_words: int
    n_events: int
    copy_family: str | None = None


COPY_COLUMN = "copy_of"  # faultline.link.copies: the id of the article this one copies


def articles(store: Store, flt: ArticleFilter | None = None, *, limit: int | None = None,
             offset: int | None = None, view: EventView | None = None) -> Page[ArticleSummary]:
    """Articles by date; each one's event count from `view` when given, else the store."""
    flt = flt or ArticleFilter()
    w = _Where()
    has_family = COPY_COLUMN in store.columns("articles")
    family = f"coalesce(a.{COPY_COLUMN}, a.id)" if has_family else "NULL"
    if flt.outlet:
        w.add("a.publisher = ?", flt.outlet)
    _date_range(w, "a.published", flt.published_from, flt.published_to,
                ("published_from", "published_to"))
    if flt.language:
        w.add("a.language = ?", flt.language)
    if flt.copy_family:
        if not has_family:
            raise QueryError("this store has no copy families (re-run analyze with a "
                             "faultline that records them)")
        w.add(f"{family} = ?", flt.copy_family)
    if flt.q:
        w.add("contains(lower(a.title), lower(?))", flt.q)
    sql = ("SELECT a.id, a.title, a.publisher, a.published, a.language, a.url, a.n_chars, "
           f"a.n_words, {family} AS copy_family FROM articles a" + w.sql())

    def make(r: dict[str, Any]) -> ArticleSummary:
        return ArticleSummary(r["id"], r["title"], r["publisher"], r["published"],
                              r["language"] or "en", r["url"], int(r["n_chars"] or 0),
                              int(r["n_words"] or 0), 0, r["copy_family"])

    page = _paged(store, sql, w.params, "published, id", limit, offset, make)
    ids = [a.id for a in page.items]
    counts = view.event_counts(ids) if view is not None else _event_counts(store, ids)
    for a in page.items:
        a.n_events = counts.get(a.id, 0)
    return page


def _event_counts(store: Store, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    return {r["article_id"]: int(r["n"]) for r in store.rows(
        "SELECT article_id, count(*) AS n FROM events WHERE article_id IN "
        "(SELECT unnest(?)) GROUP BY article_id", [ids])}


def article(store: Store, article_id: str) -> Annotations | None:
    """One article with every annotation stored for it, as the extractors produced them."""
    found = store.rows("SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    art = article_from_row(found[0])
    ann = Annotations(article=art, n_words=int(found[0].get("n_words") or 0))

    def rows(table: str, order: str = 'start, "end"') -> list[dict[str, Any]]:
        return store.rows(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}",
                          [article_id])

    def span(r: dict[str, Any], s: str = "start", e: str = "end") -> Span:
        return Span(article_id, int(r[s]), int(r[e]))

    ann.entities = [Entity(span(r), r["label"], r["text"]) for r in rows("entities")]
    ann.actors = [ActorMention(span(r), r["text"], Actor(
        r["code"], r["name"] or r["code"], r["country"], r["sector"], r["kind"] or "country"),
        token_start=-1, token_end=-1, via=r["via"] or "dictionary")  # tokens are not stored
        for r in rows("actor_mentions")]
    ann.timexes = [Timex(span(r), r["text"], r["type"], r["value"], r["anchor"])
                   for r in rows("timexes")]
    ann.quotes = [_quote(r, art.id) for r in rows("quotes")]
    ann.events = [event_from_row(r) for r in rows("events", "start, trigger_start")]
    ann.claims = [Claim(span(r), r["quantity"], r["unit"], r["subject"], r["approximate"],
                        r["attributed_to"], r["quantity_max"]) for r in rows("claims")]
    return ann


def _quote(r: dict[str, Any], aid: str) -> Quote:
    speaker = None
    if r.get("speaker_name") or r.get("speaker_code"):
        sp = (Span(aid, int(r["speaker_start"]), int(r["speaker_end"]))
              if r.get("speaker_start") is not None and r.get("speaker_end") is not None
              else None)
        speaker = Speaker(r.get("speaker_name") or r["speaker_code"], sp, r.get("speaker_code"))
    reporter = None
    if r.get("reporter_name") or r.get("reporter_code"):
        reporter = Speaker(r.get("reporter_name") or r["reporter_code"],
                           code=r.get("reporter_code"))
    cue = (Span(aid, int(r["cue_start"]), int(r["cue_end"]))
           if r.get("cue_start") is not None and r.get("cue_end") is not None else None)
    return Quote(Span(aid, int(r["start"]), int(r["end"])), r.get("kind") or "direct", speaker,
                 cue, r.get("cue_text"), reporter)


def outlets(store: Store, *, unknown: bool = False) -> list[tuple[str | None, int]]:
    """Every publisher with its article count, most articles first (with `unknown`, the
    articles that name none count under None)."""
    where = "" if unknown else " WHERE publisher IS NOT NULL"
    return [(r["publisher"], int(r["n"])) for r in store.rows(
        f"SELECT publisher, count(*) AS n FROM articles{where} "
        "GROUP BY publisher ORDER BY n DESC, publisher NULLS LAST")]


# -- quotes ---------------------------------------------------------------------------------


@dataclass
class QuoteHit(Record):
    quote: Quote
    text: str
    article: ArticleRef


def _quote_where(speaker: str | None, article_id: str | None, outlet: str | None,
                 q: str = "q.", a: str = "a.") -> _Where:
    w = _Where()
    if speaker:
        w.add(f"(contains(lower({q}speaker_name), lower(?)) OR {q}speaker_code = ?)", speaker,
              speaker.upper())
    if article_id:
        w.add(f"{q}article_id = ?", article_id)
    if outlet:
        w.add(f"{a}publisher = ?", outlet)
    return w


_QUOTE_ORDER_OF = '{a}published, {q}article_id, {q}start, {q}"end"'


def _quote_hit(r: dict[str, Any]) -> QuoteHit:
    return QuoteHit(_quote(r, r["article_id"]), r["quote_text"] or "", _ref(r))


def quotes(store: Store, *, speaker: str | None = None, article_id: str | None = None,
           outlet: str | None = None, limit: int | None = None,
           offset: int | None = None, view: QuoteView | None = None) -> Page[QuoteHit]:
    """Quotes, by speaker: a name (substring, any case) or a speaker code; read from `view`
    when given (the same rows and order, without the join)."""
    if view is not None:
        return view.quotes(_quote_where(speaker, article_id, outlet, "", ""), limit=limit,
                           offset=offset)
    w = _quote_where(speaker, article_id, outlet)
    sql = ("SELECT q.*, a.title, a.publisher, a.published, a.url "
           "FROM quotes q JOIN articles a ON a.id = q.article_id" + w.sql())
    return _paged(store, sql, w.params, _QUOTE_ORDER_OF.format(q="", a=""), limit, offset,
                  _quote_hit, evidence="quote_text")


class QuoteView:
    """The quotes joined with their articles, their text cut out, numbered in list order:
    one copy in an in-memory DuckDB per store version, as EventView does for events."""

    def __init__(self, store: Store) -> None:
        self.db = _memory_table(store, "quotes_view", (
            f"SELECT row_number() OVER (ORDER BY {_QUOTE_ORDER_OF.format(q='q.', a='a.')}) - 1 "
            "AS ord, q.*, a.title, a.publisher, a.published, a.url, "
            'substr(a.text, q.start + 1, q."end" - q.start) AS quote_text '
            "FROM quotes q JOIN articles a ON a.id = q.article_id"))

    def quotes(self, w: _Where, *, limit: int | None = None,
               offset: int | None = None) -> Page[QuoteHit]:
        lim, off = _page_bounds(limit, offset)
        con = self.db.cursor()
        try:
            found = _dicts(con.execute(
                f"SELECT *, count(*) OVER () AS _total FROM quotes_view{w.sql()} "
                "ORDER BY ord LIMIT ? OFFSET ?", [*w.params, lim, off]))
            total = int(found[0]["_total"]) if found else (_count(
                Store(con, ":memory:"), f"SELECT 1 FROM quotes_view{w.sql()}", w.params)
                if off else 0)
        finally:
            con.close()
        return Page([_quote_hit(r) for r in found], total, lim, off)

    def close(self) -> None:
        self.db.close()


def _memory_table(store: Store, name: str, sql: str) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB holding `sql`'s answer over the store as table `name`, by ord."""
    con = store.con.cursor()  # its own: the store's may hold an unfinished result
    try:
        rows = con.sql(sql).to_arrow_table()
    finally:
        con.close()
    db = duckdb.connect(":memory:")
    db.register("_faultline_rows", rows)
    db.execute(f"CREATE TABLE {name} AS SELECT * FROM _faultline_rows ORDER BY ord")
    db.unregister("_faultline_rows")
    return db


# -- clusters -------------------------------------------------------------------------------


@dataclass
class ClusterMention(Record):
    stance: str  # affirms | disputes | neutral
    party: str  # who stands behind it (faultline.link.events.party_of)
    hit: EventHit


@dataclass
class Cluster(Record):
    """One happening across articles (faultline.link.events), with its mentions."""

    id: str
    source: str
    target: str
    root: str
    date_start: str | None
    date_end: str | None
    n_mentions: int
    n_articles: int
    n_sources: int
    contested: bool
    mentions: list[ClusterMention] = field(default_factory=list)

    def side(self, stance: str) -> list[ClusterMention]:
        return [m for m in self.mentions if m.stance == stance]


@dataclass
class ClusterFilter:
    contested: bool | None = None
    dyad: str | None = None  # SRC-TGT as the clusters key them
    root: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def clusters(store: Store, flt: ClusterFilter | None = None, *, limit: int | None = None,
             offset: int | None = None, with_mentions: bool = True,
             per_stance: int | None = None,
             mentions: dict[str, list[ClusterMention]] | None = None) -> Page[Cluster]:
    """Event clusters as stored by the last linking, most widely reported first; with at
    most `per_stance` mentions of each stance (all when None; n_mentions counts them all).
    `mentions` is cluster_mentions(store, per_stance), when the caller has it."""
    flt = flt or ClusterFilter()
    w = _Where()
    if flt.contested is not None:
        w.add("c.contested = ?", flt.contested)
    if flt.dyad:
        src, sep, tgt = flt.dyad.upper().partition("-")
        if not sep:
            raise QueryError(f"dyad must look like RUS-UKR, got {flt.dyad!r}")
        w.add("c.source = ? AND c.target = ?", src, tgt)
    if flt.root:
        w.add("c.root = ?", flt.root.zfill(2) if flt.root.isdigit() else flt.root)
    _date_range(w, "c.date_start", flt.date_from, flt.date_to, ("date_from", "date_to"))
    sql = "SELECT c.* FROM event_clusters c" + w.sql()
    page = _paged(store, sql, w.params, "num_sources DESC, num_mentions DESC, id",
                  limit, offset, _cluster)
    if with_mentions and mentions is not None:  # cluster_mentions(store, per_stance)
        for c in page.items:
            c.mentions = list(mentions.get(c.id, ()))
    elif with_mentions and page.items:
        _attach_mentions(store, page.items, per_stance)
    return page


def cluster(store: Store, cluster_id: str) -> Cluster | None:
    rows = store.rows("SELECT * FROM event_clusters WHERE id = ?", [cluster_id])
    if not rows:
        return None
    found = _cluster(rows[0])
    _attach_mentions(store, [found])
    return found


def _cluster(r: dict[str, Any]) -> Cluster:
    return Cluster(r["id"], r["source"], r["target"], r["root"], r["date_start"], r["date_end"],
                   int(r["num_mentions"]), int(r["num_articles"]), int(r["num_sources"]),
                   bool(r["contested"]))


def _attach_mentions(store: Store, found: list[Cluster], per_stance: int | None = None
                     ) -> None:
    by_id = {c.id: c for c in found}
    for cid, mentions in _mentions(store, list(by_id), per_stance).items():
        by_id[cid].mentions.extend(mentions)


def cluster_mentions(store: Store, per_stance: int | None = None
                     ) -> dict[str, list[ClusterMention]]:
    """Every cluster's mentions (at most `per_stance` of each stance), by cluster id, in one
    query: what clusters(mentions=...) pages from (a server keeps it per store version)."""
    return _mentions(store, None, per_stance)


def _mentions(store: Store, ids: list[str] | None, per_stance: int | None
              ) -> dict[str, list[ClusterMention]]:
    where = "" if ids is None else " WHERE m.cluster_id IN (SELECT unnest(?))"
    cap = "" if per_stance is None else " WHERE n <= ?"
    # a database from before migration 0006 opened read-only keys mentions without actors
    keyed = set(store.columns("event_cluster_mentions")) & set(store.columns("events"))
    rows = store.rows(
        "SELECT * FROM (SELECT m.cluster_id, m.stance, m.party, e.*, a.title, a.publisher, "
        "a.published, a.url, row_number() OVER (PARTITION BY m.cluster_id, m.stance "
        "ORDER BY a.published, e.article_id, e.start, e.trigger_start, e.code, "
        'e.source_code, e.target_code, e."end") AS n '
        "FROM event_cluster_mentions m JOIN events e ON "
        + " AND ".join(f"e.{k} IS NOT DISTINCT FROM m.{k}" for k in EVENT_KEY
                       if k in keyed) + " "
        f"JOIN articles a ON a.id = e.article_id{where}){cap} ORDER BY cluster_id, stance, n",
        [*([] if ids is None else [ids]), *([] if per_stance is None else [per_stance])])
    _add_evidence(store, rows, "evidence")
    out: dict[str, list[ClusterMention]] = {}
    for r in rows:
        out.setdefault(r["cluster_id"], []).append(
            ClusterMention(r["stance"] or "neutral", r["party"] or "", _event_hit(r)))
    return out


# -- numbers --------------------------------------------------------------------------------


@dataclass
class NumberReportHit(Record):
    claim: Claim
    evidence: str
    article: ArticleRef


@dataclass
class NumberGroupView(Record):
    """Reports from several articles of one quantity, and whether their figures disagree."""

    key: str
    label: str
    unit: str
    values: list[float]
    disagree: bool
    specific: bool
    compatible: bool
    spread: float
    reports: list[NumberReportHit]  # at most max_reports of them
    n_reports: int = 0
    kind: str = "total"  # total | increment | movement
    conflicts: list[list[int]] = field(default_factory=list)  # pairs of indices into reports


def number_group_list(store: Store) -> tuple[list[Any], set[int]]:
    """Every number group of the store (faultline.link.numbers) and the ids of those that
    disagree: the pass over the whole store that number_groups pages (a server keeps it)."""
    from faultline.link import load_number_reports
    from faultline.link.numbers import disagreeing_groups, group_numbers

    groups = group_numbers(load_number_reports(store))
    return groups, {id(g) for g in disagreeing_groups(groups)}


def number_groups(store: Store, *, disagree: bool | None = None, q: str | None = None,
                  limit: int | None = None, offset: int | None = None,
                  max_reports: int | None = None,
                  grouped: tuple[list[Any], set[int]] | None = None
                  ) -> Page[NumberGroupView]:
    """Number groups as faultline.link.numbers forms them; `disagree` is its own verdict
    (faultline.link.numbers.disagreeing_groups, as the CLI and the report use it).
    `grouped` is number_group_list's answer, when the caller has it already."""
    lim, off = _page_bounds(limit, offset)
    groups, disagreeing = grouped or number_group_list(store)
    if disagree is not None:
        groups = [g for g in groups if (id(g) in disagreeing) == disagree]
    if q:
        groups = [g for g in groups if q.lower() in (g.label or "").lower()]
    groups.sort(key=lambda g: (id(g) not in disagreeing, -len(g.reports), g.key))
    refs = _refs(store, {r.article_id for g in groups[off:off + lim] for r in g.reports})
    items = [NumberGroupView(
        g.key, g.label, g.unit, list(g.values), id(g) in disagreeing,
        bool(getattr(g, "specific", True)), bool(g.compatible), float(g.spread),
        [NumberReportHit(r.claim, r.evidence, refs.get(r.article_id) or ArticleRef(
            r.article_id, None, r.publisher, r.published)) for r in g.reports[:max_reports]],
        len(g.reports), str(getattr(g, "kind", "total")),
        [list(p) for p in getattr(g, "conflicts", ())
         if max_reports is None or max(p) < max_reports])
        for g in groups[off:off + lim]]
    return Page(items, len(groups), lim, off)


def _refs(store: Store, ids: set[str]) -> dict[str, ArticleRef]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.rows("SELECT id AS article_id, title, publisher, published, url FROM articles "
                      f"WHERE id IN ({marks})", sorted(ids))
    return {r["article_id"]: _ref(r) for r in rows}


# -- timeline and alerts --------------------------------------------------------------------


@dataclass
class DyadSeries(Record):
    """One dyad's days (faultline.analysis.DyadDay as dicts) and its alert days."""

    dyad: str
    n_events: int
    days: list[dict[str, Any]]
    alerts: list[str]


def timeline(store: Store, *, dyad: str | None = None, include_unknown: bool = False,
             days: list[Any] | None = None) -> list[DyadSeries]:
    """Per-dyad daily series with the escalation index (faultline.analysis), busiest first.
    `days` is dyad_days' answer (include_unknown must then be False), when the caller has it."""
    from faultline.analysis import dyad_days

    series: dict[str, list[Any]] = {}
    for d in days if days is not None else dyad_days(store, include_unknown=include_unknown):
        series.setdefault(d.dyad, []).append(d)
    if dyad:
        wanted = dyad.upper()
        series = {k: v for k, v in series.items() if k == wanted}
    out = [DyadSeries(k, sum(d.events for d in v), [d.to_dict() for d in v],
                      [d.day for d in v if d.alert]) for k, v in series.items()]
    out.sort(key=lambda s: (-s.n_events, s.dyad))
    return out


def dyad_days(store: Store, *, dyad: str | None = None) -> list[Any]:
    """The raw faultline.analysis.DyadDay rows, for the CLI's table."""
    from faultline.analysis import dyad_days as days

    found = days(store)
    return [d for d in found if d.dyad == dyad.upper()] if dyad else found


@dataclass
class Alert(Record):
    """An escalation alert: a dyad's day and the asserted events of the week it rests on."""

    dyad: str
    date: str
    index: float
    events: list[EventHit]


def alerts(store: Store, *, dyad: str | None = None, limit: int | None = None,
           offset: int | None = None, days: list[Any] | None = None) -> Page[Alert]:
    """Escalation alerts, each with the events faultline.analysis rests it on (its basis:
    the counted events of the dyad's 7-day window, most conflictual first). `days` is
    dyad_days' answer for the whole store, when the caller has it."""
    from faultline.analysis import alerts as alert_days

    lim, off = _page_bounds(limit, offset)
    if days is None:
        days = dyad_days(store, dyad=dyad)
    elif dyad:
        days = [d for d in days if d.dyad == dyad.upper()]
    found = alert_days(days)
    page = found[off:off + lim]
    hits = _hits_by_key(store, {e["article_id"] for d in page for e in d.basis})
    items = []
    for d in page:
        keys = [event_key(e) for e in d.basis]
        items.append(Alert(d.dyad, d.day, round(d.index, 2),
                           [hits[k] for k in keys if k in hits]))
    return Page(items, len(found), lim, off)


# The columns that tell one stored event from another: events of one trigger and code
# (coordinated actors: "Russia and Belarus held drills") differ by their actors' mentions.
EVENT_KEY = ("article_id", "start", "trigger_start", "code", "source_start", "target_start")


def event_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The identity of an event row (EVENT_KEY's values)."""
    return tuple(row.get(k) for k in EVENT_KEY)


def _hits_by_key(store: Store, article_ids: set[str]) -> dict[tuple[Any, ...], EventHit]:
    if not article_ids:
        return {}
    marks = ", ".join("?" for _ in article_ids)
    rows = store.rows(f"{_EVENT_SELECT} WHERE e.article_id IN ({marks})", sorted(article_ids))
    _add_evidence(store, rows, "evidence")
    return {event_key(r): _event_hit(r) for r in rows}


# -- actor network --------------------------------------------------------------------------


@dataclass
class NetworkEdge(Record):
    source: str
    target: str
    events: int
    goldstein_sum: float


@dataclass
class Network(Record):
    nodes: dict[str, str]  # code -> name, the max_nodes busiest actors
    edges: list[NetworkEdge]  # directed, between kept nodes
    weights: dict[str, int] = field(default_factory=dict)  # kept node -> events it is in
    n_actors: int = 0  # actors with any such event, drawn or not


def network(store: Store, *, max_nodes: int = 24) -> Network:
    """Asserted events between coded actors, by country (as the timeline counts them)."""
    src, tgt = _country_sql("source"), _country_sql("target")
    rows = store.rows(
        f"SELECT {src} AS s, {tgt} AS t, count(*) AS n, coalesce(sum(e.goldstein), 0) AS g "
        "FROM events e WHERE e.modality = 'asserted' AND e.source_code IS NOT NULL "
        "AND e.source_code <> '' AND e.target_code IS NOT NULL AND e.target_code <> '' "
        "GROUP BY s, t ORDER BY n DESC, s, t")
    weight: dict[str, int] = {}
    for r in rows:
        if r["s"] == r["t"]:
            continue
        for k in (r["s"], r["t"]):
            weight[k] = weight.get(k, 0) + int(r["n"])
    keep = set(sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes])
    edges = [NetworkEdge(r["s"], r["t"], int(r["n"]), round(float(r["g"]), 2)) for r in rows
             if r["s"] in keep and r["t"] in keep and r["s"] != r["t"]]
    return Network(actor_names(store, keep), edges, {k: weight[k] for k in sorted(keep)},
                   len(weight))


UNKNOWN_ACTOR = "---"  # the code of an actor no dictionary knows (text and sector kept)


def actor_names(store: Store, codes: set[str]) -> dict[str, str]:
    """A readable name per country or IGO code: the actor dictionary's, else the name the
    stored actor mentions give it."""
    if not codes:
        return {}
    from faultline.extract.actors import load_actor_data

    known = load_actor_data()
    names: dict[str, str] = {c: known.countries.get(c) or known.igos.get(c) or ""
                             for c in codes}
    names = {c: n for c, n in names.items() if n}
    if UNKNOWN_ACTOR in codes:  # many different names share the code: none speaks for all
        names[UNKNOWN_ACTOR] = "unidentified actors"
    marks = ", ".join("?" for _ in codes)
    rows = store.rows(
        "SELECT code, name, count(*) AS n FROM actor_mentions "
        f"WHERE code IN ({marks}) OR (kind = 'country' AND substr(code, 1, 3) IN ({marks})) "
        "GROUP BY code, name ORDER BY n DESC, code, name", [*sorted(codes), *sorted(codes)])
    for r in rows:
        if r["code"] in codes and r["code"] not in names:
            names[r["code"]] = r["name"]
    for r in rows:  # a country seen only through its sectors (RUSGOV): its country's name
        key = str(r["code"])[:3]
        if key in codes and key not in names and len(str(r["code"])) > 3:
            names[key] = str(r["name"]).split(" (")[0]
    return {c: names.get(c, c) for c in sorted(codes)}


# -- stats and runs -------------------------------------------------------------------------


@dataclass
class Run(Record):
    id: int
    status: str | None
    started_at: str | None
    finished_at: str | None
    n_read: int | None
    n_stored: int | None
    n_duplicates: int | None
    n_failed: int | None
    n_words: int | None
    seconds: float | None


@dataclass
class Stats(Record):
    counts: dict[str, int]
    migrations: list[str]
    outlets: int  # distinct publishers
    first_published: str | None
    last_published: str | None
    sources: int = 0  # distinct publishers, else the URL's host, else the file read


# Where an article comes from when it names no publisher: its URL's host, else its input
# file (a JSONL record's "path:line" counts as the file).
SOURCE_SQL = ("coalesce(nullif(a.publisher, ''), nullif(regexp_extract(a.url, "
              "'^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www[.])?([^/:?#]+)', 1), ''), "
              "regexp_replace(a.source, ':[0-9]+$', ''))")


def stats(store: Store) -> Stats:
    row = store.rows(
        "SELECT count(DISTINCT a.publisher) AS s, min(substr(a.published, 1, 10)) AS lo, "
        f"max(substr(a.published, 1, 10)) AS hi, count(DISTINCT {SOURCE_SQL}) AS n "
        "FROM articles a")[0]
    return Stats(store.counts(), store.migrations(), int(row["s"]), row["lo"], row["hi"],
                 int(row["n"]))


def runs(store: Store, *, limit: int | None = None, offset: int | None = None) -> Page[Run]:
    def make(r: dict[str, Any]) -> Run:
        return Run(int(r["id"]), r["status"], _ts(r["started_at"]), _ts(r["finished_at"]),
                   r["n_read"], r["n_stored"], r["n_duplicates"], r["n_failed"], r["n_words"],
                   r["seconds"])

    return _paged(store, "SELECT * FROM runs", [], "id DESC", limit, offset, make)


def _ts(value: Any) -> str | None:
    return None if value is None else str(value)
