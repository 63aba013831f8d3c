"""``/timeline``: facts across countries, filtered by a GET form, newest first."""

from fastapi import APIRouter, Depends, Request

from ...ledger import queries
from ...model import FACT_TYPES
from ..countries import all_codes
from ..params import FactFilter, Paging, as_of_param, fact_filter, paging, reveal, visible
from ..render import ledger, page

router = APIRouter()


@router.get("/timeline")
def timeline(request: Request, f: FactFilter = Depends(fact_filter), p: Paging = Depends(paging),
             as_of=Depends(as_of_param)):
    vis = visible(request)
    result = queries.facts(ledger(request), vis, type=f.type, country=f.country, role=f.role,
                           since=f.since, until=f.until, status=f.status,
                           limit=p.limit or 50, offset=p.offset, reveal=reveal(request),
                           as_of=as_of)
    params = f.query()
    if as_of is not None:
        params["as_of"] = request.query_params.get("as_of", "").strip()
    return page(request, "timeline.html", result=result, f=f, params=params, as_of=as_of,
                types=FACT_TYPES, statuses=vis,
                countries=all_codes())
