"""Dates resolved against the publication date (extract/dates.py)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from borderledger.extract.dates import find_dates

PUB = "2024-10-18"  # a Friday


def value(text, pub=PUB):
    ds = [d for d in find_dates(text, pub) if d.value]
    assert ds, text
    return ds[0].value


def test_full_date_with_year():
    assert value("The flight left on Sept. 3, 2023 at dawn.") == "2023-09-03"


def test_day_month_year_order():
    assert value("Geneva, 4 March 2024 - the agency said") == "2024-03-04"


def test_month_without_year_is_the_latest_past_one():
    assert value("The deal was signed in November.") == "2023-11"
    assert value("The deal was signed in August.") == "2024-08"


def test_last_thursday_resolves_to_previous_week():
    assert value("They landed last Thursday.") == "2024-10-17"


def test_same_weekday_means_publication_day():
    assert value("On Friday, lawyers filed a petition.") == "2024-10-18"


def test_last_same_weekday_is_a_week_earlier():
    assert value("They arrived last Friday.") == "2024-10-11"


def test_yesterday():
    assert value("The ministry said yesterday that it agreed.") == "2024-10-17"


def test_last_week_has_month_precision():
    assert value("Two planes landed last week.") == "2024-10"


def test_next_week_has_month_precision():
    assert value("A flight is due next week.", "2024-10-29") == "2024-11"


def test_earlier_this_month():
    assert value("Earlier this month the court ruled.") == "2024-10"


def test_season_gives_the_year():
    assert value("Patrols doubled this spring.") == "2024"


def test_since_marks_a_start():
    ds = find_dates("They have been held since Monday.", PUB)
    assert ds[0].kind == "since" and ds[0].value == "2024-10-14"


def test_as_of_is_marked():
    ds = find_dates("The count stood at 40 as of Tuesday.", PUB)
    assert ds[0].kind == "asof"


def test_period_totals_are_undated():
    ds = find_dates("Since the beginning of the year, 900 people were returned.", PUB)
    assert ds[0].kind == "period" and ds[0].value is None


def test_next_day_follows_an_anchor():
    ds = find_dates("The judge ruled on June 2 and the government appealed the next day.", PUB)
    assert [d.value for d in ds] == ["2024-06-02", "2024-06-03"]


def test_dateparser_handles_days_ago():
    assert value("Officials said three days ago that it was over.") == "2024-10-15"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_find_dates_never_crashes_and_offsets_are_valid(text, pub):
    for d in find_dates(text, pub.isoformat()):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        if d.value:
            assert len(d.value) in (4, 7, 10)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekday_is_never_after_publication(pub, wd):
    got = find_dates(f"It happened on {wd}.", pub.isoformat())[0].value
    d = dt.date.fromisoformat(got)
    assert pub - dt.timedelta(days=6) <= d <= pub
