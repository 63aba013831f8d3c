"""The fetcher against a local server: limits, redirects and address checks."""

from __future__ import annotations

import gzip
import time

import pytest

from borderledger.capture import BlockedAddress, Fetcher, FetchError, FetchPolicy, TooLarge
from borderledger.capture.fetch import USER_AGENT

from .server import ARTICLE, LoopbackOnly


def fetcher(**policy) -> Fetcher:
    policy.setdefault("allow_private", True)
    return Fetcher(FetchPolicy(**policy))


def test_a_page_is_fetched_with_headers_hash_and_an_honest_user_agent(site):
    with fetcher() as f:
        got = f.fetch(site.url("/article.html"))
    assert got.body == ARTICLE.encode() and got.status == 200
    assert got.final_url == site.url("/article.html")
    assert got.header("Content-Type").startswith("text/html")
    assert len(got.sha256) == 64 and got.final.ip == "127.0.0.1"
    assert site.requests[0][1]["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("BorderLedger/") and "(+evidence capture)" in USER_AGENT


def test_redirects_are_followed_hop_by_hop_and_recorded(site):
    site.redirect("/old", "/middle", 301)
    site.redirect("/middle", site.url("/article.html"), 302)
    with fetcher() as f:
        got = f.fetch(site.url("/old"))
    assert [e.status for e in got.exchanges] == [301, 302, 200]
    assert got.final_url == site.url("/article.html")


def test_a_redirect_loop_stops_at_the_hop_limit(site):
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with fetcher(max_redirects=3) as f, pytest.raises(FetchError, match="more than 3 redirects"):
        f.fetch(site.url("/a"))
    assert len(site.requests) == 4


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/article.html",
    "http://10.0.0.1/",
    "http://[::1]:{port}/article.html",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0:{port}/article.html",
])
def test_private_and_special_addresses_are_refused_without_sending_anything(site, url):
    with Fetcher(FetchPolicy(connect_timeout=1)) as f, pytest.raises(BlockedAddress,
                                                                    match="refusing"):
        f.fetch(url.format(port=site.port))
    assert site.requests == []


def test_a_public_host_that_redirects_to_a_private_address_is_refused(site):
    """news.example.org "resolves" to a public address; the transport delivers that to the
    local server, which redirects to 127.0.0.1: the second hop must be refused."""
    site.redirect("/story", site.url("/article.html"))
    resolved = []

    def resolver(host, port):
        resolved.append(host)
        return ["93.184.216.34"]

    transport = LoopbackOnly(site, "93.184.216.34")
    with Fetcher(FetchPolicy(), resolver=resolver, transport=transport) as f:
        with pytest.raises(BlockedAddress, match="127.0.0.1: a loopback address"):
            f.fetch(f"http://news.example.org:{site.port}/story")
    assert resolved == ["news.example.org"]
    assert site.paths() == ["/story"]  # the article itself was never requested
    assert site.requests[0][1]["host"] == f"news.example.org:{site.port}"


def test_a_name_resolving_to_a_private_address_is_refused(site):
    with Fetcher(FetchPolicy(), resolver=lambda h, p: ["10.20.30.40"]) as f:
        with pytest.raises(BlockedAddress, match=r"intranet.example \(10.20.30.40\)"):
            f.fetch("http://intranet.example/")


def test_a_2_gb_stream_stops_at_the_size_cap_quickly(site):
    site.endless("/huge")
    started = time.monotonic()
    with fetcher(max_bytes=2 * 1024 * 1024) as f, pytest.raises(TooLarge, match="size limit"):
        f.fetch(site.url("/huge"))
    assert time.monotonic() - started < 10


def test_a_declared_length_over_the_cap_is_refused_before_reading(site):
    site.endless("/declared", declare=True)
    with fetcher(max_bytes=1024 * 1024) as f, pytest.raises(TooLarge, match="2,147,483,648 bytes"):
        f.fetch(site.url("/declared"))


def test_a_gzip_bomb_stops_at_the_decoded_size_cap(site):
    packed = site.bomb("/bomb", expands_to=64 * 1024 * 1024)
    assert packed < 1024 * 1024  # small on the wire...
    with fetcher(max_bytes=4 * 1024 * 1024) as f:
        with pytest.raises(TooLarge, match="decoded response exceeds"):
            f.fetch(site.url("/bomb"))  # ...but far over the cap once inflated


def test_gzip_content_is_decoded_and_the_raw_bytes_kept(site):
    packed = gzip.compress(ARTICLE.encode())
    site.add("/zipped.html", packed, headers={"Content-Encoding": "gzip"})
    with fetcher() as f:
        got = f.fetch(site.url("/zipped.html"))
    assert got.body == ARTICLE.encode() and got.final.raw_body == packed


def test_a_slow_server_times_out(site):
    site.slow("/slow", delay=1.0)
    with fetcher(read_timeout=0.3) as f, pytest.raises(FetchError, match="timed out"):
        f.fetch(site.url("/slow"))


def test_a_whole_fetch_has_a_deadline(site):
    site.slow("/drip", delay=0.2)
    with fetcher(read_timeout=5, total_timeout=0.5) as f, pytest.raises(FetchError,
                                                                       match="took longer"):
        f.fetch(site.url("/drip"))


def test_http_errors_are_clear(site):
    with fetcher() as f, pytest.raises(FetchError, match="HTTP 404"):
        f.fetch(site.url("/missing"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "not a url"])
def test_only_http_urls_are_fetched(url):
    with fetcher() as f, pytest.raises(FetchError):
        f.fetch(url)


def test_conditional_get_returns_not_modified(site):
    site.add("/feed.xml", b"<rss/>", "application/rss+xml", etag='"v1"')
    with fetcher() as f:
        assert f.fetch(site.url("/feed.xml")).header("etag") == '"v1"'
        again = f.fetch(site.url("/feed.xml"), headers={"If-None-Match": '"v1"'})
    assert again.not_modified and again.body == b""
