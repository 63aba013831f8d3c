from borderledger.resolve.near_duplicates import near_duplicate_groups, near_duplicate_pairs

BASE = ("A plane carrying 135 migrants from Asian and African countries landed at the "
        "Juan Santamaria airport on Thursday after a flight from Texas, the government said, "
        "and the group was taken by bus to a migrant centre near the Panamanian border where "
        "they will stay while their return is arranged with international agencies.")


def test_a_syndicated_copy_with_a_new_last_line_is_grouped():
    copy = BASE + " Reporting by the wire desk; editing by the night team."
    other = ("Lawmakers in the capital debated a new budget for road repairs on Monday, with "
             "several members asking for more money for rural bridges and school routes.")
    groups = near_duplicate_groups({"a": BASE, "b": copy, "c": other})
    assert groups["a"] == groups["b"] != groups["c"]
    assert near_duplicate_pairs({"a": BASE, "b": copy, "c": other}) == [("a", "b")]


def test_a_rewrite_in_other_words_is_not_a_copy():
    rewrite = ("Costa Rican officials said 135 people deported by the United States, most from "
               "Asia and Africa, reached San Jose on a Thursday flight and were bussed south.")
    groups = near_duplicate_groups({"a": BASE, "b": rewrite})
    assert groups["a"] != groups["b"]
