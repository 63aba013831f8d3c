"""General error classes found on a fourth, independently written tuning set (extractor 0.7.0):
more phrasings of court acts, courts referred back to, foreign and state courts, oversight bodies'
statements, and precision guards for forces, attempts and proposals. All sentences are written
for these tests."""

from borderledger.extract.base import check_evidence
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2024-05-10", doc_id="t4c"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def facts(text, kind, **kw):
    return [f.normalized_fields() for f in run(text, **kw) if f.type == kind]


def got(text, **kw):
    return {(f["forum"], f["action"]) for f in facts(text, "legal_action", **kw)}


def test_version():
    assert RulesExtractor.version == "0.8.0"


# --- court acts phrased in new ways -----------------------------------------------------------

def test_denied_a_request_for_a_restraining_order_is_a_ruling():
    assert ("us_district_court", "ruling") in got(
        "A federal judge in Tucson denied the detainees' request for a temporary restraining order on Monday, "
        "the latest setback for the deportation challenge.")


def test_declined_to_set_an_order_aside():
    assert ("us_court_of_appeals", "ruling") in got(
        "The appeals court declined on June 3 to set the deportation order aside.")


def test_first_judge_to_hold_that_and_reached_a_conclusion():
    assert ("us_district_court", "ruling") in got(
        "On June 2, Judge Maria Lopez of the District of Oregon became the first federal judge to hold that "
        "the deportation policy was unlawful.")
    assert ("us_district_court", "ruling") in got(
        "Last week a federal judge in Ohio reached the opposite conclusion about the deportation flights.")


def test_lifted_an_order_is_a_stay_by_the_higher_court():
    assert ("us_supreme_court", "stay") in got(
        "The Supreme Court on Monday lifted a federal judge's order that had paused deportations to third countries.")


def test_staying_a_ruling_and_a_two_word_stay():
    assert ("us_supreme_court", "stay") in got(
        "The Supreme Court allowed the deportation program to continue, staying an appeals court ruling against it.")
    assert ("us_supreme_court", "stay") in got(
        "Chief Justice Elena Marsh issued a temporary administrative stay of the deportation order.")


def test_limiting_an_injunction_and_issuing_interim_measures_are_orders():
    assert ("us_court_of_appeals", "order") in got(
        "The Ninth Circuit on March 4 limited the injunction against the deportation program to two states.")
    assert ("other", "order") in got(
        "The deportation flight was halted after the European Court of Human Rights issued an interim measure.")


def test_heard_days_of_arguments_is_a_hearing():
    assert ("us_supreme_court", "hearing") in got(
        "The Supreme Court heard two days of arguments in March on the deportation policy.")


def test_foreign_court_declared_a_law_unconstitutional():
    assert ("national_court", "ruling") in got(
        "BOGOTÁ — Colombia's Supreme Court this week declared unconstitutional a decree on deporting migrants.")


def test_filing_phrasings():
    assert ("national_court", "filed") in got(
        "A challenge to the deportation deal, brought before the High Court of Lesotho by lawyers, is pending.")
    assert ("us_supreme_court", "filed") in got(
        "The government had already asked the Supreme Court to intervene in the deportation case.")
    assert ("us_supreme_court", "filed") in got(
        "The appeals court turned the deportees down on May 1, and they filed an emergency application "
        "with the Supreme Court two days later.")
    assert ("us_district_court", "filed") in got(
        "A federal judge in Denver blocked the deportations on Tuesday. "
        "The lawsuit over the deportations, Doe v. Smith, was filed in March by a group of immigrant rights lawyers.")


def test_a_dissenting_view_is_not_an_act():
    text = ("The Supreme Court stayed the deportation ruling on Friday. "
            "Justice Ana Reyes noted that she would have denied the government's request.")
    assert [f["action"] for f in facts(text, "legal_action")] == ["stay"]


# --- oversight bodies speaking -------------------------------------------------------------------

def test_un_experts_and_high_commissioner_statements():
    assert ("un_body", "investigation") in got(
        "On Monday, UN human rights experts said the United States should stop deportations to third countries.")
    assert ("un_body", "investigation") in got(
        "The UN High Commissioner for Human Rights said he was deeply troubled by the deportations to El Salvador.")
    assert ("un_body", "investigation") in got(
        "Three UN agencies said in a joint statement that the mass deportations to Haiti broke international law.")


def test_inspector_general_reported_that():
    text = ("The Office of Inspector General said on Monday that the border agency had issued faulty notices "
            "to deported asylum seekers.")
    assert ("inspector_general", "investigation") in got(text)


def test_plain_said_is_not_an_oversight_act():
    assert got("The deportation agency said that it had issued new notices to migrants.") == set()


# --- which court: foreign, state, or referred back to ------------------------------------------------

def test_the_justices_after_a_foreign_supreme_court_are_that_court():
    text = ("LIMA — Peru's Supreme Court this month ruled that migration agents may not deport people without a hearing. "
            "The justices found that the deportation rules invited racial profiling.")
    forums = {f["forum"] for f in facts(text, "legal_action")}
    assert forums == {"national_court"}


def test_state_high_court_is_out_of_scope():
    text = ("The county board approved the warehouse permit. The decision comes after the state's high court ruled "
            "against residents who had appealed the zoning. The justices found that the board had followed procedure.")
    assert facts(text, "legal_action") == []


def test_case_brought_in_a_foreign_court_story_is_not_a_us_filing():
    text = ("SAN JOSÉ — The Constitutional Chamber ruled on Tuesday on the deportees held near the border. "
            "The petition, lodged on 7 March against the migration directorate, said the deportees were confined.")
    assert all(f["forum"] != "us_district_court" for f in facts(text, "legal_action"))


# --- precision guards for transfers and enforcement --------------------------------------------------

def test_troops_sent_in_a_relative_clause_are_not_a_transfer():
    text = ("The new force adds to the roughly 3,000 soldiers that Honduras began sending to its border with "
            "Nicaragua in May, the defence ministry said.")
    assert facts(text, "transfer") == []


def test_troop_contingents_sent_to_provinces_are_not_a_transfer():
    text = ("Sonora received the largest contingent, nearly 2,000 troops, with large groups also sent to Chihuahua "
            "and Tamaulipas.")
    assert facts(text, "transfer") == []


def test_effort_to_deport_and_court_letting_removals_continue_are_not_transfers():
    assert facts("His lawyers say the government's effort to deport him to Panama is retaliation.", "transfer") == []
    assert facts("The Supreme Court allowed the administration to keep sending asylum seekers back to Mexico "
                 "while the case proceeds.", "transfer") == []


def test_second_item_agreed_to_is_not_a_transfer():
    text = ("In June, Mexico agreed to deploy its new National Guard against migrants and accept thousands more "
            "asylum seekers under the Remain in Mexico program.")
    assert facts(text, "transfer") == []


def test_a_proposal_to_post_soldiers_is_not_enforcement():
    text = ("In Honduras, a ministry spokesman said that a proposal by a deputy to post soldiers along the border "
            "with Guatemala to stop migrants was under study.")
    assert facts(text, "enforcement") == []


def test_stopping_buses_is_not_interdiction_but_intercepting_boats_is():
    assert facts("In Chiapas, migration agents backed by Guard members have stopped buses and raided hotels "
                 "in Tapachula, arresting migrants.", "enforcement") == []
    got_ = facts("The Bahamas defence force has intercepted boats carrying Haitian migrants this year.", "enforcement")
    assert [f["measure"] for f in got_] == ["interdiction"]
