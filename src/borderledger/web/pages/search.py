"""``/search?q=``: full text over sources, with type and country facets."""

from fastapi import APIRouter, Depends, Query, Request

from ...ledger import queries
from ..params import Paging, paging, parse_choice, parse_country, reveal, visible
from ...model import FACT_TYPES
from ..render import ledger, page

router = APIRouter()


@router.get("/search")
def search(request: Request, q: str = Query("", max_length=500), type: str | None = None,
           country: str | None = None, p: Paging = Depends(paging)):
    type_ = parse_choice(type, FACT_TYPES, "type")
    cc = parse_country(country)
    result = None
    if q.strip():
        result = queries.search(ledger(request), q, visible(request), type=type_, country=cc,
                                limit=min(p.limit or 20, 100), offset=p.offset,
                                reveal=reveal(request))
    params = {"q": q, "type": type_, "country": cc}
    return page(request, "search.html", q=q, result=result, params=params, type=type_,
                country=cc)
