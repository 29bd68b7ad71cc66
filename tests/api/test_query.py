"""faultline.query straight over the store: model types out, filters as parameters, pages."""

from __future__ import annotations

import pytest

from faultline import query
from faultline.model import Annotations, Event
from faultline.store import Store
from tests.api.fixture_store import HOSTILE_ID, HOSTILE_TEXT


@pytest.fixture(scope="module")
def store(store_path):
    st = Store.open(store_path, read_only=True)
    yield st
    st.close()


def test_events_are_model_events_with_their_evidence(store):
    page = query.events(store, query.EventFilter(article_id=HOSTILE_ID))
    assert page.total >= 2
    for hit in page.items:
        assert isinstance(hit.event, Event)
        span = hit.event.span
        assert HOSTILE_TEXT[span.start:span.end] == hit.evidence
        trigger = hit.event.trigger_span
        assert HOSTILE_TEXT[trigger.start:trigger.end] == hit.event.trigger_text
    sides = {(h.event.source.code, h.event.target.code) for h in page.items
             if h.event.source and h.event.target}
    assert sides >= {("RUS", "UKR"), ("UKR", "RUS")}


def test_event_sides_keep_the_mention_they_were_read_from(store):
    for hit in query.events(store, limit=200).items:
        e = hit.event
        if e.source_span is not None:
            text = query.article(store, hit.article.id).article.text
            assert text[e.source_span.start:e.source_span.end] == e.source_text


def test_article_round_trips_every_annotation(store):
    ann = query.article(store, HOSTILE_ID)
    assert isinstance(ann, Annotations)
    assert ann.article.text == HOSTILE_TEXT
    for q in ann.quotes:
        assert 0 <= q.span.start < q.span.end <= len(HOSTILE_TEXT)
    for t in ann.timexes:
        assert HOSTILE_TEXT[t.span.start:t.span.end] == t.text
    assert query.article(store, "no-such-id") is None


def test_pages_cover_the_list_once(store):
    whole = query.events(store, limit=10_000)
    seen = []
    for offset in range(0, whole.total, 17):
        seen.extend(query.events(store, limit=17, offset=offset).items)
    assert [h.event.span for h in seen] == [h.event.span for h in whole.items]


@pytest.mark.parametrize("kwargs, words", [
    ({"limit": -1}, "limit"), ({"limit": 10**9}, "limit"), ({"offset": -3}, "offset"),
])
def test_page_bounds_are_checked(store, kwargs, words):
    with pytest.raises(query.QueryError, match=words):
        query.events(store, **kwargs)


@pytest.mark.parametrize("flt, words", [
    (query.EventFilter(dyad="RUSUKR"), "dyad"),
    (query.EventFilter(quad_class=5), "quad_class"),
    (query.EventFilter(date_from="2022-02-30"), "date_from"),
    (query.EventFilter(published_to="Feb 2022"), "published_to"),
])
def test_bad_filters_say_which(store, flt, words):
    with pytest.raises(query.QueryError, match=words):
        query.events(store, flt)


def test_text_filters_are_values_never_sql(store):
    total = query.events(store).total
    for value in ("' OR '1'='1", "%", "_", "\\", "); DROP TABLE events; --"):
        assert query.events(store, query.EventFilter(q=value)).total == 0
        assert query.events(store, query.EventFilter(outlet=value)).total == 0
    assert query.events(store).total == total


def test_contested_clusters_carry_both_sides(store):
    page = query.clusters(store, query.ClusterFilter(contested=True))
    assert page.items
    for c in page.items:
        assert c.side("affirms") and c.side("disputes")
        assert len(c.mentions) == c.n_mentions
    capped = query.clusters(store, query.ClusterFilter(contested=True), per_stance=1)
    for c in capped.items:
        assert len(c.side("affirms")) == 1 and len(c.side("disputes")) == 1


def test_number_groups_use_the_linkers_verdict(store):
    from faultline.link import link_all

    verdict = {g.key for g in link_all(store).disagreeing_numbers}
    page = query.number_groups(store, disagree=True)
    assert {g.key for g in page.items} == verdict
    capped = query.number_groups(store, max_reports=2)
    assert all(len(g.reports) <= 2 <= g.n_reports or len(g.reports) == g.n_reports
               for g in capped.items)


def test_flatten_makes_one_flat_row():
    row = query.flatten({"event": {"source": {"code": "RUS"}, "codes": ["a", "b"]},
                         "n": 1, "nested": [{"x": 1}]})
    assert row == {"event.source.code": "RUS", "event.codes": "a; b", "n": 1, "nested": 1}


def test_timeline_and_alerts_agree(store):
    series = query.timeline(store)
    assert series and series == sorted(series, key=lambda s: (-s.n_events, s.dyad))
    assert query.alerts(store).total == sum(len(s.alerts) for s in series)


def test_report_and_api_draw_the_same_network_and_corpus(store):
    from faultline.analysis import dyad_days
    from faultline.link import link_all
    from faultline.report import render_report

    page, counts = render_report(store, link_all(store), dyad_days(store))
    net = query.network(store, max_nodes=24)
    assert counts["network_nodes"] == len(net.nodes)
    assert counts["network_edges"] == len({tuple(sorted((e.source, e.target)))
                                           for e in net.edges})
    for name in net.nodes.values():
        assert name in page
    stats = query.stats(store)
    assert f"{stats.counts['articles']:,} articles" in page


def test_no_two_events_tie_in_list_order(store):
    """The order is total, so a page boundary never falls inside a tie."""
    whole = query.events(store, limit=10_000).items
    keys = [(h.event.date or h.article.published, h.article.published, h.article.id,
             h.event.span.start, h.event.trigger_span.start, h.event.code,
             h.event.source.code if h.event.source else None,
             h.event.target.code if h.event.target else None) for h in whole]
    assert len(set(map(repr, keys))) == len(keys)


VIEW_FILTERS = [
    query.EventFilter(),
    query.EventFilter(dyad="RUS-UKR"),
    query.EventFilter(actor="RUS*"),
    query.EventFilter(source_country="USA"),
    query.EventFilter(root="4", q="talks"),
    query.EventFilter(q="RUSSIA"),
    query.EventFilter(modality="denied"),
    query.EventFilter(quad_class=4, date_from="2022-02"),
    query.EventFilter(published_from="2022-01-15", published_to="2022-02-20"),
    query.EventFilter(reported_by="kremlin"),
    query.EventFilter(article_id=HOSTILE_ID),
    query.EventFilter(outlet="no such outlet"),
]


@pytest.mark.parametrize("flt", VIEW_FILTERS, ids=lambda f: repr(
    {k: v for k, v in vars(f).items() if v is not None}))
def test_the_events_view_answers_as_the_store_does(store, flt):
    view = query.EventView(store)
    try:
        whole = query.events(store, flt, limit=10_000)
        for limit, offset in ((10_000, 0), (7, 0), (7, 7), (5, max(0, whole.total - 3)),
                              (5, whole.total + 10)):
            direct = query.events(store, flt, limit=limit, offset=offset)
            viewed = query.events(store, flt, limit=limit, offset=offset, view=view)
            assert viewed.total == direct.total == whole.total
            assert [query.to_plain(h) for h in viewed.items] == [
                query.to_plain(h) for h in direct.items]
            total, body = view.events_json(flt, limit=limit, offset=offset)
            assert total == whole.total
            assert body == query.to_json({"total": direct.total, "limit": limit,
                                          "offset": offset, "items": direct.items})
    finally:
        view.close()


def test_the_events_view_refuses_what_the_store_refuses(store):
    view = query.EventView(store)
    try:
        for flt in (query.EventFilter(dyad="RUSUKR"), query.EventFilter(quad_class=5)):
            with pytest.raises(query.QueryError):
                query.events(store, flt, view=view)
        with pytest.raises(query.QueryError):
            query.events(store, limit=-1, view=view)
    finally:
        view.close()


def test_derived_lists_page_what_the_caller_kept(store):
    """The server computes the whole-store passes once (number groups, dyad days) and pages
    them; the pages are those of the store asked each time."""
    grouped = query.number_group_list(store)
    days = query.dyad_days(store)
    for offset in (0, 1, 3):
        assert query.to_plain(query.number_groups(store, limit=2, offset=offset)) == \
            query.to_plain(query.number_groups(store, limit=2, offset=offset, grouped=grouped))
        assert query.to_plain(query.alerts(store, limit=2, offset=offset)) == \
            query.to_plain(query.alerts(store, limit=2, offset=offset, days=days))
    assert query.number_groups(store).total > 0
    for dyad in (None, "RUS-UKR", "UKR-RUS"):
        assert query.to_plain(query.timeline(store, dyad=dyad)) == \
            query.to_plain(query.timeline(store, dyad=dyad, days=days))
        assert query.to_plain(query.alerts(store, dyad=dyad)) == \
            query.to_plain(query.alerts(store, dyad=dyad, days=days))


@pytest.mark.parametrize("per_stance", [0, 1, 3, None])
def test_cluster_pages_from_all_mentions_kept_once(store, per_stance):
    kept = query.cluster_mentions(store, per_stance)
    for flt in (None, query.ClusterFilter(contested=True), query.ClusterFilter(root="08")):
        for offset in (0, 2):
            asked = query.clusters(store, flt, limit=3, offset=offset, per_stance=per_stance)
            paged = query.clusters(store, flt, limit=3, offset=offset, per_stance=per_stance,
                                   mentions=kept)
            assert query.to_plain(paged) == query.to_plain(asked)
    assert any(c.mentions for c in query.clusters(store, mentions=kept).items) == (
        per_stance != 0)


@pytest.mark.parametrize("kwargs", [{}, {"speaker": "peskov"}, {"speaker": "UKRGOV"},
                                    {"outlet": "Meridian Wire"}, {"article_id": HOSTILE_ID},
                                    {"speaker": "nobody at all"}])
def test_the_quotes_view_answers_as_the_store_does(store, kwargs):
    view = query.QuoteView(store)
    try:
        whole = query.quotes(store, limit=10_000, **kwargs)
        for limit, offset in ((10_000, 0), (4, 0), (4, 4), (3, whole.total + 5)):
            direct = query.quotes(store, limit=limit, offset=offset, **kwargs)
            viewed = query.quotes(store, limit=limit, offset=offset, view=view, **kwargs)
            assert viewed.total == direct.total == whole.total
            assert query.to_plain(viewed) == query.to_plain(direct)
    finally:
        view.close()


def test_each_cluster_mention_names_one_event(store):
    """A cluster mention joins exactly one stored event, even where one trigger carries
    several events of the same code with different actors."""
    events = store.rows("SELECT * FROM events")
    keys = [query.event_key(e) for e in events]
    assert len(set(keys)) == len(keys)
    assert len({k[:4] for k in keys}) < len(keys), "fixture has no shared trigger and code"
    mentions = query.cluster_mentions(store)
    joined = sum(len(v) for v in mentions.values())
    assert joined == store.rows("SELECT count(*) AS n FROM event_cluster_mentions")[0]["n"]
