"""Quantities: digits, number words, hedges, caps and vague amounts (extract/quantities.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from borderledger.extract.quantities import (
    find_money, find_quantities, force_quantities, people_quantities, words_to_int,
)


def first(text):
    qs = people_quantities(text)
    assert qs, text
    return qs[0].value, qs[0].kind


def test_plain_digits_are_exact():
    assert first("A plane carrying 142 deportees landed.") == (142, "exact")


def test_thousands_separator_is_read():
    assert first("Officials counted 12,380 returnees this year.") == (12380, "exact")


def test_hyphenated_number_words():
    assert words_to_int("Forty-two") == 42
    assert first("Forty-two migrants were put on the bus.") == (42, "exact")


def test_about_and_nearly_are_approximate():
    assert first("About 250 people were sent back.") == (250, "approximate")
    assert first("Nearly 90 men were flown out.") == (90, "approximate")


def test_more_than_and_at_least_are_at_least():
    assert first("More than 600 migrants were returned.") == (600, "at_least")
    assert first("At least 35 detainees were moved.") == (35, "at_least")


def test_up_to_is_a_cap():
    qs = people_quantities("The country will take up to 300 migrants.")
    assert qs and qs[0].kind == "cap"


def test_vague_words_have_no_value():
    assert first("Dozens of deportees waited at the airport.") == (None, "approximate")
    assert first("Several hundred migrants were bused south.") == (None, "approximate")


def test_a_dozen_with_about_is_twelve_approximate():
    assert first("They deported about a dozen men.") == (12, "approximate")


def test_years_and_percentages_are_not_counts():
    assert find_quantities("The law dates from 1798 and rose 25% last year.") == []


def test_flight_counts_are_not_people_counts():
    assert people_quantities("Thirty removal flights landed.") == []


def test_force_size_from_member_compound():
    assert [q.value for q in force_quantities("It set up a 2,500-member border unit.")] == [2500]


def test_force_size_from_troops():
    assert [q.value for q in force_quantities("The army sent 4,000 troops to the frontier.")] == [4000]


def test_lump_sum_in_dollars_is_payment():
    assert [m.usd for m in find_money("Washington will pay $4.5 million for the site.")] == [4500000]


def test_per_person_rate_is_not_a_lump_sum():
    assert [m.usd for m in find_money("The fee is $1,500 per person.")] == [None]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_find_quantities_never_crashes_and_offsets_are_valid(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in {"exact", "approximate", "at_least", "cap"}


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10_000_000),
       st.sampled_from(["", "about ", "more than ", "nearly ", "at least "]))
def test_any_formatted_number_round_trips(n, hedge):
    text = f"Officials said {hedge}{n:,} migrants arrived."
    qs = people_quantities(text)
    assert qs and qs[0].value == n
