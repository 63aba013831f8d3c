"""HTML pages, one module per page."""

from fastapi import APIRouter

from . import (
    account, admin, country, event, fact, overview, review, search, source, timeline,
)

router = APIRouter(include_in_schema=False)
for module in (overview, country, event, fact, source, timeline, search, account, review, admin):
    router.include_router(module.router)
