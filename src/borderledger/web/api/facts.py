"""``/api/facts``: filtered, paginated facts (JSON or CSV) and single facts."""

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from ...ledger import queries
from .. import csvout
from ..params import (
    MAX_ID, FactFilter, NotFound, Paging, as_of_param, fact_filter, paging, reveal, visible,
)
from ..render import ledger

router = APIRouter(tags=["facts"])
CSV_MAX = 10_000


def _facts(request, f: FactFilter, limit: int, offset: int, evidence: bool, as_of=None):
    return queries.facts(ledger(request), visible(request), type=f.type, country=f.country,
                         role=f.role, since=f.since, until=f.until, status=f.status,
                         limit=limit, offset=offset, evidence=evidence, reveal=reveal(request),
                         as_of=as_of)


def _csv(request, f: FactFilter, offset: int, limit: int, as_of=None):
    rows = []
    for start in range(offset, offset + limit, queries.MAX_LIMIT):
        chunk = _facts(request, f, min(queries.MAX_LIMIT, offset + limit - start), start, True,
                       as_of)
        rows += chunk.items
        if len(chunk.items) < queries.MAX_LIMIT:
            break
    return csvout.respond((csvout.fact_row(r) for r in rows), csvout.FACT_COLUMNS, "facts.csv")


@router.get("/facts")
def list_facts(request: Request, f: FactFilter = Depends(fact_filter),
               p: Paging = Depends(paging), as_of=Depends(as_of_param),
               format: Literal["json", "csv"] = Query("json", description="csv: a download "
                                                      f"of up to {CSV_MAX} rows from offset")):
    """Public facts, newest first. ``format=csv`` (or ``/api/facts.csv``) downloads the table.

    ``as_of``: the facts as the ledger stated them then (status and fields of that time)."""
    if format == "csv":
        return _csv(request, f, p.offset, CSV_MAX, as_of)
    page = _facts(request, f, p.limit, p.offset, True, as_of)
    body = {"total": page.total, "limit": page.limit, "offset": page.offset,
            "filters": f.query(), "items": page.items}
    if as_of is not None:
        body["as_of"] = as_of.isoformat()
    return body


@router.get("/facts.csv")
def facts_csv(request: Request, f: FactFilter = Depends(fact_filter),
              offset: int = Query(0, ge=0, le=10_000_000),
              limit: int = Query(CSV_MAX, ge=0, le=CSV_MAX), as_of=Depends(as_of_param)):
    """The filtered facts table as CSV (lists joined with ``;``, quotes with `` | ``)."""
    return _csv(request, f, offset, limit, as_of)


@router.get("/facts/{fact_id}")
def get_fact(request: Request, fact_id: int = Path(ge=1, le=MAX_ID)):
    """One public fact with its evidence (quotes and offsets) and its source."""
    fact = queries.fact(ledger(request), fact_id, visible(request), reveal=reveal(request))
    if fact is None:
        raise NotFound(f"no public fact #{fact_id}")
    fact.pop("text", None)
    return fact
