"""Query parameters shared by pages and API, validated into one ``FactFilter``.

Bad input raises ``ParamError`` (422) or ``NotFound`` (404); the app turns them into a clear
JSON error under ``/api`` and an error page elsewhere. Nothing here reaches the database.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from fastapi import HTTPException, Query, Request

from ..ledger.queries import after
from ..ledger.webtables import ROLES
from ..model import FACT_TYPES
from . import countries
from .auth import reveal, visible  # noqa: F401  (the one place deciding what a viewer sees)

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_ID = 2**62
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class ParamError(HTTPException):
    def __init__(self, detail: str):
        super().__init__(status_code=422, detail=detail)


class NotFound(HTTPException):
    def __init__(self, detail: str):
        super().__init__(status_code=404, detail=detail)


def parse_date(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real date), else ``ParamError``."""
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    m = _DATE.match(value)
    if not m:
        raise ParamError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value[:40]!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ParamError(f"{name} is not a real date: {value!r}") from None
    return value


def parse_country(value: str | None, name: str = "country") -> str | None:
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if not countries.is_known(value):
        raise ParamError(f"{name} must be an ISO 3166-1 alpha-2 code (e.g. SV), got {value[:40]!r}")
    return value.upper()


def parse_choice(value: str | None, allowed, name: str) -> str | None:
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if value not in allowed:
        raise ParamError(f"{name} must be one of {', '.join(allowed)}; got {value[:40]!r}")
    return value


@dataclass
class FactFilter:
    type: str | None = None
    country: str | None = None
    role: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None

    def query(self) -> dict[str, str]:
        """The non-empty filters, for links (next page, CSV)."""
        return {k: v for k, v in asdict(self).items() if v}


def fact_filter(
    request: Request,
    type: str | None = Query(None, description=f"fact type: {', '.join(FACT_TYPES)}"),
    country: str | None = Query(None, description="alpha-2 code of a country the fact involves"),
    role: str | None = Query(None, description=f"with country: its role ({', '.join(ROLES)})"),
    since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD (fact date, "
                                                "else publication date)"),
    until: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive"),
    status: str | None = Query(None, description="review status (public: proposed, confirmed)"),
) -> FactFilter:
    f = FactFilter(
        type=parse_choice(type, FACT_TYPES, "type"),
        country=parse_country(country),
        role=parse_choice(role, ROLES, "role"),
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        status=parse_choice(status, visible(request), "status"),
    )
    if f.role and not f.country:
        raise ParamError("role needs a country")
    if f.since and f.until and f.since >= after(f.until):
        raise ParamError("since is after until")
    return f


@dataclass
class Paging:
    limit: int
    offset: int


def paging(limit: int = Query(50, ge=0, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}"),
           offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Paging:
    return Paging(limit, offset)


def parse_as_of(value: str | None, name: str = "as_of"):
    """``YYYY-MM-DD`` (the end of that day, UTC) or an ISO datetime (UTC unless it names an
    offset) → a naive UTC ``datetime``; ``None`` when absent; else ``ParamError``."""
    from datetime import datetime, time, timezone

    if value is None or value.strip() == "":
        return None
    value = value.strip()
    if len(value) > 40:
        raise ParamError(f"{name} is too long")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.combine(date.fromisoformat(value), time.max)
        except ValueError:
            raise ParamError(f"{name} is not a real date: {value!r}") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
                        r"(Z|[+-]\d{2}:?\d{2})?", value):
        raise ParamError(f"{name} must be an ISO date (YYYY-MM-DD) or date and time "
                         f"(YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]), got {value[:40]!r}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ParamError(f"{name} is not a real date and time: {value!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def as_of_param(as_of: str | None = Query(
        None, description="what the ledger said then: YYYY-MM-DD (end of that day, UTC) or "
                          "an ISO date and time; only sources retrieved and runs started by "
                          "then, each fact in its review state of that moment")):
    return parse_as_of(as_of)


EVENT_ID = r"^ev-[0-9a-f]{12}$"


@dataclass
class EventFilter:
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    min_sources: int | None = None

    def query(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v}


def event_filter(
    type: str | None = Query(None, description=f"event type: {', '.join(FACT_TYPES)}"),
    country: str | None = Query(None, description="alpha-2 code of a country the event's "
                                                  "facts involve (any role but nationality)"),
    since: str | None = Query(None, description="events whose time reaches YYYY[-MM[-DD]]"),
    until: str | None = Query(None, description="events whose time starts by YYYY[-MM[-DD]]"),
    min_sources: int | None = Query(None, ge=1, le=1000,
                                    description="at least this many independent sources"),
) -> EventFilter:
    f = EventFilter(type=parse_choice(type, FACT_TYPES, "type"), country=parse_country(country),
                    since=parse_date(since, "since"), until=parse_date(until, "until"),
                    min_sources=min_sources)
    if f.since and f.until and f.since >= after(f.until):
        raise ParamError("since is after until")
    return f
