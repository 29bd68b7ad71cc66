"""The HTTP API and the browser UI over one store (FastAPI); every read goes through query.py."""

from __future__ import annotations

import dataclasses
import gc
import hmac
import ipaddress
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from importlib import resources
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faultline import __version__, query
from faultline.api.jobs import JobQueue, Runner, analyze_into
from faultline.errors import FaultlineError
from faultline.formats import ROW_FORMATS, render_rows
from faultline.store import Store

MAX_BODY = 10_000_000  # bytes in one request (POST /analyze uploads)
MAX_PAGE = 1000  # rows in one JSON page
MAX_DOWNLOAD = 100_000  # rows in one CSV/JSONL download
RATE = 300.0  # requests per second per client, sustained ...
BURST = 600  # ... with bursts up to this many
VIEW_MAX_ROWS = 500_000  # the events view costs about 0.5 kB of memory per event
CACHE_ENTRIES = 512  # derived results kept per store version (least recently used go first)

UI_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
UI_FILES = {"app.js": "text/javascript", "app.css": "text/css"}


log = logging.getLogger("faultline.serve")


encode = query.to_json


def json_response(data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(encode(data), media_type="application/json", headers=headers)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


class Server:
    """The app's one connection to the store, its job queue and its read cache."""

    def __init__(self, database: str, *, read_only: bool = False,
                 runner: Runner | None = None, freeze_gc: bool = False) -> None:
        self.database = database
        self.read_only = read_only
        self.freeze_gc = freeze_gc
        store = Store.open(database, read_only=read_only)  # migrates when writable
        self.con = store.con
        self._lock = threading.Lock()
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._making: dict[Any, threading.Lock] = {}
        self._generation = 0  # bumped whenever a job has written
        self.view, self.quote_view = self._views()
        self._freeze()
        self.jobs = None if read_only else JobQueue(runner or analyze_into(database),
                                                    on_done=self.forget)

    def store(self) -> Store:
        with self._lock:
            return Store(self.con.cursor(), self.database)

    def cached(self, store: Store, key: Any, make: Callable[[], Any]) -> Any:
        """Results that cost a pass over the whole store, kept until a job has written.

        The server holds the file's lock, so its own jobs are the only writer there is.
        One request computes a missing result; others asking for it meanwhile wait for it."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._cache:
                    return self._cache[key]
                generation = self._generation
            try:
                value = make()
            finally:
                with self._lock:
                    self._making.pop(key, None)
            with self._lock:
                if generation == self._generation:  # a job that wrote meanwhile: do not keep it
                    self._cache[key] = value
                    while len(self._cache) > CACHE_ENTRIES:
                        self._cache.popitem(last=False)
        return value

    def response(self, store: Store, key: Any, make: Callable[[], Response]) -> Response:
        """A derived view's whole answer (body and headers), encoded once per store version."""

        def frozen() -> tuple[bytes, str | None, dict[str, str]]:
            r = make()
            keep = {k: v for k, v in r.headers.items()
                    if k.lower() not in ("content-length", "content-type")}
            return bytes(r.body), r.media_type, keep

        body, media_type, headers = self.cached(store, ("response", *key), frozen)
        return Response(body, media_type=media_type, headers=headers)

    def mentions(self, store: Store, per_stance: int) -> dict[str, list[query.ClusterMention]]:
        """Every cluster's mentions, at most per_stance of each stance: one query per store
        version, however many cluster pages and filters are asked for."""
        found: dict[str, list[query.ClusterMention]] = self.cached(
            store, ("cluster mentions", per_stance),
            lambda: query.cluster_mentions(store, per_stance))
        return found

    def forget(self) -> None:
        """A job has written: drop what was derived from the store before it."""
        views = self._views()
        with self._lock:
            self._generation += 1
            self._cache.clear()
            self.view, self.quote_view = views
        self._freeze()

    def _freeze(self) -> None:
        """What the server holds from now on (views, a job's model) leaves the collector's
        rounds: a full collection would otherwise walk it all while every request waits."""
        if self.freeze_gc:
            gc.collect()
            gc.freeze()

    def _views(self) -> tuple[query.EventView | None, query.QuoteView | None]:
        """The events and quotes lists' in-memory copies (query.EventView, QuoteView); over
        VIEW_MAX_ROWS rows a list reads the store itself."""
        st = self.store()
        try:
            counts = {t: int(st.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
                      for t in ("events", "quotes")}
            return (query.EventView(st) if counts["events"] <= VIEW_MAX_ROWS else None,
                    query.QuoteView(st) if counts["quotes"] <= VIEW_MAX_ROWS else None)
        except Exception as e:  # noqa: BLE001 - the store path answers the same, slower
            log.warning("list views not built (%s); lists are read from the store", e)
            return None, None
        finally:
            st.close()

    def close(self) -> None:
        if self.jobs:
            self.jobs.close()
        for view in (self.view, self.quote_view):
            if view is not None:
                view.close()
        self.con.close()


# -- middleware ---------------------------------------------------------------------------


class Guard:
    """Body size limit, rate limit and the optional bearer token, before any route runs."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int, rate: float,
                 burst: int) -> None:
        self.app, self.token, self.max_body = app, token, max_body
        self.rate, self.burst = rate, burst
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        client = (scope.get("client") or ("?", 0))[0]
        if self.rate and not self._allow(client):
            await error(429, "too many requests; slow down")(scope, receive, send)
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await error(413, f"request body over {self.max_body} bytes")(scope, receive, send)
            return
        if self.token and scope["path"].startswith("/api/") and not self._authorized(headers):
            await error(401, "missing or wrong bearer token (Authorization: Bearer ...)")(
                scope, receive, send)
            return
        seen = 0
        limit = self.max_body

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except BodyTooLarge:
            await error(413, f"request body over {limit} bytes")(scope, receive, send)

    def _authorized(self, headers: dict[str, str]) -> bool:
        given = headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip(),
                                                                 str(self.token))

    def _allow(self, client: str) -> bool:
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self.buckets[client] = (tokens, now)
                return False
            self.buckets[client] = (tokens - 1.0, now)
            if len(self.buckets) > 10_000:
                self.buckets.clear()
            return True


class BodyTooLarge(Exception):
    pass


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", UI_CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY"),
                            (b"cache-control", b"no-store")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with if scope["type"] == "http" else send)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -- the app ------------------------------------------------------------------------------


def create_app(database: str, *, read_only: bool = False, token: str | None = None,
               max_body: int = MAX_BODY, rate: float = RATE, burst: int = BURST,
               runner: Runner | None = None, freeze_gc: bool = False) -> FastAPI:
    """The API and UI over one DuckDB file. The server owns its one connection.
    `freeze_gc` (for a process that only serves: `faultline serve`) calls gc.freeze()
    after start and after each job."""
    server = Server(database, read_only=read_only, runner=runner, freeze_gc=freeze_gc)
    app = FastAPI(title="faultline", version=__version__, docs_url=None, redoc_url=None,
                  description="Evidence-linked event data from news, over one faultline "
                  "store. Every list is paginated (limit, offset) and downloadable "
                  "(format=csv|jsonl|json).")
    app.state.server = server
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Guard, token=token, max_body=max_body, rate=rate, burst=burst)

    _errors(app)
    _routes(app, server)
    _ui(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(query.QueryError)
    async def bad_filter(request: Request, exc: query.QueryError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(FaultlineError)
    async def faultline_error(request: Request, exc: FaultlineError) -> JSONResponse:
        return error(400 if exc.exit_code == 2 else 500, str(exc))

    @app.exception_handler(duckdb.Error)
    async def store_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        return error(503, "the store could not answer this request")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        return error(500, "internal error")  # the traceback stays in the server log


# -- shared parameters ----------------------------------------------------------------------

Fmt = Annotated[str, Query(pattern="^(json|csv|jsonl)$",
                           description="json (a page object), csv or jsonl (the rows)")]
Limit = Annotated[int, Query(ge=0, le=MAX_DOWNLOAD,
                             description=f"rows per page (json: at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Day = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="ISO date, or YYYY-MM, or YYYY")]
Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_*-]+$")]
PerSide = Annotated[int, Query(ge=0, le=1000, description="mentions shown per stance "
                               "(affirms, disputes, neutral) of each cluster")]


class Paging:
    def __init__(self, limit: int = query.DEFAULT_LIMIT, offset: int = 0,
                 format: str = "json") -> None:
        if format == "json" and limit > MAX_PAGE:
            raise query.QueryError(f"limit must be at most {MAX_PAGE} for format=json "
                                   "(use format=csv or jsonl for larger downloads)")
        self.limit, self.offset, self.format = limit, offset, format

    def key(self) -> tuple[int, int, str]:
        return self.limit, self.offset, self.format


def respond(page: query.Page[Any], paging: Paging, name: str) -> Response:
    if paging.format == "json":
        return json_response({"total": page.total, "limit": page.limit,
                              "offset": page.offset, "items": page.items},
                             headers={"X-Total-Count": str(page.total)})
    fmt = ROW_FORMATS[paging.format]
    rows = [query.flatten(query.to_plain(i)) for i in page.items]
    return Response(render_rows(paging.format, rows), media_type=fmt.media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt.extension}"',
        "X-Total-Count": str(page.total)})


# The dependencies are coroutines: FastAPI runs a plain function's dependency in its thread
# pool, one more hand-over per request and dependency; these do no blocking work.
async def _paging(limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
                  format: Fmt = "json") -> Paging:
    return Paging(limit, offset, format)


async def _store(request: Request) -> AsyncIterator[Store]:
    """A cursor on the server's one connection for the length of a request."""
    st = request.app.state.server.store()
    try:
        yield st
    finally:
        st.close()


S = Annotated[Store, Depends(_store)]
P = Annotated[Paging, Depends(_paging)]


def _routes(app: FastAPI, server: Server) -> None:  # noqa: C901 - one route per list
    @app.get("/api/stats", tags=["store"], summary="row counts, migrations, date range")
    def get_stats(st: S) -> Response:
        found = query.to_plain(server.cached(st, ("stats",), lambda: query.stats(st)))
        found["jobs_pending"] = server.jobs.pending() if server.jobs else 0
        found["read_only"] = server.read_only
        return json_response(found)

    @app.get("/api/runs", tags=["store"], summary="analysis runs, newest first")
    def get_runs(st: S, paging: P) -> Response:
        return respond(query.runs(st, limit=paging.limit, offset=paging.offset), paging, "runs")

    @app.get("/api/events", tags=["events"], summary="event mentions under filters")
    def get_events(
        st: S, paging: P, source: Code = None, target: Code = None, actor: Code = None,
        source_country: Code = None, target_country: Code = None, dyad: Code = None,
        code: Code = None, root: Annotated[str | None, Query(pattern=r"^\d{1,2}$")] = None,
        plover: Code = None, quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        modality: Code = None, reported_by: Text = None, date_from: Day = None,
        date_to: Day = None, published_from: Day = None, published_to: Day = None,
        outlet: Text = None, q: Text = None, article_id: Text = None,
    ) -> Response:
        flt = query.EventFilter(
            source=source, target=target, actor=actor, source_country=source_country,
            target_country=target_country, dyad=dyad, code=code, root=root, plover=plover,
            quad_class=quad_class, modality=modality, reported_by=reported_by,
            date_from=date_from, date_to=date_to, published_from=published_from,
            published_to=published_to, outlet=outlet, q=q, article_id=article_id)
        view = server.view
        if view is not None and paging.format == "json":
            total, body = view.events_json(flt, limit=paging.limit, offset=paging.offset)
            return Response(body, media_type="application/json",
                            headers={"X-Total-Count": str(total)})
        return respond(query.events(st, flt, limit=paging.limit, offset=paging.offset,
                                    view=view), paging, "events")

    @app.get("/api/articles", tags=["articles"], summary="articles (without text)")
    def get_articles(st: S, paging: P, outlet: Text = None, published_from: Day = None,
                     published_to: Day = None, language: Code = None, copy_family: Text = None,
                     q: Text = None) -> Response:
        flt = query.ArticleFilter(outlet=outlet, published_from=published_from,
                                  published_to=published_to, language=language,
                                  copy_family=copy_family, q=q)
        return respond(query.articles(st, flt, limit=paging.limit, offset=paging.offset,
                                      view=server.view), paging, "articles")

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="one article: its text and every annotation as spans")
    def get_article(st: S, article_id: Annotated[str, PathParam(max_length=200)]) -> Response:
        found = query.article(st, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        data = query.to_plain(found)
        data.pop("failures", None)
        return json_response(data)

    @app.get("/api/outlets", tags=["articles"], summary="publishers with article counts")
    def get_outlets(st: S) -> list[dict[str, Any]]:
        found = server.cached(st, ("outlets",), lambda: query.outlets(st))
        return [{"outlet": o, "articles": n} for o, n in found]

    @app.get("/api/quotes", tags=["quotes"], summary="quotes, by speaker")
    def get_quotes(st: S, paging: P, speaker: Text = None, article_id: Text = None,
                   outlet: Text = None) -> Response:
        page = query.quotes(st, speaker=speaker, article_id=article_id, outlet=outlet,
                            limit=paging.limit, offset=paging.offset, view=server.quote_view)
        return respond(page, paging, "quotes")

    @app.get("/api/clusters", tags=["clusters"],
             summary="event clusters (one happening across articles) with their mentions")
    def get_clusters(st: S, paging: P, contested: bool | None = None, dyad: Code = None,
                     root: Annotated[str | None, Query(pattern=r"^\d{1,2}$")] = None,
                     date_from: Day = None, date_to: Day = None,
                     per_stance: PerSide = 3) -> Response:
        flt = query.ClusterFilter(contested=contested, dyad=dyad, root=root,
                                  date_from=date_from, date_to=date_to)
        key = ("clusters", dataclasses.astuple(flt), per_stance, paging.key())
        return server.response(st, key, lambda: respond(
            query.clusters(st, flt, limit=paging.limit, offset=paging.offset,
                           per_stance=per_stance,
                           mentions=server.mentions(st, per_stance)), paging, "clusters"))

    @app.get("/api/clusters/{cluster_id}", tags=["clusters"], summary="one cluster")
    def get_cluster(st: S, cluster_id: Annotated[str, PathParam(max_length=40)]) -> Response:
        """Every mention of one cluster."""
        found = server.cached(st, ("cluster", cluster_id), lambda: query.cluster(st, cluster_id))
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id!r}")
        return server.response(st, ("cluster", cluster_id), lambda: json_response(found))

    @app.get("/api/contested", tags=["clusters"],
             summary="contested events: affirming and disputing mentions side by side")
    def get_contested(st: S, paging: P, per_side: PerSide = 10) -> Response:
        return server.response(st, ("contested", per_side, paging.key()),
                               lambda: _contested(server, st, paging, per_side))

    @app.get("/api/numbers", tags=["numbers"],
             summary="number groups: the same quantity across articles")
    def get_numbers(st: S, paging: P, disagree: bool | None = None, q: Text = None,
                    reports: Annotated[int, Query(ge=0, le=10_000, description=
                                                  "reports shown per group")] = 50
                    ) -> Response:
        return server.response(st, ("numbers", disagree, q, reports, paging.key()),
                               lambda: respond(query.number_groups(
                                   st, disagree=disagree, q=q, limit=paging.limit,
                                   offset=paging.offset, max_reports=reports,
                                   grouped=server.cached(st, ("number groups",), lambda:
                                                         query.number_group_list(st))),
                                   paging, "numbers"))

    @app.get("/api/timeline", tags=["timeline"],
             summary="per-dyad daily series with the escalation index")
    def get_timeline(st: S, paging: P, dyad: Code = None) -> Response:
        def make() -> Response:
            series = server.cached(st, ("timeline", dyad), lambda: query.timeline(
                st, dyad=dyad, days=server.cached(st, ("dyad days",),
                                                  lambda: query.dyad_days(st))))
            page = query.Page(series[paging.offset:paging.offset + paging.limit], len(series),
                              paging.limit, paging.offset)
            if paging.format != "json":  # one row per dyad and day
                days = [d for s in page.items for d in s.days]
                page = query.Page(days, len(days), paging.limit, paging.offset)
            return respond(page, paging, "timeline")

        return server.response(st, ("timeline", dyad, paging.key()), make)

    @app.get("/api/alerts", tags=["timeline"],
             summary="escalation alerts with the events they rest on")
    def get_alerts(st: S, paging: P, dyad: Code = None) -> Response:
        return server.response(st, ("alerts", dyad, paging.key()), lambda: respond(
            query.alerts(st, dyad=dyad, limit=paging.limit, offset=paging.offset,
                         days=server.cached(st, ("dyad days",), lambda: query.dyad_days(st))),
            paging, "alerts"))

    @app.get("/api/network", tags=["events"], summary="actor network of asserted events")
    def get_network(st: S, max_nodes: Annotated[int, Query(ge=2, le=200)] = 24
                    ) -> Response:
        return server.response(st, ("network", max_nodes), lambda: json_response(
            query.network(st, max_nodes=max_nodes)))

    @app.post("/api/analyze", tags=["jobs"], status_code=202,
              summary="queue text (text/plain or JSON {text, title, publisher, published, "
              "url}) or a JSONL upload (application/x-ndjson) for analysis")
    async def post_analyze(request: Request) -> JSONResponse:
        if server.jobs is None:
            raise HTTPException(403, "this server is read-only (started with --read-only)")
        kind, data = await _analysis_input(request)
        job = server.jobs.submit(data, kind)
        return JSONResponse(job.to_dict(), status_code=202,
                            headers={"Location": f"/api/jobs/{job.id}"})

    @app.get("/api/jobs/{job_id}", tags=["jobs"], summary="a job's status and result")
    def get_job(job_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        job = server.jobs.get(job_id) if server.jobs else None
        if job is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return job.to_dict()

    @app.get("/api/jobs", tags=["jobs"], summary="recent jobs")
    def get_jobs() -> list[dict[str, Any]]:
        return [j.to_dict() for j in (server.jobs.jobs.values() if server.jobs else [])]


def _contested(server: Server, st: Store, paging: Paging, per_side: int) -> Response:
    page = query.clusters(st, query.ClusterFilter(contested=True), limit=paging.limit,
                          offset=paging.offset, per_stance=per_side,
                          mentions=server.mentions(st, per_side))
    if paging.format != "json":
        return respond(page, paging, "contested")
    items = []
    for c in page.items:
        data = {f.name: getattr(c, f.name) for f in dataclasses.fields(c) if f.name != "mentions"}
        for side in ("affirms", "disputes", "neutral"):
            data[side] = c.side(side)
        items.append(data)
    return json_response({"total": page.total, "limit": page.limit, "offset": page.offset,
                          "items": items}, headers={"X-Total-Count": str(page.total)})


JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/ndjson")
ARTICLE_FIELDS = ("text", "title", "publisher", "published", "url", "id", "authors",
                  "language")


async def _analysis_input(request: Request) -> tuple[str, bytes]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if not body.strip():
        raise HTTPException(400, "empty body: send text, a JSON article or JSONL lines")
    if ctype in JSONL_TYPES:
        for n, line in enumerate(body.splitlines(), 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except ValueError as e:
                    raise HTTPException(400, f"line {n} is not JSON: {e}") from e
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise HTTPException(400, f"line {n} has no string field 'text'")
        return "jsonl", body
    if ctype == "application/json":
        try:
            record = json.loads(body)
        except ValueError as e:
            raise HTTPException(400, f"body is not JSON: {e}") from e
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not (
                record["text"].strip()):
            raise HTTPException(400, "a JSON body needs a non-empty string field 'text'")
        unknown = sorted(set(record) - set(ARTICLE_FIELDS))
        if unknown:
            raise HTTPException(400, f"unknown field(s): {', '.join(unknown)}")
        return "jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    if ctype in ("text/plain", ""):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise HTTPException(400, f"text is not UTF-8: {e}") from e
        return "text", body
    raise HTTPException(415, f"unsupported content type {ctype!r} (text/plain, "
                        "application/json or application/x-ndjson)")


def _ui(app: FastAPI) -> None:
    folder = resources.files("faultline.api") / "ui"

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return Response((folder / "index.html").read_bytes(), media_type="text/html")

    @app.get("/ui/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in UI_FILES:  # a fixed list: no path from the request reaches the disk
            raise HTTPException(404, "no such file")
        return Response((folder / name).read_bytes(), media_type=UI_FILES[name])
