"""How facts read on a page: type names, vocabulary labels, values, one-line summaries."""

from __future__ import annotations

from typing import Any

from ..model import FACT_FIELDS
from . import countries

TYPE_LABELS = {"transfer": "Transfer", "arrangement": "Arrangement", "detention": "Detention",
               "legal_action": "Legal action", "enforcement": "Enforcement"}
TYPE_PLURALS = {"transfer": "Transfers", "arrangement": "Arrangements",
                "detention": "Detentions", "legal_action": "Legal actions",
                "enforcement": "Enforcement"}
FIELD_LABELS = {
    "sender": "Sent by", "receiver": "Received by", "via": "Via", "count": "People",
    "count_kind": "Count is", "nationalities": "Nationalities", "date": "Date",
    "status": "Status", "facility": "Facility", "authority": "Legal authority",
    "parties": "Parties", "kind": "Kind", "payment_usd": "Payment (USD)", "country": "Country",
    "funded_by": "Funded by", "forum": "Forum", "action": "Action", "respondent": "Respondent",
    "case": "Case", "judge": "Judge", "measure": "Measure", "requested_by": "Requested by",
}
COUNTRY_FIELDS = {"sender", "receiver", "via", "country", "funded_by", "requested_by",
                  "parties", "respondent", "nationalities"}
VOCAB = {
    "mpp": "MPP (Remain in Mexico)", "ina_241b": "INA 241(b) third-country removal",
    "title_42": "Title 42", "title_8": "Title 8", "iachr": "Inter-American Commission on HR",
    "iacthr": "Inter-American Court of HR", "un_body": "UN body",
    "us_district_court": "US district court", "us_court_of_appeals": "US court of appeals",
    "us_supreme_court": "US Supreme Court", "us_congress": "US Congress",
    "in_force": "in force", "safe_third_country": "safe third country",
}
TYPE_SINGULARS = {"transfer": "transfer", "arrangement": "arrangement",
                  "detention": "detention", "legal_action": "legal action",
                  "enforcement": "enforcement action"}
STATUS_LABELS = {"proposed": "unreviewed", "confirmed": "confirmed", "rejected": "rejected"}
NOT_STATED = "not stated"


def vocab(value: Any) -> str:
    if value is None:
        return NOT_STATED
    return VOCAB.get(str(value), str(value).replace("_", " "))


def count_phrase(fields: dict) -> str:
    n, kind = fields.get("count"), fields.get("count_kind") or "unknown"
    if n is None:
        return "an unstated number" if kind == "approximate" else NOT_STATED
    n_text = f"{n:,}" if isinstance(n, int) else str(n)
    return {"approximate": f"about {n_text}", "at_least": f"at least {n_text}"}.get(kind, n_text)


def country_list(codes) -> str:
    codes = list(codes or [])
    return ", ".join(countries.name(c) for c in codes) if codes else NOT_STATED


def money(value) -> str:
    if value is None:
        return NOT_STATED
    try:
        return f"US${float(value):,.0f}"
    except (TypeError, ValueError):
        return str(value)


def value(field: str, fields: dict) -> str:
    """A field's display text; ``not stated`` for unknowns."""
    v = fields.get(field)
    if field == "count":
        return count_phrase(fields)
    if field == "payment_usd":
        return money(v)
    if field in COUNTRY_FIELDS:
        if isinstance(v, (list, tuple)):
            return country_list(v)
        return countries.name(v) if v else NOT_STATED
    if v is None or v == [] or v == "":
        return NOT_STATED
    if field in ("case", "judge", "facility", "date"):
        return str(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(vocab(x) for x in v)
    return vocab(v)


def field_rows(fact_type: str, fields: dict) -> list[tuple[str, str, bool]]:
    """(label, text, known) for every spec field of the type, in spec order."""
    rows = []
    for name in FACT_FIELDS[fact_type]:
        text = value(name, fields)
        known = text != NOT_STATED and not (name == "count_kind" and fields.get(name) == "unknown")
        rows.append((FIELD_LABELS.get(name, name), text, known))
    return rows


def summary(fact_type: str, f: dict) -> str:
    """One line saying what the fact states."""
    name = countries.name
    if fact_type == "transfer":
        route = f"{name(f.get('sender')) or '?'} → {name(f.get('receiver')) or '?'}"
        if f.get("via"):
            route += f" via {name(f['via'])}"
        people = count_phrase(f)
        people = "people (number not stated)" if people == NOT_STATED else f"{people} people"
        nat = f" ({country_list(f['nationalities'])} nationals)" if f.get("nationalities") else ""
        return f"{route}: {people}{nat}, {vocab(f.get('status'))}"
    if fact_type == "arrangement":
        parties = " – ".join(name(p) for p in f.get("parties") or []) or "?"
        return f"{parties}: {vocab(f.get('kind'))} arrangement, {vocab(f.get('status'))}"
    if fact_type == "detention":
        people = count_phrase(f)
        people = "people" if people == NOT_STATED else f"{people} people"
        where = name(f.get("country")) or "?"
        at = f" at {f['facility']}" if f.get("facility") else ""
        return f"{people} held in {where}{at}"
    if fact_type == "legal_action":
        case = f" — {f['case']}" if f.get("case") else ""
        return f"{vocab(f.get('forum'))}: {vocab(f.get('action'))}{case}"
    if fact_type == "enforcement":
        size = f", {count_phrase(f)}" if f.get("count") is not None else ""
        req = f", requested by {name(f['requested_by'])}" if f.get("requested_by") else ""
        return f"{name(f.get('country')) or '?'}: {vocab(f.get('measure'))}{size}{req}"
    return fact_type


def n_of(n: int, fact_type: str) -> str:
    """``1 transfer``, ``3 transfers``."""
    word = TYPE_SINGULARS[fact_type] if n == 1 else TYPE_PLURALS[fact_type].lower()
    if fact_type == "enforcement" and n != 1:
        word = "enforcement actions"
    return f"{n:,} {word}"
