"""A small, realistic ledger built from sentences written for these tests (not extractor output).

``build(path)`` returns the open ``Ledger`` and a dict of named ids. Also used by
``docs/make_screenshots.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from borderledger.ledger import Ledger, Run
from borderledger.ledger.tables import FactRow
from borderledger.model import Fact, RawSource, Span


def span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


ARTICLES = [
    {
        "key": "cecot",
        "title": "US sends 238 Venezuelan men to a prison in El Salvador",
        "outlet": "Harbor Courier", "published": "2025-03-16",
        "url": "https://news.example.org/2025/03/16/cecot-flights",
        "text": (
            "SAN SALVADOR — Three planes carrying 238 Venezuelan men landed in El Salvador on "
            "March 15, and the men were taken to the CECOT mega-prison, officials said.\n\n"
            "The administration invoked the Alien Enemies Act to remove them. Under a deal "
            "announced last month, El Salvador agreed to hold deportees in exchange for "
            "payment; the White House said it would pay about $6 million for one year.\n\n"
            "Hours earlier, Judge James Boasberg of the federal district court in Washington "
            "had ordered the flights turned around in J.G.G. v. Trump."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "SV", "count": 238, "count_kind": "exact",
                          "nationalities": ["VE"], "date": "2025-03-15", "status": "occurred",
                          "facility": "CECOT", "authority": "alien_enemies_act"},
             ["238 Venezuelan men landed in El Salvador on March 15",
              "invoked the Alien Enemies Act"]),
            ("detention", {"country": "SV", "facility": "CECOT", "count": 238,
                           "count_kind": "exact", "nationalities": ["VE"], "date": "2025-03-15",
                           "funded_by": "US"},
             ["the men were taken to the CECOT mega-prison"]),
            ("arrangement", {"parties": ["SV", "US"], "kind": "detention", "status": "agreed",
                             "date": "2025-02", "payment_usd": 6000000},
             ["El Salvador agreed to hold deportees in exchange for payment",
              "pay about $6 million for one year"]),
            ("legal_action", {"forum": "us_district_court", "action": "order",
                              "respondent": ["US"], "case": "J.G.G. v. Trump",
                              "judge": "Boasberg", "date": "2025-03-15"},
             ["Judge James Boasberg of the federal district court in Washington had ordered "
              "the flights turned around in J.G.G. v. Trump"]),
        ],
    },
    {
        "key": "costa_rica",
        "title": "Costa Rica takes in 200 deportees from Asia and Africa",
        "outlet": "Central Wire", "published": "2025-02-21",
        "url": "https://wire.example.net/cr-deportees",
        "text": (
            "SAN JOSÉ — A US military plane landed in San José on Thursday with about 200 "
            "migrants from Uzbekistan, China and India, the second such flight this week.\n\n"
            "Costa Rica agreed to act as a bridge for the deportees, who were bused to a "
            "migrant center near the Panama border known as CATEM. No sum was disclosed."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "CR", "count": 200,
                          "count_kind": "approximate", "nationalities": ["UZ", "CN", "IN"],
                          "date": "2025-02-20", "status": "occurred"},
             ["landed in San José on Thursday with about 200 migrants from Uzbekistan, China "
              "and India"]),
            ("arrangement", {"parties": ["CR", "US"], "kind": "transit", "status": "in_force",
                             "date": "2025-02-20", "payment_usd": None},
             ["Costa Rica agreed to act as a bridge for the deportees"]),
            ("detention", {"country": "CR", "facility": "CATEM", "count": None,
                           "count_kind": "unknown", "nationalities": [], "date": None},
             ["bused to a migrant center near the Panama border known as CATEM"]),
        ],
    },
    {
        "key": "panama",
        "title": "Deportees held in Panama City hotel, then sent to jungle camp",
        "outlet": "Isthmus Daily", "published": "2025-02-18",
        "url": "https://isthmus.example.com/hotel-decapolis",
        "text": (
            "PANAMA CITY — Some 299 people deported from the United States were held at the "
            "Decapolis hotel this week; most are from Iran, Afghanistan and China.\n\n"
            "Panama agreed this month to receive deportees of other nationalities, with the "
            "United States paying the cost of their flights home. The Inter-American "
            "Commission on Human Rights said it was examining the conditions."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "PA", "count": 299,
                          "count_kind": "approximate", "nationalities": ["IR", "AF", "CN"],
                          "date": "2025-02", "status": "occurred"},
             ["Some 299 people deported from the United States"]),
            ("detention", {"country": "PA", "facility": "Decapolis hotel", "count": 299,
                           "count_kind": "approximate", "nationalities": ["IR", "AF", "CN"],
                           "date": "2025-02"},
             ["were held at the Decapolis hotel this week"]),
            ("arrangement", {"parties": ["PA", "US"], "kind": "third_country_reception",
                             "status": "agreed", "date": "2025-02", "payment_usd": None},
             ["Panama agreed this month to receive deportees of other nationalities"]),
            ("legal_action", {"forum": "iachr", "action": "investigation", "respondent": ["PA"],
                              "case": None, "judge": None, "date": "2025-02"},
             ["The Inter-American Commission on Human Rights said it was examining the "
              "conditions"]),
        ],
    },
    {
        "key": "mexico",
        "title": "Mexico sends 10,000 troops to its northern border",
        "outlet": "Frontera Post", "published": "2025-02-04",
        "url": "https://frontera.example.org/troops",
        "text": (
            "MEXICO CITY — Mexico began deploying 10,000 National Guard troops to the border "
            "on Tuesday after Washington pressed for action, in exchange for a pause in "
            "tariffs. The two governments described the step as cooperation on migration."
        ),
        "facts": [
            ("enforcement", {"country": "MX", "measure": "troop_deployment", "count": 10000,
                             "date": "2025-02-04", "requested_by": "US"},
             ["Mexico began deploying 10,000 National Guard troops to the border on Tuesday "
              "after Washington pressed for action"]),
            ("arrangement", {"parties": ["MX", "US"], "kind": "enforcement_cooperation",
                             "status": "agreed", "date": "2025-02-03", "payment_usd": None},
             ["The two governments described the step as cooperation on migration"]),
        ],
    },
    {
        "key": "guatemala",
        "title": "Guatemala to accept more deportation flights, including other nationals",
        "outlet": "Harbor Courier", "published": "2025-02-06",
        "url": "https://news.example.org/2025/02/06/guatemala",
        "text": (
            "GUATEMALA CITY — Guatemala will take in deportees of other nationalities before "
            "they are returned home, its president said after meeting the US secretary of "
            "state. Officials expect 40 percent more flights. A safe third country agreement "
            "signed in 2019 was ended in 2021; talks on a new one are under way."
        ),
        "facts": [
            ("arrangement", {"parties": ["GT", "US"], "kind": "third_country_reception",
                             "status": "agreed", "date": "2025-02-05", "payment_usd": None},
             ["Guatemala will take in deportees of other nationalities"]),
            ("arrangement", {"parties": ["GT", "US"], "kind": "safe_third_country",
                             "status": "negotiating", "date": None, "payment_usd": None},
             ["talks on a new one are under way"]),
        ],
    },
    {
        "key": "cecot_april",
        "title": "More deportees reach El Salvador despite court fight",
        "outlet": "Central Wire", "published": "2025-04-14",
        "url": "https://wire.example.net/sv-april",
        "text": (
            "SAN SALVADOR — A further 17 men, described by officials as gang members from "
            "Venezuela and El Salvador, arrived on Sunday. An appeals court declined to lift "
            "the lower court's order."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "SV", "count": 17, "count_kind": "exact",
                          "nationalities": ["VE", "SV"], "date": "2025-04-13",
                          "status": "occurred"},
             ["A further 17 men, described by officials as gang members from Venezuela and El "
              "Salvador, arrived on Sunday"]),
            ("legal_action", {"forum": "us_court_of_appeals", "action": "ruling",
                              "respondent": ["US"], "case": None, "judge": None,
                              "date": "2025-04"},
             ["An appeals court declined to lift the lower court's order"]),
        ],
    },
]


def add_article(ledger: Ledger, article: dict, run: Run) -> int:
    text = article["text"]
    facts = [Fact(type_, fields, [span(text, q) for q in quotes], confidence=0.8,
                  rule="test-fixture")
             for type_, fields, quotes in article["facts"]]
    raw = RawSource(data=text.encode("utf-8"), media_type="text/plain",
                    corpus_id=article["key"], url=article.get("url"),
                    outlet=article.get("outlet"), title=article.get("title"),
                    published=article.get("published"),
                    retrieved_at=datetime(2025, 5, 1, 12, 0, 0))
    return ledger.add_source(raw, text, "given", facts=facts, run=run)


def set_status(ledger: Ledger, fact_id: int, status: str) -> None:
    with ledger.session() as s:
        s.execute(update(FactRow).where(FactRow.id == fact_id).values(status=status))


def build(path) -> tuple[Ledger, dict]:
    ledger = Ledger(str(path))
    run = Run("test", "1")
    ids = {"sources": {}}
    for article in ARTICLES:
        ids["sources"][article["key"]] = add_article(ledger, article, run)
    # fact ids follow insertion order: 1 = the CECOT transfer
    set_status(ledger, 1, "confirmed")
    set_status(ledger, 3, "confirmed")
    ids["cecot_transfer"] = 1
    ids["cecot_arrangement"] = 3
    return ledger, ids


#: a second report of the CECOT flights (a different count) and of the Panama transfer, for
#: events: corroboration across sources and a conflict shown side by side
CORROBORATING = [
    {
        "key": "cecot_wire",
        "title": "El Salvador receives 252 deportees",
        "outlet": "Central Wire", "published": "2025-03-17",
        "url": "https://wire.example.net/sv-252",
        "text": (
            "SAN SALVADOR — El Salvador's president said 252 Venezuelans deported by the "
            "United States arrived on March 15 and were taken to the CECOT prison."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "SV", "count": 252, "count_kind": "exact",
                          "nationalities": ["VE"], "date": "2025-03-15", "status": "occurred",
                          "facility": "CECOT"},
             ["252 Venezuelans deported by the United States arrived on March 15"]),
        ],
    },
    {
        "key": "panama_wire",
        "title": "Panama holds deportees at hotel",
        "outlet": "Frontera Post", "published": "2025-02-19",
        "url": "https://frontera.example.org/panama-hotel",
        "text": (
            "PANAMA CITY — About 299 deportees from the United States, many from Iran and "
            "Afghanistan, are being held at a hotel in the capital."
        ),
        "facts": [
            ("transfer", {"sender": "US", "receiver": "PA", "count": 299,
                          "count_kind": "approximate", "nationalities": ["IR", "AF"],
                          "date": "2025-02", "status": "occurred"},
             ["About 299 deportees from the United States, many from Iran and Afghanistan"]),
        ],
    },
]


def add_corroboration(ledger: Ledger) -> dict:
    """Add the corroborating reports (proposed facts) and group facts into events."""
    from borderledger.ledger.resolution import resolve

    run = Run("test", "1")
    ids = {a["key"]: add_article(ledger, a, run) for a in CORROBORATING}
    resolve(ledger)
    return ids
