"""``create_app(db)``: the FastAPI application, its templates, headers and error handling."""

from __future__ import annotations

from importlib.resources import files
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..ledger import Ledger
from . import auth, countries, labels

PACKAGE = files("borderledger.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in HEADERS if h[0] not in names]
                if not scope.get("path", "").startswith("/static/"):
                    headers.append((b"vary", b"Cookie, Authorization"))  # answers differ per viewer
                viewer = (scope.get("state") or {}).get("viewer")
                if getattr(viewer, "role", None):  # names of private people: never cache
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append((b"cache-control", b"private, no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_url(url: str | None) -> str | None:
    """A source URL fit for ``href``: http(s) only, else ``None`` (shown as text)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def qs(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", 0) or k == "q"})


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def month_label(key: str | None) -> str:
    if not key:
        return "No date"
    if len(key) >= 7 and key[5:7].isdigit() and 1 <= int(key[5:7]) <= 12:
        return f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"
    return key[:4]


def groupby_month(items: list[dict]) -> list[dict]:
    """Consecutive facts grouped under month headings (by ``sort_date``)."""
    groups: list[dict] = []
    for item in items:
        label = month_label(item.get("sort_date"))
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "items": []})
        groups[-1]["items"].append(item)
    return groups


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(PACKAGE.joinpath("templates"))),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        country_name=countries.name, labels=labels, safe_url=safe_url, qs=qs,
        version=__version__, TYPE_LABELS=labels.TYPE_LABELS, STATUS_LABELS=labels.STATUS_LABELS,
        viewer=auth.viewer, CSRF_FIELD=auth.CSRF_FIELD,
    )
    env.filters["groupby_month"] = groupby_month
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def create_app(db: str | None = None, *, ledger: Ledger | None = None,
               show_proposed: bool | None = None, secret: str | bytes | None = None,
               https_only: bool | None = None) -> FastAPI:
    """The web app over the ledger at ``db`` (a path or URL; ``None``: the default ledger).

    ``show_proposed``: let the public see unreviewed facts, marked so (default: the
    environment variable ``BORDERLEDGER_SHOW_PROPOSED=1``, else confirmed facts only).
    ``secret`` signs session cookies (default: ``$BORDERLEDGER_SECRET``, else a random key
    in ``web-secret`` beside the ledger's blobs). ``https_only``: mark cookies Secure
    always (``True``), never (``False``) or when the request came over https (``None``).
    """
    from .api import router as api_router
    from .pages import router as pages_router

    app = FastAPI(
        title="BorderLedger API", version=__version__,
        description="Sourced facts about outsourced deportation and border enforcement. "
                    "Every fact points to exact quotes in a preserved source.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        dependencies=[Depends(auth.guard)],
    )
    app.state.ledger = ledger or Ledger(db)
    if show_proposed is None:
        show_proposed = auth.env_flag(auth.ENV_SHOW_PROPOSED)
    app.state.auth = auth.Auth(app.state.ledger, auth.load_secret(app.state.ledger, secret),
                               show_proposed=show_proposed, https_only=https_only)
    app.state.templates = make_templates()
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.get("/docs", include_in_schema=False)
    def docs_redirect():
        return RedirectResponse("/api/docs")

    def error(request: Request, status: int, detail, headers=None) -> object:
        if _wants_json(request):
            return JSONResponse({"detail": detail, "status": status}, status_code=status,
                                headers=headers)
        message = detail if isinstance(detail, str) else "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', [])[1:])}: {e.get('msg')}" for e in detail)
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status,
            headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if (isinstance(exc, auth.LoginRequired) and exc.redirect and request.method == "GET"
                and not _wants_json(request)):
            return RedirectResponse(auth.login_url(request), status_code=303)
        return error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", [])), "msg": e.get("msg"), "type": e.get("type")}
                  for e in exc.errors()]
        return error(request, 422, detail)

    _settle_heap()
    return app


def _settle_heap() -> None:
    """Move what lives as long as the app (modules, routes, templates, the world map) out of
    the garbage collector's sight. Otherwise every full collection, triggered every few
    hundred requests, walks those ~170,000 objects and stalls one request for ~80 ms: on a
    large ledger that, not SQL, set the dossier's p95."""
    import gc

    from . import svg

    svg.world()
    gc.collect()
    gc.freeze()
