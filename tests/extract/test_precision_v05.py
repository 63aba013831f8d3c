"""Precision rules of RulesExtractor 0.5.0, each on sentences written for these tests (not copied from any corpus)."""

from borderledger.extract import gate
from borderledger.extract.base import check_evidence
from borderledger.extract.context import DocContext
from borderledger.extract.modality import HYPOTHETICAL, assess
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2025-03-14", doc_id="p"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def of_type(facts, t):
    return [f.normalized_fields() for f in facts if f.type == t]


def test_version():
    assert RulesExtractor.version.split(".")[:2] >= ["0", "5"]


# -- transfers: things that move but are not people sent by a state ----------------------------
def test_sending_envoys_or_troops_is_not_a_transfer():
    facts = run("The White House sent two envoys to Tegucigalpa to discuss aid. Honduras, for its part, sent "
                "police reinforcements to its eastern frontier to slow the caravans of migrants.")
    assert of_type(facts, "transfer") == []


def test_a_state_moving_people_inside_its_own_territory_is_not_a_transfer():
    facts = run("Guatemalan authorities have begun moving the migrants away from the crossing, busing about 400 "
                "of them to Guatemala City, officials said.")
    assert of_type(facts, "transfer") == []


def test_migrants_arriving_on_their_own_are_a_flow_not_a_transfer():
    facts = run("Asylum seekers now arriving in Belgium say they crossed from France on foot. "
                "More than 40,000 migrants reached Spain by boat last year, the ministry said.")
    assert of_type(facts, "transfer") == []


def test_deportees_arriving_on_a_flight_are_still_a_transfer():
    facts = run("Some 120 migrants arrived in San Pedro Sula on Tuesday aboard a deportation flight from Texas.")
    [t] = of_type(facts, "transfer")
    assert t["receiver"] == "HN" and t["count"] == 120


def test_voluntary_departures_are_not_transfers():
    facts = run("A rejected applicant flew to Kigali under a voluntary departure scheme, the ministry said. "
                "Others went back to Nicaragua on their own.")
    assert of_type(facts, "transfer") == []


def test_the_land_border_is_not_a_landing():
    facts = run("Many of the migrants crossed the land border from Chile to reach Peru, police said.")
    assert of_type(facts, "transfer") == []


def test_fleeing_to_avoid_removal_is_not_a_removal():
    assert assess("They moved north to avoid being deported to Haiti.", 28, 36) == HYPOTHETICAL
    facts = run("Several families moved north to avoid being deported to Haiti, aid workers said.")
    assert of_type(facts, "transfer") == []


def test_what_a_deal_allows_is_not_a_movement():
    facts = run("Under the accord, migrants who arrive irregularly can be sent to Ghana to have their claims heard.")
    assert of_type(facts, "transfer") == []
    assert of_type(facts, "detention") == []


def test_sports_copy_yields_no_transfer():
    facts = run("Atlético Norte completed the loan of a young striker on Monday. The striker arrived in Lima on "
                "Sunday, and two defenders were sent back to Quito after the coach dropped them from the league "
                "roster.")
    assert of_type(facts, "transfer") == []


def test_background_halt_does_not_block_a_flight_that_landed():
    facts = run("A charter with 88 Venezuelans landed in Caracas on Monday, the first since Venezuela halted "
                "the flights in January.", published="2025-03-18")
    [t] = of_type(facts, "transfer")
    assert t["status"] == "occurred" and t["count"] == 88


def test_a_negated_flight_to_x_is_no_transfer():
    facts = run("An official said one of the men was not on the flight to Guatemala.")
    assert of_type(facts, "transfer") == []


# -- stopovers ------------------------------------------------------------------------------------
def test_handoff_to_another_states_aircraft_makes_the_first_leg_a_stopover():
    facts = run("The deportees were flown by US agents to Comalapa airport in El Salvador, where they boarded "
                "the Nicaraguan aircraft.")
    [t] = of_type(facts, "transfer")
    assert (t["receiver"], t["via"]) == ("NI", "SV")


def test_there_they_were_flown_on_folds_into_one_transfer():
    facts = run("A US plane carrying 61 Cuban men landed in Jamaica on Friday. There they were handed to Cuban "
                "officials and flown on to Havana.")
    [t] = of_type(facts, "transfer")
    assert (t["receiver"], t["via"], t["count"]) == ("CU", "JM", 61)


# -- the default state: only when the text names it ---------------------------------------------------
def test_a_story_about_another_states_policy_does_not_default_to_the_us():
    facts = run("MADRID - Spain flew 40 Malians to Nouakchott on Tuesday under its agreement with Mauritania, "
                "the Spanish interior ministry said.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"]) == ("ES", "MR")


def test_arrangement_counterpart_is_the_state_the_text_names():
    facts = run("LONDON - The British government said on Monday that the accord signed in Kigali allows it to "
                "relocate asylum seekers to Rwanda. Britain has paid for housing there.")
    assert {tuple(a["parties"]) for a in of_type(facts, "arrangement")} == {("GB", "RW")}


# -- arrangements inferred too eagerly ------------------------------------------------------------------
def test_the_destination_of_a_flight_is_not_a_party_to_the_deal():
    facts = run("A plane carrying 40 Ecuadorian men left Panama City on Monday bound for Ecuador, the first "
                "flight paid for by the United States under an agreement the two countries signed in July.",
                published="2024-09-03")
    assert {tuple(a["parties"]) for a in of_type(facts, "arrangement")} == {("PA", "US")}


def test_a_definite_reference_folds_into_the_deal_already_reported():
    facts = run("The United States suspended its asylum agreement with Honduras on Friday. Honduras's "
                "government, which signed its agreement in 2019 under the threat of tariffs, said it took note.",
                published="2021-02-08")
    arrs = of_type(facts, "arrangement")
    assert len(arrs) == 1 and arrs[0]["parties"] == ["HN", "US"]


def test_a_party_saying_there_is_no_deal_removes_the_inferred_one():
    facts = run("Belize has agreed to tighten security on its borders, the White House said. Belize's foreign "
                "ministry said later that there had been no new agreement.")
    assert of_type(facts, "arrangement") == []


def test_a_metaphor_in_a_quote_is_no_arrangement():
    facts = run('"Costa Rica has agreed to be the wall," said a priest who runs a shelter.')
    assert of_type(facts, "arrangement") == []


def test_unsaid_terms_are_not_an_agreement():
    facts = run("The Honduran government has not said how many deportees it holds or for how long it has agreed "
                "to hold them.")
    assert of_type(facts, "arrangement") == []


def test_offer_about_a_hypothetical_group_is_no_arrangement():
    facts = run("The president said he would like to send convicted citizens abroad if the law allowed it. "
                "Bukele has offered to take them.")
    assert of_type(facts, "arrangement") == []


def test_background_enforcement_pledge_from_an_earlier_year_is_not_reported_as_news():
    facts = run("Police blocked a caravan on Monday, a year after Guatemala agreed last year to help the United "
                "States stem migration.", published="2022-01-20")
    assert of_type(facts, "arrangement") == []


def test_a_current_enforcement_pledge_is_still_an_arrangement():
    facts = run("Guatemala and Honduras have agreed to bolster security at their borders, the White House said "
                "on Monday.", published="2021-04-13")
    arrs = of_type(facts, "arrangement")
    assert {tuple(a["parties"]) for a in arrs} == {("GT", "US"), ("HN", "US")}
    assert {a["kind"] for a in arrs} == {"enforcement_cooperation"}


def test_under_the_agreement_describing_what_it_allows_is_not_in_force():
    facts = run("Under the agreement signed in Accra in May, people refused asylum can be sent to Ghana.",
                published="2025-06-01")
    [a] = of_type(facts, "arrangement")
    assert a["status"] == "agreed"


# -- detention --------------------------------------------------------------------------------------------
def test_a_shelter_people_may_leave_is_not_detention():
    facts = run("The returnees are driven to a large shelter on the city's outskirts. The shelter offers a meal "
                "and a phone call. People may leave whenever they want.")
    assert of_type(facts, "detention") == []


def test_a_camp_people_may_not_leave_is_still_detention():
    facts = run("Of those, 80 were moved to a camp in Darien province, where they are not allowed to leave.")
    assert [d["country"] for d in of_type(facts, "detention")] == ["PA"]


def test_the_home_states_own_citizens_jailed_abroad_are_not_migrant_detention():
    facts = run("The envoy left Caracas with four Americans who had been jailed in Venezuela, officials said "
                "after the deportation talks.")
    assert of_type(facts, "detention") == []


def test_put_on_planes_is_not_put_in_a_place():
    facts = run("Ana Lopez was among the women put on planes in Texas on March 3 and flown to Honduras.")
    assert of_type(facts, "detention") == []


def test_held_in_a_city_and_us_state_is_located_in_that_state():
    facts = run("MONTERREY - A man said he was held at an immigration detention center in Tacoma, Washington, "
                "for a week before being deported.")
    assert [d["country"] for d in of_type(facts, "detention")] == ["US"]


# -- enforcement ------------------------------------------------------------------------------------------
def test_the_colombian_border_is_a_place_not_an_actor():
    facts = run("Since May 3, Senafront has stepped up patrols near the Colombian border to stop migrants.")
    assert [e["country"] for e in of_type(facts, "enforcement")] == ["PA"]


def test_gate_covers_new_trigger_words():
    text = "They will take the men to Accra."
    ctx = DocContext.build(Document("g", text, "2025-01-01"))
    assert ctx.gate(ctx.sents[0], "transfer")
    assert "take" in gate._stems("transfer")


# -- recall added in 0.5.0 --------------------------------------------------------------------------------
def test_returned_from_a_state_with_one_nationality_goes_home():
    facts = run("More than 3,000 Guatemalans have been returned from the United States since January, officials said.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["count"], t["count_kind"]) == ("US", "GT", 3000, "at_least")


def test_courts_in_a_story_about_another_state_are_its_national_courts():
    facts = run("LONDON - Britain's plan to fly asylum seekers to Rwanda suffered a setback. The Supreme Court ruled "
                "on Tuesday that the plan was unlawful.", published="2022-06-15")
    [la] = of_type(facts, "legal_action")
    assert (la["forum"], la["respondent"], la["action"]) == ("national_court", ["GB"], "ruling")


def test_a_regional_human_rights_court_rules():
    facts = run("The European Court of Human Rights ruled on Tuesday that Greece had carried out pushbacks of "
                "migrants.", published="2025-01-09")
    [la] = of_type(facts, "legal_action")
    assert (la["forum"], la["action"], la["date"]) == ("other", "ruling", "2025-01-07")
