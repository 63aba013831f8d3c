"""``/country/{CC}``: a country's dossier."""

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from ...ledger import queries
from .. import countries, svg
from . import event as event_page
from ..params import NotFound, reveal, visible
from ..render import ledger, page

router = APIRouter()
SECTION_LIMIT = 25
EVENTS_PAGE = 10
#: (section id, heading, fact type, role of this country)
SECTIONS = [
    ("transfers-in", "Transfers into", "transfer", "receiver"),
    ("transfers-out", "Transfers out of", "transfer", "sender"),
    ("transfers-via", "Transfers via", "transfer", "via"),
    ("detentions", "Detentions in", "detention", "country"),
    ("detentions-funded", "Detentions funded by", "detention", "funder"),
    ("legal", "Legal actions concerning", "legal_action", "respondent"),
    ("enforcement", "Enforcement by", "enforcement", "country"),
    ("enforcement-requested", "Enforcement requested by", "enforcement", "requester"),
]


def dossier(request: Request, cc: str, events_offset: int = 0) -> dict:
    """Everything the dossier page and ``/api/countries/{cc}`` show."""
    if not countries.is_known(cc):
        raise NotFound(f"no country with code {cc[:10]!r} (use ISO 3166-1 alpha-2, e.g. SV)")
    cc = cc.upper()
    vis = visible(request)
    lg = ledger(request)
    summary = queries.country_summary(lg, cc, vis)
    sections = []
    for key, heading, type_, role in SECTIONS:
        n = summary["by_type_role"].get(f"{type_}:{role}", 0)
        items = (queries.facts(lg, vis, type=type_, country=cc, role=role, total=n,
                               limit=SECTION_LIMIT, reveal=reveal(request)).items if n else [])
        nats = summary["nationalities"].get(role, []) if type_ == "transfer" else []
        sections.append({"id": key, "heading": heading, "type": type_, "role": role, "n": n,
                         "facts": items, "nationalities": nats})
    return {"cc": cc, "name": countries.name(cc), "summary": summary,
            "arrangements": queries.arrangements(lg, cc, vis, reveal=reveal(request)),
            "sections": sections, "events": country_events(request, cc, events_offset)}


def country_events(request: Request, cc: str, offset: int) -> dict:
    """One page of the latest events involving the country (no total: one extra row tells
    whether older ones follow, which keeps a large country's dossier fast)."""
    lg = ledger(request)
    page_ = queries.events(lg, visible(request), country=cc, limit=EVENTS_PAGE, offset=offset,
                           reveal=reveal(request), count=False)
    items = page_.items[:EVENTS_PAGE]
    for ev in items:
        ev["headline"] = event_page.headline(ev)
    return {"items": items, "offset": offset, "limit": EVENTS_PAGE,
            "more": len(page_.items) > EVENTS_PAGE,
            "resolved": bool(items) or queries.events_stored(lg) > 0}


@router.get("/country/{cc}")
def country(request: Request, cc: str,
            events: int = Query(0, ge=0, le=100_000, description="offset in the events list")):
    if countries.is_known(cc) and cc != cc.upper():
        return RedirectResponse(f"/country/{cc.upper()}", status_code=301)
    data = dossier(request, cc, events)
    return page(request, "country.html", **data,
                chart=svg.month_bars(data["summary"]["months"]), limit=SECTION_LIMIT,
                value_text=event_page.value_text)
