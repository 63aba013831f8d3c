"""The one way HTML from a source may ever reach a page: through nh3, as Markup.

Pages show source text as plain, escaped text. Should a view ever render a source's own
HTML (say, a preserved article's markup), it must go through ``clean_html`` first.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
        "a", "mark", "table", "thead", "tbody", "tr", "th", "td", "caption"}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def clean_html(html: str) -> Markup:
    """Whitelisted tags and attributes only; links http(s) only, ``rel=noopener noreferrer``."""
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES,
                            url_schemes={"http", "https"}, link_rel="noopener noreferrer nofollow",
                            strip_comments=True))
