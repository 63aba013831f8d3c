"""HTML pages, one module per page."""

from fastapi import APIRouter

from . import country, fact, overview, search, source, timeline

router = APIRouter(include_in_schema=False)
for module in (overview, country, fact, source, timeline, search):
    router.include_router(module.router)
