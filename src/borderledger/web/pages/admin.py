"""``/admin/users`` (admins) and ``/admin/people`` (reviewers and admins).

Every change goes through the ledger's own functions, which write the audit trail.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse

from ...ledger import accounts, privacy
from .. import auth
from ..params import ParamError
from ..render import ledger, page

router = APIRouter()
USER_ACTIONS = ("add", "role", "disable", "enable", "token")
USER_DONE = {"add": "added", "role": "given a new role", "disable": "disabled",
             "enable": "enabled"}


def _users_page(request: Request, *, error: str | None = None, message: str | None = None,
                token: str | None = None, token_user: str | None = None, status: int = 200):
    users = [{"name": n, "role": r, "disabled": d} for n, r, d in accounts.list_users(ledger(request))]
    return page(request, "admin_users.html", status_code=status, users=users,
                roles=accounts.ROLES, error=error, message=message, token=token,
                token_user=token_user, csrf=auth.ensure_csrf(request),
                me=auth.viewer(request).name)


@router.get("/admin/users")
def users(request: Request, done: str | None = Query(None, max_length=20),
          user: str | None = Query(None, max_length=64),
          v: auth.Viewer = Depends(auth.require_admin)):
    message = f"{user} {USER_DONE[done]}." if done in USER_DONE and user else None
    return _users_page(request, message=message)


@router.post("/admin/users")
def change_user(request: Request, action: str = Form(..., max_length=20),
                name: str = Form(..., max_length=64), role: str = Form("reviewer", max_length=20),
                password: str = Form("", max_length=1000), label: str = Form("", max_length=200),
                v: auth.Viewer = Depends(auth.require_admin)):
    """Add a user, change a role, disable or enable an account, or make an API token."""
    lg = ledger(request)
    if action not in USER_ACTIONS:
        raise ParamError(f"action must be one of {', '.join(USER_ACTIONS)}")
    if name == v.name and action in ("role", "disable") and (action == "disable" or role != "admin"):
        return _users_page(request, status=422, error="You cannot disable your own account or "
                                                      "take away your own admin role.")
    try:
        if action == "add":
            accounts.add_user(lg, name, role, password, actor=v.actor)
        elif action == "role":
            accounts.set_role(lg, name, role, actor=v.actor)
        elif action in ("disable", "enable"):
            accounts.set_disabled(lg, name, action == "disable", actor=v.actor)
        else:
            if accounts.user_by_name(lg, name) is None:
                raise accounts.AccountError(f"no active user {name!r}")
            token = accounts.create_token(lg, name, label.strip() or None, actor=v.actor)
            return _users_page(request, token=token, token_user=name,
                               message=f"New API token for {name}. Copy it now: it is not "
                                       "shown again.")
    except accounts.AccountError as exc:
        return _users_page(request, status=422, error=str(exc))
    return RedirectResponse("/admin/users?" + urlencode({"done": action, "user": name}),
                            status_code=303)


@router.get("/admin/people")
def people(request: Request, private: bool = False, done: str | None = Query(None, max_length=10),
           v: auth.Viewer = Depends(auth.require_staff)):
    found = privacy.people(ledger(request), private_only=private)
    message = {"public": "The person is now named in public.",
               "private": "The person is now masked in public."}.get(done or "")
    return page(request, "admin_people.html", people=found, private=private, message=message,
                csrf=auth.ensure_csrf(request), error=None)


@router.post("/admin/people")
def set_person(request: Request, key: str = Form(..., max_length=300),
               public: str = Form(..., max_length=1), reason: str = Form("", max_length=2000),
               v: auth.Viewer = Depends(auth.require_staff)):
    """Let a person be named in public (a reason is required), or mask them again."""
    lg = ledger(request)
    if public not in ("0", "1"):
        raise ParamError("public must be 1 or 0")
    if key not in {p["key"] for p in privacy.people(lg)}:
        raise ParamError("no person with that key is named in the ledger")
    if public == "1" and not reason.strip():
        found = privacy.people(lg)
        return page(request, "admin_people.html", status_code=422, people=found, private=False,
                    message=None, csrf=auth.ensure_csrf(request),
                    error="Say why this person may be named in public (e.g. a public role).")
    privacy.set_public(lg, key, public == "1", v.actor, reason.strip() or None)
    return RedirectResponse("/admin/people?" + urlencode(
        {"done": "public" if public == "1" else "private"}), status_code=303)
