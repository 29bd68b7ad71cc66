"""Date lines and metadata dates to ISO 8601."""

from __future__ import annotations

import pytest

from faultline.ingest.dates import DateBudget, match_date, match_date_line, parse_published


@pytest.mark.parametrize("line, iso", [
    ("December 17, 2021", "2021-12-17"),
    ("30 January 2022", "2022-01-30"),
    ("2022-02-16", "2022-02-16"),
    ("Sept. 3, 2021", "2021-09-03"),
    ("Friday 17th of December 2021", "2021-12-17"),
    ("Published: 17 Dec 2021 | 5 min read", "2021-12-17"),
    ("Updated 16 February 2022, 14:05 GMT", "2022-02-16T14:05:00+00:00"),
    ("Feb 16, 2022 at 2:30 pm", "2022-02-16T14:30:00"),
    ("17.12.2021", "2021-12-17"),
    ("12/17/2021", "2021-12-17"),
    ("2022-02-16T14:30:00Z", "2022-02-16T14:30:00+00:00"),
])
def test_date_lines(line, iso):
    assert match_date(line) == iso


@pytest.mark.parametrize("line", [
    "Julia Ioffe", "May 2022", "February 30, 2022", "In 2022 troops moved.", "2.30 pm",
    "Russia said on December 17, 2021 that it wanted guarantees.",
])
def test_not_date_lines(line):
    assert match_date(line) is None


def test_place_before_a_signature_date():
    assert match_date_line("Moscow, 30 January 2022", allow_place=True) == "2022-01-30"
    assert match_date_line("Moscow, 30 January 2022") is None


def test_dateparser_fallback_is_budgeted():
    budget = DateBudget(left=1)
    assert match_date_line("the 5th day of March, 2022", budget) == "2022-03-05"
    assert budget.left == 0
    assert match_date_line("the 6th day of March, 2022", budget) is None


@pytest.mark.parametrize("value, iso", [
    ("2022-02-16", "2022-02-16"),
    ("2022-02-16T09:40:00+02:00", "2022-02-16T09:40:00+02:00"),
    ("2022-02-16 09:40", "2022-02-16T09:40:00"),
    ("16 Feb 2022", "2022-02-16"),
    ("Feb 16th, 2022 3pm", "2022-02-16T15:00:00"),
    ("yesterday", None),
    ("not a date", None),
    ("", None),
])
def test_parse_published(value, iso):
    assert parse_published(value) == iso


def test_date_followed_by_an_update_note():
    assert match_date("Feb 15, 2022 | Updated Feb 16, 2022") == "2022-02-15"
    assert match_date("15 February 2022, last updated 3 hours ago") == "2022-02-15"
    assert match_date("December 17, 2021 was a turning point.") is None
