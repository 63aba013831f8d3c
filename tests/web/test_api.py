"""The JSON API: every endpoint, pagination, CSV, and bad parameters (4xx, never 500)."""

import csv
import io

import pytest


def test_facts_list_with_filters_and_pagination(client):
    r = client.get("/api/facts")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 17 and body["limit"] == 50 and body["offset"] == 0
    first = body["items"][0]
    assert {"id", "type", "fields", "status", "evidence", "source"} <= first.keys()
    assert first["evidence"] and {"start", "end", "quote"} <= first["evidence"][0].keys()
    page = client.get("/api/facts?limit=2&offset=2").json()
    assert len(page["items"]) == 2 and page["items"][0]["id"] == body["items"][2]["id"]
    sv = client.get("/api/facts?country=sv&type=transfer").json()
    assert sv["total"] == 2 and sv["filters"] == {"type": "transfer", "country": "SV"}
    recv = client.get("/api/facts?country=US&role=receiver").json()
    assert recv["total"] == 0
    assert client.get("/api/facts?limit=500").status_code == 200


def test_fact_by_id(client):
    r = client.get("/api/facts/1")
    assert r.status_code == 200
    fact = r.json()
    assert fact["type"] == "transfer" and fact["fields"]["receiver"] == "SV"
    assert fact["source"]["sha256"] and fact["source"]["retrieved_at"]
    assert "text" not in fact
    assert client.get("/api/facts/999").status_code == 404


def test_facts_csv_both_ways(client):
    for url in ("/api/facts.csv?country=SV", "/api/facts?country=SV&format=csv"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert {row["id"] for row in rows} == {"1", "2", "3", "16"}
        assert rows[0]["evidence"]


def test_csv_defuses_formulas():
    from borderledger.web.csvout import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("-5") == "-5" and cell(["US", "SV"]) == "US;SV" and cell(None) == ""


def test_sources(client):
    body = client.get("/api/sources").json()
    assert body["total"] == 6
    assert body["items"][0]["published"] == "2025-04-14"  # newest first
    assert all("n_facts" in s for s in body["items"])
    assert client.get("/api/sources?since=2025-03").json()["total"] == 2
    assert client.get("/api/sources?outlet=Central%20Wire").json()["total"] == 2
    one = client.get("/api/sources/1").json()
    assert one["text"].startswith("SAN SALVADOR") and len(one["facts"]) == 4
    assert client.get("/api/sources/99").status_code == 404
    r = client.get("/api/sources?format=csv")
    assert r.status_code == 200 and "sha256" in r.text.splitlines()[0]


def test_countries(client):
    body = client.get("/api/countries").json()
    codes = [c["country"] for c in body["items"]]
    assert codes[0] == "US" and "SV" in codes and "VE" not in codes  # nationality only
    sv = client.get("/api/countries/SV").json()
    assert sv["name"] == "El Salvador" and sv["summary"]["by_type"]["transfer"] == 2
    groups = sv["arrangements"]["groups"]
    assert groups[0]["payments"] == [[6000000, 3]]
    assert client.get("/api/countries/sv").status_code == 200
    assert client.get("/api/countries?format=csv").text.startswith("country,name,total")


def test_search(client):
    body = client.get("/api/search?q=Decapolis").json()
    assert body["total"] == 1 and body["items"][0]["id"] == 3
    assert "Decapolis" in body["items"][0]["snippet"]
    assert {"value": "detention", "count": 1} in body["facets"]["type"]
    assert client.get("/api/search?q=Decapolis&type=enforcement").json()["total"] == 0
    assert client.get('/api/search?q="(').status_code == 200
    assert client.get("/api/search?q=camp&format=csv").status_code == 200


def test_openapi_schema_is_served(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/facts", "/api/facts/{fact_id}", "/api/sources", "/api/sources/{source_id}",
                 "/api/countries", "/api/countries/{cc}", "/api/search", "/api/facts.csv"):
        assert path in schema["paths"], path


BAD = [
    ("/api/facts?limit=501", 422), ("/api/facts?limit=-1", 422), ("/api/facts?limit=ten", 422),
    ("/api/facts?offset=-5", 422), ("/api/facts?offset=99999999999999999999999", 422),
    ("/api/facts?type=flight", 422), ("/api/facts?country=ZZ", 422),
    ("/api/facts?country=USA", 422), ("/api/facts?since=2025-02-30", 422),
    ("/api/facts?since=last+week", 422), ("/api/facts?until=20250101", 422),
    ("/api/facts?status=rejected", 422), ("/api/facts?role=sender", 422),
    ("/api/facts?country=US&role=boss", 422), ("/api/facts?since=2025-05&until=2025-01", 422),
    ("/api/facts?format=xml", 422), ("/api/facts/0", 422), ("/api/facts/-1", 422),
    ("/api/facts/abc", 422), ("/api/facts/99999999999999999999999", 422),
    ("/api/facts/123456", 404), ("/api/sources/0", 422), ("/api/sources/123456", 404),
    ("/api/sources?since=May", 422), ("/api/countries/ZZ", 404), ("/api/countries/123", 404),
    ("/api/countries/" + "A" * 300, 404), ("/api/search", 422), ("/api/search?q=x&type=y", 422),
    ("/api/search?q=x&country=QQ", 422), ("/api/search?q=" + "x" * 600, 422),
    ("/api/facts.csv?limit=999999", 422), ("/api/nowhere", 404),
]


@pytest.mark.parametrize("url,status", BAD)
def test_bad_parameters_give_clear_json_4xx(client, url, status):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == status and body["detail"]


def test_date_bounds_include_partial_dates(client):
    # until=2025-02-04 keeps facts dated "2025-02" (month precision) and 2025-02-03/04
    assert client.get("/api/facts?until=2025-02-04").json()["total"] == 7
    assert client.get("/api/facts?since=2025-03&until=2025-03").json()["total"] == 3
    from borderledger.ledger.queries import after

    assert (after("2025"), after("2025-12"), after("2025-02-28")) == ("2026", "2026-01",
                                                                     "2025-03-01")


def test_empty_and_whitespace_filters_are_ignored(client):
    assert client.get("/api/facts?type=&country=%20&since=").json()["total"] == 17
