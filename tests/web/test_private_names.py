"""Private individuals' names reach no public page, API answer or CSV; reviewers see them.

The corpus (tests/fixtures/private_names) goes in through the real pipeline, which stores
person mentions; facts are also built directly so that every kind of page has content
naming people: quotes, case names, a facility, a title and a URL.
"""

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import PASSWORD, app_endpoints, login, new_client

from borderledger.extract import get_extractor
from borderledger.extract.persons import find_persons
from borderledger.ledger import Ledger, Run
from borderledger.ledger.accounts import add_user
from borderledger.ledger.privacy import MASK
from borderledger.model import Fact, RawSource, Span
from borderledger.pipeline import ingest
from borderledger.web import create_app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "private_names"
NAMES = json.loads((FIXTURE / "names.json").read_text())
PRIVATE = NAMES["private"]
#: each word of a private name (longer than 3 letters) must stay hidden too
PARTS = sorted({p for n in PRIVATE for p in n.split() if len(p) > 3})


def _span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


#: facts written for this test, about the fixture's people (quotes contain their names)
DIRECT = [
    {
        "key": "pn-direct-1", "title": "Peraza Linares family asks court for news",
        "url": "https://example.org/2025/05/wilmer-peraza-linares-habeas",
        "text": ("EL PASO — Lawyers filed a habeas petition, Peraza Linares v. Noem, for "
                 "Wilmer Antonio Peraza Linares, who was flown from Texas to El Salvador on "
                 "March 15 with 237 other Venezuelan men and held at CECOT. His mother, Carmen "
                 "Linares de Peraza, said the family had learned of the transfer from a photo."),
        "facts": [
            ("legal_action", {"forum": "us_district_court", "action": "filed",
                              "respondent": ["US"], "case": "Peraza Linares v. Noem",
                              "judge": None, "date": "2025-05"},
             ["Lawyers filed a habeas petition, Peraza Linares v. Noem, for Wilmer Antonio "
              "Peraza Linares"]),
            ("transfer", {"sender": "US", "receiver": "SV", "count": 238,
                          "count_kind": "exact", "nationalities": ["VE"], "date": "2025-03-15",
                          "status": "occurred", "facility": "CECOT"},
             ["Wilmer Antonio Peraza Linares, who was flown from Texas to El Salvador on "
              "March 15 with 237 other Venezuelan men"]),
        ],
    },
    {
        "key": "pn-direct-2", "title": "A Kazakh family waits in Costa Rica",
        "url": "https://example.org/2025/03/catem-family",
        "text": ("CORREDORES — Alibek Seitkali and his daughter Amina Seitkali are among about "
                 "200 deportees from Asia held at the CATEM migrant centre in Costa Rica since "
                 "February. Seitkali said the centre was crowded."),
        "facts": [
            ("detention", {"country": "CR", "facility": "CATEM (where Alibek Seitkali is held)",
                           "count": 200, "count_kind": "approximate", "nationalities": ["KZ"],
                           "date": "2025-02"},
             ["Alibek Seitkali and his daughter Amina Seitkali are among about 200 deportees "
              "from Asia held at the CATEM migrant centre in Costa Rica"]),
        ],
    },
    {
        "key": "pn-direct-3", "title": "Honduran sent to Guatemala under the cooperative agreement",
        "url": "https://example.org/2019/12/acas-guatemala",
        "text": ("GUATEMALA CITY — Marvin Josué Cruz Aguilar was flown from Texas to Guatemala "
                 "under the asylum cooperative agreement. Cruz Aguilar v. Wolf was filed on his "
                 "behalf. His partner, Keila Yamileth Aguilar, stayed in Honduras."),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "GT", "count": 1, "count_kind": "exact",
                          "nationalities": ["HN"], "date": "2019-12", "status": "occurred"},
             ["Marvin Josué Cruz Aguilar was flown from Texas to Guatemala"]),
            ("legal_action", {"forum": "us_district_court", "action": "filed",
                              "respondent": ["US"], "case": "Cruz Aguilar v. Wolf",
                              "judge": None, "date": "2019-12"},
             ["Cruz Aguilar v. Wolf was filed on his behalf"]),
            ("arrangement", {"parties": ["GT", "US"], "kind": "safe_third_country",
                             "status": "in_force", "date": "2019-12", "payment_usd": None},
             ["under the asylum cooperative agreement. Cruz Aguilar v. Wolf"]),
        ],
    },
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from types import SimpleNamespace

    from sample_ledger import set_status

    ledger = Ledger(str(tmp_path_factory.mktemp("private") / "ledger.db"))
    ingest(ledger, [FIXTURE / "corpus.jsonl"], extractor=get_extractor("rules"))
    run = Run("test", "private")
    for article in DIRECT:
        text = article["text"]
        facts = [Fact(t, fields, [_span(text, q) for q in quotes], confidence=0.9, rule="test")
                 for t, fields, quotes in article["facts"]]
        ledger.add_source(RawSource(text.encode(), "text/plain", corpus_id=article["key"],
                                    url=article["url"], title=article["title"],
                                    outlet="Test Wire", published="2025-05-01"),
                          text, "given", facts=facts, run=run, mentions=find_persons(text))
    fact_ids = [f.id for _, f in ledger.current_facts()]
    for fid in fact_ids:  # public in the default (confirmed-only) mode
        set_status(ledger, fid, "confirmed")
    add_user(ledger, "rita", "reviewer", PASSWORD, actor="test")
    from borderledger.ledger.resolution import resolve

    resolve(ledger)  # events, for /event and /api/events
    app = create_app(ledger=ledger, secret="p" * 40)
    yield SimpleNamespace(ledger=ledger, app=app, facts=fact_ids)
    ledger.close()


SEARCHES = ["Venezuelan", "asylum", "deport*", "family", "Guatemala", "court", "CECOT",
            "habeas", "mother"]


def public_urls(client, app, fact_ids) -> list[str]:
    """Every public GET route, filled in with every id in the ledger."""
    sources = [s["id"] for s in client.get("/api/sources?limit=500").json()["items"]]
    countries = [c["country"] for c in client.get("/api/countries").json()["items"]]
    events = [e["id"] for e in client.get("/api/events?limit=500").json()["items"]]
    assert events
    fill = {
        "/": ["/"], "/timeline": ["/timeline?limit=500", "/timeline?limit=500&as_of=2100-01-01"],
        "/search": [f"/search?q={quote(q)}" for q in SEARCHES],
        "/fact/{fact_id}": [f"/fact/{i}" for i in fact_ids],
        "/source/{source_id}": [f"/source/{i}" for i in sources],
        "/country/{cc}": [f"/country/{cc}" for cc in countries],
        "/api/facts": ["/api/facts?limit=500", "/api/facts?format=csv",
                       "/api/facts?limit=500&as_of=2100-01-01"],
        "/api/facts.csv": ["/api/facts.csv"],
        "/api/facts/{fact_id}": [f"/api/facts/{i}" for i in fact_ids],
        "/api/sources": ["/api/sources?limit=500", "/api/sources?format=csv"],
        "/api/sources/{source_id}": [f"/api/sources/{i}" for i in sources],
        "/api/countries": ["/api/countries", "/api/countries?format=csv"],
        "/api/countries/{cc}": [f"/api/countries/{cc}" for cc in countries],
        "/api/search": [f"/api/search?q={quote(q)}" for q in SEARCHES]
        + [f"/api/search?q={quote(q)}&format=csv" for q in SEARCHES],
        "/api/docs": ["/api/docs"], "/openapi.json": ["/openapi.json"], "/docs": [],
        "/login": ["/login"],
        "/event/{event_id}": [f"/event/{e}" for e in events],
        "/api/events/{event_id}": [f"/api/events/{e}" for e in events]
        + [f"/api/events/{e}?as_of=2100-01-01" for e in events[:5]],
        "/api/events": ["/api/events?limit=500", "/api/events?format=csv",
                        "/api/events?as_of=2100-01-01&limit=500",
                        "/api/events?as_of=2100-01-01&format=csv"]
        + [f"/api/events?country={cc}" for cc in countries],
    }
    public_gets = {p for m, p in app_endpoints(app) if m == "GET"
                   and not p.startswith(("/review", "/admin", "/api/review"))}
    assert public_gets == set(fill), "a public route is missing from the crawl"
    return [u for urls in fill.values() for u in urls]


def leaks(body: str) -> list[str]:
    return [n for n in PRIVATE + PARTS if n in body]


def test_private_names_appear_in_no_public_page_api_answer_or_csv(corpus):
    anon = new_client(corpus.app)
    urls = public_urls(anon, corpus.app, corpus.facts)
    assert len(urls) > 40
    for url in urls:
        r = anon.get(url)
        assert r.status_code == 200, url
        assert leaks(r.text) == [], url
    # the content is really there, masked: not an empty crawl
    assert MASK in anon.get("/source/1").text
    rows = list(csv.DictReader(io.StringIO(anon.get("/api/facts.csv").text)))
    cases = {row["case"] for row in rows if row["case"]}
    assert any(case.endswith(" v. Noem") and MASK in case for case in cases)
    assert any(case.endswith(" v. Wolf") for case in cases)
    assert all(len(row["evidence"]) > 20 for row in rows)


def test_masking_keeps_offsets_and_public_officials(corpus):
    anon = new_client(corpus.app)
    src = anon.get("/api/sources/1").json()
    for fact in src["facts"]:
        for ev in fact["evidence"]:
            assert src["text"][ev["start"]:ev["end"]] == ev["quote"]
    assert "Marco Rubio" in src["text"] and "James Boasburg" in src["text"]


def test_the_same_pages_name_them_for_a_signed_in_reviewer(corpus):
    rita = new_client(corpus.app)
    assert login(rita, "rita").status_code == 303
    seen = ""
    for url in public_urls(rita, corpus.app, corpus.facts):
        r = rita.get(url)
        assert r.status_code == 200, url
        seen += r.text
    for name in PRIVATE:
        assert name in seen, name
    assert "Peraza Linares v. Noem" in rita.get("/api/facts.csv").text


@pytest.mark.parametrize("q", ["Peraza", "Wilmer", "peraza", "Peraz*", "Seitkali",
                               "Tomás", "Tomas", "Venezuelan Peraza", "Keila Aguilar",
                               '"Cruz Aguilar"', "Quintanilla", "Gulnara"])
def test_searching_a_private_name_reveals_nothing(corpus, q):
    anon = new_client(corpus.app)
    body = anon.get("/api/search", params={"q": q}).json()
    assert body["total"] == 0 and body["items"] == [], q
    assert body["facets"] == {"type": [], "country": []}
    html = anon.get("/search", params={"q": q}).text
    assert "0 sources" in html and 'href="/source/' not in html
    staff = anon.get("/api/search", params={"q": q},
                     headers={"Authorization": f"Bearer {_token(corpus)}"}).json()
    assert staff["total"] >= 1, q  # the index does hold them: reviewers find them


def test_search_still_finds_what_the_masked_text_says(corpus):
    anon = new_client(corpus.app)
    body = anon.get("/api/search", params={"q": "Venezuelan"}).json()
    assert body["total"] >= 2
    for item in body["items"]:
        assert leaks(item["snippet"] + (item["title"] or "")) == []
    assert any("Venezuelan" in i["snippet"] for i in body["items"])
    # a source naming a private person is found by its other words, with a masked snippet
    hit = anon.get("/api/search", params={"q": "habeas"}).json()
    assert hit["total"] == 1 and MASK in hit["items"][0]["snippet"] + hit["items"][0]["title"]
    # a word that is both a private name and elsewhere in public text still matches there
    assert anon.get("/api/search", params={"q": "Aguilar Wolf"}).json()["total"] == 0
    assert anon.get("/api/search", params={"q": "Honduran"}).json()["total"] >= 1


_TOKENS = {}


def _token(corpus) -> str:
    from borderledger.ledger.accounts import create_token

    if "t" not in _TOKENS:
        _TOKENS["t"] = create_token(corpus.ledger, "rita", actor="test")
    return _TOKENS["t"]


def test_a_person_made_public_is_named_and_found(corpus):
    from borderledger.ledger.privacy import set_public

    anon = new_client(corpus.app)
    assert anon.get("/api/search", params={"q": "Quintanilla"}).json()["total"] == 0
    set_public(corpus.ledger, "osvaldo quintanilla", True, "rita", "a pastor speaking publicly")
    try:
        assert anon.get("/api/search", params={"q": "Quintanilla"}).json()["total"] == 1
        assert "Osvaldo Quintanilla" in anon.get("/api/sources/2").json()["text"]
    finally:
        set_public(corpus.ledger, "osvaldo quintanilla", False, "rita", "undo")
    assert "Osvaldo Quintanilla" not in anon.get("/api/sources/2").json()["text"]


def test_masked_spans_are_rendered_as_text_not_markup(corpus):
    html = new_client(corpus.app).get("/fact/1").text
    assert re.search(f"{MASK}+ {MASK}+", html)
