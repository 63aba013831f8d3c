"""Every endpoint × every role, allowed or denied as designed (asserted from one table).

The endpoints are collected from ``app.routes``: a new route fails this test until it is
given a row here, so none is forgotten.
"""

import pytest
from conftest import app_endpoints, csrf_of, login, new_client

ROLES = ("anonymous", "reviewer", "admin", "token_reviewer")
ALL = set(ROLES)
STAFF = {"reviewer", "admin", "token_reviewer"}
ADMIN = {"admin"}

#: (method, route path) → (roles allowed, concrete URL, request body or None, status when allowed)
TABLE = {
    ("GET", "/"): (ALL, "/", None, 200),
    ("GET", "/country/{cc}"): (ALL, "/country/SV", None, 200),
    ("GET", "/fact/{fact_id}"): (ALL, "/fact/1", None, 200),
    ("GET", "/source/{source_id}"): (ALL, "/source/1", None, 200),
    ("GET", "/timeline"): (ALL, "/timeline", None, 200),
    ("GET", "/search"): (ALL, "/search?q=deport*", None, 200),
    ("GET", "/docs"): (ALL, "/docs", None, 307),
    ("GET", "/openapi.json"): (ALL, "/openapi.json", None, 200),
    ("GET", "/api/docs"): (ALL, "/api/docs", None, 200),
    ("GET", "/api/facts"): (ALL, "/api/facts", None, 200),
    ("GET", "/api/facts.csv"): (ALL, "/api/facts.csv", None, 200),
    ("GET", "/api/facts/{fact_id}"): (ALL, "/api/facts/1", None, 200),
    ("GET", "/api/sources"): (ALL, "/api/sources", None, 200),
    ("GET", "/api/sources/{source_id}"): (ALL, "/api/sources/1", None, 200),
    ("GET", "/api/countries"): (ALL, "/api/countries", None, 200),
    ("GET", "/api/countries/{cc}"): (ALL, "/api/countries/SV", None, 200),
    ("GET", "/api/search"): (ALL, "/api/search?q=deport*", None, 200),
    ("GET", "/api/events"): (ALL, "/api/events", None, 200),
    ("GET", "/api/events/{event_id}"): (ALL, "/api/events/{event}", None, 200),
    ("GET", "/event/{event_id}"): (ALL, "/event/{event}", None, 200),
    # split the wire's report off, then merge it back: each role finds the same state
    ("POST", "/event/{event_id}/split"): (STAFF, "/event/{event}/split",
                                          {"form": {"fact": "{wire_fact}"}}, 303),
    ("POST", "/event/{event_id}/merge"): (STAFF, "/event/{event}/merge",
                                          {"form": {"other": "{wire_event}"}}, 303),
    ("GET", "/login"): (ALL, "/login", None, 200),
    ("POST", "/login"): (ALL, "/login", {"form": {"name": "ed", "password": None}}, 303),
    ("POST", "/logout"): (ALL, "/logout", {"form": {}}, 303),
    ("GET", "/review"): (STAFF, "/review", None, 200),
    ("GET", "/review/{fact_id}/edit"): (STAFF, "/review/2/edit", None, 200),
    ("POST", "/review/{fact_id}"): (STAFF, "/review/2", {"form": {"action": "confirm"}}, 303),
    ("GET", "/api/review/queue"): (STAFF, "/api/review/queue", None, 200),
    ("POST", "/api/facts/{fact_id}/review"): (STAFF, "/api/facts/2/review",
                                              {"json": {"action": "reopen"}}, 200),
    ("GET", "/admin/people"): (STAFF, "/admin/people", None, 200),
    ("POST", "/admin/people"): (STAFF, "/admin/people",
                                {"form": {"key": "ana belen ruiz", "public": "0"}}, 303),
    ("GET", "/admin/users"): (ADMIN, "/admin/users", None, 200),
    ("POST", "/admin/users"): (ADMIN, "/admin/users",
                               {"form": {"action": "enable", "name": "ed"}}, 303),
}


def test_every_endpoint_is_in_the_table(staff):
    assert app_endpoints(staff.app) == set(TABLE)


def _client(staff, role):
    c = new_client(staff.app)
    headers = {}
    if role == "token_reviewer":
        headers["Authorization"] = f"Bearer {staff.token}"
    elif role in ("reviewer", "admin"):
        assert login(c, {"reviewer": "rita", "admin": "ada"}[role]).status_code == 303
    return c, headers


def _csrf(c, role) -> str | None:
    if role == "token_reviewer":
        return None
    page = "/login" if role == "anonymous" else "/admin/people"
    return csrf_of(c.get(page).text)


def _denied(r) -> bool:
    if r.status_code in (401, 403):
        return True
    return r.status_code == 303 and r.headers["location"].startswith("/login?next=")


@pytest.fixture(scope="module")
def events(staff):
    """The sample's CECOT transfer and the wire's report of it, grouped into one event."""
    import sample_ledger

    from borderledger.ledger import queries

    sample_ledger.add_corroboration(staff.ledger)
    event = queries.event_of_fact(staff.ledger, 1)
    wire_fact = max(queries.event_refs(staff.ledger, event))
    return {"event": event, "wire_fact": str(wire_fact)}


def _fill(value, names: dict):
    if isinstance(value, str):
        return value.format(**names) if "{" in value else value
    if isinstance(value, dict):
        return {k: _fill(v, names) for k, v in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(staff, events, role):
    from conftest import PASSWORD

    from borderledger.ledger import queries

    c, headers = _client(staff, role)
    token = _csrf(c, role)
    # sign-out ends the session the other rows need: do it last
    rows = sorted(TABLE.items(), key=lambda kv: kv[0][1] == "/logout")
    for (method, path), (allowed, url, body, ok_status) in rows:
        names = {**events, "wire_event": queries.event_of_fact(staff.ledger,
                                                                int(events["wire_fact"]))}
        url, body = _fill(url, names), _fill(body, names)
        if method == "GET":
            r = c.get(url, headers=headers, follow_redirects=False)
        elif "json" in body:
            h = {**headers, **({"X-CSRF-Token": token} if token else {})}
            r = c.post(url, json=body["json"], headers=h, follow_redirects=False)
        else:
            form = {k: (PASSWORD if v is None else v) for k, v in body["form"].items()}
            if token:
                form["csrf_token"] = token
            # signing in must not log this client out of its role for the later rows
            client = new_client(staff.app) if path == "/login" else c
            if path == "/login" and token:
                form["csrf_token"] = _csrf(client, "anonymous")
            r = client.post(url, data=form, headers=headers, follow_redirects=False)
        if role in allowed:
            assert r.status_code == ok_status, (role, method, path, r.status_code, r.text[:300])
            if (role in ("reviewer", "admin") and method == "GET" and r.status_code == 200
                    and r.headers["content-type"].startswith("text/html")):
                assert 'action="/logout"' in r.text, path  # the viewer was recognised
        else:
            assert _denied(r), (role, method, path, r.status_code)
            if r.status_code == 401:
                assert role == "anonymous"
            if r.status_code == 403:
                assert role != "anonymous"


def test_denied_pages_send_browsers_to_sign_in_and_scripts_get_401(staff):
    anon = new_client(staff.app)
    r = anon.get("/review?offset=20", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Freview%3Foffset%3D20"
    r = anon.get("/api/review/queue")
    assert r.status_code == 401 and r.json()["status"] == 401
    c, _ = _client(staff, "reviewer")
    r = c.get("/admin/users")
    assert r.status_code == 403 and "text/html" in r.headers["content-type"]


def test_sign_in_only_redirects_to_local_paths(staff):
    c = new_client(staff.app)
    token = csrf_of(c.get("/login?next=https://evil.example/").text)
    from conftest import PASSWORD

    for target, expected in [("https://evil.example/", "/review"), ("//evil.example", "/review"),
                             ("/fact/1", "/fact/1")]:
        c = new_client(staff.app)
        token = csrf_of(c.get("/login").text)
        r = c.post("/login", data={"name": "ed", "password": PASSWORD, "csrf_token": token,
                                   "next": target}, follow_redirects=False)
        assert r.headers["location"] == expected


def test_split_and_merge_from_the_matrix_leave_one_event_and_audit_entries(staff, events):
    from sqlalchemy import select

    from borderledger.ledger import queries
    from borderledger.ledger.audit import AuditRow

    assert queries.event_of_fact(staff.ledger, int(events["wire_fact"])) == events["event"]
    with staff.ledger.session() as s:
        actions = s.scalars(select(AuditRow.action).where(AuditRow.action.like("event.%"))).all()
    assert actions.count("event.split") == 3 and actions.count("event.merge") == 3
