"""Recall classes for enforcement added in extractor 0.8.0: commitments reported in indirect
speech, "surged"/"keep"/"maintain" with a force as object, sea interdictions by coast guards and
defence forces, new border police units, a deployment sentence right after a border sentence,
and precision guards (patrol boats are kit, a sub-allocation of a reported force is not new).
All sentences are written for these tests."""

from borderledger.extract.base import check_evidence
from borderledger.extract.rules import RulesExtractor
from borderledger.model import Document


def enf(text, published="2023-04-12"):
    doc = Document("rv08", text, published)
    return [f.normalized_fields() for f in check_evidence(doc, RulesExtractor().extract(doc))
            if f.type == "enforcement"]


def test_version():
    assert RulesExtractor.version == "0.8.0"


def test_reported_commitment_with_would_is_a_fact():
    out = enf("A government spokesperson said Honduras would maintain 4,000 soldiers along its border "
              "with Nicaragua to slow migration.")
    assert [(f["country"], f["measure"], f["count"]) for f in out] == [("HN", "troop_deployment", 4000)]


def test_keep_needs_a_force_object():
    assert enf("Officials in Costa Rica said they would keep the border open to migrants.") == []


def test_list_of_commitments_each_clause_judged_alone():
    out = enf("The minister told reporters that Colombia would keep about 3,000 police at its border, "
              "and that Ecuador had surged 900 soldiers to its northern frontier.")
    got = {(f["country"], f["count"]) for f in out}
    assert ("CO", 3000) in got and ("EC", 900) in got


def test_coast_guard_interdiction_at_sea():
    out = enf("Last month the Dominican coast guard intercepted three wooden boats carrying 140 people "
              "off the northern coast.")
    assert [(f["country"], f["measure"]) for f in out] == [("DO", "interdiction")]


def test_new_border_police_unit():
    out = enf("In May, Honduras also announced a new border police unit to curb migrant smuggling.")
    assert [(f["country"], f["measure"]) for f in out] == [("HN", "new_force")]


def test_deployment_sentence_after_a_caravan_sentence():
    out = enf("Police in Guatemala stopped a caravan of migrants near the town of Esquipulas on Sunday.\n"
              "Hundreds of security forces had been deployed to the area after Guatemala declared an emergency.")
    assert ("GT", "troop_deployment") in {(f["country"], f["measure"]) for f in out}


def test_patrol_boats_are_not_patrols():
    assert enf("Spain has donated patrol boats and radios to Mauritania to help it watch migrant routes.") == []


def test_sub_allocation_of_a_reported_force_is_not_new():
    out = enf("Panama sent 800 police to its border with Colombia last week. Some 200 will staff "
              "checkpoints on migrant routes, drawn from that 800-strong force.")
    assert len([f for f in out if f["country"] == "PA"]) == 1
