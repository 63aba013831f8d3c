"""``/api/docs``: a self-hosted, script-free page describing the API from its OpenAPI schema."""

from fastapi import APIRouter, Request

from ..render import page

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request):
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description", ""),
                       "schema": p.get("schema", {})} for p in op.get("parameters", [])]
            endpoints.append({"path": path, "method": method.upper(),
                              "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params})
    return page(request, "api_docs.html", schema=schema, endpoints=endpoints)
