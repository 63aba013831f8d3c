"""End-to-end assembly of facts from short articles written for these tests (extract/rules.py)."""

from borderledger.extract.base import check_evidence
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2024-10-18", doc_id="t"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def of_type(facts, t):
    return [f.normalized_fields() for f in facts if f.type == t]


def test_extractor_has_name_and_version():
    ex = RulesExtractor()
    assert ex.name == "rules" and ex.version.count(".") == 2


def test_empty_document_gives_nothing():
    assert run("") == []


def test_transfer_with_count_nationality_and_weekday():
    facts = run("A charter carrying 64 Haitian migrants deported from the United States landed in "
                "Port-au-Prince on Wednesday.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["count"], t["count_kind"]) == ("US", "HT", 64, "exact")
    assert t["nationalities"] == ["HT"] and t["date"] == "2024-10-16" and t["status"] == "occurred"


def test_receiving_state_as_subject_with_hedge():
    [t] = of_type(run("Colombia received more than 500 deportees last week."), "transfer")
    assert (t["receiver"], t["count"], t["count_kind"], t["date"]) == ("CO", 500, "at_least", "2024-10")


def test_cap_is_not_a_transfer():
    assert of_type(run("Belize agreed to take up to 150 migrants from other nations."), "transfer") == []


def test_denied_landing_is_not_a_transfer():
    assert run("An official denied reports that a US plane had landed in Nicaragua with migrants.") == []


def test_conditional_flight_is_not_a_transfer():
    assert of_type(run("If the court allows it, migrants could be flown to Rwanda."), "transfer") == []


def test_planned_flight_with_number():
    [t] = of_type(run("Peru is expected to receive 120 deportees next week."), "transfer")
    assert t["status"] == "planned" and t["count"] == 120 and t["date"] == "2024-10"


def test_cancelled_flight_is_blocked():
    [t] = of_type(run("A flight that was to carry Cubans to Havana was cancelled on Tuesday."), "transfer")
    assert t["receiver"] == "CU" and t["status"] == "blocked"


def test_onward_return_home_from_the_receiving_state():
    text = ("Some 40 people deported from the United States arrived in Kigali last week. "
            "Six Congolese nationals were flown home on Monday, officials said.")
    ts = {t["receiver"]: t for t in of_type(run(text), "transfer")}
    assert ts["RW"]["sender"] == "US" and ts["CD"]["sender"] == "RW"


def test_return_to_countries_of_origin_is_not_a_transfer():
    text = "About 60 migrants arrived in Kigali. Most were later sent to their countries of origin."
    assert [t["receiver"] for t in of_type(run(text), "transfer")] == ["RW"]


def test_repeated_mentions_merge_into_one_fact_with_more_evidence():
    text = ("Guatemala received 75 deportees on Monday. The 75 deportees arrived in Guatemala City "
            "aboard a chartered jet.")
    facts = [f for f in run(text) if f.type == "transfer"]
    assert len(facts) == 1 and len(facts[0].evidence) == 2


def test_detention_needs_a_place():
    text = "Police arrested 30 migrants on Friday. They were later held at the Lajas Blancas camp in Panama."
    [d] = of_type(run(text), "detention")
    assert d["country"] == "PA" and d["facility"] == "Lajas Blancas"
    assert of_type(run("Police arrested 30 migrants on Friday."), "detention") == []


def test_arrangement_signed_with_kind_and_date():
    [a] = of_type(run("Ecuador and the United States signed a safe third country agreement on Monday."), "arrangement")
    assert a == {"parties": ["EC", "US"], "kind": "safe_third_country", "status": "agreed",
                 "date": "2024-10-14", "payment_usd": None}


def test_negated_arrangement_is_dropped():
    assert of_type(run("Brazil said it had not agreed to any deal on deportees."), "arrangement") == []


def test_arrangement_payment_in_dollars():
    text = "Under a deal signed in March, the United States is paying Kosovo $6 million to hold deportees."
    [a] = of_type(run(text), "arrangement")
    assert a["parties"] == ["US", "XK"] and a["kind"] == "detention" and a["payment_usd"] == 6_000_000


def test_legal_action_with_judge_and_case():
    text = ("US District Judge Anna Park ordered on Tuesday that the men stay in the country, "
            "in the case known as Doe v. Noem.")
    [l] = of_type(run(text), "legal_action")
    assert (l["forum"], l["action"], l["judge"], l["case"], l["date"]) == (
        "us_district_court", "order", "Park", "Doe v. Noem", "2024-10-15")


def test_foreign_court_is_national_court():
    [l] = of_type(run("On Thursday, lawyers filed a petition at the High Court in Nairobi."), "legal_action")
    assert l["forum"] == "national_court" and l["respondent"] == ["KE"] and l["action"] == "filed"


def test_future_hearing_is_not_an_action():
    assert of_type(run("The court is expected to hear the case next week."), "legal_action") == []


def test_enforcement_with_request_and_size():
    text = ("At the request of Washington, Honduras deployed 1,200 troops to its border with "
            "Nicaragua on Monday.")
    [e] = of_type(run(text), "enforcement")
    assert e == {"country": "HN", "measure": "troop_deployment", "count": 1200,
                 "date": "2024-10-14", "requested_by": "US"}


def test_training_state_is_not_requested_by():
    [e] = of_type(run("Panama's border police were trained by US agents for years."), "enforcement")
    assert e["measure"] == "training" and e["requested_by"] is None


def test_off_topic_story_gives_nothing():
    text = ("The council agreed to add a detention pond near the library. Riders can make free "
            "transfers between buses, and crews will be deployed at night.")
    assert run(text) == []


def test_every_fact_has_rule_and_confidence():
    for f in run("Mexico received 300 deportees on Monday. Mexico deployed 500 troops to the border."):
        assert f.rule and 0.0 <= f.confidence <= 1.0


def test_extraction_is_deterministic():
    text = "Chile received 45 deportees on Monday and agreed to take more under a new deal."
    a = [f.to_spec("x") for f in run(text)]
    b = [f.to_spec("x") for f in run(text)]
    assert a == b
