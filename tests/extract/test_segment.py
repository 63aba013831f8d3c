"""Sentence segmentation robust to page clutter (extract/segment.py)."""

from borderledger.extract.segment import dateline, segment

PAGE = """We use cookies to personalise content. [Accept all]
Border deal signed
By Jane Roe | 3 May 2025

QUITO, Ecuador (Wire) — Ecuador received 80 deportees on Monday. Officials said the U.S. paid for the flight.

Mr. Alvarez, a lawyer, said the men were held at a base.
Share this: Facebook · X · Email
Related coverage
- Peru expels 40 migrants in new crackdown
- Bolivia signs pact with Chile
Advertisement
© 2025 Wire Media
"""


def texts():
    return [s.text for s in segment(PAGE)]


def test_offsets_quote_the_original_text():
    for s in segment(PAGE):
        assert PAGE[s.start:s.end] == s.text


def test_cookie_banner_headline_and_byline_are_dropped():
    joined = " ".join(texts())
    assert "cookies" not in joined
    assert "Border deal signed" not in joined
    assert "Jane Roe" not in joined


def test_related_list_items_are_dropped():
    joined = " ".join(texts())
    assert "Peru expels" not in joined and "Bolivia signs" not in joined


def test_share_bar_ad_and_copyright_are_dropped():
    joined = " ".join(texts())
    assert "Facebook" not in joined and "Advertisement" not in joined and "©" not in joined


def test_abbreviations_do_not_split_sentences():
    assert any(t.startswith("Officials said the U.S. paid") for t in texts())
    assert any(t.startswith("Mr. Alvarez") for t in texts())


def test_body_sentences_are_split():
    assert any(t.endswith("on Monday.") for t in texts())


def test_dateline_places():
    _s, _e, places = dateline(PAGE)
    assert places == ["Ecuador", "QUITO"]


def test_photo_caption_and_credit_are_dropped():
    text = ("The minister visits the camp in Darien on May 2, 2025. (Ann Lee / Pool / AFP via Getty Images)"
            "The camp holds 300 people, officials said.")
    got = [s.text for s in segment(text)]
    assert got == ["The camp holds 300 people, officials said."]
