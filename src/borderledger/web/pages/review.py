"""``/review``: the queue of proposed facts (reviewers and admins), and review actions."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from ...ledger import queries, review as ledger_review
from ...ledger.tables import REVIEW_STATUSES
from ...schema import field_specs, schema
from .. import auth, labels
from ..countries import all_codes
from ..params import MAX_ID, NotFound, ParamError
from ..render import ledger, page
from .fact import contexts

router = APIRouter()
QUEUE_PAGE = 20
DONE = {"confirm": "confirmed", "reject": "rejected", "edit": "edited", "reopen": "reopened"}


def _fact(request: Request, fact_id: int) -> dict:
    fact = queries.fact(ledger(request), fact_id, REVIEW_STATUSES, reveal=True)
    if fact is None:
        raise NotFound(f"no fact #{fact_id}")
    return fact


@router.get("/review")
def queue(request: Request, offset: int = Query(0, ge=0, le=10_000_000),
          done: str | None = Query(None, max_length=20),
          fact: int | None = Query(None, ge=1, le=MAX_ID),
          v: auth.Viewer = Depends(auth.require_staff)):
    result = queries.review_queue(ledger(request), limit=QUEUE_PAGE, offset=offset)
    for f in result.items:
        f["summary"] = labels.summary(f["type"], f["fields"])
        f["rows"] = labels.field_rows(f["type"], f["fields"])
        f["contexts"] = contexts(f)
    message = f"Fact #{fact} {DONE[done]}." if done in DONE and fact else None
    return page(request, "review.html", result=result, message=message,
                csrf=auth.ensure_csrf(request))


# -- the edit form: one input per schema field, selects for vocabularies --------------------------
def form_fields(fact_type: str, fields: dict) -> list[dict]:
    """What the edit form shows for each field of the type, in schema order."""
    vocab = schema()["vocabularies"]
    out = []
    for name, spec in field_specs(fact_type).items():
        kind = spec["kind"]
        value = fields.get(name)
        item = {"name": name, "label": labels.FIELD_LABELS.get(name, name), "kind": kind,
                "required": bool(spec.get("required")), "value": value, "options": None}
        if kind in vocab:
            item["options"] = [(v, labels.vocab(v)) for v in vocab[kind]]
        if kind == "countries":
            item["value"] = ", ".join(value) if isinstance(value, list) else (value or "")
        elif value is None:
            item["value"] = ""
        out.append(item)
    return out


def parse_fields(fact_type: str, form) -> dict:
    """Form values → typed field values; ``ParamError`` names the first unreadable one."""
    out = {}
    for name, spec in field_specs(fact_type).items():
        key = f"field.{name}"
        if key not in form:
            continue
        raw = str(form.get(key) or "").strip()
        kind = spec["kind"]
        if raw == "":
            out[name] = [] if kind == "countries" else None
        elif kind == "country":
            out[name] = raw.upper()
        elif kind == "countries":
            out[name] = sorted({c.strip().upper() for c in raw.replace(";", ",").replace(" ", ",")
                                .split(",") if c.strip()})
        elif kind == "count":
            try:
                out[name] = int(raw.replace(",", ""))
            except ValueError:
                raise ParamError(f"{labels.FIELD_LABELS.get(name, name)}: a whole number, "
                                 f"please (got {raw[:40]!r})") from None
        elif kind == "money":
            try:
                number = float(raw.replace(",", ""))
            except ValueError:
                raise ParamError(f"{labels.FIELD_LABELS.get(name, name)}: a number, please "
                                 f"(got {raw[:40]!r})") from None
            out[name] = int(number) if number.is_integer() else number
        else:
            out[name] = raw
    return out


def _edit_page(request: Request, fact: dict, values: dict, error: str | None, status: int = 200):
    return page(request, "review_edit.html", status_code=status, fact=fact,
                inputs=form_fields(fact["type"], values), error=error,
                contexts=contexts(fact), summary=labels.summary(fact["type"], fact["fields"]),
                countries=all_codes(), csrf=auth.ensure_csrf(request))


@router.get("/review/{fact_id}/edit")
def edit_form(request: Request, fact_id: int = Path(ge=1, le=MAX_ID),
              v: auth.Viewer = Depends(auth.require_staff)):
    fact = _fact(request, fact_id)
    return _edit_page(request, fact, fact["fields"], None)


@router.post("/review/{fact_id}")
async def act(request: Request, fact_id: int = Path(ge=1, le=MAX_ID),
              v: auth.Viewer = Depends(auth.require_staff)):
    """Confirm, reject (with a reason), reopen or edit a fact; every action is a new
    version of the fact and an entry in the audit trail (``ledger.review.review``)."""
    form = await request.form()
    action = str(form.get("action") or "")
    reason = str(form.get("reason") or "").strip()[:2000] or None
    back = str(form.get("back") or "")
    if action not in DONE:
        raise ParamError(f"action must be one of {', '.join(DONE)}")
    return await run_in_threadpool(_act, request, v, fact_id, action, reason, back, form)


def _act(request, v, fact_id, action, reason, back, form):
    lg = ledger(request)
    fact = _fact(request, fact_id)
    fields = None
    if action == "edit":
        try:
            parsed = parse_fields(fact["type"], form)
        except ParamError as exc:
            return _edit_page(request, fact, {**fact["fields"], **_raw(form)}, exc.detail, 422)
        fields = {k: val for k, val in parsed.items() if fact["fields"].get(k) != val
                  and not (val in (None, []) and fact["fields"].get(k) in (None, []))}
        if not fields:
            return _edit_page(request, fact, fact["fields"], "Nothing was changed.", 422)
    try:
        ledger_review.review(lg, fact_id, action, v.actor, reason=reason, fields=fields)
    except ledger_review.ReviewError as exc:
        if action == "edit":
            return _edit_page(request, fact, {**fact["fields"], **(fields or {})}, str(exc), 422)
        raise ParamError(str(exc)) from None
    if back == "fact" or action == "edit":
        target = f"/fact/{fact_id}?" + urlencode({"done": action})
    else:
        target = "/review?" + urlencode({"done": action, "fact": fact_id})
    return RedirectResponse(target, status_code=303)


def _raw(form) -> dict:
    return {k.removeprefix("field."): str(val) for k, val in form.items() if k.startswith("field.")}
