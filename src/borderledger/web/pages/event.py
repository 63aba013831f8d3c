"""``/event/{id}``: one event (facts merged by ``borderledger resolve``) with every value its
sources state and every fact's evidence; reviewers split facts off or merge it with another.

A split or merge is recorded as an override (``ledger.resolution.add_override``, audited)
and the resolution is run again, so the event may come back under a new id.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from ...ledger import queries, resolution
from .. import auth, labels
from ..params import EVENT_ID, NotFound, ParamError, as_of_param, reveal, visible
from ..render import ledger, page

router = APIRouter()
DONE = {"split": "Split: the chosen facts now form their own event",
        "merge": "Merged: the two events are now one"}
MAX_MERGE = 2000  # facts in one merge (an override lists each)


def headline(ev: dict) -> str:
    """What the event is, from the value most sources give for each field."""
    top = {name: vals[0]["value"] for name, vals in ev["fields"].items()}
    return labels.summary(ev["type"], top)


def value_text(name: str, value) -> str:
    return labels.value(name, {name: value, "count_kind": "exact"})


@router.get("/event/{event_id}")
def event_page(request: Request, event_id: str = Path(pattern=EVENT_ID, max_length=15),
               done: str | None = Query(None, max_length=20),
               moved: str | None = Query(None, pattern=EVENT_ID, max_length=15),
               as_of=Depends(as_of_param)):
    ev = queries.event(ledger(request), event_id, visible(request), reveal=reveal(request),
                       as_of=as_of)
    if ev is None:
        raise NotFound(f"no public event {event_id}")
    staff = auth.viewer(request).staff and as_of is None
    for m in ev["members"]:
        m["summary"] = labels.summary(m["type"], m["fields"])
    extra = {"csrf": auth.ensure_csrf(request), "message": DONE.get(done or ""),
             "moved": moved} if staff else {}
    return page(request, "event.html", ev=ev, headline=headline(ev), staff=staff,
                value_text=value_text, as_of=as_of, **extra)


async def _form(request: Request) -> tuple[list[str], str, str | None]:
    form = await request.form()
    reason = str(form.get("reason") or "").strip()[:2000] or None
    return [str(v) for v in form.getlist("fact")][:MAX_MERGE], str(form.get("other") or ""), \
        reason


def _refs(request: Request, event_id: str) -> dict[int, str]:
    refs = queries.event_refs(ledger(request), event_id)
    if refs is None:
        raise NotFound(f"no event {event_id}")
    return refs


def _after(request: Request, action: str, stay: int, moved: int | None = None):
    lg = ledger(request)
    target = queries.event_of_fact(lg, stay)
    query = {"done": action}
    if moved is not None and (other := queries.event_of_fact(lg, moved)):
        query["moved"] = other
    return RedirectResponse(f"/event/{target}?" + urlencode(query), status_code=303)


@router.post("/event/{event_id}/split")
async def split(request: Request, event_id: str = Path(pattern=EVENT_ID, max_length=15),
                v: auth.Viewer = Depends(auth.require_staff)):
    """Take the chosen facts (form field ``fact``, repeated) out into an event of their own."""
    chosen, _, reason = await _form(request)
    return await run_in_threadpool(_split, request, v, event_id, chosen, reason)


def _split(request, v, event_id, chosen, reason):
    refs = _refs(request, event_id)
    try:
        ids = sorted({int(c) for c in chosen})
    except ValueError:
        raise ParamError("fact must be a fact id of this event") from None
    if not ids:
        raise ParamError("choose the facts to take out of this event")
    if not set(ids) <= refs.keys():
        raise ParamError("every fact to split off must belong to this event")
    if set(ids) == refs.keys():
        raise ParamError("leave at least one fact in this event (to split, choose some)")
    lg = ledger(request)
    resolution.add_override(lg, "split", [refs[i] for i in ids], v.actor, reason)
    resolution.resolve(lg)
    stay = min(refs.keys() - set(ids))
    return _after(request, "split", stay, ids[0])


@router.post("/event/{event_id}/merge")
async def merge(request: Request, event_id: str = Path(pattern=EVENT_ID, max_length=15),
                v: auth.Viewer = Depends(auth.require_staff)):
    """Merge this event with another (form field ``other``: its id)."""
    _, other, reason = await _form(request)
    return await run_in_threadpool(_merge, request, v, event_id, other.strip(), reason)


def _merge(request, v, event_id, other, reason):
    import re

    if not re.fullmatch(EVENT_ID[1:-1], other):
        raise ParamError("other must be an event id such as ev-0123456789ab")
    if other == event_id:
        raise ParamError("an event cannot be merged with itself")
    refs = _refs(request, event_id)
    other_refs = queries.event_refs(ledger(request), other)
    if other_refs is None:
        raise ParamError(f"there is no event {other}")
    if len(refs) + len(other_refs) > MAX_MERGE:
        raise ParamError(f"these events have more than {MAX_MERGE} facts together")
    lg = ledger(request)
    resolution.add_override(lg, "merge", [*refs.values(), *other_refs.values()], v.actor,
                            reason)
    resolution.resolve(lg)
    return _after(request, "merge", min(refs))
