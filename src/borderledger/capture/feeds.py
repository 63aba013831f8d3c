"""RSS/Atom feeds → items to capture. feedparser is given bytes, never a URL."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from ..errors import InputError


class FeedError(InputError):
    """A feed that cannot be read (not XML, not RSS/Atom, no items with links)."""


@dataclass(frozen=True)
class FeedItem:
    key: str  # guid/id, else the link: what "seen before" is decided on
    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    items: list[FeedItem]


def _day(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse feed bytes. Raises FeedError for anything that is not a usable RSS/Atom feed.

    feedparser is lenient: it flags malformed XML with ``bozo`` and still returns what it
    could read. A feed with items is accepted even when flagged (many real feeds have small
    XML faults); a flagged feed without items is an error naming the parser's complaint.
    """
    if not data.strip():
        raise FeedError("the feed is empty", where=url)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            for alt in entry.get("links", []):
                if alt.get("href") and alt.get("rel", "alternate") == "alternate":
                    link = alt["href"]
                    break
        if not link:
            continue
        key = entry.get("id") or entry.get("guid") or link
        items.append(FeedItem(key=str(key), link=urljoin(url, str(link)), title=entry.get("title"),
                              published=_day(entry), summary=entry.get("summary")))
    if not items:
        if parsed.bozo:
            why = parsed.get("bozo_exception")
            why = " ".join(str(why).split()) if why else "malformed XML"
            raise FeedError(f"malformed feed ({why})", where=url)
        if not parsed.version:
            raise FeedError("not an RSS or Atom feed", where=url)
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Feed(url=url, title=title, items=items)
