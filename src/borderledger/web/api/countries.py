"""``/api/countries``: per-country counts and dossiers."""

from typing import Literal

from fastapi import APIRouter, Request

from ...ledger import queries
from .. import countries, csvout
from ..pages.country import dossier
from ..params import visible
from ..render import ledger

router = APIRouter(tags=["countries"])
TYPES = ["transfer", "arrangement", "detention", "legal_action", "enforcement"]


@router.get("/countries")
def list_countries(request: Request, format: Literal["json", "csv"] = "json"):
    """Countries the public facts involve (any role but nationality), most facts first."""
    items = [{"country": c["country"], "name": countries.name(c["country"]),
              "total": c["total"], "by_type": c["by_type"]}
             for c in queries.countries(ledger(request), visible(request))]
    if format == "csv":
        rows = [{"country": i["country"], "name": i["name"], "total": i["total"],
                 **{t: i["by_type"].get(t, 0) for t in TYPES}} for i in items]
        return csvout.respond(rows, ["country", "name", "total", *TYPES], "countries.csv")
    return {"total": len(items), "items": items}


@router.get("/countries/{cc}")
def get_country(request: Request, cc: str):
    """A country's dossier: counts, arrangements (grouped), latest facts per section, months."""
    data = dossier(request, cc)
    for g in data["arrangements"]["groups"]:
        g["facts"] = [f["id"] for f in g["facts"]]
    for s in data["sections"]:
        s["facts"] = [f["id"] for f in s["facts"]]
    data["events"] = {"items": [{k: e[k] for k in ("id", "type", "valid_from", "valid_to",
                                                   "independent_sources", "n_facts", "conflicts")}
                                for e in data["events"]["items"]],
                      "more": data["events"]["more"]}
    return data
