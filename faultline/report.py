"""report.html: one self-contained page over a store and its links, with evidence for every row.

The page has no external resource at all: the charts are SVG drawn here, the stylesheet and
a small script (``faultline/data/report/``) are inlined, and a Content-Security-Policy lets
the page load nothing and run only that script (by hash), so even a broken escape could not
execute article text. Everything that comes from articles (titles, outlets, sentences,
speakers, ids) is escaped with ``html.escape(..., quote=True)``; ids never enter the page as
anchors, evidence sentences get numbered anchors (``#s12``) instead.

Sections: corpus summary; timeline (events per day by QuadClass, Goldstein per dyad with
escalation alerts); actor network; contested events (affirming vs disputing mentions side by
side); numbers that disagree; per-source view; events table; evidence (each sentence with its
trigger or figure highlighted, grouped by article).

Counting conventions: the timeline and the network count only `asserted` events (as
`faultline.analysis` does: a denial is not an invasion); the summary, per-source view and
events table show every modality.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from faultline import codebook, query
from faultline.analysis import DyadDay
from faultline.errors import FaultlineError, OutputError
from faultline.link import LinkResult
from faultline.link.events import EventCluster, stance_of
from faultline.model import MODALITIES
from faultline.store import Store

MAX_EVENT_ROWS = 1500  # events table rows: mentions of contested events first, then the rest
MAX_SOURCE_ROWS = 250
MAX_MENTIONS_PER_SIDE = 12  # per contested event and side ...
CONTESTED_MENTION_BUDGET = 4000  # ... fewer (down to 1) when there are very many contested events
MAX_REPORTS_PER_GROUP = 40  # per number group
MAX_AGREEING_GROUPS = 150
MAX_ALERT_ROWS = 200
MAX_NODES = 24
TOP_DYADS = 6
TIMELINE_BEFORE_DAYS = 120  # the timeline covers the articles' dates and this much before
TIMELINE_AFTER_DAYS = 30

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
QUAD_COLOURS = {1: "#74a9cf", 2: "#0570b0", 3: "#fd8d3c", 4: "#bd0026"}
DYAD_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
                "#e377c2")
SOURCE_MIX = (*MODALITIES, "reported")
NO_OUTLET = "(no outlet)"

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n")


def esc(value: Any) -> str:
    """Text or attribute value, escaped for HTML (None is empty)."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def json_for_html(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("faultline") / "data" / "report" / name).read_text(encoding="utf-8")


@functools.cache
def _template() -> jinja2.Template:
    """The page's frame (report.html.j2 beside report.css and report.js); every value it
    gets is escaped unless it is Markup built here from escaped parts."""
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(_asset("report.html.j2"))


@functools.lru_cache(maxsize=1)
def cameo_names() -> dict[str, str]:
    """CAMEO code -> short name, from the packaged codebook (empty if it cannot be read)."""
    try:
        return codebook.names()
    except FaultlineError:
        return {}


def _day(value: Any) -> date | None:
    if not value or not isinstance(value, str) or len(value) < 10 or value[4] != "-":
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fmt_num(value: float | None) -> str:
    if value is None:
        return ""
    if math.isfinite(value) and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _fmt_g(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


# -- evidence ------------------------------------------------------------------------------


@dataclass
class _Sentence:
    anchor: str
    article_id: str
    start: int
    end: int
    text: str
    title: str | None
    publisher: str | None
    published: str | None
    marks: set[tuple[int, int, str]] = field(default_factory=set)  # relative start, end, kind
    tags: list[str] = field(default_factory=list)  # plain text, escaped on output


class Evidence:
    """The sentences the page points at, each with a numbered anchor and its highlights."""

    def __init__(self) -> None:
        self.sentences: dict[tuple[str, int, int], _Sentence] = {}

    def add(self, article_id: str, start: int, end: int, text: str, *, title: str | None,
            publisher: str | None, published: str | None) -> _Sentence:
        key = (article_id, start, end)
        found = self.sentences.get(key)
        if found is None:
            found = _Sentence(f"s{len(self.sentences) + 1}", article_id, start, end, text or "",
                              title, publisher, published)
            self.sentences[key] = found
        return found

    def event(self, m: dict[str, Any]) -> _Sentence:
        sent = self.add(m["article_id"], int(m["start"]), int(m["end"]), m.get("evidence") or "",
                        title=m.get("title"), publisher=m.get("publisher"),
                        published=m.get("published"))
        if m.get("trigger_start") is not None and m.get("trigger_end") is not None:
            rel = (int(m["trigger_start"]) - sent.start, int(m["trigger_end"]) - sent.start)
            if (*rel, "trig") not in sent.marks:
                sent.marks.add((*rel, "trig"))
                sent.tags.append(f"{_actor(m, 'source')} {m.get('code')} {_actor(m, 'target')}"
                                 f" ({m.get('modality')})")
        return sent


_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """An article's URL when it is plain http(s) (never javascript:, data: ...), else None."""
    if not url:
        return None
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else None


def highlight(text: str, marks: Iterable[tuple[int, int, str]]) -> str:
    """Escaped text with the marked character ranges wrapped in <mark> (overlaps dropped)."""
    out: list[str] = []
    pos = 0
    for start, end, kind in sorted(marks):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{esc(kind)}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] by punctuation, for figures with no event sentence."""
    lo = max(0, start - 600)
    left = lo
    for found in _SENTENCE_END.finditer(text, lo, start):
        left = found.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + 600))
    right = after.start() + 1 if after else min(len(text), end + 600)
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)


# -- the data the page is built from -------------------------------------------------------


def _alert_basis(day: DyadDay, limit: int = 12) -> str:
    """The events an alert rests on (faultline.analysis: DyadDay.basis), folded away."""
    items = "".join(
        f"<li>{esc(e['date'])} · {esc(e['code'])} <b>{esc(e['trigger_text'])}</b> "
        f"({float(e['goldstein'] or 0):+.1f}) · {esc(e['article_id'])}: "
        f"{esc(' '.join(str(e['evidence'] or '').split()))}</li>"
        for e in day.basis[:limit])
    more = f"<li>…and {len(day.basis) - limit} more</li>" if len(day.basis) > limit else ""
    return (f"<details><summary>{len(day.basis)} events</summary><ul>{items}{more}</ul>"
            "</details>")


def _side_label(code: str | None, side: str) -> str:
    """A cluster's source or target for a heading: '---' (no coded actor) says so."""
    return f"no {side}" if not code or code == "---" else code


def _actor(m: dict[str, Any], side: str) -> str:
    return str(m.get(f"{side}_code") or "---")


def _outlet(m: dict[str, Any]) -> str:
    return str(m.get("publisher") or NO_OUTLET)


@dataclass
class _Corpus:
    n_articles: int
    n_sources: int
    first: str | None
    last: str | None
    articles_per_outlet: dict[str, int]
    n_failures: int


def _corpus(store: Store) -> _Corpus:
    stats = query.stats(store)
    per = {str(outlet or NO_OUTLET): n for outlet, n in query.outlets(store, unknown=True)}
    return _Corpus(stats.counts["articles"], stats.sources, stats.first_published,
                   stats.last_published, per, stats.counts["failures"])


# -- SVG helpers ---------------------------------------------------------------------------


def _svg_open(svg_id: str, width: int, height: int, label: str, extra_class: str = "") -> str:
    cls = f"chart {extra_class}".strip()
    return (f'<svg id="{esc(svg_id)}" class="{esc(cls)}" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{esc(label)}">')


def _empty_svg(svg_id: str, label: str, message: str) -> str:
    return (_svg_open(svg_id, 600, 60, label) +
            f'<text x="10" y="34">{esc(message)}</text></svg>')


@dataclass
class _Bins:
    """The timeline's x axis: consecutive days, weeks or months."""

    unit: str  # day | week | month
    starts: list[date]

    def index(self, day: date) -> int | None:
        key = self.key(day)
        i = self._pos.get(key)
        return i

    def key(self, day: date) -> date:
        if self.unit == "week":
            return day - timedelta(days=day.weekday())
        if self.unit == "month":
            return day.replace(day=1)
        if self.unit == "year":
            return day.replace(month=1, day=1)
        return day

    def __post_init__(self) -> None:
        self._pos = {d: i for i, d in enumerate(self.starts)}

    def label(self, i: int) -> str:
        d = self.starts[i]
        if self.unit == "year":
            return f"{d.year:04d}"
        return f"{d.year:04d}-{d.month:02d}" if self.unit == "month" else d.isoformat()


def _make_bins(first: date, last: date) -> _Bins:
    span = (last - first).days + 1
    unit = ("day" if span <= 150 else "week" if span <= 3 * 365 else
            "month" if span <= 30 * 365 else "year")
    starts: list[date] = []
    probe = _Bins(unit, [])
    cur = probe.key(first)
    try:
        while cur <= last:
            starts.append(cur)
            if unit == "day":
                cur += timedelta(days=1)
            elif unit == "week":
                cur += timedelta(days=7)
            elif unit == "month":
                cur = (cur.replace(day=28) + timedelta(days=4)).replace(day=1)
            else:
                cur = cur.replace(year=cur.year + 1)
    except (OverflowError, ValueError):  # the calendar ends in 9999
        pass
    return _Bins(unit, starts)


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _timeline_range(dates: Sequence[date], corpus: _Corpus) -> tuple[date, date] | None:
    if not dates:
        return None
    lo, hi = min(dates), max(dates)
    first, last = _day(corpus.first), _day(corpus.last)
    if first and last:
        lo = max(lo, _shift(first, -TIMELINE_BEFORE_DAYS))
        hi = min(hi, _shift(last, TIMELINE_AFTER_DAYS))
        if lo > hi:  # every event lies outside the articles' window: show them all
            lo, hi = min(dates), max(dates)
    return lo, hi


_PLOT_W, _LEFT, _RIGHT = 1160, 48, 12


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks (steps of 1, 2 or 5 times a power of ten) covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= raw), 10 * power)
    step = max(step, 1.0)  # counts and Goldstein sums: whole numbers are enough
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [first + k * step for k in range(n + 1)]


def _x_axis(bins: _Bins, top: int, bottom: int) -> list[str]:
    n = len(bins.starts)
    band = (_PLOT_W - _LEFT - _RIGHT) / max(n, 1)
    step = max(1, math.ceil(n / 10))
    out = ['<g class="axis">']
    for i in range(0, n, step):
        x = _LEFT + band * (i + 0.5)
        out.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}"/>'
                   f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
                   f'{esc(bins.label(i))}</text>')
    out.append(f'<line x1="{_LEFT}" y1="{bottom}" x2="{_PLOT_W - _RIGHT}" y2="{bottom}"/>')
    out.append("</g>")
    return out


def timeline_svg(per_bin: list[list[int]], bins: _Bins) -> str:
    """Stacked bars of asserted events per bin, one colour per QuadClass."""
    height, top, bottom = 260, 12, 226
    n = len(bins.starts)
    band = (_PLOT_W - _LEFT - _RIGHT) / max(n, 1)
    ticks = nice_ticks(0, max((sum(c) for c in per_bin), default=0))
    ymax = ticks[-1]
    scale = (bottom - top) / ymax
    parts = [_svg_open("timeline-svg", _PLOT_W, height, "events per " + bins.unit +
                       " by QuadClass"), '<g class="grid">']
    for value in ticks:
        y = bottom - value * scale
        parts.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_PLOT_W - _RIGHT}" y2="{y:.1f}"/>'
                     f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{value:.0f}</text>')
    parts.append("</g>")
    parts.extend(_x_axis(bins, top, bottom))
    width = min(max(band - (1 if band > 3 else 0), 0.5), 36.0)
    for i, counts in enumerate(per_bin):
        total = sum(counts)
        if not total:
            continue
        x = _LEFT + band * i + (band - width) / 2
        y = float(bottom)
        tip = (f"{bins.label(i)}: {total} events — " +
               ", ".join(f"{QUAD_NAMES[q]} {counts[q - 1]}" for q in (1, 2, 3, 4)))
        parts.append(f"<g><title>{esc(tip)}</title>")
        for q in (1, 2, 3, 4):
            h = counts[q - 1] * scale
            if h <= 0:
                continue
            y -= h
            parts.append(f'<rect class="q{q}" x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" '
                         f'height="{h:.2f}" fill="{QUAD_COLOURS[q]}"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def goldstein_svg(lines: list[tuple[str, list[tuple[int, float, bool, int]]]],
                  bins: _Bins) -> str:
    """Goldstein sum per bin for the top dyads (a stem from zero and a dot per bin, a line
    joining bins at most a week apart), alerts circled in red."""
    height, top, bottom = 280, 12, 246
    n = len(bins.starts)
    band = (_PLOT_W - _LEFT - _RIGHT) / max(n, 1)
    values = [v for _, pts in lines for _, v, _, _ in pts] or [0.0]
    ticks = nice_ticks(min(min(values), -1.0), max(max(values), 1.0))
    vmin, vmax = ticks[0], ticks[-1]
    scale = (bottom - top) / (vmax - vmin)

    def y_of(v: float) -> float:
        return bottom - (v - vmin) * scale

    parts = [_svg_open("goldstein-svg", _PLOT_W, height, "Goldstein sum per dyad"),
             '<g class="grid">']
    for value in ticks:
        y = y_of(value)
        parts.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_PLOT_W - _RIGHT}" y2="{y:.1f}"/>'
                     f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{value:.0f}</text>')
    parts.append("</g>")
    parts.append(f'<line class="zero" x1="{_LEFT}" y1="{y_of(0):.1f}" x2="{_PLOT_W - _RIGHT}" '
                 f'y2="{y_of(0):.1f}"/>')
    parts.extend(_x_axis(bins, top, bottom))
    for k, (dyad, pts) in enumerate(lines):
        colour = DYAD_COLOURS[k % len(DYAD_COLOURS)]
        coords = [(_LEFT + band * (i + 0.5), y_of(v)) for i, v, _, _ in pts]
        parts.append(f'<g class="dyad" data-dyad="{esc(dyad)}">')
        # a line only joins points about a week apart at most: no trend drawn across silence
        max_gap = {"day": 7, "week": 2}.get(bins.unit, 1)  # month, year: neighbours only
        run: list[tuple[float, float]] = []
        for k_pt, (xy, (i, _, _, _)) in enumerate(zip(coords, pts, strict=True)):
            if run and i - pts[k_pt - 1][0] > max_gap:
                parts.append(_polyline(run, colour))
                run = []
            run.append(xy)
        parts.append(_polyline(run, colour))
        for (x, y), (i, v, alert, events) in zip(coords, pts, strict=True):
            tip = f"{dyad} {bins.label(i)}: Goldstein {v:+.1f} over {events} events"
            # a stem from zero: a lone day reads as a bar, not as a dot floating in the plot
            parts.append(f'<line class="stem" x1="{x:.1f}" y1="{y_of(0):.1f}" x2="{x:.1f}" '
                         f'y2="{y:.1f}" stroke="{colour}" stroke-width="3" '
                         'stroke-opacity="0.55"/>')
            if alert:
                parts.append(f'<circle class="alert" cx="{x:.1f}" cy="{y:.1f}" r="6">'
                             f"<title>{esc(tip + ' — escalation alert')}</title></circle>")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{colour}">'
                         f"<title>{esc(tip)}</title></circle>")
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _polyline(coords: list[tuple[float, float]], colour: str) -> str:
    if len(coords) < 2:
        return ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.8"/>'


def _goldstein_colour(mean: float) -> str:
    """Diverging scale: red for conflict, grey at 0, blue for cooperation (Goldstein -10..10)."""
    t = max(-1.0, min(1.0, mean / 6.0))
    grey = (150, 150, 150)
    end = (200, 30, 30) if t < 0 else (30, 100, 200)
    a = abs(t)
    rgb = tuple(round(g + (e - g) * a) for g, e in zip(grey, end, strict=True))
    return "#" + "".join(f"{c:02x}" for c in rgb)


def network_svg(nodes: list[tuple[str, int, str]],
                edges: list[tuple[str, str, int, float, str]],
                names: dict[str, str] | None = None) -> str:
    """Circular layout; node area ~ events, edge width ~ events, colour ~ mean Goldstein.
    Nodes are labelled by name (`names`, code -> name), their code in the hover title."""
    width, height = 720, 600  # wider than tall: labels sit left and right of the circle
    cx, cy = width / 2, height / 2
    radius = height / 2 - 60
    pos: dict[str, tuple[float, float]] = {}
    for k, (code, _, _) in enumerate(nodes):
        angle = 2 * math.pi * k / max(len(nodes), 1) - math.pi / 2
        pos[code] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    parts = [_svg_open("network-svg", width, height, "actor network", "network")]
    max_n = max((e[2] for e in edges), default=1)
    for a, b, n, mean, tip in edges:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        stroke = 1.0 + 7.0 * math.sqrt(n / max_n)
        parts.append(f'<line class="edge" data-a="{esc(a)}" data-b="{esc(b)}" '
                     f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{_goldstein_colour(mean)}" stroke-width="{stroke:.1f}">'
                     f"<title>{esc(tip)}</title></line>")
    max_w = max((w for _, w, _ in nodes), default=1) or 1
    for code, weight, tip in nodes:
        x, y = pos[code]
        r = 5 + 13 * math.sqrt(weight / max_w)
        lx, ly = x + (x - cx) / radius * (r + 8), y + (y - cy) / radius * (r + 8)
        anchor = "start" if lx > cx + 5 else "end" if lx < cx - 5 else "middle"
        parts.append(f'<g class="nd" data-node="{esc(code)}"><title>{esc(tip)}</title>'
                     f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
                     f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}">'
                     f"{esc((names or {}).get(code) or code)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)


# -- the report ----------------------------------------------------------------------------


class _Page:
    """Builds the sections in order; keeps the evidence registry and the counts."""

    def __init__(self, store: Store, links: LinkResult, series: list[DyadDay]) -> None:
        self.store = store
        self.links = links
        self.series = series
        self.evidence = Evidence()
        self.corpus = _corpus(store)
        self.mentions: list[dict[str, Any]] = []
        self.cluster_of: dict[int, EventCluster] = {}
        for cluster in links.clusters:
            for m in cluster.mentions:
                self.mentions.append(m)
                self.cluster_of[id(m)] = cluster
        self.contested_ids = {c.id for c in links.contested}
        self.shown_contested: dict[int, dict[str, Any]] = {}  # mentions under contested events
        self.counts: dict[str, int] = {}

    # header ---------------------------------------------------------------------------
    def header(self) -> str:
        c = self.corpus
        modalities = Counter(m.get("modality") or "asserted" for m in self.mentions)
        n_alerts = sum(1 for d in self.series if d.alert)
        disagree = self.links.disagreeing_numbers  # the CLI's test, from one function
        cards = [("articles", c.n_articles), ("sources", c.n_sources),
                 ("event mentions", len(self.mentions)), ("events (clusters)",
                                                          len(self.links.clusters)),
                 ("contested events", len(self.links.contested)),
                 ("numbers that disagree", len(disagree)),
                 ("escalation alerts", n_alerts), ("inputs that failed", c.n_failures)]
        span = (f"{c.first} to {c.last}" if c.first and c.last else "no article dates")
        chips = "".join(
            f'<span class="chip"><span class="mod mod-{esc(k)}">{esc(k)}</span> {n:,}</span>'
            for k, n in sorted(modalities.items(), key=lambda kv: (-kv[1], kv[0])))
        return (
            '<section class="block" id="summary"><h2>Corpus</h2>'
            f"<p>{c.n_articles:,} articles from {c.n_sources:,} sources, published "
            f"{esc(span)}.</p>"
            '<div class="cards">' + "".join(
                f'<div class="card"><b>{n:,}</b><span>{esc(label)}</span></div>'
                for label, n in cards) + "</div>"
            f'<h3>Event mentions by modality</h3><div class="chips">'
            f'{chips or "<span class=note>no events</span>"}</div></section>')

    # timeline -------------------------------------------------------------------------
    def timeline(self) -> str:
        asserted_all = [m for m in self.mentions
                        if (m.get("modality") or "asserted") == "asserted"]
        asserted = [(d, m) for m in asserted_all if (d := _day(m.get("date"))) is not None]
        coarse = len(asserted_all) - len(asserted)
        head = ('<section class="block" id="timeline"><h2>Timeline</h2>'
                '<p class="note">Asserted events by their date in the text (else the '
                "article's), stacked by QuadClass; then the daily Goldstein sum of the "
                "busiest dyads (source country → target country), with escalation alerts "
                "circled in red.</p>")
        rng = _timeline_range([d for d, _ in asserted], self.corpus)
        if rng is None:
            return (head + _empty_svg("timeline-svg", "timeline", "No dated asserted events.")
                    + _empty_svg("goldstein-svg", "Goldstein", "No dyad series.")
                    + self._alerts_table() + "</section>")
        bins = _make_bins(*rng)
        per_bin = [[0, 0, 0, 0] for _ in bins.starts]
        outside = 0
        for d, m in asserted:
            i = bins.index(d) if rng[0] <= d <= rng[1] else None
            q = m.get("quad_class")
            if i is None:
                outside += 1
            elif q in (1, 2, 3, 4):
                per_bin[i][int(q) - 1] += 1
        legend = "".join(
            f'<button type="button" class="key" data-toggle-quad="{q}" '
            f'data-chart="timeline-svg"><span class="swatch" style="background:'
            f'{QUAD_COLOURS[q]}"></span>{q} {esc(QUAD_NAMES[q])}</button>' for q in (1, 2, 3, 4))
        missing = []
        if outside:
            missing.append(f"{outside:,} dated outside {rng[0]} – {rng[1]}")
        if coarse:
            missing.append(f"{coarse:,} dated only to the month or year (or not at all)")
        note = (f'<p class="note">Asserted events not drawn: {"; ".join(missing)}.</p>'
                if missing else "")
        lines, dyad_legend = self._dyad_lines(bins, rng)
        gold = (goldstein_svg(lines, bins) if lines else
                _empty_svg("goldstein-svg", "Goldstein", "No dyad with both actors known."))
        return (head + f'<div class="legend">{legend}</div>' + timeline_svg(per_bin, bins)
                + note + f"<h3>Goldstein per dyad (sum per {bins.unit})</h3>"
                + f'<div class="legend">{dyad_legend}</div>' + gold
                + self._alerts_table() + "</section>")

    def _dyad_lines(self, bins: _Bins, rng: tuple[date, date]
                    ) -> tuple[list[tuple[str, list[tuple[int, float, bool, int]]]], str]:
        totals: Counter[str] = Counter()
        alerted: set[str] = set()
        for d in self.series:
            totals[d.dyad] += d.events
            if d.alert:
                alerted.add(d.dyad)
        ranked = sorted(totals, key=lambda k: (-totals[k], k))
        top = ranked[:TOP_DYADS]
        top += [k for k in ranked if k in alerted and k not in top][:2]
        cells: dict[str, dict[int, list[Any]]] = {k: {} for k in top}
        for d in self.series:
            if d.dyad not in cells:
                continue
            day = _day(d.day)
            if day is None or not rng[0] <= day <= rng[1]:
                continue
            i = bins.index(day)
            if i is None:
                continue
            cell = cells[d.dyad].setdefault(i, [0.0, False, 0])
            cell[0] += d.goldstein_sum
            cell[1] = cell[1] or d.alert
            cell[2] += d.events
        lines = [(k, [(i, v[0], v[1], v[2]) for i, v in sorted(cells[k].items())])
                 for k in top if cells[k]]
        legend = "".join(
            f'<span class="key"><span class="swatch" style="background:'
            f'{DYAD_COLOURS[n % len(DYAD_COLOURS)]}"></span>{esc(k)} '
            f'({totals[k]:,} events{", alerts" if k in alerted else ""})</span>'
            for n, (k, _) in enumerate(lines))
        return lines, legend

    def _alerts_table(self) -> str:
        rows = [d for d in self.series if d.alert]
        self.counts["alerts"] = len(rows)
        if not rows:
            return '<p class="note">No escalation alerts.</p>'
        rows.sort(key=lambda d: (d.day, d.dyad))
        body = "".join(
            f"<tr><td class=d>{esc(d.day)}</td><td>{esc(d.dyad)}</td><td class=num>{d.events}</td>"
            f"<td class=num>{d.goldstein_sum:+.1f}</td><td class=num>{d.index:+.2f}</td>"
            f"<td>{_alert_basis(d)}</td></tr>"
            for d in rows[:MAX_ALERT_ROWS])
        more = (f'<p class="note">…and {len(rows) - MAX_ALERT_ROWS:,} more alerts.</p>'
                if len(rows) > MAX_ALERT_ROWS else "")
        return (f"<h3>Escalation alerts ({len(rows):,})</h3>"
                '<div class="scroll"><table id="alerts-table"><thead><tr><th>day</th>'
                '<th>dyad</th><th class=num>events</th><th class=num>Goldstein sum</th>'
                f"<th class=num>index</th><th>rests on</th></tr></thead><tbody>{body}"
                "</tbody></table></div>"
                f"{more}")

    # network --------------------------------------------------------------------------
    def network(self) -> str:
        net = query.network(self.store, max_nodes=MAX_NODES)  # the API's network, drawn
        head = ('<section class="block" id="network"><h2>Actor network</h2>'
                '<p class="note">Countries and international organisations; an edge joins '
                "two actors with asserted events between them (width: number of events, "
                "colour: mean Goldstein, red conflictual to blue cooperative). Hover a node "
                "to bring its edges forward.</p>")
        keep = sorted(net.nodes, key=lambda k: (-net.weights[k], k))
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for e in net.edges:
            slot = merged.setdefault((min(e.source, e.target), max(e.source, e.target)),
                                     {"n": 0, "g": 0.0, "dirs": []})
            slot["n"] += e.events
            slot["g"] += e.goldstein_sum
            slot["dirs"].append(f"{e.source} → {e.target}: {e.events} events, mean Goldstein "
                                f"{e.goldstein_sum / e.events:+.1f}")
        self.counts["network_nodes"] = len(keep)
        self.counts["network_edges"] = len(merged)
        if not keep:
            return head + _empty_svg("network-svg", "actor network",
                                     "No asserted events with both actors known.") + "</section>"
        nodes = [(k, net.weights[k], f"{k}: {net.weights[k]} events — {net.nodes[k]}")
                 for k in keep]
        edges = [(a, b, v["n"], v["g"] / v["n"], "; ".join(v["dirs"]))
                 for (a, b), v in sorted(merged.items(), key=lambda kv: kv[1]["n"])]
        top_edges = sorted(edges, key=lambda e: (-e[2], e[0], e[1]))[:15]
        table = "".join(
            f'<tr><td title="{esc(a)} – {esc(b)}">{esc(net.nodes.get(a, a))} – '
            f"{esc(net.nodes.get(b, b))}</td><td class=num>{n}</td>"
            f'<td class=num><span class="swatch" style="background:{_goldstein_colour(g)}">'
            f"</span> {g:+.1f}</td></tr>" for a, b, n, g, _ in top_edges)
        more = (f'<p class="note">{net.n_actors - len(keep)} smaller actors not drawn.</p>'
                if net.n_actors > len(keep) else "")
        scale = "".join(f'<span class="key"><span class="swatch" style="background:'
                        f'{_goldstein_colour(g)}"></span>{g:+d}</span>'.replace("+0<", "0<")
                        for g in (-6, -3, 0, 3, 6))
        return (head + '<div class="net-wrap"><div>' + network_svg(nodes, edges, net.nodes) +
                f'<div class="legend">mean Goldstein: {scale}</div>' + more +
                '</div><div><h3>Busiest pairs</h3><table id="pairs-table"><thead><tr>'
                "<th>pair</th><th class=num>events</th><th class=num>mean Goldstein</th>"
                f"</tr></thead><tbody>{table}</tbody></table></div></div></section>")

    # contested ------------------------------------------------------------------------
    def _mention_html(self, m: dict[str, Any]) -> str:
        sent = self.evidence.event(m)
        self.shown_contested[id(m)] = m
        own = ((int(m["trigger_start"]) - sent.start, int(m["trigger_end"]) - sent.start)
               if m.get("trigger_start") is not None and m.get("trigger_end") is not None
               else None)
        rel = [(s, e, k) for s, e, k in sent.marks if k != "trig" or (s, e) == own]
        speaker = m.get("reported_by_name") or (f"{_outlet(m)} (the outlet itself)")
        modality = m.get("modality") or "asserted"
        return (f'<div class="mention"><blockquote class="sent">{highlight(sent.text, rel)}'
                f'</blockquote><div class="who">said by <b>{esc(speaker)}</b>'
                f"{' [' + esc(m['reported_by_code']) + ']' if m.get('reported_by_code') else ''}"
                f" · {esc(_outlet(m))} · {esc((m.get('published') or '')[:10])} · "
                f'<span class="mod mod-{esc(modality)}">{esc(modality)}</span> · '
                f'<a class="ev" href="#{sent.anchor}">in context ↓</a></div></div>')

    def contested(self) -> str:
        items = self.links.contested
        names = cameo_names()
        out = ['<section class="block" id="contested"><h2>Contested events</h2>'
               '<p class="note">Events that one party affirms (asserted, future, intended) '
               "and another disputes (negated, denied). Each mention shows its evidence "
               f"sentence with the trigger highlighted. {len(items):,} contested events.</p>"]
        if not items:
            out.append('<p class="note">No contested events.</p>')
        per_side = max(1, min(MAX_MENTIONS_PER_SIDE,
                              CONTESTED_MENTION_BUDGET // max(1, 2 * len(items))))
        for c in items:
            parties = c.parties
            codes = sorted({str(m.get("code")) for m in c.mentions})
            what = "; ".join(f"{code} {names.get(code, '')}".strip() for code in codes)
            dates = (c.date_start or "undated") + (
                f" – {c.date_end}" if c.date_end and c.date_end != c.date_start else "")
            out.append(
                f'<article class="contest" id="contest-{esc(c.id)}"><h3>{esc(c.id)} · '
                f"{esc(_side_label(c.source, 'source'))} → "
                f"{esc(_side_label(c.target, 'target'))} · {esc(what)} · "
                f"{esc(dates)}</h3>"
                f'<p class="note">{_n(c.n_mentions, "mention")} in '
                f'{_n(c.n_articles, "article")} from {_n(c.n_sources, "source")}. Affirmed by '
                f"{esc(', '.join(sorted(parties.get('affirms', ()))))}; disputed by "
                f"{esc(', '.join(sorted(parties.get('disputes', ()))))}.</p>"
                '<div class="sides">')
            for stance, title in (("affirms", "Affirming"), ("disputes", "Disputing")):
                side = c.by_stance(stance)
                out.append(f'<div class="side {stance}"><h4>{title} ({len(side)})</h4>')
                out.extend(self._mention_html(m) for m in side[:per_side])
                if len(side) > per_side:
                    out.append(f'<p class="note">…and {len(side) - per_side} '
                               "more (in events.jsonl).</p>")
                out.append("</div>")
            out.append("</div>")
            neutral = c.by_stance("neutral")
            if neutral:
                out.append(f"<details><summary>{_n(len(neutral), 'mention')} that take no "
                           "side (hypothetical)</summary>")
                out.extend(self._mention_html(m) for m in neutral[:per_side])
                out.append("</details>")
            out.append("</article>")
        out.append("</section>")
        self.counts["contested"] = len(items)
        return "".join(out)

    # numbers --------------------------------------------------------------------------
    def _claim_sentences(self, reports: list[Any]) -> dict[int, Any]:
        """Evidence sentence for each report (an event sentence holding it, else by punctuation)."""
        event_spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
        wanted = {r.article_id for r in reports}
        for m in self.mentions:
            if m["article_id"] in wanted:
                event_spans[m["article_id"]].append(m)
        texts = self._article_texts(wanted)
        out: dict[int, Any] = {}
        for r in reports:
            span = r.claim.span
            meta = texts.get(r.article_id, {})
            host = next((m for m in event_spans.get(r.article_id, ())
                         if m["start"] <= span.start and span.end <= m["end"]), None)
            if host is not None:
                sent = self.evidence.add(host["article_id"], host["start"], host["end"],
                                         host.get("evidence") or "", title=host.get("title"),
                                         publisher=host.get("publisher"),
                                         published=host.get("published"))
            else:
                text = meta.get("text") or ""
                if text and 0 <= span.start < span.end <= len(text):
                    lo, hi = _sentence_bounds(text, span.start, span.end)
                    sentence = text[lo:hi]
                else:  # no text to cut from: the report's own evidence is the sentence
                    lo, hi, sentence = span.start, span.end, r.evidence or ""
                sent = self.evidence.add(r.article_id, lo, hi, sentence,
                                         title=meta.get("title"), publisher=r.publisher,
                                         published=r.published)
            rel = (span.start - sent.start, span.end - sent.start, "num")
            if rel not in sent.marks:
                sent.marks.add(rel)
                sent.tags.append(f"figure: {_figure(r.claim)}")
            out[id(r)] = (sent, rel)
        return out

    def _article_texts(self, ids: set[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        id_list = sorted(ids)
        for k in range(0, len(id_list), 500):
            chunk = id_list[k:k + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.store.rows(
                    f"SELECT id, title, text FROM articles WHERE id IN ({marks})", chunk):
                out[row["id"]] = row
        return out

    def _article_urls(self, ids: set[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        id_list = sorted(ids)
        for k in range(0, len(id_list), 500):
            chunk = id_list[k:k + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.store.rows(
                    f"SELECT id, url FROM articles WHERE id IN ({marks})", chunk):
                out[row["id"]] = row["url"]
        return out

    def numbers(self) -> str:
        groups = list(self.links.numbers)
        disagree = self.links.disagreeing_numbers  # the CLI's test, from one function
        agree = [g for g in groups if id(g) not in {id(d) for d in disagree}]
        shown_reports = [r for g in disagree for r in _by_figure(g.reports)]
        sentences = self._claim_sentences(shown_reports)
        out = ['<section class="block" id="numbers"><h2>Numbers that disagree</h2>'
               '<p class="note">Figures about the same quantity (same subject and unit) '
               "from different articles that differ by more than the tolerance. "
               f"{len(disagree):,} groups disagree; {len(agree):,} agree.</p>"]
        if not disagree:
            out.append('<p class="note">No disagreeing figures.</p>')
        for n, g in enumerate(disagree, 1):
            values = ", ".join(_fmt_num(v) for v in g.values)
            unit = getattr(g, "unit", "") or ""
            spread = getattr(g, "spread", None)
            compatible = getattr(g, "compatible", None)
            facts = [f"figures: {values}", f"unit: {unit}"]
            if spread is not None:
                facts.append(f"spread {spread:.0%}")
            if compatible is not None:
                facts.append("compatible once hedges are honoured" if compatible
                             else "incompatible even with hedges")
            out.append(f'<article class="numgroup" id="numbers-{n}"><h3>{esc(g.label)}</h3>'
                       f'<p class="note">{esc(" · ".join(facts))}</p>'
                       '<table><thead><tr><th class=fig>figure</th><th>approximation</th>'
                       "<th>outlet</th><th>date</th><th>attributed to</th><th>evidence</th>"
                       "</tr></thead><tbody>")
            for r in _by_figure(g.reports):
                sent, rel = sentences[id(r)]
                c = r.claim
                out.append(
                    f"<tr><td class=fig><b>{esc(_figure(c, hedge=False))}</b></td>"
                    f"<td>{esc(c.approximate or '—')}</td>"
                    f"<td>{esc(r.publisher or NO_OUTLET)}</td>"
                    f"<td class=d>{esc((r.published or '')[:10])}</td>"
                    f"<td>{esc(c.attributed_to or '—')}</td>"
                    f'<td>{highlight(sent.text, [rel])} <a class="ev" href="#{sent.anchor}">'
                    "in context ↓</a></td></tr>")
            out.append("</tbody></table>")
            if len(g.reports) > MAX_REPORTS_PER_GROUP:
                out.append(f'<p class="note">…and {len(g.reports) - MAX_REPORTS_PER_GROUP} '
                           "more reports (claims.jsonl).</p>")
            out.append("</article>")
        if agree:
            items = "".join(
                f"<li>{esc(g.label)}: {esc(', '.join(_fmt_num(v) for v in g.values))} "
                f"({len(getattr(g, 'articles', ()) or g.reports)} articles)</li>"
                for g in agree[:MAX_AGREEING_GROUPS])
            more = (f"<li>…and {len(agree) - MAX_AGREEING_GROUPS:,} more</li>"
                    if len(agree) > MAX_AGREEING_GROUPS else "")
            out.append(f"<details><summary>{len(agree):,} groups whose figures agree"
                       f"</summary><ul>{items}{more}</ul></details>")
        out.append("</section>")
        self.counts["number_groups"] = len(disagree)
        return "".join(out)

    # sources --------------------------------------------------------------------------
    def sources(self) -> str:
        mix: dict[str, Counter[str]] = defaultdict(Counter)
        events: Counter[str] = Counter()
        contest: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for m in self.mentions:
            outlet = _outlet(m)
            events[outlet] += 1
            mix[outlet][m.get("modality") or "asserted"] += 1
            if m.get("reported_by_name") or m.get("reported_by_code"):
                mix[outlet]["reported"] += 1
        for c in self.links.contested:
            for m in c.mentions:
                contest[_outlet(m)][stance_of(m)].add(c.id)
        outlets = sorted(set(self.corpus.articles_per_outlet) | set(events),
                         key=lambda o: (-events[o], -self.corpus.articles_per_outlet.get(o, 0), o))
        self.counts["sources"] = len([o for o in outlets if o != NO_OUTLET])
        rows = []
        for outlet in outlets[:MAX_SOURCE_ROWS]:
            n = events[outlet]
            counts = mix[outlet]
            bar = "".join(
                f'<span class="m-{k}" style="width:{100 * counts[k] / n:.1f}%" '
                f'title="{esc(k)}: {counts[k]}"></span>'
                for k in MODALITIES if n and counts[k])
            cells = "".join(f"<td class=num>{counts[k]:,}</td>" for k in SOURCE_MIX)
            sides = contest.get(outlet, {})
            rows.append(
                f"<tr><td>{esc(outlet)}</td>"
                f"<td class=num>{self.corpus.articles_per_outlet.get(outlet, 0):,}</td>"
                f"<td class=num>{n:,}</td>{cells}<td><div class=bar>{bar}</div></td>"
                f"<td class=num>{len(sides.get('affirms', ()))} / "
                f"{len(sides.get('disputes', ()))}</td></tr>")
        more = (f'<p class="note">…and {len(outlets) - MAX_SOURCE_ROWS:,} more sources.</p>'
                if len(outlets) > MAX_SOURCE_ROWS else "")
        head = "".join(f"<th class=num>{esc(k)}</th>" for k in SOURCE_MIX)
        legend = "".join(f'<span class="key"><span class="swatch m-{k}"></span>{esc(k)}</span>'
                         for k in MODALITIES)
        return ('<section class="block" id="sources"><h2>Sources</h2>'
                '<p class="note">Per outlet: its articles and event mentions by modality; '
                "“reported” counts events the outlet attributes to someone else (reported "
                "speech). The last column counts contested events where the outlet carries "
                "an affirming / a disputing mention.</p>"
                f'<div class="legend">{legend}</div>'
                '<table id="sources-table"><thead><tr><th>outlet</th><th class=num>articles'
                f"</th><th class=num>events</th>{head}<th>mix</th>"
                "<th class=num>contested: affirms / disputes</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table>" + more + self._families() + "</section>")

    def _families(self, limit: int = 50) -> str:
        """Story families (faultline.link.copies): each origin with its copies."""
        if "copy_of" not in self.store.columns("articles"):
            return ""
        rows = self.store.rows(
            "SELECT c.copy_of AS origin, o.publisher AS origin_publisher, o.title AS title, "
            "list(coalesce(c.publisher, c.id) ORDER BY c.published, c.id) AS copies "
            "FROM articles c JOIN articles o ON o.id = c.copy_of "
            "GROUP BY c.copy_of, o.publisher, o.title, o.published "
            "ORDER BY count(*) DESC, o.published, c.copy_of")
        self.counts["families"] = len(rows)
        if not rows:
            return '<p class="note">No copies: every article is its own origin.</p>'
        items = "".join(
            f"<li><b>{esc(r['origin_publisher'] or r['origin'])}</b> "
            f"{esc(r['title'] or r['origin'])}: copied by {esc(', '.join(r['copies']))}</li>"
            for r in rows[:limit])
        return (f"<h3 id=\"families\">Story families ({len(rows):,})</h3>"
                '<p class="note">Articles that republish, lightly edit, spin or disguise an '
                "earlier one count as that one source.</p>"
                f'<ul class="families">{items}</ul>')

    # events table ---------------------------------------------------------------------
    def events_table(self) -> str:
        total = len(self.mentions)
        if total <= MAX_EVENT_ROWS:
            chosen = self.mentions
        else:
            shown = self.shown_contested
            # a cluster's counts are properties over all its mentions: once per cluster
            reach = {c.id: (c.n_sources, c.n_mentions) for c in self.links.clusters}
            chosen = sorted(self.mentions, key=lambda m: (
                id(m) not in shown, -reach[self.cluster_of[id(m)].id][0],
                -reach[self.cluster_of[id(m)].id][1], str(m.get("date") or ""),
                m["article_id"], m["start"]))[:MAX_EVENT_ROWS]
        rows_src = sorted(chosen, key=lambda m: (
            str(m.get("date") or "9999"), str(m.get("published") or ""), m["article_id"],
            m["start"], m.get("trigger_start") or 0))
        names = cameo_names()
        rows = []
        for m in rows_src:
            sent = self.evidence.event(m)
            cluster = self.cluster_of[id(m)]
            flag = " ⚑" if cluster.id in self.contested_ids else ""
            cluster_cell = (f'<a href="#contest-{esc(cluster.id)}">{esc(cluster.id)}{flag}</a>'
                            if flag else esc(cluster.id))
            code = str(m.get("code") or "")
            modality = m.get("modality") or "asserted"
            reported = m.get("reported_by_name") or ""
            rows.append(
                f'<tr data-q="{esc(m.get("quad_class"))}" data-m="{esc(modality)}">'
                f"<td class=d>{esc(m.get('date'))}</td>"
                f'<td class=c title="{esc(m.get("source_name"))}">{esc(m.get("source_code"))}'
                f'</td><td class=w title="{esc(names.get(code, ""))}">{esc(code)} '
                f"{esc(names.get(code, ''))}</td>"
                f'<td class=c title="{esc(m.get("target_name"))}">{esc(m.get("target_code"))}'
                f"</td><td class=w>{esc(m.get('trigger_text'))}</td>"
                f'<td><span class="mod mod-{esc(modality)}">{esc(modality)}</span></td>'
                f"<td class=num>{esc(_fmt_g(m.get('goldstein')))}</td>"
                f"<td>{esc(reported)}</td><td>{esc(_outlet(m))}</td>"
                f"<td class=c>{cluster_cell}</td>"
                f'<td class=c><a class="ev" href="#{sent.anchor}">sentence ↓</a></td></tr>')
        self.counts["events"] = total
        self.counts["event_rows"] = len(rows)
        note = (f"Showing {len(rows):,} of {total:,} event mentions: those shown under "
                "contested events first, then those of the most widely reported events. All "
                "of them are in events.jsonl and the database." if len(rows) < total else
                f"All {total:,} event mentions.")
        return ('<section class="block" id="events"><h2>Events</h2>'
                f'<p class="note">{esc(note)} ⚑ marks a contested event. Each row links to '
                "its evidence sentence.</p>"
                '<p><input id="event-filter" type="search" placeholder="filter rows '
                '(actor, code, outlet, modality…)" aria-label="filter events"> '
                f'<span id="event-filter-count" class="note">{len(rows):,} rows</span></p>'
                '<div class="scroll tall"><table id="events-table"><thead><tr><th>date</th>'
                "<th>source</th><th>event</th><th>target</th><th>trigger</th>"
                "<th>modality</th><th class=num>Goldstein</th><th>reported by</th>"
                "<th>outlet</th><th>cluster</th><th>evidence</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table></div></section>")

    # evidence -------------------------------------------------------------------------
    def evidence_section(self) -> str:
        by_article: dict[str, list[_Sentence]] = defaultdict(list)
        for sent in self.evidence.sentences.values():
            by_article[sent.article_id].append(sent)
        urls = self._article_urls(set(by_article))
        order = sorted(by_article, key=lambda a: (
            str(by_article[a][0].published or ""), str(by_article[a][0].title or ""), a))
        out = ['<section class="block" id="evidence"><h2>Evidence</h2>'
               f'<p class="note">{len(self.evidence.sentences):,} sentences from '
               f"{len(by_article):,} articles that the sections above point to; triggers "
               "in amber, figures in blue.</p>"]
        for k, aid in enumerate(order, 1):
            sents = sorted(by_article[aid], key=lambda s: (s.start, s.end))
            first = sents[0]
            url = safe_url(urls.get(aid))
            link = (f' · <a class="src" href="{esc(url)}" rel="noopener noreferrer nofollow">'
                    "original ↗</a>" if url else "")
            out.append(f'<div class="art" id="a{k}"><h3>{esc(first.title or "(untitled)")}</h3>'
                       f'<p class="note">{esc(first.publisher or NO_OUTLET)} · '
                       f"{esc((first.published or 'undated')[:10])} · article "
                       f"<code>{esc(aid)}</code>{link}</p><ol>")
            for s in sents:
                tags = "; ".join(s.tags)
                out.append(f'<li id="{s.anchor}"><span class="sent">{highlight(s.text, s.marks)}'
                           f'</span><span class="tags">{esc(tags)} · characters {s.start}–'
                           f"{s.end}</span></li>")
            out.append("</ol></div>")
        out.append("</section>")
        self.counts["evidence_sentences"] = len(self.evidence.sentences)
        self.counts["articles"] = self.corpus.n_articles
        return "".join(out)

    # The sections in page order, each (anchor, nav label, method). Order matters: the
    # sections that link to evidence register it before the evidence section is drawn, and
    # the events table includes the mentions they show.
    SECTIONS: tuple[tuple[str, str, str], ...] = (
        ("summary", "Corpus", "header"), ("timeline", "Timeline", "timeline"),
        ("network", "Network", "network"), ("contested", "Contested", "contested"),
        ("numbers", "Numbers", "numbers"), ("sources", "Sources", "sources"),
        ("events", "Events", "events_table"), ("evidence", "Evidence", "evidence_section"))

    def render(self) -> str:
        sections = [Markup(getattr(self, method)()) for _, _, method in self.SECTIONS]
        self.counts["clusters"] = len(self.links.clusters)
        script = _asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
               "base-uri 'none'; form-action 'none'")
        c = self.corpus
        return _template().render(
            csp=Markup(esc(csp)), style=Markup(_asset("report.css")), script=Markup(script),
            summary=Markup(json_for_html({"generator": "faultline", **self.counts})),
            nav=[(anchor, label) for anchor, label, _ in self.SECTIONS], sections=sections,
            n_articles=c.n_articles, n_sources=c.n_sources, n_mentions=len(self.mentions),
            n_events=len(self.links.clusters))


def _by_figure(reports: Sequence[Any]) -> list[Any]:
    """The reports of a number group to show, smallest figure first, then by date."""
    return sorted(reports[:MAX_REPORTS_PER_GROUP], key=lambda r: (
        r.claim.quantity, r.claim.quantity_max or r.claim.quantity, r.published or ""))


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _figure(claim: Any, *, hedge: bool = True) -> str:
    value = _fmt_num(claim.quantity)
    if claim.quantity_max is not None and claim.quantity_max != claim.quantity:
        value += f"–{_fmt_num(claim.quantity_max)}"
    if claim.unit and claim.unit != "count":
        value += f" {claim.unit}"
    return f"{claim.approximate} {value}" if hedge and claim.approximate else value


def render_report(store: Store, links: LinkResult, series: list[DyadDay]
                  ) -> tuple[str, dict[str, int]]:
    """The page as a string, and counts of what it shows."""
    page = _Page(store, links, series)
    text = page.render()
    return text, dict(page.counts)


def write_report(path: Path, store: Store, links: LinkResult, series: list[DyadDay]
                 ) -> dict[str, int]:
    """Write one self-contained report.html (atomically) and return counts of what it shows."""
    text, counts = render_report(store, links, series)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise OutputError(f"cannot write report {path}: {e}") from e
    return counts
