"""``/api/review``: the review queue and review actions for scripts (reviewers and admins).

Scripts send ``Authorization: Bearer blt_…`` (``borderledger user token NAME``). A browser
session may call these too, with its CSRF token in the ``X-CSRF-Token`` header.
"""

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from ...ledger import queries, review as ledger_review
from .. import auth
from ..params import MAX_ID, NotFound, ParamError
from ..render import ledger

router = APIRouter(tags=["review"])


class ReviewAction(BaseModel):
    action: Literal["confirm", "reject", "edit", "reopen"]
    reason: str | None = Field(None, max_length=2000, description="required to reject")
    fields: dict[str, Any] | None = Field(None, description='for edit, e.g. {"count": 135}')


@router.get("/review/queue")
def review_queue(request: Request, limit: int = Query(50, ge=0, le=500),
                 offset: int = Query(0, ge=0, le=10_000_000),
                 v: auth.Viewer = Depends(auth.require_staff)):
    """Proposed facts, most consequential first, with evidence (reviewers and admins)."""
    result = queries.review_queue(ledger(request), limit=limit, offset=offset)
    for f in result.items:
        f.pop("text", None)
    return {"total": result.total, "limit": result.limit, "offset": result.offset,
            "items": result.items}


@router.post("/facts/{fact_id}/review")
def review_fact(request: Request, body: ReviewAction, fact_id: int = Path(ge=1, le=MAX_ID),
                v: auth.Viewer = Depends(auth.require_staff)):
    """Confirm, reject (with a reason), reopen or edit a fact; answers its new version."""
    lg = ledger(request)
    if queries.fact(lg, fact_id, ("proposed", "confirmed", "rejected"), reveal=True) is None:
        raise NotFound(f"no fact #{fact_id}")
    try:
        version = ledger_review.review(lg, fact_id, body.action, v.actor, reason=body.reason,
                                       fields=body.fields)
    except ledger_review.ReviewError as exc:
        raise ParamError(str(exc)) from None
    fact = queries.fact(lg, fact_id, ("proposed", "confirmed", "rejected"), reveal=True)
    return {"fact": fact_id, "version": version, "status": fact["status"],
            "fields": fact["fields"]}
