"""Small helpers the page routes share."""

from __future__ import annotations

from fastapi import Request

from ..ledger import Ledger
from . import auth


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def page(request: Request, template: str, status_code: int = 200, **context):
    response = request.app.state.templates.TemplateResponse(request, template, context,
                                                            status_code=status_code)
    auth.apply_pending_cookie(request, response)
    return response
