"""``/``: the world map, headline counts and the latest facts."""

from fastapi import APIRouter, Request

from ...ledger import queries
from .. import svg
from ..params import reveal, visible
from ..render import ledger, page

router = APIRouter()


@router.get("/")
def overview(request: Request):
    vis = visible(request)
    counts = queries.map_counts(ledger(request), vis)
    return page(request, "overview.html",
                headline=queries.headline(ledger(request), vis),
                map=svg.choropleth(counts),
                countries=queries.countries(ledger(request), vis)[:30],
                latest=queries.facts(ledger(request), vis, limit=12,
                                      reveal=reveal(request)).items)
