"""Clustering event mentions across articles and finding contested events."""

from __future__ import annotations

from faultline.link.events import cluster_mentions, contested, party_of


def _m(article, code, modality, date, src="RUSMIL", tgt=None, reporter=None, publisher="P"):
    return {"article_id": article, "start": 0, "code": code, "root": code[:2],
            "modality": modality, "date": date, "source_code": src, "target_code": tgt,
            "reported_by_code": reporter, "reported_by_name": reporter,
            "publisher": publisher}


def test_same_dyad_root_and_window_is_one_event_with_counts():
    mentions = [_m("a", "0874", "asserted", "2022-02-15", publisher="Wire"),
                _m("b", "087", "asserted", "2022-02-16", src="RUSGOV", publisher="Herald"),
                _m("c", "0874", "asserted", "2022-02-16", publisher="Wire")]
    clusters = cluster_mentions(mentions)
    assert len(clusters) == 1
    c = clusters[0]
    assert (c.n_mentions, c.n_articles, c.n_sources) == (3, 3, 2)
    assert (c.date_start, c.date_end) == ("2022-02-15", "2022-02-16")


def test_dates_beyond_the_window_split_and_other_roots_never_merge():
    mentions = [_m("a", "0874", "asserted", "2022-02-01"),
                _m("b", "0874", "asserted", "2022-02-15"),
                _m("c", "193", "asserted", "2022-02-15")]
    assert len(cluster_mentions(mentions, window_days=3)) == 3


def test_affirmed_by_one_party_disputed_by_another_is_contested():
    mentions = [_m("a", "0874", "future", "2022-02-15", reporter="RUSMIL"),
                _m("b", "087", "negated", "2022-02-16", src=None, reporter="IGOWSTNAT"),
                _m("c", "087", "negated", "2022-02-16", src=None, reporter="USAGOV")]
    clusters = cluster_mentions(mentions)
    assert len(clusters) == 1
    assert clusters[0].contested
    assert clusters[0].parties["disputes"] == {"IGOWSTNAT", "USA"}
    assert contested(clusters) == clusters


def test_one_party_both_ways_is_not_contested():
    mentions = [_m("a", "0874", "asserted", "2022-02-15", publisher="Same"),
                _m("a", "0874", "negated", "2022-02-15", publisher="Same")]
    assert not cluster_mentions(mentions)[0].contested
    assert party_of(mentions[0]) == "Same"


def test_week_dates_chain_by_their_monday_and_vague_dates_stay_apart():
    mentions = [_m("a", "0874", "asserted", "2021-W50"),
                _m("b", "0874", "asserted", "2021-12-14"),
                _m("c", "0874", "asserted", "2022-02"),
                _m("d", "0874", "asserted", "2022-02-15")]
    clusters = cluster_mentions(mentions)
    groups = sorted(sorted(m["article_id"] for m in c.mentions) for c in clusters)
    assert groups == [["a", "b"], ["c"], ["d"]]
