"""``/api/sources``: preserved sources and their metadata, text and facts."""

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from ...ledger import queries
from .. import csvout
from ..params import MAX_ID, NotFound, Paging, paging, parse_date, reveal, visible
from ..render import ledger

router = APIRouter(tags=["sources"])
COLUMNS = ["id", "doc_id", "title", "outlet", "url", "published", "sha256", "retrieved_at",
           "media_type", "size", "n_facts"]


@router.get("/sources")
def list_sources(request: Request, p: Paging = Depends(paging),
                 since: str | None = Query(None, description="published on/after (YYYY[-MM[-DD]])"),
                 until: str | None = Query(None, description="published on/before"),
                 outlet: str | None = Query(None, max_length=300),
                 format: Literal["json", "csv"] = "json"):
    """Sources, newest publication first, with their number of public facts."""
    page = queries.sources(ledger(request), visible(request), since=parse_date(since, "since"),
                           until=parse_date(until, "until"), outlet=outlet or None,
                           limit=p.limit, offset=p.offset, reveal=reveal(request))
    if format == "csv":
        return csvout.respond(page.items, COLUMNS, "sources.csv")
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "items": page.items}


@router.get("/sources/{source_id}")
def get_source(request: Request, source_id: int = Path(ge=1, le=MAX_ID)):
    """One source: metadata, SHA-256, retrieval time, text and its public facts."""
    source = queries.source(ledger(request), source_id, visible(request),
                           reveal=reveal(request))
    if source is None:
        raise NotFound(f"no source #{source_id}")
    return source
