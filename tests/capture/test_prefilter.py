"""The relevance pre-filter (extract/prefilter.py); kept with the capture tests it serves."""

from __future__ import annotations

from borderledger.extract.prefilter import Prefilter, Term, load_prefilter, place_terms


def screen(text):
    return load_prefilter().screen(text)


def test_a_deportation_story_with_a_place_is_relevant():
    v = screen("Fifty Guatemalans were deported on Tuesday, officials in the capital said.")
    assert v.relevant and "deport" in v.terms["strong"] and "Guatemalans" in v.terms["place"]


def test_two_trigger_words_without_a_place_are_relevant():
    assert screen("Asylum seekers waited for hours at the border crossing.").relevant


def test_a_place_alone_is_not_relevant():
    v = screen("The United States and Canada played a friendly match in Toronto.")
    assert not v.relevant and v.terms.get("place")


def test_words_inside_other_words_do_not_count():
    v = screen("The police chief said the justice ministry would review the policy.")
    assert "ICE" not in v.terms.get("strong", [])


def test_acronyms_and_place_names_must_match_their_case():
    assert "ICE" in screen("ICE agents arrived at dawn.").terms["strong"]
    assert "strong" not in screen("Thin ice covered the lake.").terms
    assert "place" not in screen("a chad of paper stuck in the ballot").terms


def test_a_star_term_matches_word_endings_only_after_a_boundary():
    p = Prefilter([Term("deport", "strong", True, False)])
    assert p.hits("deportations rose")["strong"] == {"deport"}
    assert p.hits("redeportation")["strong"] == set()
    q = Prefilter([Term("border", "context", False, False)])
    assert q.hits("borders")["context"] == set() and q.hits("border.")["context"] == {"border"}


def test_place_terms_come_from_the_country_data_files():
    places = place_terms()
    assert {"Honduras", "Salvadoran", "Eswatini", "United States"} <= places
