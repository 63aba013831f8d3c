"""``/fact/{id}``: every field of one fact and each quote in its context; for reviewers also
its version history, its audit entries and the review actions."""

from fastapi import APIRouter, Path, Query, Request

from ...ledger import queries, review
from .. import auth, highlight, labels
from ..params import MAX_ID, NotFound, reveal, visible
from ..render import ledger, page

router = APIRouter()
DONE = {"confirm": "Confirmed.", "reject": "Rejected.", "edit": "Saved as a new version.",
        "reopen": "Reopened for review."}


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


def _changes(versions: list[dict]) -> list[dict]:
    """Each version with the fields it changed (compared with the version before)."""
    out, before = [], None
    for v in versions:
        changed = [] if before is None else [
            (labels.FIELD_LABELS.get(k, k), before.get(k), v["fields"].get(k))
            for k in dict.fromkeys([*before, *v["fields"]]) if before.get(k) != v["fields"].get(k)]
        out.append({**v, "changed": changed})
        before = v["fields"]
    return out


@router.get("/fact/{fact_id}")
def fact_page(request: Request, fact_id: int = Path(ge=1, le=MAX_ID),
              done: str | None = Query(None, max_length=20)):
    fact = queries.fact(ledger(request), fact_id, visible(request), reveal=reveal(request))
    if fact is None:
        raise NotFound(f"no public fact #{fact_id}")
    staff = auth.viewer(request).staff
    extra = {}
    if staff:
        extra = {"history": _changes(review.history(ledger(request), fact_id)),
                 "audit": queries.fact_audit(ledger(request), fact_id),
                 "csrf": auth.ensure_csrf(request), "message": DONE.get(done or "")}
    return page(request, "fact.html", fact=fact, contexts=contexts(fact),
                rows=labels.field_rows(fact["type"], fact["fields"]),
                summary=labels.summary(fact["type"], fact["fields"]), staff=staff, **extra)
