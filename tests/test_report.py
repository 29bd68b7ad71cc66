"""report.html: sections, counts, evidence anchors, escaping of hostile article text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from faultline import report
from faultline.analysis import DyadDay, dyad_days
from faultline.link import link_all
from faultline.model import MODALITIES, Actor, Annotations, Article, Claim, Event, Span, Speaker
from faultline.store import Store

RUSMIL = Actor("RUSMIL", "Russian military", "RUS", "MIL")
RUSGOV = Actor("RUSGOV", "Russian government", "RUS", "GOV")
UKRGOV = Actor("UKRGOV", "Ukrainian government", "UKR", "GOV")
USAGOV = Actor("USAGOV", "United States government", "USA", "GOV")
NATO = Actor("IGOWSTNAT", "NATO", None, None, kind="igo")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Payloads that leave a visible trace in the DOM if they ever run (the browser test looks).
SCRIPT_MARK = "<script>document.documentElement.setAttribute('data-pwned','script')</script>"
IMG_MARK = "\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
HOSTILE_TITLE = f"{SCRIPT} Border {IMG} news </title></style><!-- {SCRIPT_MARK}"
HOSTILE_PUBLISHER = f"{IMG} Daily {SCRIPT} </td></table>{IMG_MARK}"
HOSTILE_ID = 'x"><script>alert(2)</script>'

# CAMEO facts used below: code, root, QuadClass, Goldstein.
PULLBACK = ("0874", "08", 2, 10.0)
THREATEN = ("138", "13", 3, -7.0)
CONSULT = ("040", "04", 1, 1.0)
MEET = ("036", "03", 1, 4.0)


def _find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _event(article: Article, sentence: str, trigger: str, cameo: tuple, *, source=None,
           target=None, modality="asserted", reported_by=None, day=None) -> Event:
    s_start, s_end = _find(article.text, sentence)
    t_start = article.text.index(trigger, s_start)
    code, root, quad, goldstein = cameo
    return Event(span=Span(article.id, s_start, s_end),
                 trigger_span=Span(article.id, t_start, t_start + len(trigger)),
                 trigger_text=trigger, code=code, root=root, quad_class=quad,
                 goldstein=goldstein, source=source, target=target, modality=modality,
                 reported_by=reported_by, date=day or article.published_date,
                 date_source="text" if day else "article")


def _claim(article: Article, phrase: str, quantity: float, subject: str,
           attributed_to: str, approximate: str | None = None) -> Claim:
    start, end = _find(article.text, phrase)
    return Claim(span=Span(article.id, start, end), quantity=quantity, unit="troops",
                 subject=subject, approximate=approximate, attributed_to=attributed_to)


def corpus() -> list[Annotations]:
    """Five invented articles: a contested pull-back, two figures that disagree, a hostile one."""
    out = []

    a = Article(id="a-herald", publisher="Vostok Herald", published="2022-02-15",
                url="https://example.org/herald/units-return",
                title="Units head back to base",
                text=("The defence ministry said on Tuesday that several units were returning "
                      "to their garrisons. Russia keeps 130,000 troops near the frontier, the "
                      "paper estimates.\nTalks between Moscow and Washington continued."))
    ann = Annotations(article=a)
    ann.events.append(_event(a, "The defence ministry said on Tuesday that several units were "
                                "returning to their garrisons.", "returning", PULLBACK,
                             source=RUSMIL, reported_by=Speaker("defence ministry",
                                                                code="RUSMIL")))
    ann.events.append(_event(a, "Talks between Moscow and Washington continued.", "Talks",
                             CONSULT, source=RUSGOV, target=USAGOV))
    ann.claims.append(_claim(a, "130,000 troops", 130000, "Russian troops", "Vostok Herald"))
    out.append(ann)

    b = Article(id="b-press", publisher="Continental Press", published="2022-02-16",
                title="Alliance doubts pull-back",
                text=("The alliance said it had seen no sign that Russian units were pulling "
                      "back. Officials put the build-up at about 100,000 troops.\nWashington "
                      "offered to meet Moscow next week."))
    ann = Annotations(article=b)
    ann.events.append(_event(b, "The alliance said it had seen no sign that Russian units "
                                "were pulling back.", "pulling back", PULLBACK, source=RUSMIL,
                             modality="negated", reported_by=Speaker("the alliance",
                                                                     code="IGOWSTNAT")))
    ann.events.append(_event(b, "Washington offered to meet Moscow next week.", "offered",
                             MEET, source=USAGOV, target=RUSGOV, modality="future"))
    ann.claims.append(_claim(b, "about 100,000 troops", 100000, "Russian troops", "Officials",
                             approximate="about"))
    out.append(ann)

    c = Article(id="c-wire", publisher="Meridian Wire", published="2022-02-17",
                title="Talks go on",
                text=("Moscow and Washington held talks again on Thursday. Kyiv said an attack "
                      "could come at any moment."))
    ann = Annotations(article=c)
    ann.events.append(_event(c, "Moscow and Washington held talks again on Thursday.", "talks",
                             CONSULT, source=RUSGOV, target=USAGOV, day="2022-02-17"))
    ann.events.append(_event(c, "Kyiv said an attack could come at any moment.", "attack",
                             THREATEN, source=RUSMIL, target=UKRGOV, modality="hypothetical",
                             reported_by=Speaker("Kyiv", code="UKRGOV")))
    out.append(ann)

    h = Article(id=HOSTILE_ID, publisher=HOSTILE_PUBLISHER, published="2022-02-16",
                url="javascript:document.documentElement.setAttribute('data-pwned','url')",
                title=HOSTILE_TITLE,
                text=(f"Intro {SCRIPT} and {IMG} and {SCRIPT_MARK} {IMG_MARK} here. "
                      f"Russia <b>threatened</b> Ukraine {SCRIPT} {IMG_MARK} again & again. "
                      f"Some 90,000 troops </textarea> {SCRIPT_MARK} were counted."))
    ann = Annotations(article=h)
    ann.events.append(_event(
        h, f"Russia <b>threatened</b> Ukraine {SCRIPT} {IMG_MARK} again & again.",
        "threatened", THREATEN, source=RUSGOV, target=UKRGOV,
        reported_by=Speaker(f"{SCRIPT}<i>spokesman</i>{IMG_MARK}")))
    ann.claims.append(_claim(h, "90,000 troops", 90000, "Russian troops", f"{IMG} {SCRIPT_MARK}"))
    out.append(ann)
    return out


def build(tmp_path: Path, series: list[DyadDay] | None = None) -> tuple[Path, dict, str]:
    with Store.open(tmp_path / "db.duckdb") as store:
        run = store.start_run(["test"], {})
        store.write_batch(corpus(), run)
        links = link_all(store)
        out = tmp_path / "out" / "report.html"
        counts = report.write_report(out, store, links,
                                     dyad_days(store) if series is None else series)
    return out, counts, out.read_text(encoding="utf-8")


class Structure(HTMLParser):
    """Tags, ids, local links and the text of script elements, as a browser's parser sees them."""

    VOID = {"meta", "br", "input", "img", "hr", "link", "area", "base", "col", "embed",
            "source", "track", "wbr", "circle", "line", "rect", "polyline", "path"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.attrs_seen: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.mismatched: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.tags.append(tag)
        self.attrs_seen.append((tag, d))
        if "id" in d:
            self.ids.add(d["id"])
        if tag == "a" and d.get("href"):
            self.hrefs.append(d["href"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.mismatched.append((tag, self.stack[-1] if self.stack else ""))
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("report"))


def test_every_section_is_there(built):
    _, _, page = built
    ids = parse(page).ids
    for section in ("summary", "timeline", "network", "contested", "numbers", "sources",
                    "events", "evidence", "timeline-svg", "goldstein-svg", "network-svg",
                    "events-table", "sources-table", "faultline-summary"):
        assert section in ids, section


def test_counts_match_what_was_stored(built):
    _, counts, page = built
    assert counts["articles"] == 4
    assert counts["events"] == 7
    assert counts["event_rows"] == 7
    assert counts["contested"] == 1
    assert counts["number_groups"] == 1
    assert counts["sources"] == 4
    summary = json.loads(parse(page).scripts[0])
    assert summary["events"] == 7 and summary["contested"] == 1
    assert page.count('<tr data-q=') == 7


def test_contested_event_shows_both_sides_with_speakers(built):
    _, _, page = built
    block = page[page.index('id="contest-'):page.index('id="numbers"')]
    affirm = block[block.index('class="side affirms"'):block.index('class="side disputes"')]
    dispute = block[block.index('class="side disputes"'):]
    assert '<mark class="trig">returning</mark>' in affirm
    assert "defence ministry" in affirm and "Vostok Herald" in affirm
    assert '<mark class="trig">pulling back</mark>' in dispute
    assert "the alliance" in dispute and "Continental Press" in dispute and "negated" in dispute


def test_contested_heading_says_when_a_side_has_no_actor(built):
    _, _, page = built
    heading = re.search(r'<article class="contest"[^>]*><h3>([^<]*)</h3>', page).group(1)
    assert "RUS → no target" in heading and "---" not in heading


def test_network_nodes_are_named_with_the_code_on_hover(built):
    _, _, page = built
    svg = page[page.index('id="network-svg"'):]
    svg = svg[:svg.index("</svg>")]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Russia" in labels and "RUS" not in labels
    assert re.search(r'<g class="nd" data-node="RUS"><title>RUS: \d+ events — Russia</title>', svg)


def test_disagreeing_numbers_list_every_report(built):
    _, _, page = built
    block = page[page.index('id="numbers"'):page.index('id="sources"')]
    assert "130,000" in block and "100,000" in block and "90,000" in block
    assert '<mark class="num">about 100,000 troops</mark>' in block
    assert "Officials" in block and "about" in block and "2022-02-16" in block


def test_every_local_link_has_a_target(built):
    _, _, page = built
    tree = parse(page)
    local = [h[1:] for h in tree.hrefs if h.startswith("#")]
    assert local, "the page should link to its evidence"
    assert all(h in tree.ids for h in local), [h for h in local if h not in tree.ids]
    # every events-table row links to a sentence that holds its highlighted trigger
    rows = re.findall(r'<tr data-q=.*?href="#(s\d+)"', page)
    assert len(rows) == 7
    for anchor in rows:
        item = page[page.index(f'<li id="{anchor}">'):]
        item = item[:item.index("</li>")]
        assert '<mark class="trig">' in item


def test_evidence_offsets_come_from_the_article(built):
    _, _, page = built
    article = corpus()[0].article
    sentence = article.text[: article.text.index(".") + 1]
    assert f'<span class="sent">{sentence[:40]}' in page.replace(
        '<mark class="trig">returning</mark>', "returning")


def test_hostile_article_text_is_escaped(built):
    _, _, page = built
    tree = parse(page)
    assert "img" not in tree.tags
    assert tree.tags.count("script") == 2  # the JSON summary and the report's own script
    assert [a.get("type") for t, a in tree.attrs_seen if t == "script"] == [
        "application/json", None]
    assert not tree.mismatched, tree.mismatched[:5]
    assert tree.stack == [], tree.stack
    for payload in (SCRIPT, IMG, SCRIPT_MARK, IMG_MARK, "</textarea>", "<b>threatened</b>",
                    "<i>spokesman</i>", "</td></table>"):
        assert payload not in page, payload
    assert "</title></style>" not in page and page.count("<!--") == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # nothing but the report's own attributes: no event handler made it into a tag
    assert not [a for _, attrs in tree.attrs_seen for a in attrs if a.startswith("on")]
    # the hostile id never becomes an anchor or a link
    assert not [i for i in tree.ids if "script" in i]


def test_page_loads_nothing_and_runs_only_its_own_script(built):
    _, _, page = built
    tree = parse(page)
    assert not [a for _, attrs in tree.attrs_seen for a in attrs if a in ("src", "srcset")]
    assert "<link" not in page and "@import" not in page and "url(" not in page
    # links go to anchors on the page, or (plain http/https) to an article's original
    outside = [h for h in tree.hrefs if not h.startswith("#")]
    assert outside == ["https://example.org/herald/units-return"]
    assert "javascript:" not in page
    csp = next(a["content"] for t, a in tree.attrs_seen
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(tree.scripts[1].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_per_source_view_counts_modalities(built):
    _, _, page = built
    table = page[page.index('id="sources-table"'):]
    table = table[:table.index("</table>")]
    row = next(r for r in table.split("<tr>") if r.startswith("<td>Continental Press"))
    cells = re.findall(r"<td class=num>([^<]*)</td>", row)
    columns = ["articles", "events", *MODALITIES, "reported"]
    counts = dict(zip(columns, cells, strict=False))
    assert counts == {**dict.fromkeys(columns, "0"), "articles": "1", "events": "2",
                      "negated": "1", "future": "1", "reported": "1"}


def test_alerts_are_marked(tmp_path):
    series = [DyadDay("RUS", "UKR", f"2022-02-{d:02d}", 3, (0, 0, 1, 2), -20.0, -6.7,
                      index=-2.5 if d == 16 else 0.0, alert=d == 16) for d in (14, 15, 16)]
    _, counts, page = build(tmp_path, series)
    assert counts["alerts"] == 1
    assert 'class="alert"' in page
    table = page[page.index('id="alerts-table"'):]
    assert "2022-02-16" in table[:table.index("</table>")]


def test_empty_store_still_makes_a_whole_page(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        counts = report.write_report(tmp_path / "report.html", store, link_all(store), [])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert counts["events"] == 0 and counts["contested"] == 0
    tree = parse(page)
    assert {"timeline-svg", "goldstein-svg", "network-svg"} <= tree.ids
    assert not tree.mismatched and tree.stack == []


def test_extreme_and_coarse_dates_do_not_break_the_timeline(tmp_path):
    a = Article(id="undated", text="Troops attacked. Troops attacked again. Talks began.")
    ann = Annotations(article=a)
    for sentence, day in (("Troops attacked.", "0001-01-01"),
                          ("Troops attacked again.", "9999-12-31"), ("Talks began.", "2022-02")):
        ann.events.append(_event(a, sentence, sentence.split()[-1 if "again" not in sentence
                                                               else 1].rstrip("."),
                                 THREATEN, source=RUSMIL, target=UKRGOV, day=day))
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write_batch([ann], store.start_run(["t"], {}))
        links = link_all(store)
        # (no dyad series here: faultline.analysis walks every calendar day of such a range)
        counts = report.write_report(tmp_path / "report.html", store, links, [])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert counts["events"] == 3
    assert "1 dated only to the month or year" in page
    tree = parse(page)
    assert not tree.mismatched and tree.stack == []


def test_write_is_atomic_and_replaces(tmp_path):
    out, _, _ = build(tmp_path)
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]
    with Store.open(tmp_path / "db.duckdb") as store:
        report.write_report(out, store, link_all(store), [])
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


def test_long_event_lists_are_capped_but_contested_mentions_stay(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "MAX_EVENT_ROWS", 3)
    _, counts, page = build(tmp_path)
    assert counts["events"] == 7
    assert counts["event_rows"] == 3
    assert "Showing 3 of 7 event mentions" in page
    rows = page[page.index('id="events-table"'):]
    assert rows.count("⚑") == 2  # both mentions of the contested pull-back


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a?b=1&c=2", True),
    ("HTTP://example.org/x", True),
    ("javascript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ('https://example.org/"><script>alert(1)</script>', False),
    ("https://exa mple.org/", False),
    ("//example.org/x", False),
    (None, False),
])
def test_only_plain_web_urls_become_links(url, kept):
    assert (report.safe_url(url) is not None) is kept


@pytest.mark.parametrize("first, last, unit, n", [
    ("2022-02-01", "2022-02-28", "day", 28),
    ("2021-12-06", "2022-06-30", "week", 30),
    ("2015-01-15", "2022-02-03", "month", 86),
    ("0001-01-01", "9999-12-31", "year", 9999),
])
def test_timeline_bins_widen_with_the_range(first, last, unit, n):
    from datetime import date
    bins = report._make_bins(date.fromisoformat(first), date.fromisoformat(last))
    assert (bins.unit, len(bins.starts)) == (unit, n)
    assert bins.index(date.fromisoformat(last)) == n - 1


def test_axis_ticks_are_round_and_cover_the_data():
    assert report.nice_ticks(0, 13) == [0, 5, 10, 15]
    assert report.nice_ticks(0, 2) == [0, 1, 2]
    assert report.nice_ticks(-14, 10) == [-20, -10, 0, 10]
    assert report.nice_ticks(0, 0) == [0, 1]


def test_json_for_html_cannot_close_the_script():
    text = report.json_for_html({"x": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>&"}


def test_sources_without_publishers_count_by_site_or_file(tmp_path):
    arts = [Article(id=f"np{k}", text=f"Text number {k}.", published="2022-02-16", url=url,
                    source=src)
            for k, (url, src) in enumerate([("https://www.alpha.example/a", "feed.jsonl:1"),
                                            ("https://alpha.example/b", "feed.jsonl:2"),
                                            (None, "feed.jsonl:3"), (None, "other.txt")])]
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write_batch([Annotations(article=a) for a in arts], store.start_run(["t"], {}))
        page, _ = report.render_report(store, link_all(store), [])
    assert "4 articles from 3 sources" in page  # alpha.example, feed.jsonl, other.txt


def test_goldstein_chart_draws_a_stem_per_point(built):
    _, _, page = built
    svg = page[page.index('id="goldstein-svg"'):]
    svg = svg[:svg.index("</svg>")]
    points = re.findall(r'<circle cx="[^"]+" cy="([^"]+)" r="2.6"', svg)
    stems = re.findall(r'<line class="stem" x1="[^"]+" y1="([^"]+)" x2="[^"]+" y2="([^"]+)"',
                       svg)
    assert points and len(stems) == len(points)
    assert len({y1 for y1, _ in stems}) == 1  # all from the zero line
    assert [y2 for _, y2 in stems] == points
