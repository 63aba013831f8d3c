"""Error classes fixed in RulesExtractor 0.6.0. Every text here was written for these tests."""

from borderledger.extract import gate
from borderledger.extract.base import check_evidence
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def run(text, published="2025-08-14", doc_id="e"):
    doc = Document(doc_id, text, published)
    return check_evidence(doc, RulesExtractor().extract(doc))


def of_type(facts, t):
    return [f.normalized_fields() for f in facts if f.type == t]


def test_version():
    assert RulesExtractor.version == "0.8.0"


# 1. the people's countries of origin are not parties, nor senders -----------------------------------
def test_origin_list_is_not_arrangement_parties():
    facts = run("The United States has quietly widened its removals to Africa. Four deportees, from Laos, Cuba, "
                "Haiti and Yemen, arrived in Eswatini under an agreement whose terms Eswatini has never released.")
    arrs = of_type(facts, "arrangement")
    assert arrs and all(a["parties"] == ["SZ", "US"] for a in arrs)
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["SZ"]
    assert tr[0]["sender"] == "US"
    assert set(tr[0]["nationalities"]) == {"LA", "CU", "HT", "YE"}


def test_people_from_a_country_do_not_make_it_the_sender():
    facts = run("Washington sent another group last month. Eleven migrants, mostly from Nicaragua and Peru, "
                "landed in Kigali on Tuesday.")
    tr = of_type(facts, "transfer")
    assert tr and tr[0]["receiver"] == "RW" and tr[0]["sender"] == "US"


# 2. a demonym gives nationality; the place (or the state taking people back) gives the receiver -----
def test_demonym_subject_is_nationality_not_a_state():
    facts = run("Under the US program, a Guatemalan father of three was sent back to Ciudad Juarez last week.")
    tr = of_type(facts, "transfer")
    assert len(tr) == 1
    assert tr[0]["receiver"] == "MX" and tr[0]["sender"] == "US"


def test_state_taking_back_people_is_the_receiver():
    facts = run("The United States expelled thousands of people under the health order. Mexico has also been "
                "taking back Cubans expelled under the order.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["MX"]
    assert tr[0]["nationalities"] == ["CU"]


def test_state_accepting_people_is_the_receiver():
    facts = run("Guatemala accepted 140 Hondurans removed by the United States on Friday.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["GT"]
    assert tr[0]["nationalities"] == ["HN"] and tr[0]["count"] == 140


def test_being_pressed_to_accept_is_not_a_transfer():
    facts = run("Washington has pressed Honduras for months to accept more of the migrants it removes.")
    assert of_type(facts, "transfer") == []


# 3. an aircraft landing with nobody said to be aboard ---------------------------------------------
def test_bare_landing_is_not_a_transfer():
    facts = run("Officials in the capital declined to comment on Monday. A US military aircraft touched down at "
                "Comalapa airport, about 40 km from the capital, early in the afternoon. Reporters were kept away.")
    assert of_type(facts, "transfer") == []


def test_landing_followed_by_people_flown_on_is_the_stopover():
    facts = run("A US military aircraft landed at Soto Cano air base, about 80 km from the capital, shortly after "
                "noon. The deportees were then flown on to Caracas aboard a Venezuelan airliner.")
    tr = of_type(facts, "transfer")
    assert len(tr) == 1
    assert tr[0]["receiver"] == "VE" and tr[0]["via"] == "HN" and tr[0]["sender"] == "US"


def test_landing_with_people_aboard_is_still_a_transfer():
    facts = run("A charter carrying 95 deportees landed in San Pedro Sula on Wednesday.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["HN"] and tr[0]["count"] == 95


# 4. forces are moved, not deported -------------------------------------------------------------------
def test_guard_members_sent_to_a_border_are_not_deportees():
    facts = run("Thousands of Guard members have also been sent to Mexico's southern border with Belize "
                "to stop migrants.")
    assert of_type(facts, "transfer") == []


def test_soldiers_marines_and_police_moved_are_not_transfers():
    facts = run("Washington sent 1,200 marines to Panama in March. Some 300 police officers were flown to "
                "Tapachula. Soldiers arrived in Tecun Uman on Friday, officials said.")
    assert of_type(facts, "transfer") == []


def test_security_forces_expelling_migrants_is_still_a_transfer():
    facts = run("Libyan security forces expelled 200 migrants to Niger on Monday, aid groups said.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["NE"] and tr[0]["sender"] == "LY"


# 5. talks about accepting people are not a movement -------------------------------------------------
def test_negotiations_over_accepting_deportees_are_not_a_transfer():
    facts = run("Two senators wrote to the State Department about reported negotiations with Uganda over "
                "accepting deportees of other nationalities.")
    assert of_type(facts, "transfer") == []
    arrs = of_type(facts, "arrangement")
    assert arrs and arrs[0]["parties"] == ["UG", "US"] and arrs[0]["status"] == "negotiating"


def test_a_gerund_after_a_preposition_is_a_topic():
    facts = run("The ministry was accused of deporting 300 Afghans to Pakistan without hearings, a charge it "
                "denies.")
    assert of_type(facts, "transfer") == []


# 6. an agreement needs a migration object ---------------------------------------------------------
def test_agreement_to_release_prisoners_is_not_an_arrangement():
    facts = run("The US has carried out dozens of removal flights this year. Nicaragua's government also agreed "
                "to release a number of political prisoners, officials said.")
    assert of_type(facts, "arrangement") == []


def test_agreement_to_accept_deportees_is_still_an_arrangement():
    facts = run("Belize agreed to accept deportees of other nationalities from the United States, the foreign "
                "ministry said on Monday.")
    arrs = of_type(facts, "arrangement")
    assert arrs and arrs[0]["parties"] == ["BZ", "US"]


def test_vague_agreement_takes_its_object_from_the_sentence_before():
    facts = run("Washington asked Quito to take in Venezuelans removed from the United States. Ecuador's "
                "president said his government had agreed to help.")
    arrs = of_type(facts, "arrangement")
    assert arrs and arrs[0]["parties"] == ["EC", "US"]


# 7. sports copy ----------------------------------------------------------------------------------
def test_player_flown_for_a_medical_is_not_a_transfer():
    facts = run("Immigration was the main topic of the election and deportations rose sharply. "
                "Okafor, 22, was flown to Lisbon on Saturday and passed his medical on Monday. "
                "The winger spent last season on loan in Belgium before returning to Nigeria in May.")
    assert of_type(facts, "transfer") == []


def test_sports_words_elsewhere_do_not_block_a_removal():
    facts = run("The league's season opened on Friday. Separately, 64 migrants were deported to Haiti on a "
                "flight from Miami on Thursday, officials said.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["HT"]


# the gate covers the new receive triggers -----------------------------------------------------------
def test_gate_opens_on_new_receive_triggers():
    text = "Mexico took back 300 Cubans. Panama takes back its citizens."
    fams = gate.sentence_families(text, [0, text.index("Panama")])
    assert all("transfer" in f for f in fams)


# recall added in 0.6.0 ---------------------------------------------------------------------------
def test_arrival_with_people_aboard_takes_the_dateline_state():
    facts = run("LIMA, Peru — The second plane, a US military transport, arrived on March 3 with 88 Peruvians, "
                "officials said.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["PE"]
    assert tr[0]["count"] == 88 and tr[0]["date"] == "2025-03-03"


def test_ship_docking_with_people_aboard():
    facts = run("VALLETTA, Malta — An Italian coast guard vessel docked at the port on Friday with 40 men "
                "rescued at sea, the ministry said.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["MT"] and tr[0]["count"] == 40


def test_coordinated_states_taking_people_in():
    facts = run("Ghana and Uganda took in men flown from the United States in June.")
    assert sorted(t["receiver"] for t in of_type(facts, "transfer")) == ["GH", "UG"]


def test_sent_there_refers_to_the_place_just_named():
    facts = run("The prison in El Salvador is run by the army. Lawyers are still trying to reach the 90 men the "
                "United States sent there in April.")
    tr = of_type(facts, "transfer")
    assert [t["receiver"] for t in tr] == ["SV"] and tr[0]["sender"] == "US"


def test_accepting_terms_is_not_receiving_people():
    facts = run("Bogota has accepted all of Washington's terms, the White House said.")
    assert of_type(facts, "transfer") == []


def test_court_of_appeal_refusing_an_application_is_a_national_court_ruling():
    facts = run("Rwanda has agreed to take asylum seekers from Britain. In London, the Court of Appeal refused an "
                "application to halt the first flight on Monday.")
    legal = of_type(facts, "legal_action")
    assert legal and legal[0]["forum"] == "national_court" and legal[0]["action"] == "ruling"
