"""Courts and oversight bodies acting in the many ways news reports phrase it (legal.py),
the domain defaults in data/defaults.yaml, and precision guards added with them.
All sentences are written for these tests."""

from borderledger.extract.base import check_evidence
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2024-05-10", doc_id="lg"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def legal(text, **kw):
    return [f.normalized_fields() for f in run(text, **kw) if f.type == "legal_action"]


def got(text, **kw):
    return {(f["forum"], f["action"]) for f in legal(text, **kw)}


def test_refusing_after_a_date_is_a_ruling():
    assert got("The appeals court in Richmond refused on May 2 to lift the lower court's order on the flights.") >= {
        ("us_court_of_appeals", "ruling")}


def test_declined_to_pause_and_turned_down_a_bid():
    assert ("us_court_of_appeals", "ruling") in got(
        "The Ninth Circuit declined to pause the injunction against the removals.")
    assert ("us_court_of_appeals", "ruling") in got(
        "The US Court of Appeals for the Ninth Circuit turned down the government's bid to resume the flights.")


def test_agreeing_to_take_up_and_hearing_arguments_in_one_sentence():
    assert got("The justices agreed in March to take up the asylum case and heard arguments in late May.") == {
        ("us_supreme_court", "ruling"), ("us_supreme_court", "hearing")}


def test_a_court_holding_that_is_a_ruling_but_people_held_are_not():
    assert got("A panel of the Court of Appeals held that the expulsions could go on.") == {
        ("us_court_of_appeals", "ruling")}
    assert got("Officials held that the expulsions could go on.") == set()


def test_pronoun_subject_takes_the_court_just_named():
    facts = legal("The appeals court heard the case in April. In June it ruled that the notices were too short.")
    assert ("us_court_of_appeals", "ruling") in {(f["forum"], f["action"]) for f in facts}


def test_keeping_a_policy_in_effect_is_a_stay_and_a_justice_acting_alone_is_named():
    assert ("us_supreme_court", "stay") in got(
        "The Supreme Court voted 6-3 to keep the border rule in effect while the appeal goes on.")
    [f] = [f for f in legal("Justice Elena Kagan issued an administrative stay on Monday.", published="2024-05-08")
           if f["action"] == "stay"]
    assert f["forum"] == "us_supreme_court" and f["judge"] == "Kagan" and f["date"] == "2024-05-06"


def test_two_judges_each_halting_removals_are_two_orders():
    facts = legal("Judge Ana Ruiz in Denver and Judge Paul Stein in Boston had each temporarily halted removals.")
    assert sorted(f["judge"] for f in facts if f["action"] == "order") == ["Ruiz", "Stein"]


def test_a_named_judges_order_is_the_district_courts_even_beside_the_justices():
    assert ("us_district_court", "order") in got(
        "The justices set aside, for now, Judge Ruiz's order requiring notice before the flights.")


def test_case_brought_in_a_month_by_states_goes_to_the_district_court():
    facts = legal("A federal judge in Texas heard the dispute. The case, Ohio v. Mayer, was brought in March by "
                  "two states.")
    filed = [f for f in facts if f["action"] == "filed"]
    assert filed and filed[0]["forum"] == "us_district_court" and filed[0]["case"] == "Ohio v. Mayer"


def test_challenge_before_a_foreign_high_court_names_that_state():
    [f] = legal("Lawyers have challenged the detentions before the High Court in Accra.")
    assert (f["forum"], f["action"], f["respondent"]) == ("national_court", "filed", ["GH"])


def test_an_abbreviated_state_possessive_makes_a_national_court():
    [f] = legal("The plan collapsed after the UK's highest court ruled it unlawful in 2023.")
    assert (f["forum"], f["action"], f["respondent"]) == ("national_court", "ruling", ["GB"])


def test_petition_to_the_regional_commission_and_un_experts_calling_on_governments():
    [f] = legal("Relatives have asked the Inter-American Commission on Human Rights to demand answers from "
                "Honduras and the United States.")
    assert (f["forum"], f["action"], f["respondent"]) == ("iachr", "filed", ["HN", "US"])
    [u] = legal("UN human rights experts called on Panama to release the deported families.")
    assert (u["forum"], u["action"]) == ("un_body", "investigation")


def test_calling_on_is_not_an_act_of_a_court_or_of_anyone_else():
    assert legal("Advocates called on the governor to stop the buses.") == []


def test_lawmakers_letter_demanding_answers_is_a_congressional_inquiry():
    assert got("Senate Democrats sent the secretary a letter demanding answers about the flights.") == {
        ("us_congress", "investigation")}


def test_inspector_general_management_alert_via_pronoun():
    assert ("inspector_general", "investigation") in got(
        "The department's inspector general has looked at the stations before. "
        "Last year it warned in a management alert of crowded cells.")


def test_conditional_and_planned_court_acts_stay_out():
    assert legal("If the court blocks the flights, the government will appeal.") == []
    assert legal("The Supreme Court is expected to rule that the law applies.") == []


def test_referred_to_order_takes_no_date_from_the_main_verb():
    facts = legal("The appeals court refused on May 2 to lift Judge Ruiz's orders.")
    orders = [f for f in facts if f["action"] == "order"]
    assert orders and orders[0]["date"] is None


# -- defaults are data --------------------------------------------------------------------
def test_defaults_are_read_from_the_data_file():
    from borderledger.extract.lexicon import default, load

    node = load("defaults.yaml")["defaults"]
    assert default("arrangement_counterpart") == node["arrangement_counterpart"] == "US"
    assert default("transfer_sender") == "US" and default("home_state") == "US"
    assert default("no_such_default") is None


def test_counterpart_default_can_be_switched_off(monkeypatch):
    from borderledger.extract import arrangement

    monkeypatch.setattr(arrangement, "default", lambda key: None)
    facts = run("Belize signed an agreement on Tuesday to receive deportees from other nations.")
    [a] = [f.normalized_fields() for f in facts if f.type == "arrangement"]
    assert a["parties"] == ["BZ"]


# -- precision guards --------------------------------------------------------------------
def test_deal_with_another_named_state_is_between_those_two():
    facts = run("Rwanda had earlier struck a deal with the United Kingdom to take in asylum seekers.")
    assert [f.normalized_fields()["parties"] for f in facts if f.type == "arrangement"] == [["GB", "RW"]]


def test_negated_conclusion_after_the_noun_is_no_agreement():
    facts = run("The court said such an agreement could not be concluded without a vote in Congress in Guatemala.")
    assert [f for f in facts if f.type == "arrangement"] == []


def test_an_option_of_returning_is_not_a_transfer():
    facts = run("He was offered the choice of staying in Guatemala or returning to Honduras.")
    assert [f for f in facts if f.type == "transfer"] == []


def test_hedged_holding_after_a_flight_is_no_detention():
    facts = run("The man was sent to El Salvador in March and is believed to be held at CECOT.")
    assert [f for f in facts if f.type == "detention"] == []


def test_named_place_containing_a_known_facility_is_that_facility():
    facts = run("More than 200 Venezuelan men deported by the United States have been held at "
                "El Salvador's Terrorism Confinement Center since March.", published="2025-06-01")
    [d] = [f.normalized_fields() for f in facts if f.type == "detention"]
    assert d["country"] == "SV" and d["facility"] == "CECOT"


def test_a_list_of_commitments_gives_one_deployment_per_state():
    facts = run("Officials said Panama will keep 2,000 police on its border, Costa Rica has sent 800 officers "
                "to its northern border, and Belize has deployed 300 soldiers along its frontier.")
    got = {(f.fields["country"], f.fields["count"]) for f in facts if f.type == "enforcement"}
    assert {("CR", 800), ("BZ", 300)} <= got
