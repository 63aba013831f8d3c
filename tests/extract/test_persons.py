from __future__ import annotations

import pytest

from borderledger.extract.persons import find_persons, person_key


def classes(text):
    return {(p.name, p.public) for p in find_persons(text)}


def test_title_before_a_name_makes_it_public():
    assert ("Harriet Cole", True) in classes("Judge Harriet Cole set a hearing for Monday.")


def test_role_in_an_appositive_makes_it_public():
    text = "\"We were never told,\" said Omar Haddad, a spokesperson for the ministry."
    assert ("Omar Haddad", True) in classes(text)


def test_speech_after_a_name_is_not_a_role():
    text = "His wife, Lucia Mendez Orta, says an officer called her twice."
    assert ("Lucia Mendez Orta", False) in classes(text)


def test_people_without_a_public_role_are_private_and_so_are_their_short_names():
    text = ("Rafael Ignacio Soto, a cook, was flown out in March. Rafael had lived in Ohio. "
            "Soto's sister waited for news.")
    found = find_persons(text)
    assert {p.name for p in found} == {"Rafael Ignacio Soto", "Rafael", "Soto", "Ignacio"} - {"Ignacio"}
    assert not any(p.public for p in found)
    assert len({p.key for p in found}) == 1


def test_well_known_office_holders_are_public_even_without_a_title():
    assert ("Nayib Bukele", True) in classes("Nayib Bukele posted a video of the arrivals.")


def test_places_and_organisations_are_not_people():
    text = ("The plane left San Pedro Sula for Costa Rica. The National Immigrant Justice Center "
            "and the Homeland Security Department commented.")
    assert find_persons(text) == []


@pytest.mark.parametrize("name, key", [("José Ramírez", "jose ramirez"), ("Ana  Cruz", "ana cruz")])
def test_keys_fold_accents_and_spacing(name, key):
    assert person_key(name) == key
