"""``/login`` and ``/logout``: signing in and out of the web (reviewers and admins)."""

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ...ledger import accounts, sessions
from .. import auth
from ..render import ledger, page

router = APIRouter()


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    auth.ensure_csrf(request)
    return page(request, "login.html", next=auth.safe_next(next), error=None, name="")


@router.post("/login")
def login(request: Request, name: str = Form("", max_length=200),
          password: str = Form("", max_length=1000), next: str = Form("/", max_length=2000)):
    """Sign in; the session id is always new (a cookie from before is never promoted)."""
    lg = ledger(request)
    target = auth.safe_next(next)
    by_name, by_address = sessions.recent_failures(lg, name, _address(request))
    if by_name >= auth.MAX_FAILURES or by_address >= auth.MAX_FAILURES:
        response = page(request, "login.html", status_code=429, next=target, name=name,
                        error="Too many failed sign-ins. Wait a minute, then try again.")
        response.headers["Retry-After"] = "60"
        return response
    user = accounts.authenticate(lg, name, password)
    if user is None:
        sessions.record_failure(lg, name, _address(request))
        return page(request, "login.html", status_code=401, next=target, name=name,
                    error="That user name and password do not match an active account.")
    old = auth.viewer(request)
    if old.session_id:
        sessions.end(lg, old.session_id)
    session_id, _ = sessions.start(lg, user.id)
    response = RedirectResponse(target if target != "/" else "/review", status_code=303)
    auth.set_cookie(request, response, {"s": session_id})
    return response


@router.post("/logout")
def logout(request: Request):
    v = auth.viewer(request)
    if v.session_id:
        sessions.end(ledger(request), v.session_id)
    response = RedirectResponse("/", status_code=303)
    auth.set_cookie(request, response, None)
    return response
