from __future__ import annotations

import pytest

from borderledger.capture import FeedError, parse_feed

from .server import rss

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Court watch</title>
<entry><id>tag:example.org,2025:1</id><title>Judge halts removals</title>
<link rel="alternate" href="https://example.org/ruling"/><updated>2025-04-02T09:00:00Z</updated></entry>
</feed>"""


def test_rss_items_have_keys_links_titles_and_days():
    feed = parse_feed(rss([("g1", "https://example.org/a", "First"),
                           ("g2", "https://example.org/b", "Second")]), "https://example.org/rss")
    assert feed.title == "Example wire"
    assert [(i.key, i.link, i.published) for i in feed.items] == [
        ("g1", "https://example.org/a", "2025-03-06"), ("g2", "https://example.org/b", "2025-03-06")]


def test_atom_entries_are_read():
    (item,) = parse_feed(ATOM, "https://example.org/atom").items
    assert item.key == "tag:example.org,2025:1" and item.link == "https://example.org/ruling"
    assert item.published == "2025-04-02"


@pytest.mark.parametrize("data, words", [
    (b"<rss><channel><item><title>unclosed", "malformed feed"),
    (b"<html><body><p>Just a web page</p></body></html>", "not an RSS or Atom feed"),
    (b"", "empty"),
])
def test_bad_feeds_are_named(data, words):
    with pytest.raises(FeedError, match=words):
        parse_feed(data, "https://example.org/bad")
