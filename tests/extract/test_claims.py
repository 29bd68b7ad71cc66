"""The claims stage: figures, what they count, hedges, ranges, skipped dates, attribution."""

from __future__ import annotations

import importlib.util

import pytest

from faultline.extract.claims import find_claims, load_lexicon, marker_direction
from faultline.model import Annotations, Article, Claim, Quote, Span, Speaker
from faultline.nlp import load_nlp
from faultline.options import DEFAULT_MODEL
from faultline.pipeline import annotate_text
from tests.evaldata import seed_text

HAS_QUOTES = importlib.util.find_spec("faultline.extract.quotes") is not None


def claims_of(text: str, **article: object) -> list[Claim]:
    doc = load_nlp(DEFAULT_MODEL)(text)
    ann = Annotations(article=Article(id="t", text=text, **article))  # type: ignore[arg-type]
    found = find_claims(doc, ann)
    for claim in found:
        assert claim.span.article_id == "t"
        assert 0 <= claim.span.start < claim.span.end <= len(text)
    return found


def by_text(text: str, claims: list[Claim]) -> dict[str, Claim]:
    return {text[c.span.start : c.span.end]: c for c in claims}


def test_count_with_hedge_and_nationality() -> None:
    text = "Officials counted at least 130,000 Russian troops near the frontier."
    (claim,) = claims_of(text)
    assert text[claim.span.start : claim.span.end] == "at least 130,000 Russian troops"
    assert claim.quantity == 130000.0
    assert claim.unit == "troops"
    assert claim.subject == "Russian troops"
    assert claim.approximate == "at least"
    assert claim.quantity_max is None


def test_scale_words_and_article_quantity() -> None:
    text = "The census found 44 million people, and a million residents had left the east."
    found = by_text(text, claims_of(text))
    assert found["44 million people"].quantity == 44_000_000.0
    assert found["44 million people"].unit == "people"
    assert found["a million residents"].quantity == 1_000_000.0


def test_percent_money_and_measure() -> None:
    text = ("Nearly 40% of voters backed the plan, Congress approved $1.5 billion in aid, "
            "and the column stopped around 12 km from the city. Just 8 percent agreed.")
    found = by_text(text, claims_of(text))
    pct = found["Nearly 40% of voters"]
    assert (pct.quantity, pct.unit, pct.subject, pct.approximate) == (40.0, "percent",
                                                                      "voters", "nearly")
    money = found["$1.5 billion in aid"]
    assert (money.quantity, money.unit, money.subject) == (1.5e9, "USD", "aid")
    assert found["around 12 km"].unit == "km"
    assert found["8 percent"].quantity == 8.0
    assert found["8 percent"].approximate is None  # "just" is emphasis, not a hedge


def test_vague_plurals_become_ranges() -> None:
    text = ("Thousands of civilians fled, dozens of tanks crossed and tens of thousands of "
            "people marched.")
    found = by_text(text, claims_of(text))
    assert (found["Thousands of civilians"].quantity,
            found["Thousands of civilians"].quantity_max) == (2000.0, 9999.0)
    assert found["Thousands of civilians"].unit == "civilians"
    assert found["dozens of tanks"].quantity_max == 99.0
    assert (found["tens of thousands of people"].quantity,
            found["tens of thousands of people"].quantity_max) == (20000.0, 99999.0)
    text = "Several thousand troops and a few hundred tanks moved; a few people watched."
    found = by_text(text, claims_of(text))
    assert list(found) == ["Several thousand troops", "a few hundred tanks"]
    assert found["Several thousand troops"].quantity_max == 9999.0
    assert found["a few hundred tanks"].quantity == 200.0


def test_explicit_ranges_and_spelled_numbers() -> None:
    text = ("Between 100,000 and 130,000 troops gathered; two hundred and fifty people and "
            "twenty-five tanks were seen, and half a million refugees waited.")
    found = by_text(text, claims_of(text))
    rng = found["Between 100,000 and 130,000 troops"]
    assert (rng.quantity, rng.quantity_max) == (100000.0, 130000.0)
    assert found["two hundred and fifty people"].quantity == 250.0
    assert found["twenty-five tanks"].quantity == 25.0
    assert found["half a million refugees"].quantity == 500000.0


def test_small_spelled_numbers_need_a_counted_noun() -> None:
    text = "Two battalions moved west. One of the leaders spoke, and the two countries met."
    found = by_text(text, claims_of(text))
    assert list(found) == ["Two battalions"]
    assert found["Two battalions"].quantity == 2.0


def test_dates_times_years_ages_and_labels_are_not_claims() -> None:
    text = ("At 2.30 pm on December 7, his No. 2 diplomat, aged 45, recalled the 1997 "
            "treaty, the war of 2014 and Article 5; the talks lasted seven hours over three "
            "decades.")
    assert claims_of(text) == []


def test_possessor_before_the_figure_joins_the_subject() -> None:
    text = "Moscow said Russia's 130,000 troops would stay."
    (claim,) = claims_of(text)
    assert text[claim.span.start : claim.span.end] == "Russia's 130,000 troops"
    assert claim.subject == "Russia's troops"


def test_attribution_to_quote_speaker_then_author_then_publisher() -> None:
    text = 'The agency said: "We counted 3,000 refugees." Another 500 refugees came later.'
    nlp = load_nlp(DEFAULT_MODEL)
    doc = nlp(text)
    content_start = text.index("We counted")
    quote = Quote(span=Span("t", content_start, text.index('."') + 1), kind="direct",
                  speaker=Speaker(name="The agency"))
    ann = Annotations(article=Article(id="t", text=text, authors=["A. Writer"]))
    ann.quotes.append(quote)
    inside, outside = find_claims(doc, ann)
    assert inside.attributed_to == "The agency"
    assert outside.attributed_to == "A. Writer"
    ann2 = Annotations(article=Article(id="t", text=text, publisher="Daily Wire"))
    assert find_claims(doc, ann2)[1].attributed_to == "Daily Wire"
    ann3 = Annotations(article=Article(id="t", text=text))
    ann3.quotes.append(Quote(span=quote.span, kind="direct", speaker=None))
    first, second = find_claims(doc, ann3)
    assert first.attributed_to == "unnamed source"
    assert second.attributed_to == "author"


def test_lexicon_loads_and_markers_have_directions() -> None:
    lex = load_lexicon()
    assert lex.vague[("thousands",)] == (2000.0, 9999.0)
    assert marker_direction("at least") == "lower"
    assert marker_direction("up to") == "upper"
    assert marker_direction("about") == "around"
    assert marker_direction(None) is None


def seed(prefix: str) -> str:
    return seed_text(prefix)


def test_seed_000_through_the_pipeline() -> None:
    text = seed("000")
    ann = annotate_text(text, published="2022-02-16", stages=["claims"])
    assert not ann.failures
    found = by_text(text, ann.claims)
    troops = found["at least 130,000 Russian troops"]
    assert (troops.quantity, troops.approximate, troops.unit) == (130000.0, "at least", "troops")
    people = found["44 million people in Ukraine"]
    assert (people.quantity, people.unit, people.subject) == (44e6, "people", "people in Ukraine")
    surveyed = found["3,245 Russians"]
    assert (surveyed.quantity, surveyed.unit, surveyed.subject) == (3245.0, "people", "Russians")
    for figure, value in (("8 percent", 8.0), ("9 percent", 9.0)):
        assert found[figure].quantity == value and found[figure].unit == "percent"
        if HAS_QUOTES:
            assert "academics" in (found[figure].attributed_to or "")
    spans = list(found)
    for not_a_claim in ("2.30", "2022", "2014", "seven decades", "two countries"):
        assert not any(not_a_claim in s for s in spans), (not_a_claim, spans)
    for claim in ann.claims:
        assert claim.span.end - claim.span.start < 60


def test_seed_001_has_no_date_claims() -> None:
    text = seed("001")
    ann = annotate_text(text, published="2021-12-17", stages=["claims"])
    spans = [text[c.span.start : c.span.end] for c in ann.claims]
    for not_a_claim in ("December 7", "1997", "2014", "No. 2", "17", "2021"):
        assert not any(not_a_claim in s for s in spans), (not_a_claim, spans)


def test_seed_002_refugees_and_deaths() -> None:
    text = seed("002")
    ann = annotate_text(text, published="2022-01-30", stages=["claims"])
    found = by_text(text, ann.claims)
    refugees = found["more than a million Ukrainian refugees"]
    assert (refugees.quantity, refugees.approximate) == (1_000_000.0, "more than")
    assert refugees.subject == "Ukrainian refugees"
    deaths = found["thousands of deaths"]
    assert deaths.quantity == 2000.0 and deaths.quantity_max == 9999.0
    assert deaths.unit == "deaths"
    assert not any("2022" in s for s in found)


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("Up to 300 drones were launched overnight.", "Up to 300 drones"),
        ("Well over 100,000 soldiers massed in Belarus.", "Well over 100,000 soldiers"),
        ("The fund pledged €300m to rebuild schools.", "€300m"),
        ("Some 5,000 protesters filled the square.", "Some 5,000 protesters"),
    ],
)
def test_short_sentences(sentence: str, figure: str) -> None:
    spans = [sentence[c.span.start : c.span.end] for c in claims_of(sentence)]
    assert spans == [figure]


def test_hedges_after_the_figure_and_fractions() -> None:
    text = ("Donors gave $200 or less, 100,000-plus troops gathered, and the city spent a "
            "quarter of a million dollars.")
    found = by_text(text, claims_of(text))
    assert found["$200 or less"].approximate == "or less"
    assert marker_direction("or less") == "upper"
    plus = found["100,000-plus troops"]
    assert (plus.quantity, plus.approximate, plus.unit) == (100000.0, "plus", "troops")
    quarter = found["a quarter of a million dollars"]
    assert (quarter.quantity, quarter.unit, quarter.subject) == (250000.0, "USD", None)


def test_hyphenated_modifiers_scores_and_bare_figures() -> None:
    text = ("A 2,500-strong force arrived after the 5-4 decision and a 10-year plan. "
            "Crutcher, 40, said the toll stood at 300 and then at 1,200.")
    found = by_text(text, claims_of(text))
    assert list(found) == ["2,500-strong force", "300", "1,200"]
    assert found["2,500-strong force"].unit == "force"
    assert found["1,200"].unit is None and found["1,200"].subject is None


def test_place_after_the_counted_noun_joins_the_subject() -> None:
    text = "Some 300 troops in eastern Ukraine and 5,000 soldiers in the army waited."
    found = by_text(text, claims_of(text))
    assert found["Some 300 troops in eastern Ukraine"].subject == "troops in eastern Ukraine"
    assert found["5,000 soldiers"].subject == "soldiers"


def test_money_words_become_currency_units() -> None:
    text = "Millions of dollars and nearly $250 billion worth of goods moved."
    found = by_text(text, claims_of(text))
    assert found["Millions of dollars"].unit == "USD"
    assert found["Millions of dollars"].subject is None
    worth = found["nearly $250 billion worth of goods"]
    assert (worth.quantity, worth.unit, worth.subject) == (2.5e11, "USD", "goods")


def test_marker_table_rejects_unknown_direction() -> None:
    from faultline.errors import DataFileError
    from faultline.extract.claims import _marker_table

    assert _marker_table({"m": {"at least": "lower"}}, "m") == {("at", "least"): ("at least",
                                                                                 "lower")}
    with pytest.raises(DataFileError, match="direction"):
        _marker_table({"m": {"at least": "sideways"}}, "m")
    with pytest.raises(DataFileError):
        _marker_table({}, "m")


def test_direct_quotation_wins_over_a_source_cited_inside_it() -> None:
    text = 'Pollsters wrote: "According to our survey, 12 percent agree." Later 500 troops left.'
    doc = load_nlp(DEFAULT_MODEL)(text)
    outer = Span("t", text.index("According"), text.index('."') + 1)
    inner = Span("t", text.index("12 percent"), text.index('."') + 1)
    ann = Annotations(article=Article(id="t", text=text))
    ann.quotes.extend([
        Quote(span=inner, kind="indirect", speaker=Speaker(name="our survey")),
        Quote(span=outer, kind="direct", speaker=Speaker(name="Pollsters")),
    ])
    first, second = find_claims(doc, ann)
    assert first.attributed_to == "Pollsters"
    assert second.attributed_to == "author"
    ann.quotes[1] = Quote(span=outer, kind="indirect", speaker=Speaker(name="Pollsters"))
    assert find_claims(doc, ann)[0].attributed_to == "our survey"


def test_bare_figures_of_casualty_verbs_count_people() -> None:
    text = ("At least 82 were killed and more than 1,700 injured. The blast wounded nearly "
            "5,000. The toll rose to 259.")
    found = by_text(text, claims_of(text))
    killed = found["At least 82 were killed"]
    assert (killed.quantity, killed.unit, killed.subject, killed.approximate) == (
        82.0, "people", "killed", "at least")
    assert found["more than 1,700 injured"].subject == "injured"
    assert found["wounded nearly 5,000"].subject == "wounded"
    assert found["259"].subject is None and found["259"].unit is None


def test_table_rows_do_not_join_across_lines() -> None:
    text = "KENYA:\nTotal dead: 192\nAmericans: 12\nInjured: 4,877\n"
    spans = [text[c.span.start : c.span.end] for c in claims_of(text)]
    assert spans == ["192", "4,877"]


def test_a_bare_count_takes_the_country_of_the_verbs_subject():
    from faultline import annotate_text

    ann = annotate_text("Russia has massed 100,000 troops near Ukraine. The army moved "
                        "500 soldiers.", published="2022-01-20")
    subjects = {c.quantity: c.subject for c in ann.claims}
    assert subjects[100000.0] == "Russia's troops"
    assert subjects[500.0] == "soldiers"


def test_a_moved_count_is_not_the_standing_force():
    from faultline import annotate_text

    ann = annotate_text("Russia had added as many as 7,000 troops near the border.",
                        published="2022-02-17")
    assert [c.subject for c in ann.claims] == ["troops"]
