"""A local HTTP server on 127.0.0.1 for capture tests: pages, feeds, PDFs, redirects, and
responses that are slow, huge or compressed to explode. No test traffic leaves loopback."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from ..text.test_html_pdf import _pdf_with_text

Handler = Callable[[BaseHTTPRequestHandler], None]

ARTICLE = """<html><head><title>Second removal flight reaches Comayagua</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Second removal flight reaches Comayagua</h1>
<p>A charter plane operated for US immigration authorities landed at the Palmerola air base
near Comayagua on Thursday with 58 Honduran deportees on board, the national migration
office said in a short statement. The group was deported to Honduras after weeks in
detention in Texas, according to the statement.</p>
<p>Officials said the returnees were interviewed at a reception centre and given bus fare
home, and that another removal flight was expected before the end of the month.</p>
<p>Lawyers for several of the deported men said they had pending asylum claims when they
were put on the plane, and that they would raise the cases with the courts.</p>
</article></body></html>"""

SPORTS = """<html><head><title>Late goal settles the derby</title></head><body><article>
<h1>Late goal settles the derby</h1>
<p>A header in the ninetieth minute gave the home side a narrow win on Saturday evening,
lifting them to third place in the league table after a difficult autumn.</p>
<p>The coach praised his defenders for keeping their shape through a long spell of pressure
and said the squad would rest before the cup match in midweek.</p>
<p>Supporters stayed in the stadium long after the final whistle, singing as the players
walked a lap of honour in the rain.</p></article></body></html>"""


def rss(items: list[tuple[str, str, str]], title: str = "Example wire") -> bytes:
    """An RSS 2.0 document with (guid, link, title) items."""
    body = "".join(f"<item><guid>{g}</guid><link>{link}</link><title>{t}</title>"
                   f"<pubDate>Thu, 06 Mar 2025 10:00:00 GMT</pubDate></item>"
                   for g, link, t in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.org/</link>{body}</channel></rss>").encode()


def pdf(pages: list[str]) -> bytes:
    return _pdf_with_text(pages)


class Site:
    """Routes by path; every request is logged in ``requests`` as (path, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):  # noqa: N802
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should at its size cap

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    # -- route builders ------------------------------------------------------------------
    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            *, status: int = 200, headers: dict[str, str] | None = None,
            etag: str | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body

        def handle(h: BaseHTTPRequestHandler) -> None:
            if etag and h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(data)))
            if etag:
                h.send_header("ETag", etag)
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = handle

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        def handle(h):
            h.send_response(status)
            h.send_header("Location", location)
            h.send_header("Content-Length", "0")
            h.end_headers()

        self.routes[path] = handle

    def endless(self, path: str, total: int = 2 * 1024**3, *, declare: bool = False) -> None:
        """``total`` bytes generated as they are sent (never held in memory)."""
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"

        def handle(h):
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            if declare:
                h.send_header("Content-Length", str(total))
            h.end_headers()
            sent = 0
            while sent < total:
                h.wfile.write(chunk)
                sent += len(chunk)

        self.routes[path] = handle

    def bomb(self, path: str, expands_to: int = 64 * 1024**2) -> int:
        """gzip Content-Encoding whose body inflates to ``expands_to`` bytes; returns its size."""
        packed = gzip.compress(b"\0" * expands_to, compresslevel=9)

        def handle(h):
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Encoding", "gzip")
            h.send_header("Content-Length", str(len(packed)))
            h.end_headers()
            h.wfile.write(packed)

        self.routes[path] = handle
        return len(packed)

    def slow(self, path: str, delay: float = 1.0) -> None:
        def handle(h):
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            for _ in range(20):
                h.wfile.write(b"<p>drip</p>")
                h.wfile.flush()
                time.sleep(delay)

        self.routes[path] = handle


class LoopbackOnly(httpx.BaseTransport):
    """Sends requests meant for ``public_ip`` to the local server instead, and refuses any
    other destination but 127.0.0.1: lets a test pretend a public host exists."""

    def __init__(self, site: Site, public_ip: str):
        self.site = site
        self.public_ip = public_ip
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if host == self.public_ip:
            url = request.url.copy_with(host="127.0.0.1", port=self.site.port)
            request = httpx.Request(request.method, url, headers=request.headers,
                                    stream=request.stream, extensions=request.extensions)
        elif host != "127.0.0.1":
            raise AssertionError(f"a test tried to reach {host}")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
