"""Gazetteer lookups and the shape of every data file (extract/gazetteer.py, data/)."""

import re
from pathlib import Path

import pycountry
import pytest
import yaml

from borderledger.extract.gazetteer import authorities, forums, gazetteer
from borderledger.extract.lexicon import DATA_DIR, load
from borderledger.model import FACT_FIELDS  # noqa: F401  (vocabularies live in the spec)

ISO = {c.alpha_2 for c in pycountry.countries} | {"XK"}
AUTHORITIES = {"alien_enemies_act", "title_42", "title_8", "expedited_removal", "mpp",
               "safe_third_country_agreement", "asylum_cooperative_agreement", "ina_241b", "other"}
FORUMS = {"us_district_court", "us_court_of_appeals", "us_supreme_court", "iachr", "iacthr", "un_body",
          "national_court", "us_congress", "inspector_general", "other"}


def codes(text, kinds=None):
    return [(m.text, m.code) for m in gazetteer().mentions(text) if kinds is None or m.kind in kinds]


# -- every data file ----------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".csv")),
                         ids=lambda p: p.name)
def test_every_data_file_has_a_source_comment_and_parses(path):
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#"), f"{path.name} needs a header comment saying where it comes from"
    assert load(path.name)


def test_countries_csv_shape():
    rows = load("countries.csv")
    assert len(rows) > 240
    for r in rows:
        assert set(r) == {"code", "name", "aliases", "demonyms", "capital"}
        assert re.fullmatch(r"[A-Z]{2}", r["code"]) and r["name"]


def test_country_overrides_use_iso_codes():
    ov = load("country_overrides.yaml")
    for section in ("aliases", "demonyms", "capitals", "cities", "leaders"):
        for code, names in ov[section].items():
            assert code in ISO, (section, code)
            assert isinstance(names, list) and all(isinstance(n, str) and n for n in names)
    assert all(isinstance(s, str) for s in ov["us_states"] + ov["blocked"] + ov["remove_capitals"])
    assert all(code in ISO for code in ov["demonym_owner"].values())


def test_facilities_shape():
    facs = load("facilities.yaml")
    names = {f["name"] for f in facs}
    for f in facs:
        assert f["country"] in ISO
        assert f["kind"] in {"prison", "base", "camp", "hotel", "center"}
        assert f["aliases"] and all(isinstance(a, str) for a in f["aliases"])
        assert f.get("part_of") in (None, *names)


def test_authorities_and_forums_use_spec_vocabularies():
    assert set(load("authorities.yaml")) <= AUTHORITIES
    assert set(load("forums.yaml")) <= FORUMS
    for spec in list(load("authorities.yaml").values()) + list(load("forums.yaml").values()):
        assert spec["phrases"] and all(isinstance(p, str) for p in spec["phrases"])


def test_agencies_shape():
    for code, names in load("agencies.yaml").items():
        assert code in ISO and all(isinstance(n, str) for n in names)


def test_trigger_lists_are_lists_of_strings():
    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        else:
            assert isinstance(node, list) and all(isinstance(x, str) and x for x in node), node
    walk(load("triggers.yaml"))


def test_officials_lists():
    off = load("officials.yaml")
    for key in ("titles", "people_nouns", "force_nouns"):
        assert all(isinstance(x, str) for x in off[key])


# -- lookups ------------------------------------------------------------------------------
def test_country_names_and_longest_match():
    assert codes("Flights to Equatorial Guinea and Guinea resumed.") == [("Equatorial Guinea", "GQ"), ("Guinea", "GN")]


def test_demonyms_and_plurals():
    assert codes("Salvadoran officials met Nigerians and a Kosovar man.", ("demonym",)) == [
        ("Salvadoran", "SV"), ("Nigerians", "NG"), ("Kosovar", "XK")]


def test_capital_and_leader_metonyms():
    assert codes("Washington and Bukele's government talked.") == [("Washington", "US"), ("Bukele", "SV")]


def test_regions_do_not_read_as_countries():
    assert codes("Leaders across Latin America and Central America spoke.") == []
    assert codes("The policy known as Remain in Mexico returned.") == []


def test_us_state_is_the_united_states():
    assert codes("They were held in New Mexico.") == [("New Mexico", "US")]


def test_accents_are_optional():
    assert codes("Talks in San Jose and Bogota.") == [("San Jose", "CR"), ("Bogota", "CO")]


def test_misspelled_country_is_matched_conservatively():
    assert codes("Planes landed in Hondruas.") == [("Hondruas", "HN")]
    assert codes("The Minister spoke.") == []


def test_facility_with_parent():
    gaz = gazetteer()
    m = [x for x in gaz.mentions("Most were kept at the Migrant Operations Center.") if x.kind == "facility"][0]
    assert m.code == "CU" and gaz.facility(m.ref).parent == "Guantanamo Bay"


def test_authorities_from_phrases_and_statute_citations():
    got = {t.label for t in authorities("They invoked the Alien Enemies Act and 8 U.S.C. § 1231(b)(2).")}
    assert got == {"alien_enemies_act", "ina_241b"}


def test_forums_pick_the_longest_name():
    got = [(t.text, t.label) for t in forums("A petition went to the Inter-American Court of Human Rights.")]
    assert got == [("Inter-American Court of Human Rights", "iacthr")]
