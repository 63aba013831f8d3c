"""Who is asking, and what they may do: sessions, API tokens, CSRF, roles, visibility.

Three kinds of viewer: anonymous (the public), ``reviewer`` and ``admin``. A browser signs in
at ``/login`` and gets a signed cookie naming a server-side session (``ledger.sessions``);
a script sends ``Authorization: Bearer blt_…`` (``ledger.accounts.user_for_token``) and
its cookies are ignored. Every unsafe request (POST …) made with cookies must carry the
session's CSRF token, in the form field ``csrf_token`` or the ``X-CSRF-Token`` header;
bearer-token requests need none, since a browser never adds that header on its own.

``guard`` runs before every route and settles the viewer; routes then ask ``require``
for a role. What a viewer may see is decided here too: ``visible`` (review statuses) and
``reveal`` (private individuals' names), nowhere else.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..ledger import accounts, sessions
from ..ledger.tables import REVIEW_STATUSES

ENV_SECRET = "BORDERLEDGER_SECRET"
ENV_SHOW_PROPOSED = "BORDERLEDGER_SHOW_PROPOSED"
SECRET_FILE = "web-secret"
COOKIE = "bl_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
STAFF = ("reviewer", "admin")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
#: failed sign-ins allowed per minute, per user name and per client address
MAX_FAILURES = 10
ANON_MAX_AGE = 12 * 3600


@dataclass(frozen=True)
class Viewer:
    """The person (or script) behind a request."""

    name: str | None = None
    role: str | None = None
    via: str | None = None  # "session", "token", or None for anonymous
    session_id: str | None = None
    csrf: str | None = None

    @property
    def staff(self) -> bool:
        return self.role in STAFF

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    @property
    def actor(self) -> str:
        """The name recorded in the audit trail for this viewer's changes."""
        return self.name if self.via == "session" else f"{self.name} (API token)"


ANONYMOUS = Viewer()


class LoginRequired(HTTPException):
    """401; a browser asking for a page is sent to ``/login`` instead (``redirect``)."""

    def __init__(self, detail: str = "sign in to do this", *, redirect: bool = True):
        super().__init__(status_code=401, detail=detail,
                         headers={"WWW-Authenticate": 'Bearer realm="borderledger"'})
        self.redirect = redirect


class Forbidden(HTTPException):
    def __init__(self, detail: str = "your role may not do this"):
        super().__init__(status_code=403, detail=detail)


# -- settings ----------------------------------------------------------------------------------
def load_secret(ledger, given: str | bytes | None = None) -> bytes:
    """The key that signs cookies: given, else ``$BORDERLEDGER_SECRET``, else a random key
    kept in ``web-secret`` beside the ledger's blobs (created once, mode 0600)."""
    if given:
        return given.encode() if isinstance(given, str) else given
    env = os.environ.get(ENV_SECRET)
    if env:
        if len(env) < 32:
            raise ValueError(f"{ENV_SECRET} must be at least 32 characters")
        return env.encode()
    path = Path(ledger.blobs.root) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        return path.read_text().strip().encode()
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


class Auth:
    """Per-app sign-in settings (kept on ``app.state.auth``)."""

    def __init__(self, ledger, secret: bytes, *, show_proposed: bool, https_only: bool | None):
        self.ledger = ledger
        self.serializer = URLSafeTimedSerializer(secret, salt="borderledger.session")
        self.show_proposed = show_proposed
        self.https_only = https_only

    def sign(self, payload: dict) -> str:
        return self.serializer.dumps(payload)

    def unsign(self, value: str | None) -> dict:
        if not value or len(value) > 500:
            return {}
        try:
            data = self.serializer.loads(value, max_age=int(sessions.LIFETIME.total_seconds()))
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def secure(self, request: Request) -> bool:
        return self.https_only if self.https_only is not None else request.url.scheme == "https"


def _auth(request: Request) -> Auth:
    return request.app.state.auth


# -- who is asking -----------------------------------------------------------------------------
def _resolve(request: Request) -> Viewer:
    auth = _auth(request)
    header = request.headers.get("authorization")
    if header and header[:7].lower() == "bearer ":
        token = header[7:].strip()
        user = accounts.user_for_token(auth.ledger, token) if token.startswith("blt_") else None
        if user is None:
            raise LoginRequired("the API token is not valid (revoked, or its user disabled)",
                                redirect=False)
        return Viewer(name=user.name, role=user.role, via="token")
    data = auth.unsign(request.cookies.get(COOKIE))
    if isinstance(data.get("s"), str):
        found = sessions.lookup(auth.ledger, data["s"])
        if found is not None:
            return Viewer(name=found.name, role=found.role, via="session",
                          session_id=data["s"], csrf=found.csrf)
    if isinstance(data.get("a"), str):  # an anonymous visitor's token, for the sign-in form
        return Viewer(csrf=data["a"])
    return ANONYMOUS


def viewer(request: Request) -> Viewer:
    return getattr(request.state, "viewer", ANONYMOUS)


async def guard(request: Request) -> None:
    """Before every route: settle the viewer, and refuse unsafe requests without CSRF."""
    request.state.viewer = await run_in_threadpool(_resolve, request)
    if request.method in SAFE_METHODS:
        return
    v = request.state.viewer
    if v.via == "token":
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not (isinstance(sent, str) and v.csrf
            and hmac.compare_digest(sent.encode(), v.csrf.encode())):
        raise HTTPException(403, "this form has expired or did not come from this site; "
                                 "reload the page and try again")


def ensure_csrf(request: Request) -> str:
    """The viewer's CSRF token; an anonymous visitor gets one (a cookie set with the page)."""
    v = viewer(request)
    if v.csrf:
        return v.csrf
    token = secrets.token_urlsafe(32)
    request.state.viewer = replace(v, csrf=token)
    request.state.set_cookie = {"a": token}
    return token


def set_cookie(request: Request, response, payload: dict | None) -> None:
    """Write (or, with ``None``, delete) the session cookie on ``response``."""
    auth = _auth(request)
    if payload is None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                               secure=auth.secure(request))
        return
    max_age = ANON_MAX_AGE if "a" in payload else int(sessions.LIFETIME.total_seconds())
    response.set_cookie(COOKIE, auth.sign(payload), max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=auth.secure(request))


def apply_pending_cookie(request: Request, response) -> None:
    payload = getattr(request.state, "set_cookie", None)
    if payload is not None:
        set_cookie(request, response, payload)


# -- roles -------------------------------------------------------------------------------------
def require(request: Request, *roles: str) -> Viewer:
    """The viewer, if their role is one of ``roles``; else 401 (anonymous) or 403."""
    v = viewer(request)
    if v.role is None:
        raise LoginRequired()
    if v.role not in roles:
        raise Forbidden()
    return v


def require_staff(request: Request) -> Viewer:
    return require(request, *STAFF)


def require_admin(request: Request) -> Viewer:
    return require(request, "admin")


def login_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target, safe="")


def safe_next(value: str | None) -> str:
    """A local path to go to after signing in (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


# -- what a viewer may see ---------------------------------------------------------------------
def visible(request: Request) -> tuple[str, ...]:
    """The review statuses this viewer may see: the one place that decides it.

    Reviewers and admins: every status. The public: confirmed facts, and proposed ones
    (shown as unreviewed) when the app is set to show them. Rejected facts never.
    """
    if viewer(request).staff:
        return tuple(REVIEW_STATUSES)
    if _auth(request).show_proposed:
        return ("proposed", "confirmed")
    return ("confirmed",)


def reveal(request: Request) -> bool:
    """May this viewer read private individuals' names? Reviewers and admins only."""
    return viewer(request).staff
