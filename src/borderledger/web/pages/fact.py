"""``/fact/{id}``: every field of one fact and each quote in its context."""

from fastapi import APIRouter, Path, Request

from ...ledger import queries
from .. import highlight, labels
from ..params import MAX_ID, NotFound, visible
from ..render import ledger, page

router = APIRouter()


def contexts(fact: dict) -> list[dict]:
    """Per evidence span: a window of text with this fact's spans marked."""
    text = fact["text"] or ""
    spans = [(e["start"], e["end"], e["id"]) for e in fact["evidence"]]
    out = []
    for ev in fact["evidence"]:
        lo, hi = highlight.window(text, ev["start"], ev["end"])
        out.append({
            "evidence": ev,
            "pieces": highlight.pieces(text, spans, lo, hi),
            "before": lo > 0, "after": hi < len(text),
            "exact": text[ev["start"]:ev["end"]] == ev["quote"],
        })
    return out


@router.get("/fact/{fact_id}")
def fact_page(request: Request, fact_id: int = Path(ge=1, le=MAX_ID)):
    fact = queries.fact(ledger(request), fact_id, visible(request))
    if fact is None:
        raise NotFound(f"no public fact #{fact_id}")
    return page(request, "fact.html", fact=fact, contexts=contexts(fact),
                rows=labels.field_rows(fact["type"], fact["fields"]),
                summary=labels.summary(fact["type"], fact["fields"]))
