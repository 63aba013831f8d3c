"""Valid-time windows: when a fact's occurrence can have happened, as a closed date range."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

DAY_SLACK = timedelta(days=2)  # reports of one flight disagree by a day or two
UNDATED_LOOKBACK = timedelta(days=31)  # an undated report speaks of the recent past


def parse_period(value: str | None) -> tuple[date, date, str] | None:
    """``2025-03-15`` / ``2025-03`` / ``2025`` → (first day, last day, precision)."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d, "day"
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"
    except (ValueError, TypeError):
        return None
    return None


def window(fact_date: str | None, published: str | None) -> tuple[date, date] | None:
    """The range a fact's event falls in; undated facts borrow the month before publication."""
    return window_of(parse_period(fact_date), published)


def window_of(period, published: str | None) -> tuple[date, date] | None:
    """``window`` for a date already parsed by ``parse_period``."""
    if period:
        start, end, precision = period
        if precision == "day":
            return start - DAY_SLACK, end + DAY_SLACK
        return start, end
    pub = parse_period(published)
    if pub and pub[2] == "day":
        return pub[0] - UNDATED_LOOKBACK, pub[0]
    return None


def overlaps(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def same_month_or_overlap(a: str | None, b: str | None) -> bool:
    """Two explicit dates are compatible only if their periods overlap (with day slack)."""
    pa, pb = window(a, None), window(b, None)
    if pa is None or pb is None:
        return True
    return overlaps(pa, pb)
