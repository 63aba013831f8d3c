from __future__ import annotations

import pytest

from borderledger.resolve.entities import Entity, EntityIndex, default_index, fold


@pytest.mark.parametrize("written, kind, expected, method", [
    ("Buekele", "person", "person:nayib-bukele", "fuzzy"),
    ("Claudia Sheinbuam", "person", "person:claudia-sheinbaum", "fuzzy"),
    ("the Terrorism Confinement Centre", "facility", "facility:cecot", "exact"),
    ("Terrorism Confinement Centre", "facility", "facility:cecot", "exact"),
    ("Cecot", "facility", "facility:cecot", "exact"),
    ("Immigration and Customs Enforcment", "organisation", "org:us:ice", "fuzzy"),
    ("Smith", "person", None, None),
])
def test_known_entities_by_alias_or_misspelling(written, kind, expected, method):
    match = default_index().resolve(written, kind)
    assert (match.entity.id if match else None) == expected
    assert (match.method if match else None) == method


def test_fuzzy_matches_keep_the_first_letter_and_a_high_score():
    index = EntityIndex([(Entity("person:ana-lopez", "person", "Ana Lopez"), [])])
    assert index.resolve("Ana Lopes", "person").method == "fuzzy"
    assert index.resolve("Ina Lopez", "person") is None  # a different first letter
    assert index.resolve("Ana Perez", "person") is None  # too different
    assert index.resolve("Ana Lopez", "facility") is None  # kinds do not mix


def test_fold():
    assert fold("  José  Raúl MULINO. ") == "jose raul mulino"
    assert fold("The Darién Gap") == "darien gap"
