"""The time stage on real parses: TimeML spans, types and values resolved against the date."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faultline.errors import DataFileError
from faultline.extract.timex_rules import LEXICON_PATH, load_lexicon
from faultline.model import Timex
from faultline.pipeline import annotate_text
from tests.evaldata import seed_text

WED = "2022-02-16"  # a Wednesday
FRI = "2021-12-17"  # a Friday, ISO week 50


def timexes(text: str, published: str | None = WED) -> list[Timex]:
    ann = annotate_text(text, published=published, stages=["time"])
    assert not ann.failures, ann.failures
    for t in ann.timexes:
        assert text[t.span.start:t.span.end] == t.text
    return ann.timexes


def one(text: str, phrase: str, published: str | None = WED) -> Timex:
    """The timex whose text is exactly `phrase`."""
    found = [t for t in timexes(text, published) if t.text == phrase]
    assert found, f"no timex {phrase!r} in {[t.text for t in timexes(text, published)]}"
    return found[0]


def seed(prefix: str) -> str:
    return seed_text(prefix)


# ------------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed000() -> tuple[str, list[Timex]]:
    text = seed("000")
    return text, timexes(text, "2022-02-16")


@pytest.fixture(scope="module")
def seed001() -> tuple[str, list[Timex]]:
    text = seed("001")
    return text, timexes(text, "2021-12-17")


def _by_text(found: list[Timex], phrase: str) -> list[Timex]:
    hits = [t for t in found if t.text == phrase]
    assert hits, f"{phrase!r} not found in {[t.text for t in found]}"
    return hits


def test_seed000_tuesday_night_is_the_day_before(seed000: tuple[str, list[Timex]]) -> None:
    for t in _by_text(seed000[1], "Tuesday night"):
        assert t.value.startswith("2022-02-15")
        assert t.type == "DATE"


def test_seed000_wednesday_evening_is_the_same_day(seed000: tuple[str, list[Timex]]) -> None:
    assert _by_text(seed000[1], "Wednesday evening")[0].value.startswith("2022-02-16")


def test_seed000_last_july(seed000: tuple[str, list[Timex]]) -> None:
    assert _by_text(seed000[1], "last July")[0].value == "2021-07"


def test_seed000_seven_decades(seed000: tuple[str, list[Timex]]) -> None:
    t = _by_text(seed000[1], "more than seven decades")[0]
    assert (t.type, t.value) == ("DURATION", "P7DE")


def test_seed000_since_2014(seed000: tuple[str, list[Timex]]) -> None:
    text, found = seed000
    t = _by_text(found, "2014")[0]
    assert t.value == "2014"
    assert text[t.span.start - 6:t.span.start] == "since "


def test_seed000_clock_time_takes_the_written_day(seed000: tuple[str, list[Timex]]) -> None:
    t = [t for t in seed000[1] if t.type == "TIME"][0]
    assert t.text.startswith("2.30 pm")
    assert t.value == "2022-02-16T14:30"


def test_seed001_december_7(seed001: tuple[str, list[Timex]]) -> None:
    assert _by_text(seed001[1], "December 7")[0].value == "2021-12-07"


def test_seed001_this_week(seed001: tuple[str, list[Timex]]) -> None:
    found = [t for t in seed001[1] if t.text.lower() == "this week"]
    assert found and found[0].value == "2021-W50"


def test_seed001_today(seed001: tuple[str, list[Timex]]) -> None:
    assert _by_text(seed001[1], "today")[0].value == "2021-12-17"


def test_seed_offsets_round_trip(seed000: tuple[str, list[Timex]],
                                 seed001: tuple[str, list[Timex]]) -> None:
    for text, found in (seed000, seed001):
        assert found
        for t in found:
            assert text[t.span.start:t.span.end] == t.text
            assert t.text == t.text.strip()


# ---------------------------------------------------------------------------- weekdays


def test_weekday_in_past_tense_is_the_last_one() -> None:
    t = one("The minister resigned on Monday after the vote.", "Monday")
    assert (t.type, t.value) == ("DATE", "2022-02-14")


def test_weekday_in_future_tense_is_the_next_one() -> None:
    assert one("The two leaders will meet on Friday in Geneva.", "Friday").value == "2022-02-18"


def test_weekday_with_present_tense_schedule_is_ahead() -> None:
    assert one("The council meets Monday to discuss sanctions.", "Monday").value == "2022-02-21"


def test_weekday_naming_the_article_day_is_that_day() -> None:
    t = one("No confirmation was available as of Wednesday evening.", "Wednesday evening")
    assert t.value.startswith("2022-02-16")


def test_weekday_span_leaves_the_preposition_out() -> None:
    text = "The embassy said on Tuesday night that it saw no change."
    t = one(text, "Tuesday night")
    assert t.value.startswith("2022-02-15")
    assert text[t.span.start - 3:t.span.start] == "on "


def test_last_weekday() -> None:
    assert one("Rebels shelled the town last Friday.", "last Friday").value == "2022-02-11"


def test_weekday_modifying_a_noun_is_not_moved_by_a_future_verb() -> None:
    text = "Lawyers said they will appeal Tuesday's ruling."
    assert one(text, "Tuesday").value == "2022-02-15"


def test_deadline_after_by_is_ahead() -> None:
    assert one("He must leave the country by Friday.", "Friday").value == "2022-02-18"


def test_as_early_as_places_a_weekday_ahead_whatever_the_verb() -> None:
    text = "The envoy could reach the border as early as Monday, an aide said."
    assert one(text, "Monday").value == "2022-02-21"
    text = "The envoy could not be reached on Monday, an aide said."
    assert one(text, "Monday").value == "2022-02-14"


# ------------------------------------------------------------------------------ months


def test_last_month_name() -> None:
    assert one("The ceasefire collapsed last July.", "last July").value == "2021-07"


def test_month_and_day_without_year() -> None:
    t = one("The summit on December 7 ended without a deal.", "December 7", FRI)
    assert t.value == "2021-12-07"


def test_month_in_past_tense_is_behind() -> None:
    assert one("Elections were held in December.", "December").value == "2021-12"


def test_month_without_a_tense_is_behind() -> None:
    text = "He gave little detail beyond a column in May."
    assert one(text, "May", "2015-11-24").value == "2015-05"
    assert one("The March attacks shocked the city.", "March", "2016-06-28").value == (
        "2016-03")


def test_month_in_future_tense_is_ahead() -> None:
    assert one("Elections will be held in December.", "December").value == "2022-12"


def test_full_date_without_comma() -> None:
    assert one("The talks resumed on February 16 2022 in Minsk.",
               "February 16 2022").value == "2022-02-16"


def test_abbreviated_date_with_year() -> None:
    assert one("The pact was signed Aug. 7, 1998, in Nairobi.", "Aug. 7, 1998").value == \
        "1998-08-07"


def test_year_and_decade() -> None:
    assert one("The war began in 2014.", "2014").value == "2014"
    t = one("The region was calm in the 1990s.", "1990s")
    assert (t.type, t.value) == ("DATE", "199")


def test_season() -> None:
    assert one("Fighting flared last summer.", "last summer").value == "2021-SU"


def test_month_with_this_year() -> None:
    assert one("The process began in February this year.", "February this year",
               "2022-11-03").value == "2022-02"


def test_early_month_keeps_the_modifier() -> None:
    t = one("The vote was held in early March.", "early March", "2022-05-01")
    assert t.value == "2022-03"


# ---------------------------------------------------------------------------- relative


def test_this_week() -> None:
    assert one("This week the envoy flew to Moscow.", "This week", FRI).value == "2021-W50"


def test_today_yesterday_tomorrow() -> None:
    found = {t.text: t.value for t in timexes(
        "Troops left today, arrived yesterday and will return tomorrow.")}
    assert found == {"today": "2022-02-16", "yesterday": "2022-02-15",
                     "tomorrow": "2022-02-17"}


def test_last_year_and_last_week() -> None:
    assert one("Exports fell last year.", "last year").value == "2021"
    assert one("Talks stalled last week.", "last week").value == "2022-W06"


def test_weeks_ago() -> None:
    t = one("The drills began two weeks ago.", "two weeks ago")
    assert (t.type, t.value) == ("DATE", "2022-W05")


def test_feasts_that_move_with_easter() -> None:
    assert one("Pilgrims will gather at Easter.", "Easter", "2013-03-22").value == "2013-03-31"
    assert one("The truce was agreed on Good Friday.", "Good Friday",
               "2013-04-10").value == "2013-03-29"
    assert one("Holy Week began with processions.", "Holy Week",
               "2013-03-26").value == "2013-W13"
    assert one("The rebels struck on Easter Sunday 2019.", "Easter Sunday 2019").value == (
        "2019-04-21")


def test_idioms_and_current() -> None:
    assert timexes("For the opposition, high noon has arrived.") == []
    t = one("The current government fell.", "current")
    assert (t.type, t.value) == ("DATE", "PRESENT_REF")
    assert timexes("The current account deficit widened.") == []
    assert timexes("The boat drifted against the current.") == []


def test_references() -> None:
    assert one("The army is now on alert.", "now").value == "PRESENT_REF"
    assert one("Russia currently holds the initiative.", "currently").value == "PRESENT_REF"
    assert one("Peace seems far off in the distant future.", "the distant future").value == (
        "FUTURE_REF")


def test_recent_and_coming_stretches_are_vague_durations() -> None:
    # TimeML annotates "recent years" / "the coming days" as durations of unsaid length
    t = one("Tensions have risen in recent years.", "recent years")
    assert (t.type, t.value) == ("DURATION", "PXY")
    t = one("More troops may arrive in the coming days.", "coming days")
    assert (t.type, t.value) == ("DURATION", "PXD")


def test_the_next_day_is_anchored_on_the_previous_date() -> None:
    text = "The convoy reached Kyiv on March 3, 2021. The next day it turned back."
    t = one(text, "The next day")
    assert t.value == "2021-03-04"
    assert t.anchor == "2021-03-03"


def test_the_day_before_a_date_is_one_timex_counted_from_that_date() -> None:
    text = "The day before last Monday's hearing, the envoy met the rebels."
    found = timexes(text)
    assert [(t.text, t.value) for t in found] == [("The day before last Monday",
                                                    "2022-02-13")]


def test_the_day_before_an_undated_event_is_not_guessed() -> None:
    text = "On March 3 the envoy toured the camps, the day before flying home."
    assert [t.text for t in timexes(text)] == ["March 3"]
    text = "The envoy arrived on March 3. The rebels had left the day before."
    assert one(text, "the day before").value == "2022-03-02"
    text = "Troops massed the day before the 2014 referendum."
    assert [t.text for t in timexes(text)] == ["2014"]


def test_a_wire_dateline_just_before_publication_is_the_reference_day() -> None:
    text = "KYIV, March 3 (Wire) -- The army said today that the convoy had turned back."
    assert one(text, "today", "2022-03-04").value == "2022-03-03"
    # a dateline far from the publication date is a date like any other
    assert one(text, "today", "2022-03-20").value == "2022-03-20"


def test_that_day_after_a_month_is_a_day_of_that_month() -> None:
    text = ("The siege began on March 3. The last convoy left in early May, and the bridge "
            "was blown up that same day.")
    t = one(text, "that same day", "2022-06-10")
    assert t.value == "2022-05-XX"


def test_later_that_year_is_anchored_on_the_previous_year() -> None:
    text = "He fled in June 1998 and returned later that year."
    assert one(text, "later that year", "2000-01-28").value == "1998"


def test_earlier_this_month() -> None:
    t = one("The talks began earlier this month.", "this month")
    assert t.value == "2022-02"


def test_this_morning() -> None:
    t = one("The shelling started this morning.", "this morning")
    assert (t.type, t.value) == ("TIME", "2022-02-16TMO")


def test_quarters() -> None:
    assert one("Growth slowed in the first quarter of 2021.",
               "the first quarter of 2021").value == "2021-Q1"
    assert one("Profits fell last quarter.", "last quarter").value == "2021-Q4"


def test_quarter_still_ahead_is_last_years_in_narration() -> None:
    # written in March: the fourth quarter a bank reports on is last year's
    assert one("The bank reported a loss in the fourth quarter.", "the fourth quarter",
               "2013-03-22").value == "2012-Q4"
    assert one("Profits will recover in the fourth quarter.", "the fourth quarter",
               "2013-03-22").value == "2013-Q4"
    assert one("The firm's third-quarter profit rose.", "third-quarter",
               "2013-03-22").value == "2012-Q3"
    assert one("Sales fell in the second quarter of last year.",
               "the second quarter of last year", "2013-03-22").value == "2012-Q2"
    assert one("Sales fell in the last quarter of 2011.",
               "the last quarter of 2011", "2013-03-22").value == "2011-Q4"


def test_fiscal_year_has_its_own_value() -> None:
    t = one("Profit for fiscal 2012 fell by half.", "fiscal 2012")
    assert (t.type, t.value) == ("DATE", "FY2012")


def test_years_later_counts_from_the_year_last_mentioned() -> None:
    text = "He was elected in 2005 and re-elected four years later."
    assert one(text, "four years later", "2013-03-22").value == "2009"


def test_tense_reaches_through_an_adjective_and_a_noun() -> None:
    assert one("Elections are due in May.", "May", "2013-03-22").value == "2013-05"
    text = "Kyiv will send a delegation to the summit in April."
    assert one(text, "April", "2013-12-05").value == "2014-04"
    # a present verb says nothing about the time of the noun the date hangs on
    text = "The campaign does not want that, she said in an interview on Sunday."
    assert one(text, "Sunday", "2016-02-08").value == "2016-02-07"


def test_since_year_leaves_since_out() -> None:
    text = "Kyiv has fought separatists since 2014."
    t = one(text, "2014")
    assert t.value == "2014" and text[t.span.start - 6:t.span.start] == "since "


# --------------------------------------------------------------------------- durations


def test_durations() -> None:
    t = one("The fault line slept for more than seven decades.", "more than seven decades")
    assert (t.type, t.value) == ("DURATION", "P7DE")
    assert one("The siege lasted three years.", "three years").value == "P3Y"
    assert one("The drills will last two weeks.", "two weeks").value == "P2W"
    assert one("Talks dragged on for several months.", "several months").value == "PXM"
    assert one("After a five-hour meeting they left.", "five-hour").value == "PT5H"
    assert one("The meeting lasted half an hour.", "half an hour").value == "PT30M"
    assert one("It ended a decades-long feud.", "decades-long").value == "PXY"


def test_hours_later_is_a_stretch_not_a_day() -> None:
    t = one("Just over an hour later, the guards fired.", "over an hour")
    assert (t.type, t.value) == ("DURATION", "PT1H")
    text = "The envoy arrived on March 3. Two days later he left."
    assert one(text, "Two days later").value == "2022-03-05"


def test_the_years_after_an_event_are_a_vague_duration() -> None:
    t = one("In the years that followed, the rebels regrouped.", "years")
    assert (t.type, t.value) == ("DURATION", "PXY")
    assert one("Prices have doubled in the months since the war began.",
               "months").value == "PXM"


def test_age_is_not_a_duration() -> None:
    assert timexes("A 6-year-old boy was rescued by the coast guard.") == []


# -------------------------------------------------------------------------------- sets


def test_recurring_weekdays_months_and_every_other() -> None:
    t = one("The market is closed on Sundays.", "Sundays")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-7")
    assert one("Rates are reviewed each January.", "each January").value == "XXXX-01"
    assert one("The paper appears every other day.", "every other day").value == "P2D"


def test_sets() -> None:
    t = one("The alliance holds the exercise every year.", "every year")
    assert (t.type, t.value) == ("SET", "P1Y")
    assert one("The ministers meet weekly.", "weekly").value == "P1W"
    assert one("Inspectors visit the plant each month.", "each month").value == "P1M"


# ------------------------------------------------------------------------------- times


def test_clock_times() -> None:
    t = one("The statement came at 2.30 pm local time.", "2.30 pm local time")
    assert (t.type, t.value) == ("TIME", "2022-02-16T14:30")
    assert one("The curfew starts at midnight.", "midnight").value == "2022-02-16T24:00"
    assert one("They met at noon on Monday.", "noon").value == "2022-02-14T12:00"


def test_wire_clock_times() -> None:
    t = one("The ceasefire began at 0900 GMT.", "0900 GMT")
    assert (t.type, t.value) == ("TIME", "2022-02-16T09:00")
    assert one("The blast came at 7:45 in the morning.",
               "7:45 in the morning").value == "2022-02-16T07:45"
    assert one("In 1998 the border moved.", "1998").value == "1998"


def test_clock_with_weekday() -> None:
    t = one("The deadline expires at 9 a.m. Thursday.", "9 a.m. Thursday")
    assert t.value == "2022-02-17T09:00"


# ------------------------------------------------------------------ no publication date


def test_without_a_date_values_stay_underspecified() -> None:
    found = {t.text: t.value for t in timexes(
        "The deal signed last July failed on Tuesday, and yesterday this week ended.", None)}
    assert found["last July"] == "XXXX-07"
    assert found["Tuesday"] == "XXXX-WXX-2"
    assert found["yesterday"] == "PAST_REF"
    assert found["this week"] == "PRESENT_REF"


# -------------------------------------------------------------------------- false alarms


def test_numbers_and_names_are_not_dates() -> None:
    text = ("Moscow sent 2000 troops. Jan Kavan said he may go. "
            "Thousands joined the March for Peace.")
    assert timexes(text) == []


def test_an_infinitive_of_a_same_time_verb_is_not_ahead() -> None:
    text = "The scandal forced the chair to resign on Sunday."
    assert one(text, "Sunday", "2016-07-25").value == "2016-07-24"
    text = "The leaders agreed to meet on Sunday."
    assert one(text, "Sunday", "2016-07-25").value == "2016-07-31"


def test_the_last_year_is_the_stretch_up_to_now() -> None:
    t = one("He has spent the last year courting donors.", "the last year")
    assert (t.type, t.value) == ("DURATION", "P1Y")
    assert one("Exports fell last year.", "last year").value == "2021"


def test_the_last_week_of_something_is_its_final_week_not_last_week() -> None:
    assert timexes("Romney campaigned hard in the last week of the race.") == []
    assert one("Talks stalled last week.", "last week").value == "2022-W06"


def test_conditional_and_temporal_clauses_bend_the_tense() -> None:
    text = "He would be in charge if he wins in November."
    assert one(text, "November", "2016-05-16").value == "2016-11"
    text = "Ties would suffer if he won the election on Nov. 8."
    assert one(text, "Nov. 8", "2016-05-16").value == "2016-11-08"


def test_that_month_after_a_month_and_ordinal_weekdays() -> None:
    text = "In August she flew to New York. At a conference that month she spoke."
    assert one(text, "that month", "2016-01-20").value == "2015-08"
    assert timexes("One Sunday in late 2001 she wavered.", "2016-01-20")[0].text == (
        "late 2001")
    assert [t.text for t in timexes("The board met on the last Friday in August.")] == [
        "August"]
    assert timexes("USA TODAY reported the poll.") == []


def test_a_future_verb_beyond_because_of_says_nothing_about_the_event() -> None:
    text = "They will vote for him because of the killing in Chicago on Friday."
    assert one(text, "Friday", "2016-08-28").value == "2016-08-26"


def test_a_second_weekday_in_a_pair_is_placed_as_the_first() -> None:
    found = {t.text: t.value for t in timexes(
        "A decision may be announced as soon as Tuesday or Wednesday.", "2015-11-24")}
    assert found == {"Tuesday": "2015-11-24", "Wednesday": "2015-11-25"}


def test_a_capitalized_reference_inside_a_name_is_not_one() -> None:
    assert timexes("Leaders of the Future Movement met in Beirut.") == []
    assert one("The future looks bleak.", "The future").value == "FUTURE_REF"


def test_a_show_named_after_a_time_is_not_one() -> None:
    found = [t.text for t in timexes("Speaking to CBS This Morning on Monday, he smiled.")]
    assert found == ["Monday"]
    assert one("This morning the army moved.", "This morning").value == "2022-02-16TMO"


def test_weekday_inside_a_name_is_not_a_date() -> None:
    assert timexes("The Sunday Times reported the deal.") == []
    assert one("Microsoft said Monday it would cut jobs.", "Monday").value == "2022-02-14"


def test_bad_publication_date_is_a_recorded_failure() -> None:
    ann = annotate_text("It happened on Monday.", published="not-a-date", stages=["time"])
    assert ann.failures and ann.failures[0].stage == "time"
    assert "not-a-date" in ann.failures[0].reason


def test_broken_lexicon_is_refused(tmp_path: Path) -> None:
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    raw["months"]["january"] = 13
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="january"):
        load_lexicon(bad)
    del raw["sets"]
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="sets"):
        load_lexicon(bad)


def test_packaged_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.months["sept"] == 9 and lex.weekdays["thurs"] == 4
    assert lex.units["decade"][0] == "DE"


def test_halves_and_second_day_of_a_range() -> None:
    assert one("Sales rose in the second half of 2021.",
               "the second half of 2021").value == "2021-H2"
    found = {t.text: t.value for t in timexes("The summit is set for April 24 and 25.")}
    assert found == {"April 24": "2022-04-24", "25": "2022-04-25"}


def test_the_weekend_in_past_narration() -> None:
    t = one("The talks collapsed over the weekend.", "the weekend", "2022-02-14")
    assert t.value == "2022-W06-WE"


def test_month_followed_by_day_is_one_date() -> None:
    text = "He was shot last Oct. 23 at his home."
    assert one(text, "Oct. 23", "1999-04-19").value == "1998-10-23"


def test_ranges_name_both_ends() -> None:
    found = [(t.text, t.value) for t in timexes("He ruled the province in 2001-2005.")]
    assert found == [("2001", "2001"), ("2005", "2005")]
    found = [(t.text, t.value) for t in timexes("The fair ran March 3-5.", "2013-03-22")]
    assert found == [("March 3", "2013-03-03"), ("5", "2013-03-05")]
    assert timexes("Call 555-2005 for details.") == []


def test_frequencies_and_fractions() -> None:
    t = one("The patrols pass three times a day.", "three times a day")
    assert (t.type, t.value) == ("SET", "P1D")
    # a rate per unit recurs every unit: TimeML SET (the AQUAINT gold has it both ways)
    t = one("Managers earned $60,000 a year at the bank.", "a year")
    assert (t.type, t.value) == ("SET", "P1Y")
    assert timexes("Families should save a quarter of the cost.") == []


def test_counts_and_addresses_are_not_years() -> None:
    assert timexes("Police detained 1500 protesters outside the embassy.") == []
    assert one("The treaty of 1648 ended the war.", "1648").value == "1648"


def test_a_planned_weekday_is_the_nearer_one() -> None:
    # written on a Friday: the march planned "on Saturday" is tomorrow, not six days ago
    assert one("Protesters planned a march downtown on Saturday.", "Saturday",
               FRI).value == "2021-12-18"
    # written on a Wednesday: a session scheduled for Monday was two days ago
    assert one("The council has scheduled a special session Monday.", "Monday",
               WED).value == "2022-02-14"
    # a vote put off to a weekday is the nearer one (written on a Wednesday: tomorrow)
    assert one("The vote, first set for Monday, was postponed to Thursday.", "Thursday",
               WED).value == "2022-02-17"
    # put before the plan verb, the date is when the plan was made: behind
    assert one("On Friday, the ministry planned to open two more crossings.", "Friday",
               WED).value == "2022-02-11"


def test_an_infinitive_of_purpose_under_a_past_verb_is_past() -> None:
    sat = "2021-12-18"
    t = one("The government staged a parade to mark the new treaty on Friday.", "Friday", sat)
    assert t.value == "2021-12-17"


def test_an_infinitive_after_a_past_plan_verb_still_looks_ahead() -> None:
    t = one("The minister vowed to resign on Friday.", "Friday", WED)
    assert t.value == "2022-02-18"


def test_looks_ahead_must_be_a_list_of_lemmas(tmp_path: Path) -> None:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    data["looks_ahead"] = "plan"
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    load_lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError, match="looks_ahead"):
            load_lexicon(path)
    finally:
        load_lexicon.cache_clear()


# ------------------------------------------------- fractions, rates, parts of nearby days


def test_a_half_joins_the_number_or_the_unit() -> None:
    assert one("The crossing took an hour and a half.", "an hour and a half").value == "PT1H30M"
    assert one("She served two and a half years as envoy.",
               "two and a half years").value == "P2Y6M"
    assert one("The standoff lasted a year and a half.", "a year and a half").value == "P1Y6M"
    assert one("The embargo lasted 3 1/2 days.", "3 1/2 days").value == "P3DT12H"


def test_half_a_century_is_counted_in_years() -> None:
    t = one("The border dispute has simmered for half a century.", "half a century")
    assert (t.type, t.value) == ("DURATION", "P50Y")
    assert one("The grid went dark for half a day.", "half a day").value == "PT12H"


def test_a_unit_after_a_quantity_is_a_rate() -> None:
    t = one("The pipeline carries 40,000 barrels a day to the coast.", "a day")
    assert (t.type, t.value) == ("SET", "P1D")
    assert one("Food prices climbed 9 percent a year.", "a year").type == "SET"
    t = one("Tolls rose to $12 per week.", "per week")
    assert (t.type, t.value) == ("SET", "P1W")


def test_a_unit_after_a_verb_or_before_after_is_a_duration() -> None:
    assert one("The truce lasted a week.", "a week").type == "DURATION"
    assert one("The port reopened a week after the storm.", "a week").type == "DURATION"
    assert one("Repairs could take as long as a month or two.", "a month").type == "DURATION"


def test_each_of_the_last_years_recurs() -> None:
    t = one("Flooding has closed the road in each of the past four years.", "past four years")
    assert (t.type, t.value) == ("SET", "P1Y")


def test_a_newspaper_named_daily_is_no_set() -> None:
    assert [t.text for t in timexes("The state daily Tishreen printed the decree.")] == []
    t = one("The ministry briefs reporters daily.", "daily")
    assert (t.type, t.value) == ("SET", "P1D")


def test_last_night_and_yesterday_morning_are_times_of_that_day() -> None:
    t = one("Rockets hit the airport last night.", "last night")
    assert (t.type, t.value) == ("TIME", "2022-02-15TNI")
    t = one("The convoy crossed the bridge yesterday morning.", "yesterday morning")
    assert (t.type, t.value) == ("TIME", "2022-02-15TMO")
    t = one("The envoy will land tomorrow evening.", "tomorrow evening")
    assert (t.type, t.value) == ("TIME", "2022-02-17TEV")


def test_a_clock_time_takes_the_day_of_last_night() -> None:
    t = one("Sirens sounded last night at 11 p.m. across the city.", "11 p.m.")
    assert t.value == "2022-02-15T23:00"


def test_present_tense_schedule_is_ahead() -> None:
    assert one("The runoff is scheduled for Sunday.", "Sunday").value == "2022-02-20"
    # a past plan may lie on either side: the nearer day
    assert one("Rebels planned a march on Thursday.", "Thursday").value == "2022-02-17"


def test_clock_with_a_far_time_zone() -> None:
    t = one("The market opened at 0930 HKT with losses.", "0930 HKT")
    assert (t.type, t.value) == ("TIME", "2022-02-16T09:30")
    assert [t.type for t in timexes("Updated 1845 HKT.")] == ["TIME"]


def test_a_holiday_days_ahead_is_this_years_even_in_past_narration() -> None:
    # written two days before Christmas: "the Sunday before Christmas" is this Christmas
    text = "The concert was held the Sunday before Christmas."
    assert one(text, "Christmas", "2019-12-23").value == "2019-12-25"
    # months away, the past tense still picks last year's
    assert one("Shops were shut on Christmas.", "Christmas", "2020-03-10").value == "2019-12-25"


def test_an_infinitive_under_a_noun_in_a_past_clause_is_the_nearer_day() -> None:
    t = one("She was the first to raise the issue on Monday night.", "Monday night")
    assert t.value.startswith("2022-02-14")


def test_a_gerund_takes_the_time_of_its_verb() -> None:
    text = "Aides expect him to keep touring the provinces in June."
    assert one(text, "June", "2016-04-21").value == "2016-06"


def test_a_march_named_after_a_place_is_no_month() -> None:
    assert [t.text for t in timexes("Veterans recalled the March on Selma in 1965.")] == ["1965"]
    assert one("Hearings resume in March on the budget.", "March").value == "2022-03"


def test_over_the_next_unit_is_a_stretch() -> None:
    t = one("Costs will climb over the next decade.", "next decade")
    assert (t.type, t.value) == ("DURATION", "P1DE")
    t = one("The envoy will stay for the next week.", "the next week")
    assert (t.type, t.value) == ("DURATION", "P1W")
    # without such a preposition it is the unit itself
    assert one("Next year, the tax doubles.", "Next year").value == "2023"
    assert one("The next week, the envoy flew home.", "The next week").type == "DATE"


def test_units_from_now_are_ahead() -> None:
    t = one("The pipeline opens three weeks from now.", "three weeks from now")
    assert (t.type, t.value) == ("DATE", "2022-W10")
    assert one("Decades from now, historians will judge.", "Decades from now").value == (
        "FUTURE_REF")


def test_a_month_named_after_another_follows_it() -> None:
    text = "Most of the airtime was booked for December and January."
    found = {t.text: t.value for t in timexes(text, "2015-11-27")}
    assert found == {"December": "2015-12", "January": "2016-01"}
    found = {t.text: t.value for t in timexes("The ski season ran from November to March.",
                                              "2016-06-01")}
    assert found == {"November": "2015-11", "March": "2016-03"}


def test_half_of_something_else_is_no_date() -> None:
    assert timexes("The second half of the match was dull.") == []
    assert one("Exports grew in the second half of 2012.",
               "the second half of 2012").value == "2012-H2"


def test_hyphenated_and_a_half() -> None:
    t = one("Farmers suffered over the past three-and-a-half years.",
            "past three-and-a-half years")
    assert (t.type, t.value) == ("DURATION", "P3Y6M")


def test_a_date_naming_a_scheduled_event_is_ahead_unless_told_in_the_past() -> None:
    mon = "2016-02-08"  # a Monday
    assert one("She thinks she can carry the state's Tuesday primary.", "Tuesday",
               mon).value == "2016-02-09"
    assert one("She carried Tuesday's primary easily.", "Tuesday", mon).value == "2016-02-02"
    # a result, not an event held on a date: behind, as before
    assert one("Lawyers will appeal Wednesday's ruling.", "Wednesday", mon).value == (
        "2016-02-03")
    assert one("She faces a tough rival in November's general election.", "November",
               "2016-06-28").value == "2016-11"
    assert one("Candidates are touring the state ahead of its contest on Saturday.",
               "Saturday", "2016-03-04").value == "2016-03-05"


def test_a_weekday_with_parts_of_day_in_the_plural_recurs() -> None:
    t = one("The network airs debates on Saturday nights.", "Saturday nights")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-6TNI")


def test_a_purpose_infinitive_of_a_past_perfect_is_behind() -> None:
    text = "Villagers had walked for hours to cast their votes on Sunday."
    assert one(text, "Sunday", "2015-11-10").value == "2015-11-08"
    assert one("The envoy plans to fly to Cairo on Sunday.", "Sunday",
               "2015-11-10").value == "2015-11-15"


def test_a_quarter_or_half_of_the_year_is_placed_by_the_tense() -> None:
    jan = "2016-01-04"
    assert one("The fund raised $9 million in the third quarter of the year.",
               "the third quarter of the year", jan).value == "2015-Q3"
    assert one("Output will recover in the third quarter of the year.",
               "the third quarter of the year", jan).value == "2016-Q3"
    assert one("Gifts slumped in the second half of the year.",
               "the second half of the year", jan).value == "2015-H2"


def test_the_last_quarter_is_the_one_before() -> None:
    t = one("Orders fell in the last quarter.", "the last quarter", "2016-01-04")
    assert (t.type, t.value) == ("DATE", "2015-Q4")


def test_a_century_in_a_name_is_no_date() -> None:
    assert timexes("Shares of 21st Century Fox rose.") == []
    assert one("Wars shaped the 20th century.", "the 20th century").value == "19"


def test_a_weekdays_event_is_the_nearer_one_whatever_the_clause() -> None:
    fri = "2016-02-12"
    assert one("To grasp what Thursday night's debate meant, read the polls.",
               "Thursday night", fri).value.startswith("2016-02-11")
    assert one("The campaigns are bracing for Saturday's caucus.", "Saturday",
               fri).value == "2016-02-13"
    # "has been" with an -ing verb has begun before now
    assert one("The army has been shelling the town since Monday.", "Monday",
               fri).value == "2016-02-08"


def test_a_weekday_keeps_its_part_of_the_day() -> None:
    # TimeML's part-of-day codes; the type stays DATE since no clock time is given
    for text, phrase, value in (
            ("Crowds marched through the capital on Sunday night.", "Sunday night",
             "2022-02-13TNI"),
            ("The pact was initialled early Monday morning.", "early Monday morning",
             "2022-02-14TMO"),
            ("Talks broke up on Tuesday afternoon.", "Tuesday afternoon", "2022-02-15TAF"),
            ("Ministers will meet on Thursday evening.", "Thursday evening",
             "2022-02-17TEV")):
        t = one(text, phrase)
        assert (t.type, t.value) == ("DATE", value)


def test_a_clock_time_after_a_weekday_night_takes_its_day() -> None:
    t = one("The shelling began on Monday night at 11 p.m. near the port.", "11 p.m.")
    assert t.value == "2022-02-14T23:00"


def test_weekday_parts_of_day_must_be_parts_of_day(tmp_path: Path) -> None:
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    raw["weekday_parts_of_day"] = ["night", "teatime"]
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="teatime"):
        load_lexicon.__wrapped__(bad)


def test_a_clock_time_takes_the_day_of_a_time_before_it() -> None:
    text = "The first shell fell at 5 a.m. Monday. Sirens sounded again at 9:40 a.m."
    assert one(text, "9:40 a.m.").value == "2022-02-14T09:40"


def test_a_clock_time_with_no_date_before_takes_the_day_later_in_its_sentence() -> None:
    text = "The convoy left at 4 a.m., the ministry said Monday."
    assert one(text, "4 a.m.").value == "2022-02-14T04:00"
    # a date in the next sentence is not its day
    text = "The convoy left at 4 a.m. The ministry spoke on Monday."
    assert one(text, "4 a.m.").value == "2022-02-16T04:00"


def test_noon_takes_its_time_zone_and_day() -> None:
    t = one("The truce began at noon local time on Tuesday.", "noon local time")
    assert (t.type, t.value) == ("TIME", "2022-02-15T12:00")


def test_super_tuesday_is_the_first_tuesday_in_march() -> None:
    t = one("She swept the South on Super Tuesday.", "Super Tuesday", "2016-03-04")
    assert t.value == "2016-03-01"


def test_a_two_digit_decade_is_the_last_such_decade() -> None:
    assert one("He was elected in the '90s.", "'90s", "2013-03-22").value == "199"
    assert one("The boom of the '00s faded.", "'00s", "2013-03-22").value == "200"
    assert one("Music of the '60s returned.", "'60s", "1998-05-01").value == "196"


def test_a_numeric_date_written_day_first() -> None:
    assert one("The order dated 21/04/2019 was annulled.", "21/04/2019").value == "2019-04-21"
    assert one("The order dated 4/21/2019 was annulled.", "4/21/2019").value == "2019-04-21"


def test_each_season_recurs() -> None:
    t = one("Every winter, the pass closes for weeks.", "Every winter")
    assert (t.type, t.value) == ("SET", "XXXX-WI")


def test_this_weekend_told_in_the_past_is_the_one_just_gone() -> None:
    mon = "2022-02-14"  # ISO week 7; the weekend before it is in week 6
    assert one("The two sides met this weekend in Vienna.", "this weekend",
               mon).value == "2022-W06-WE"
    assert one("The two sides will meet this weekend in Vienna.", "this weekend",
               mon).value == "2022-W07-WE"


def test_weekends_recur() -> None:
    t = one("The border post is shut on weekends.", "weekends")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-WE")


def test_tonight_is_this_night() -> None:
    t = one("The curfew starts tonight in the capital.", "tonight")
    assert (t.type, t.value) == ("TIME", "2022-02-16TNI")
    assert one("The curfew starts tonight at 10 p.m.", "10 p.m.").value == "2022-02-16T22:00"


def test_named_days_of_the_calendar() -> None:
    t = one("Fireworks lit the harbour on the Fourth of July.", "Fourth of July", "2021-07-06")
    assert t.value == "2021-07-04"
    assert one("Unions marched on May Day.", "May Day", "2021-05-03").value == "2021-05-01"
    # a holiday's name is capitalized: the modal and the noun are no date
    assert timexes("Prices may day by day climb higher.") == []


def test_an_infinitive_at_the_time_of_its_past_clause() -> None:
    # a raising verb or an adjective like "quick" puts the infinitive at its own time
    assert one("The army seemed to retreat on Monday.", "Monday").value == "2022-02-14"
    assert one("The ministry was quick to deny the report on Monday.", "Monday").value == (
        "2022-02-14")
    assert one("She was bold enough to say so in public in May.", "May",
               "2016-01-20").value == "2015-05"
    # "ready" still looks ahead
    assert one("The envoy was ready to sign the deal on Friday.", "Friday").value == (
        "2022-02-18")
    # a past plan verb over the infinitive: the nearer one (written on a Wednesday)
    assert one("The mayor was planning to hold a rally on Tuesday.", "Tuesday").value == (
        "2022-02-15")


def test_a_past_tense_date_ten_months_back_stays_behind() -> None:
    t = one("The leak came from a memo she wrote on January 23.", "January 23", "2015-11-25")
    assert t.value == "2015-01-23"
    # a deadline with no tense to place it is the nearer one ahead
    t = one("Both camps face the January 23 deadline.", "January 23", "2015-11-25")
    assert t.value == "2016-01-23"


def test_a_stretch_before_a_rate_is_one_recurrence() -> None:
    t = one("The clinic is guarded 24 hours a day.", "24 hours a day")
    assert (t.type, t.value) == ("SET", "P1D")
    t = one("Volunteers teach four days a week.", "four days a week")
    assert (t.type, t.value) == ("SET", "P1W")
    assert [x.text for x in timexes("Volunteers teach four days a week.")] == ["four days a week"]


def test_a_year_earlier_keeps_the_precision_of_its_date() -> None:
    text = "Exports fell 4 percent in January from a year earlier."
    assert one(text, "a year earlier", "2013-03-22").value == "2012-01"
    text = "Profit doubled in the second quarter from a year earlier."
    assert one(text, "a year earlier", "2013-08-02").value == "2012-Q2"
    text = "The mine shut in 2009. Two years later it reopened."
    assert one(text, "Two years later", "2013-08-02").value == "2011"


def test_a_past_clock_time_does_not_take_a_deadline_ahead() -> None:
    text = "Banks must reopen by Monday. The minister spoke to reporters at 11 a.m."
    assert one(text, "11 a.m.").value == "2022-02-16T11:00"
    text = "The ministers met on Monday. They will speak again at 11 a.m."
    assert one(text, "11 a.m.").value == "2022-02-16T11:00"


def test_a_dotted_month_glued_to_its_day() -> None:
    assert one("The poll ran from Jan. 27 to Feb.1 in Ohio.", "Feb.1", "2016-02-03").value == (
        "2016-02-01")
    assert timexes("He was ranked No.1 for years.")[0].text == "years"


def test_a_date_between_a_reporting_verb_and_its_clause_dates_the_saying() -> None:
    # with no "that", the parser hangs "on Tuesday" on the reported clause's verb
    assert one("The ministry said on Tuesday it would respond within days.", "Tuesday").value == (
        "2022-02-15")
    assert one("Officials said on Monday they would hold talks.", "Monday").value == (
        "2022-02-14")
    # inside the reported clause it is that clause's date
    assert one("Officials said they would hold talks on Monday.", "Monday").value == (
        "2022-02-21")


def test_by_before_a_date_in_a_past_clause_is_behind() -> None:
    mon = "2016-09-19"
    assert one("By 9 a.m. Sunday, the hotline was ringing.", "9 a.m. Sunday",
               mon).value == "2016-09-18T09:00"
    assert one("The envoy must leave by Friday.", "Friday", mon).value == "2016-09-23"


def test_a_holiday_naming_things_is_no_date() -> None:
    assert timexes("Growers shipped Christmas trees to the coast.") == []
    assert one("The Christmas holidays begin soon.", "Christmas", "2016-12-01").value == (
        "2016-12-25")


def test_a_holiday_inside_a_place_name_is_no_date() -> None:
    assert timexes("The statues of Easter Island drew scientists.") == []


def test_the_end_of_the_year_told_in_the_past_early_in_the_year_is_last_years() -> None:
    mar = "2013-03-20"
    assert one("By the end of the year, the army had withdrawn.", "the end of the year",
               mar).value == "2012"
    assert one("The army will withdraw by the end of the year.", "the end of the year",
               mar).value == "2013"
    assert one("By the end of the year, the army had withdrawn.", "the end of the year",
               "2013-12-29").value == "2013"


def test_the_first_day_of_a_range_is_not_after_its_last() -> None:
    text = "Break-ins from January 3 to September 20: 312."
    assert one(text, "January 3", "2016-10-02").value == "2016-01-03"
    assert one(text, "September 20", "2016-10-02").value == "2016-09-20"


def test_bare_plural_stretches() -> None:
    for text, phrase, value in (
            ("The port has changed over the years.", "years", "PXY"),
            ("Rebuilding the bridge took months.", "months", "PXM"),
            ("Within minutes, the square emptied.", "minutes", "PTXM")):
        t = one(text, phrase)
        assert (t.type, t.value) == ("DURATION", value)


def test_this_winter_in_march_is_the_winter_now_ending() -> None:
    # TimeML names a winter by the year it begins in (December)
    assert one("Smog has choked the capital this winter.", "this winter",
               "2013-03-21").value == "2012-WI"
    assert one("Smog may choke the capital this winter.", "this winter",
               "2013-10-21").value == "2013-WI"


def test_moments_of_the_day_after_a_preposition() -> None:
    t = one("The patrol set out at dawn.", "dawn")  # WED, a past clause: that morning
    assert (t.type, t.value) == ("TIME", "2022-02-16TMO")
    assert one("The town must be cleared by nightfall.", "nightfall").value == "2022-02-16TEV"
    assert one("Guards withdrew at dusk Monday.", "dusk Monday").value == "2022-02-14TEV"
    for text in ("Police carried out a pre-dawn raid on the camp.",
                 "Leaders hailed the dawn of a new era.",
                 "The guns fell silent as dawn broke."):
        assert not [x for x in timexes(text) if "dawn" in x.text], text


def test_a_bare_day_of_the_month() -> None:
    # the month of the last date named, else the publication month on the tense's side
    assert one("The truce agreed on March 2 broke down on the 9th.", "the 9th").value == (
        "2022-03-09")
    assert one("The columns crossed the border on the 20th.", "the 20th").value == "2022-01-20"
    assert one("The envoy will arrive on the 3rd.", "the 3rd").value == "2022-03-03"
    assert one("Polls close on the 18th, officials said.", "the 18th").value == "2022-02-18"
    for text in ("He served in the 24th Infantry Division.", "Talks resume on the 4th floor."):
        assert not timexes(text), text


def test_the_article_of_a_singular_long_adjective_is_the_nouns() -> None:
    t = one("A week-long blackout left the city cold.", "week-long")
    assert (t.type, t.value) == ("DURATION", "P1W")
    assert one("He gave an hour-long speech.", "hour-long").value == "PT1H"
    assert one("The siege lasted a week.", "a week").value == "P1W"


def test_an_ordinal_week_of_a_month() -> None:
    t = one("Reinforcements came in the first week of February.", "the first week of February")
    assert (t.type, t.value) == ("DATE", "2022-W05")  # February 1, 2022 is in ISO week 5
    assert one("Talks are due in the last week of March 2023.",
               "the last week of March 2023").value == "2023-W13"


# ------------------------------------------------------- fresh wire text (tfresh, session 5)


def test_a_day_set_for_by_a_past_verb_lies_ahead() -> None:
    # WED is 2022-02-16: "was set for Monday" is the coming Monday, not the one gone
    assert one("The ruling was set for Monday.", "Monday", WED).value == "2022-02-21"
    assert one("The union called a strike for Tuesday.", "Tuesday", WED).value == "2022-02-22"


def test_a_day_set_for_by_a_participle_takes_its_clause_time() -> None:
    sun = "2021-12-19"
    t = one("A concert planned for Saturday was cancelled after threats.", "Saturday", sun)
    assert t.value == "2021-12-18"


def test_the_quarter_is_the_reporting_quarter_in_view() -> None:
    feb = "2013-02-05"
    found = timexes("Net income was $2 billion in the quarter, against $1.5 billion in the "
                    "year-ago quarter and $1.8 billion in the previous quarter.", feb)
    assert [(t.text, t.value) for t in found] == [
        ("the quarter", "2012-Q4"), ("the year-ago quarter", "2011-Q4"),
        ("the previous quarter", "2012-Q3")]
    # a named quarter is the one in view
    assert one("Third-quarter sales fell. In the quarter, it shut two plants.", "the quarter",
               feb).value == "2012-Q3"


def test_the_quarter_of_a_town_is_no_date() -> None:
    assert timexes("Militiamen sealed off the quarter after the bombing.") == []


def test_a_group_named_after_a_day_is_no_date() -> None:
    assert timexes("Members of the May 20 Youth Movement rallied.") == []
    # an event on that day is still a date
    assert one("The May 20 rally drew thousands.", "May 20").value == "2022-05-20"
