"""``/api/events``: facts that describe the same occurrence, merged (``borderledger resolve``).

Each event is computed from the facts the caller may see: its sources, dates and, per
field, every value stated with the documents and facts stating it (conflicts side by side).
"""

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from ...ledger import queries
from .. import csvout
from ..params import (
    EVENT_ID, EventFilter, NotFound, Paging, as_of_param, event_filter, paging, reveal, visible,
)
from ..render import ledger

router = APIRouter(tags=["events"])
CSV_MAX = 10_000
COLUMNS = ["id", "type", "valid_from", "valid_to", "independent_sources", "n_facts", "status",
           "key", "conflicts", "values", "documents", "facts"]


def values_text(fields: dict) -> str:
    """``count: 238 (2 sources) · 252 (1 source); …``"""
    def one(v):
        n = v["independent_sources"]
        value = ";".join(map(str, v["value"])) if isinstance(v["value"], list) else v["value"]
        return f"{value} ({n} source{'s' if n != 1 else ''})"
    return "; ".join(f"{name}: " + " · ".join(one(v) for v in vals)
                     for name, vals in fields.items())


def _row(e: dict) -> dict:
    return {**e, "key": ";".join(f"{k}={'|'.join(v) if isinstance(v, list) else v}"
                                 for k, v in e["key"].items()),
            "values": values_text(e["fields"])}


@router.get("/events")
def list_events(request: Request, f: EventFilter = Depends(event_filter),
                p: Paging = Depends(paging), as_of=Depends(as_of_param),
                format: Literal["json", "csv"] = Query("json", description="csv: a download "
                                                       f"of up to {CSV_MAX} rows from offset")):
    """Events, latest first, with corroboration (independent sources) and conflicting values.

    Without ``as_of``: the latest stored resolution. With it: resolved on the fly from what
    the ledger held then."""
    args = dict(type=f.type, country=f.country, since=f.since, until=f.until,
                min_sources=f.min_sources, reveal=reveal(request), as_of=as_of)
    if format == "csv":
        rows = []
        for start in range(p.offset, p.offset + CSV_MAX, queries.MAX_LIMIT):
            chunk = queries.events(ledger(request), visible(request), limit=queries.MAX_LIMIT,
                                   offset=start, count=False, **args)
            rows += chunk.items[:queries.MAX_LIMIT]
            if len(chunk.items) <= queries.MAX_LIMIT and chunk.total <= start + queries.MAX_LIMIT:
                break
        return csvout.respond((_row(e) for e in rows), COLUMNS, "events.csv")
    page = queries.events(ledger(request), visible(request), limit=p.limit, offset=p.offset,
                          **args)
    body = {"total": page.total, "limit": page.limit, "offset": page.offset,
            "filters": f.query(), "items": page.items}
    if as_of is not None:
        body["as_of"] = as_of.isoformat()
    elif page.total == 0 and queries.events_stored(ledger(request)) == 0:
        body["hint"] = "no events yet: `borderledger resolve` groups facts into events"
    return body


@router.get("/events/{event_id}")
def get_event(request: Request, event_id: str = Path(pattern=EVENT_ID, max_length=15),
              as_of=Depends(as_of_param)):
    """One event with its facts (fields, status, source and evidence quotes)."""
    ev = queries.event(ledger(request), event_id, visible(request), reveal=reveal(request),
                       as_of=as_of)
    if ev is None:
        raise NotFound(f"no public event {event_id}")
    members = ev.pop("members")
    ev["facts"] = [{k: m[k] for k in ("id", "type", "status", "fields", "date", "source",
                                      "evidence")} for m in members]
    return ev
