"""Capture stage: bytes in from the world (files, corpus lines, URLs, feeds, WARC files).

Nothing here writes to the ledger: capture returns bytes with what is known of them (and,
for URLs, the WARC of the exchange); ``pipeline`` stores them with their custody record.
"""

from .feeds import Feed, FeedError, FeedItem, parse_feed
from .fetch import DEFAULT_MAX_BYTES, Fetched, FetchError, Fetcher, FetchPolicy, TooLarge
from .files import Unit, read_units
from .net import BlockedAddress, checked_addresses
from .provenance import TOOL, default_actor
from .warc import warc_for_fetch

__all__ = [
    "DEFAULT_MAX_BYTES", "BlockedAddress", "Feed", "FeedError", "FeedItem", "FetchError",
    "FetchPolicy", "Fetched", "Fetcher", "TOOL", "TooLarge", "Unit", "checked_addresses",
    "default_actor", "parse_feed", "read_units", "warc_for_fetch",
]
