"""Grouping figures across articles and flagging those that disagree."""

from __future__ import annotations

import pytest

from faultline.link.numbers import (
    NumberReport,
    group_numbers,
    reports_from_annotations,
    sentence_around,
    singular,
    subject_key,
)
from faultline.model import Annotations, Article, Claim, Span
from faultline.options import Options
from faultline.pipeline import process_batch


def report(article: str, quantity: float, subject: str | None, unit: str | None = None,
           approximate: str | None = None, quantity_max: float | None = None,
           published: str | None = None, evidence: str = "...", figure: str = "",
           publisher: str | None = None) -> NumberReport:
    if unit is None and subject is not None:
        unit = subject.split()[-1].lower()
    claim = Claim(span=Span(article, 0, 1), quantity=quantity, unit=unit, subject=subject,
                  approximate=approximate, quantity_max=quantity_max)
    return NumberReport(article_id=article, publisher=publisher or f"pub-{article}",
                        published=published, claim=claim, evidence=evidence,
                        figure_text=figure)


def test_three_troop_figures_disagree() -> None:
    groups = group_numbers([
        report("a", 100_000, "Russian troops"),
        report("b", 130_000, "Russian soldiers", approximate="at least"),
        report("c", 150_000, "Russian military forces"),
    ])
    (group,) = groups
    assert group.key == "russian troops"
    assert group.values == [100_000, 130_000, 150_000]
    assert group.disagree
    assert group.spread == pytest.approx(1 / 3, abs=1e-3)
    assert group.articles == ["a", "b", "c"]
    assert len(group.reports) == 3
    assert group.specific


def test_same_figure_in_two_articles_agrees() -> None:
    (group,) = group_numbers([report("a", 44e6, "people in Ukraine", unit="people"),
                              report("b", 44e6, "people in Ukraine", unit="people")])
    assert group.key == "people in ukraine"
    assert group.values == [44e6]
    assert not group.disagree and group.compatible


def test_small_differences_are_within_tolerance() -> None:
    pair = [report("a", 130_000, "Russian troops"), report("b", 135_000, "Russian troops")]
    (group,) = group_numbers(pair)
    assert not group.disagree
    (strict,) = group_numbers(pair, tolerance=0.01)
    assert strict.disagree and strict.conflicts == [(0, 1)]


def test_bare_head_nouns_never_disagree() -> None:
    (group,) = group_numbers([report("a", 10_000, "troops"), report("b", 135_000, "troops")])
    assert not group.specific and not group.disagree  # whose troops is not said


def test_hedges_are_honoured() -> None:
    (lower,) = group_numbers([report("a", 100_000, "Russian troops", approximate="at least"),
                              report("b", 130_000, "Russian troops")])
    assert not lower.disagree and lower.compatible  # "at least 100,000" allows 130,000
    assert lower.spread > 0.2  # the estimates still differ, for display
    (upper,) = group_numbers([report("a", 100_000, "Russian troops", approximate="up to"),
                              report("b", 130_000, "Russian troops")])
    assert upper.disagree and not upper.compatible
    (about,) = group_numbers([report("a", 100_000, "Russian troops", approximate="about"),
                              report("b", 130_000, "Russian troops", approximate="about")])
    assert about.disagree


def test_vague_ranges_agree_with_figures_inside_them() -> None:
    (inside,) = group_numbers([report("a", 2000, "civilian deaths", quantity_max=9999),
                               report("b", 5000, "civilian deaths")])
    assert not inside.disagree
    (outside,) = group_numbers([report("a", 2000, "civilian deaths", quantity_max=9999),
                                report("b", 500, "civilian deaths")])
    assert outside.disagree


def test_different_subjects_never_merge() -> None:
    groups = group_numbers([
        report("a", 100_000, "Russian troops"),
        report("b", 100_000, "Ukrainian troops"),
        report("c", 100_000, "Russian tanks"),
        report("d", 100_000, "troops"),
    ])
    assert groups == []


def test_percentages_need_the_same_subject() -> None:
    reports = [
        report("a", 8, "Russians", unit="percent"),
        report("b", 9, "Ukrainians", unit="percent"),
        report("c", 30, None, unit="percent"),
        report("d", 31, None, unit="percent"),
    ]
    assert group_numbers(reports) == []
    (group,) = group_numbers(reports + [report("e", 20, "Russians", unit="percent")])
    assert group.unit == "percent" and group.key == "russian" and group.disagree


def test_money_and_counts_with_one_subject_stay_apart() -> None:
    groups = group_numbers([
        report("a", 1.5e9, "aid", unit="USD"),
        report("b", 1.5e9, "aid", unit="USD"),
        report("c", 1.5e9, "aid", unit="EUR"),
    ])
    (group,) = groups
    assert group.unit == "USD" and group.articles == ["a", "b"]


def test_specific_groups_sort_before_bare_head_nouns() -> None:
    groups = group_numbers([
        report("a", 10, "troops"), report("b", 90, "troops"),
        report("a", 100, "Russian troops"), report("b", 190, "Russian troops"),
    ])
    assert [(g.key, g.specific, g.disagree) for g in groups] == [
        ("russian troops", True, True), ("troops", False, False)]


def test_one_article_is_not_a_group() -> None:
    assert group_numbers([report("a", 1, "Russian troops"), report("a", 2, "Russian troops")]) \
        == []


def test_subject_keys() -> None:
    assert subject_key("Russian troops") == subject_key("Russian soldiers") == "russian troops"
    assert subject_key("U.S. troops") == subject_key("American forces") == "us troops"
    assert subject_key("Russia's troops") == "russian troops"
    assert subject_key("Ukrainian refugees") == "ukrainian refugees"
    assert subject_key("people in Ukraine") == "people in ukraine"
    assert subject_key("persons in Ukraine") == "people in ukraine"
    assert subject_key("people in Poland") != subject_key("people in Ukraine")
    assert subject_key("3,000 more troops".split(" ", 1)[1]) == "additional troops"
    assert subject_key("extra U.S. soldiers") == "additional us troops"
    assert subject_key("killed") == subject_key("deaths") == subject_key("fatalities") == "deaths"
    assert subject_key(None) is None
    assert singular("casualties") == "casualty" and singular("press") == "press"


def test_sentence_around() -> None:
    text = "First one. There were 300 tanks here! Last."
    start = text.index("300")
    assert sentence_around(text, start, start + 9) == "There were 300 tanks here!"


def test_bad_tolerance_raises() -> None:
    with pytest.raises(ValueError):
        group_numbers([], tolerance=1.5)


def test_real_articles_group_troop_figures() -> None:
    texts = {
        "x1": "Satellite images show at least 130,000 Russian troops near the border.",
        "x2": "Officials estimate 100,000 Russian soldiers are stationed there.",
        "x3": "Some 44 million people in Ukraine face winter, and 3 tanks broke down.",
        "x4": "Nearly 44 million people in Ukraine live near the front.",
        "x5": "About 38 million people in Poland watched.",
    }
    articles = [Article(id=k, text=v, publisher=k.upper()) for k, v in texts.items()]
    anns: list[Annotations] = process_batch(articles, Options(stages=("claims",)))
    reports = reports_from_annotations(anns)
    assert all(r.evidence.endswith(".") for r in reports)
    groups = {g.key: g for g in group_numbers(reports)}
    assert set(groups) == {"russian troops", "people in ukraine"}
    assert groups["russian troops"].disagree
    assert groups["russian troops"].values == [100_000, 130_000]
    assert not groups["people in ukraine"].disagree
    assert [r.publisher for r in groups["people in ukraine"].reports] == ["X3", "X4"]


def test_a_series_over_months_is_not_a_disagreement() -> None:
    groups = group_numbers([
        report("dec", 20_000, "Russian troops", quantity_max=99_999, published="2021-12-03"),
        report("feb", 190_000, "Russian troops", approximate="about", published="2022-02-18"),
    ])
    (group,) = groups
    assert not group.disagree and group.conflicts == []
    near = group_numbers([
        report("dec", 20_000, "Russian troops", quantity_max=99_999, published="2022-02-14"),
        report("feb", 190_000, "Russian troops", approximate="about", published="2022-02-18"),
    ])
    assert near[0].disagree  # the same figures four days apart do conflict


def test_copies_of_one_story_never_disagree_with_each_other() -> None:
    a = report("a", 100_000, "Russian troops", publisher="Wire")
    b = report("b", 150_000, "Russian troops", publisher="Harbor Daily")
    b.origin = "Wire"  # b is a copy of a Wire story (and misprints the figure)
    (group,) = group_numbers([a, b])
    assert not group.disagree


def test_increments_and_movements_are_not_compared_with_totals() -> None:
    total = report("a", 100_000, "Russian troops", figure="100,000 Russian troops",
                   evidence="Russia has 100,000 Russian troops near the border.")
    more = report("b", 7_000, "more Russian troops", figure="7,000 more Russian troops",
                  evidence="Russia sent 7,000 more Russian troops.")
    moved = report("c", 30_000, "Russian troops", figure="30,000 Russian troops",
                   evidence="Some 30,000 Russian troops moved to Belarus for drills.")
    moved2 = report("d", 10_000, "Russian troops", figure="10,000 Russian troops",
                    evidence="Another 10,000 Russian troops were sent to Belarus.")
    groups = group_numbers([total, more, moved, moved2])
    kinds = {g.kind: g for g in groups}
    assert set(kinds) == {"movement"}  # the total and the increment stand alone
    assert not kinds["movement"].disagree  # movements are not totals that could conflict
    assert sorted(r.article_id for r in kinds["movement"].reports) == ["c", "d"]


def test_a_bare_head_takes_the_owner_the_article_gave() -> None:
    first = Claim(span=Span("a", 0, 10), quantity=100_000, unit="troops",
                  subject="Russian troops")
    second = Claim(span=Span("a", 50, 60), quantity=120_000, unit="troops", subject="troops")
    other = Claim(span=Span("b", 0, 10), quantity=125_000, unit="troops",
                  subject="Russian troops")
    reports = [NumberReport(c.span.article_id, f"pub-{c.span.article_id}", None, c, "...")
               for c in (first, second, other)]
    (group,) = group_numbers(reports)
    assert group.key == "russian troops" and len(group.reports) == 3


def test_disagreeing_groups_is_the_disagree_flag() -> None:
    from faultline.link import LinkResult
    from faultline.link.numbers import disagreeing_groups

    groups = group_numbers([
        report("a", 100_000, "Russian troops"), report("b", 190_000, "Russian troops"),
        report("a", 10, "troops"), report("b", 90, "troops"),
        report("a", 1, "Ukrainian tanks"), report("b", 1, "Ukrainian tanks"),
    ])
    assert [g.key for g in disagreeing_groups(groups)] == ["russian troops"]
    assert LinkResult(numbers=groups).disagreeing_numbers == disagreeing_groups(groups)
