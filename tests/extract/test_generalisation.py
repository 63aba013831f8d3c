"""Generalisation rules added after the events/demo tuning sets, each on sentences written for these tests."""

import json
import re

from borderledger.extract import dates, gate
from borderledger.extract.base import check_evidence
from borderledger.extract.lexicon import phrase_regex, triggers
from borderledger.extract.modality import BLOCKED, assess
from borderledger.extract.quantities import find_quantities
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2025-03-14", doc_id="g"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def of_type(facts, t):
    return [f.normalized_fields() for f in facts if f.type == t]


# -- legal actions ----------------------------------------------------------------------
def test_granted_restraining_order_and_suit_brought_by():
    facts = run("District Judge Anna Kowalczyk granted a temporary restraining order in Doe v. Noem on Thursday, "
                "a suit brought by two refugee charities.")
    acts = {f["action"]: f for f in of_type(facts, "legal_action")}
    assert set(acts) == {"order", "filed"}
    assert acts["order"]["judge"] == "Kowalczyk" and acts["order"]["date"] == "2025-03-13"
    assert acts["order"]["case"] == acts["filed"]["case"] == "Doe v. Noem"


def test_pausing_a_district_injunction_is_the_higher_court_staying_it():
    facts = run("The Supreme Court on Monday let the removals go ahead. In a short order, the majority paused an "
                "injunction issued by US District Judge Omar Lindqvist in Denver.", published="2025-03-18")
    got = {(f["forum"], f["action"]) for f in of_type(facts, "legal_action")}
    assert ("us_supreme_court", "stay") in got and ("us_district_court", "order") in got


def test_a_lower_courts_instruction_is_an_order_and_highest_court_is_the_supreme_court():
    facts = run("The country's highest court refused, on March 3, to block a lower court's instruction "
                "that officials bring the teacher back.")
    got = {(f["forum"], f["action"]) for f in of_type(facts, "legal_action")}
    assert got == {("us_supreme_court", "ruling"), ("us_district_court", "order")}


def test_a_presidents_order_is_not_a_courts():
    assert of_type(run("Trump's order invoking the wartime law was read aloud in Congress."), "legal_action") == []


# -- transfers ---------------------------------------------------------------------------
def test_airport_places_the_arrival_and_carrying_soldiers_is_no_transfer():
    facts = run("A flight from the United States carrying 88 migrants landed at Juan Santamaría International "
                "Airport on Friday. Later, trucks carrying soldiers rolled out of Mexico City toward Washington.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["count"]) == ("US", "CR", 88)


def test_agent_after_by_is_the_sender_not_the_receiver():
    facts = run("About 40 men, who were handed over by Panama, stepped off a plane at Maiquetía on Tuesday.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["count"], t["count_kind"]) == ("PA", "VE", 40, "approximate")


def test_pronoun_object_takes_the_count_before_it_not_a_later_clause():
    facts = run("Mexico on Monday released 61 Cubans who had been held in a migrant station and flew them to Cuba, "
                "as part of a deal in which Havana freed four Mexicans.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["count"]) == ("MX", "CU", 61)
    assert t["nationalities"] == ["CU"]


def test_onward_leg_makes_the_first_destination_a_stopover():
    facts = run("A US plane took 90 Haitian migrants from Florida to an air base in the Bahamas on Sunday, "
                "where a chartered jet picked them up and flew them to Port-au-Prince.")
    [t] = of_type(facts, "transfer")
    assert (t["sender"], t["receiver"], t["via"], t["count"]) == ("US", "HT", "BS", 90)


def test_reached_the_country_resolves_to_the_focus_state():
    text = ("Belize's interior ministry said on Thursday that 31 foreign nationals expelled from the United States "
            "reached the country on a chartered flight. Belize will house them for a week. Officials in Belize "
            "said more could follow.")
    [t] = of_type(run(text), "transfer")
    assert (t["sender"], t["receiver"], t["count"]) == ("US", "BZ", 31)


def test_reached_an_agreement_is_not_an_arrival():
    assert of_type(run("Ecuador reached an agreement with Peru on trade on Monday."), "transfer") == []


def test_single_named_person_counts_one():
    [t] = of_type(run("Maria Ostrova, who was deported to Ukraine in error last month, spoke to reporters."),
                  "transfer")
    assert (t["receiver"], t["count"], t["count_kind"]) == ("UA", 1, "exact")


def test_not_its_own_citizens_gives_no_receiver_nationality():
    [t] = of_type(run("The 70 people the United States flew to Belize on 2 March were the first deportees "
                      "the country has received who are not its own citizens."), "transfer")
    assert t["receiver"] == "BZ" and "BZ" not in t["nationalities"]


def test_people_from_a_following_sentence_and_singular_demonyms():
    facts = run("Seven men deported by the United States arrived in Kigali on Monday. Only one of the men is a "
                "Rwandan citizen; the others come from Chad, Peru and Nepal.")
    [t] = of_type(facts, "transfer")
    assert set(t["nationalities"]) == {"RW", "TD", "PE", "NP"}


def test_spelled_out_compound_numbers():
    [q] = find_quantities("Two hundred and fifty-two men")
    assert (q.value, q.kind) == (252, "exact")
    assert [q.value for q in find_quantities("three thousand five hundred troops")] == [3000, 500]


# -- detention / enforcement / modality ------------------------------------------------------
def test_possessive_place_is_not_where_people_are_held():
    facts = run("Bukele said his government had handed over all the Venezuelans it had been holding at "
                "Washington's request.")
    assert all(d["country"] != "US" for d in of_type(facts, "detention"))


def test_blocking_word_inside_a_relative_clause_does_not_block():
    s = "Chile agreed on Friday to send 900 soldiers to its northern border, part of a deal that called off tariffs."
    i = s.index("send")
    assert assess(s, i, i + 4) != BLOCKED
    s2 = "Plans to fly migrants to Libya were dropped, and those flights were called off."
    i = s2.index("fly")
    assert assess(s2, i, i + 3) == BLOCKED


def test_posted_troops_are_a_deployment():
    [e] = of_type(run("Chile will post 3,000 members of its army along its border with Peru, the president said on "
                      "Monday after a call with Washington, which had threatened tariffs."), "enforcement")
    assert (e["country"], e["measure"], e["count"], e["requested_by"]) == ("CL", "troop_deployment", 3000, "US")


# -- speed machinery gives the same answers as the plain regexes ------------------------------
_SAMPLES = [
    "Officials said 40 people were deported to Honduras and put on a plane, then Flown home; REMOVED from Texas.",
    "The men  arrived in Juba. Panama received them, and the group touched down at dawn — re-sent? no.",
    "deportees-bound flights; landing-strip; They were returned to Guatemala after being expelled.",
]


def test_phrase_hits_match_the_trigger_regexes():
    keys = (("transfer", "send"), ("transfer", "receive"), ("transfer", "arrive"))
    for text in _SAMPLES:
        want = []
        for key in keys:
            for m in phrase_regex(tuple(triggers(*key))).finditer(text):
                want.append((m.start(), m.end()))
        got = [(s, e) for s, e, _f in gate.phrase_hits(text, keys)]
        # the regexes may overlap across families; the combined pass keeps the longest, leftmost ones
        assert set(got) <= set(want)
        covered = [any(s <= a < e for s, e in got) for a, _b in want]
        assert all(covered)


def test_sentence_gate_is_a_superset_of_the_legal_cues():
    from borderledger.extract.legal import _CUES
    text = "The judge halted the flights. A lower court's instruction stands. Nothing happened here today."
    starts = [0, text.index("A lower"), text.index("Nothing")]
    fams = gate.sentence_families(text, starts)
    for i, st in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        for action, rx in _CUES:
            if rx.search(text[st:end]):
                assert "legal:" + action in fams[i]


def test_windowed_date_search_equals_a_full_scan():
    texts = ["On Monday, late on Friday night the men left. Since Tuesday morning; by Sunday. Last Wednesday.",
             "In early March 2025 and mid-April, on 3 March 2024, March 15, 2025, Sept. 4 and the end of May.",
             "Two weeks ago and earlier this month, over the past three years, in the first quarter of 2025."]
    for t in texts:
        windowed = dates.find_dates(t, "2025-04-08")
        saved = dict(dates._WINDOWED)
        dates._WINDOWED.clear()
        try:
            full = dates.find_dates(t, "2025-04-08")
        finally:
            dates._WINDOWED.update(saved)
        assert windowed == full


def test_output_is_deterministic():
    text = ("A US Air Force plane landed in Panama City on Wednesday with 119 deportees from China and Nepal. "
            "They were taken to a hotel in the capital.")
    a = [json.dumps(f.to_spec("g"), sort_keys=True) for f in run(text)]
    b = [json.dumps(f.to_spec("g"), sort_keys=True) for f in run(text)]
    assert a == b and a
