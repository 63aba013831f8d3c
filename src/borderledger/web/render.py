"""Small helpers the page routes share."""

from __future__ import annotations

from fastapi import Request

from ..ledger import Ledger


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def page(request: Request, template: str, **context):
    return request.app.state.templates.TemplateResponse(request, template, context)
