"""``/country/{CC}``: a country's dossier."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from ...ledger import queries
from .. import countries, svg
from ..params import NotFound, reveal, visible
from ..render import ledger, page

router = APIRouter()
SECTION_LIMIT = 25
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


def dossier(request: Request, cc: str) -> dict:
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
        items = (queries.facts(lg, vis, type=type_, country=cc, role=role,
                               limit=SECTION_LIMIT, reveal=reveal(request)).items if n else [])
        nats = summary["nationalities"].get(role, []) if type_ == "transfer" else []
        sections.append({"id": key, "heading": heading, "type": type_, "role": role, "n": n,
                         "facts": items, "nationalities": nats})
    return {"cc": cc, "name": countries.name(cc), "summary": summary,
            "arrangements": queries.arrangements(lg, cc, vis, reveal=reveal(request)),
            "sections": sections}


@router.get("/country/{cc}")
def country(request: Request, cc: str):
    if countries.is_known(cc) and cc != cc.upper():
        return RedirectResponse(f"/country/{cc.upper()}", status_code=301)
    data = dossier(request, cc)
    return page(request, "country.html", **data,
                chart=svg.month_bars(data["summary"]["months"]), limit=SECTION_LIMIT)
