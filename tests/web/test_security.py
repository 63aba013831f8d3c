"""Hostile source text renders inert everywhere; security headers on every response."""

import re

import pytest

from sample_ledger import add_article
from borderledger.ledger import Run

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    "<svg onload=alert(4)>",
]


@pytest.fixture(scope="module")
def hostile(sample):
    ledger, _ = sample
    text = ("HOSTILE — 12 men were flown to Panama " + " ".join(HOSTILE) +
            " officials said, and they were held at the <b onmouseover=alert(5)>camp</b>.")
    article = {
        "key": "hostile", "title": "<script>alert('title')</script> Panama",
        "outlet": '<img src=x onerror="alert(6)">', "published": "2025-02-10",
        "url": "javascript:alert(7)",
        "text": text,
        "facts": [
            ("transfer", {"sender": "US", "receiver": "PA", "count": 12, "count_kind": "exact",
                          "nationalities": [], "date": "2025-02-09", "status": "occurred",
                          "facility": "<script>alert(8)</script>"},
             ["12 men were flown to Panama " + HOSTILE[0]]),
            ("detention", {"country": "PA", "facility": '<img src=x onerror="alert(9)">',
                           "count": None, "count_kind": "unknown", "nationalities": [],
                           "date": None},
             ["held at the <b onmouseover=alert(5)>camp</b>"]),
        ],
    }
    source_id = add_article(ledger, article, Run("test", "hostile"))
    facts = [f["id"] for f in __import__("borderledger.ledger.queries", fromlist=["x"]).source(
        ledger, source_id, ("proposed", "confirmed"))["facts"]]
    return source_id, facts


RAW = ["<script>alert", 'href="javascript:', "href='javascript:", "<img src=x", "<svg onload",
       "<b onmouseover", "<a href=\"javascript"]


def _assert_inert(html: str) -> None:
    for needle in RAW:
        assert needle not in html, needle
    assert not re.search(r"<[a-zA-Z][^>]*\son\w+\s*=", html), "an event handler attribute"
    # the only scripts are our own static file
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_hostile_source_is_inert_on_every_page(client, hostile):
    source_id, facts = hostile
    urls = ["/", f"/source/{source_id}", "/country/PA", "/timeline", "/timeline?country=PA",
            "/search?q=alert", "/search?q=%3Cscript%3E", "/search?q=panama&country=PA",
            *(f"/fact/{f}" for f in facts)]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        _assert_inert(r.text)
    html = client.get(f"/source/{source_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "javascript:alert(7)" in html and 'href="javascript' not in html


def test_hostile_strings_are_plain_json_in_the_api(client, hostile):
    source_id, _ = hostile
    r = client.get(f"/api/sources/{source_id}")
    assert r.headers["content-type"].startswith("application/json")
    assert "<script>alert(1)</script>" in r.json()["text"]  # data, faithfully


def test_search_snippet_markers_cannot_be_forged(sample):
    from borderledger.ledger.queries import _split_snippet

    assert _split_snippet("a\x02b\x03c") == [("a", False), ("b", True), ("c", False)]


def test_security_headers_on_pages_api_errors_and_static(client):
    for url in ("/", "/api/facts", "/fact/99999", "/static/style.css", "/api/facts?limit=x"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "strict-origin-when-cross-origin"


def test_no_inline_scripts_or_styles_in_templates():
    from importlib.resources import files

    for path in files("borderledger.web").joinpath("templates").iterdir():
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name
        assert " style=" not in text and "<style" not in text, path.name
        assert "|safe" not in text and "Markup(" not in text, path.name


def test_jinja_autoescape_is_on(app):
    env = app.state.templates.env
    assert env.autoescape is True


def test_safe_url_allows_only_http():
    from borderledger.web.app import safe_url

    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x",
                "//evil.example", None, ""):
        assert safe_url(bad) is None
