"""The JSON API under ``/api`` (OpenAPI at ``/openapi.json``, docs at ``/api/docs``)."""

from fastapi import APIRouter

from . import countries, docs, events, facts, review, search, sources

router = APIRouter(prefix="/api")
for module in (facts, events, sources, countries, search, review, docs):
    router.include_router(module.router)
