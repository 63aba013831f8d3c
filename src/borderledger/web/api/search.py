"""``/api/search``: full-text search over sources with facets."""

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request

from ...ledger import queries
from ...model import FACT_TYPES
from .. import csvout
from ..params import Paging, paging, parse_choice, parse_country, reveal, visible
from ..render import ledger

router = APIRouter(tags=["search"])


@router.get("/search")
def search(request: Request, q: str = Query(..., max_length=500, description="words (all must "
                                             "appear); a trailing * matches a prefix"),
           type: str | None = Query(None, description="only sources with a fact of this type"),
           country: str | None = Query(None, description="only sources with a fact involving "
                                                         "this country"),
           p: Paging = Depends(paging), format: Literal["json", "csv"] = "json"):
    """Sources matching ``q``, best first, with a snippet and type/country facet counts."""
    result = queries.search(ledger(request), q, visible(request),
                            type=parse_choice(type, FACT_TYPES, "type"),
                            country=parse_country(country), limit=p.limit, offset=p.offset,
                            reveal=reveal(request))
    for item in result["items"]:
        item["snippet"] = "".join(t for t, _ in item["snippet"])
    if format == "csv":
        return csvout.respond(result["items"], ["id", "doc_id", "title", "outlet", "published",
                                                "url", "n_facts", "snippet"], "search.csv")
    result["facets"] = {k: [{"value": v, "count": n} for v, n in vals]
                        for k, vals in result["facets"].items()}
    return result
