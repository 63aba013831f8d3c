"""The HTML pages, rendered in-process, against the small sample ledger."""

import re


def test_overview_has_a_linked_map_legend_counts_and_latest_facts(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert "<title>Overview · BorderLedger</title>" in html
    assert 'href="/country/SV"' in html and 'href="/country/US"' in html
    assert len(re.findall(r'<a href="/country/[A-Z]{2}" aria-label=', html)) > 150
    assert 'class="legend"' in html and "Made with Natural Earth" in html
    assert "public facts" in html
    assert 'href="/fact/16"' in html  # the newest fact is listed


def test_map_shades_countries_by_transfers_and_arrangements(client):
    html = client.get("/").text
    sv = re.search(r'aria-label="El Salvador: (\d+) ', html)
    assert sv and int(sv.group(1)) == 3  # two transfers and one arrangement
    fr = re.search(r'<a href="/country/FR" aria-label="France: 0 [^"]*" tabindex="-1"><path '
                   r'class="b0"', html)
    assert fr, "countries without facts stay unshaded and out of the tab order"


def test_dossier_lists_sections_and_says_what_is_unknown(client):
    r = client.get("/country/CR")
    assert r.status_code == 200
    html = r.text
    assert "<title>Costa Rica — dossier · BorderLedger</title>" in html
    assert "payment: not stated in any source" in html
    assert "Transfers into Costa Rica" in html and "Detentions in Costa Rica" in html
    assert "Uzbekistan" in html  # nationalities of transfers in
    assert "date not stated" in html  # the CATEM detention has no date
    assert "<svg" in html and "<rect" in html  # monthly timeline chart
    assert 'href="/fact/5"' in html and 'href="/fact/6"' in html and 'href="/fact/7"' in html


def test_dossier_shows_stated_payment_and_dates(client):
    html = client.get("/country/SV").text
    assert "US$6,000,000" in html
    assert "With United States: detention" in html


def test_guatemala_arrangement_without_date_says_so(client):
    html = client.get("/country/GT").text
    assert "date: not stated in any source" in html


def test_dossier_for_a_country_without_facts_is_empty_not_missing(client):
    r = client.get("/country/FR")
    assert r.status_code == 200
    assert "No public fact involves France yet." in r.text


def test_lowercase_country_code_redirects(client):
    r = client.get("/country/sv", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/country/SV"


def test_unknown_country_is_404_page(client):
    r = client.get("/country/ZZ")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no country with code" in r.text


def test_fact_page_shows_fields_quotes_in_context_and_source(client, ids):
    r = client.get(f"/fact/{ids['cecot_transfer']}")
    assert r.status_code == 200
    html = r.text
    assert "<mark>238 Venezuelan men landed in El Salvador on March 15</mark>" in html
    assert "<mark>invoked the Alien Enemies Act</mark>" in html
    assert "Three planes carrying" in html  # surrounding text
    for text in ("Harbor Courier", "https://news.example.org/2025/03/16/cecot-flights",
                 "2025-03-16", "2025-05-01T12:00:00"):
        assert text in html
    assert re.search(r'class="hash">[0-9a-f]{64}<', html)
    assert "alien enemies act" in html and "CECOT" in html
    assert 'class="badge confirmed"' in html
    assert re.search(r'href="/source/1#ev-\d+"', html)


def test_fact_page_marks_unknown_fields_and_unreviewed_status(client):
    html = client.get("/fact/7").text  # CATEM detention: no count, no date
    assert 'class="badge proposed">unreviewed<' in html
    assert '<dd class="unknown">not stated</dd>' in html


def test_missing_fact_is_404(client):
    assert client.get("/fact/9999").status_code == 404
    assert client.get("/fact/0").status_code == 422
    assert client.get("/fact/abc").status_code == 422
    assert client.get("/fact/" + "9" * 40).status_code == 422


def test_source_page_highlights_every_span_and_links_facts(client, ids):
    r = client.get(f"/source/{ids['sources']['cecot']}")
    assert r.status_code == 200
    html = r.text
    assert html.count('class="ref" id="ev-') == 6  # one marker per evidence span
    for fid in (1, 2, 3, 4):
        assert f'href="/fact/{fid}"' in html
    assert "<mark" in html and "the CECOT mega-prison" in html
    assert "2025-05-01T12:00:00" in html and "Harbor Courier" in html


def test_timeline_filters_by_type_country_dates_and_status(client):
    html = client.get("/timeline?type=transfer&country=SV").text
    assert 'href="/fact/1"' in html and 'href="/fact/16"' in html
    assert 'href="/fact/5"' not in html  # Costa Rica
    html = client.get("/timeline?since=2025-04").text
    assert 'href="/fact/16"' in html and 'href="/fact/1"' not in html
    html = client.get("/timeline?until=2025-02-04").text
    assert 'href="/fact/12"' in html and 'href="/fact/1"' not in html
    html = client.get("/timeline?status=confirmed").text
    assert 'href="/fact/1"' in html and 'href="/fact/16"' not in html
    assert "March 2025" in html  # month headings
    assert "/api/facts.csv?status=confirmed" in html


def test_timeline_pagination(client):
    html = client.get("/timeline?limit=5").text
    assert 'rel="next"' in html and "1–5 of" in html
    html = client.get("/timeline?limit=5&offset=5").text
    assert 'rel="prev"' in html


def test_timeline_bad_params_are_4xx_pages(client):
    for q in ("since=2025-13", "until=yesterday", "type=flight", "country=Atlantis",
              "status=rejected", "limit=-1", "offset=x", "role=sender",
              "since=2025-05&until=2025-01"):
        r = client.get(f"/timeline?{q}")
        assert r.status_code == 422, q
        assert "text/html" in r.headers["content-type"]


def test_search_finds_sources_with_snippets_and_facets(client):
    r = client.get("/search?q=Venezuelan")
    assert r.status_code == 200
    html = r.text
    assert "<mark>Venezuelan</mark>" in html
    assert 'href="/source/1"' in html
    assert 'href="/search?q=Venezuelan&amp;type=transfer"' in html
    assert "El Salvador" in html


def test_search_prefix_and_facet_filter(client):
    html = client.get("/search?q=deport*&country=PA").text
    assert 'href="/source/3"' in html and 'href="/source/1"' not in html
    html = client.get("/search?q=deport*&type=enforcement").text
    assert "0 sources" in html


def test_search_survives_fts_syntax(client):
    for q in ['"', '""" AND (', "NEAR(", "a OR", "*", "-x", "title:foo", "^", "\x00", "'; --"]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200, q


def test_api_docs_page_works_offline(client):
    r = client.get("/api/docs")
    assert r.status_code == 200
    assert "/api/facts" in r.text and "cdn" not in r.text.lower()
    assert client.get("/docs", follow_redirects=False).headers["location"] == "/api/docs"


def test_static_assets_ship_in_the_package(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert "Made with Natural Earth" in client.get("/static/NOTICE").text
