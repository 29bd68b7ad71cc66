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


def test_parties_are_speakers_or_named_outlets_never_pronouns_or_article_ids():
    he = _m("a", "087", "negated", "2022-02-16", reporter=None, publisher=None)
    he["reported_by_name"] = "he"
    assert party_of(he) is None
    nameless = _m("b", "087", "negated", "2022-02-16", reporter=None, publisher=None)
    assert party_of(nameless) is None  # no publisher: the outlet is nobody we can name
    uncoded = _m("c", "087", "negated", "2022-02-16", reporter=None)
    uncoded["reported_by_name"] = "Officials in Kyiv"
    uncoded["reported_by_code"] = "---GOV"
    assert party_of(uncoded) == "Officials in Kyiv"
    media = _m("d", "087", "negated", "2022-02-16", reporter=None, publisher="Herald")
    media["reported_by_code"], media["reported_by_name"] = "GBRMED", "the BBC"
    assert party_of(media) == "the BBC"  # an outlet by its name, not its country
    copy = _m("e", "087", "asserted", "2022-02-16", reporter=None, publisher="Site")
    copy["origin_publisher"] = "Wire"
    assert party_of(copy) == "Wire"


def test_without_publishers_articles_are_not_parties():
    mentions = [_m(f"a{i}", "087", "asserted", "2022-02-15", publisher=None)
                for i in range(40)]
    mentions += [_m(f"b{i}", "087", "negated", "2022-02-15", publisher=None)
                 for i in range(40)]
    (cluster,) = cluster_mentions(mentions)
    assert not cluster.contested and cluster.sides == {"affirms": set(), "disputes": set()}


def test_an_outlets_own_negation_is_no_dispute_but_a_quoted_one_is():
    affirm = _m("a", "040", "asserted", "2022-02-15", src="UKRGOV", publisher="Wire")
    own = _m("b", "040", "negated", "2022-02-15", src="UKRGOV", publisher="Ledger")
    assert not cluster_mentions([affirm, own])[0].contested
    quoted = _m("c", "040", "negated", "2022-02-15", src="UKRGOV", reporter="RUSGOV")
    assert cluster_mentions([affirm, quoted])[0].contested
    denial = _m("d", "040", "denied", "2022-02-15", src="UKRGOV", publisher="Ledger")
    assert cluster_mentions([affirm, denial])[0].contested  # a denial always disputes


def test_unrelated_codes_in_one_cluster_do_not_contest():
    leave = _m("a", "0874", "asserted", "2022-02-15", src="USAGOV", reporter="USAGOV")
    release = _m("b", "081", "negated", "2022-02-15", src="USAGOV", reporter="RUSGOV")
    (cluster,) = cluster_mentions([leave, release])
    assert not cluster.contested


def test_alleged_affirms_and_the_cli_line_stays_short():
    claim = _m("a", "1382", "alleged", "2022-02-15", src="RUS", tgt="UKR", reporter="USAGOV")
    denials = [_m(f"d{i}", "1382", "denied", "2022-02-15", src="RUS", tgt="UKR",
                  reporter=None, publisher=None) for i in range(9)]
    for i, d in enumerate(denials):
        d["reported_by_name"] = f"Minister Number{i}"
    (cluster,) = cluster_mentions([claim, *denials])
    assert cluster.sides["affirms"] == {"USA"}
    line = cluster.side_summary()
    assert line.startswith("affirmed by 1 (USA); disputed by 9 (")
    assert "and 4 more" in line and len(line) < 200


def test_the_outlet_speaking_of_itself_is_the_outlet():
    own = _m("a", "154", "asserted", "2022-02-16", reporter=None, publisher="The Courier")
    own["reported_by_code"], own["reported_by_name"] = "---MED", "an estimate by the newspaper"
    assert party_of(own) == "The Courier"


def test_statements_are_never_contested():
    said = _m("a", "010", "asserted", "2022-02-15", src="RUSGOV", reporter="RUSGOV")
    unauthorized = _m("b", "010", "negated", "2022-02-15", src="RUSGOV", reporter="USAGOV")
    assert not cluster_mentions([said, unauthorized])[0].contested


def test_a_root_only_code_can_contest_a_full_code_of_its_root():
    full = _m("a", "0874", "asserted", "2022-02-15", reporter="RUSMIL")
    root = _m("b", "08", "negated", "2022-02-15", reporter="IGOWSTNAT")
    other = _m("c", "081", "negated", "2022-02-15", reporter="USAGOV")
    (cluster,) = cluster_mentions([full, root, other])
    assert cluster.sides == {"affirms": {"RUS"}, "disputes": {"IGOWSTNAT"}}
