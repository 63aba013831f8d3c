"""Build small WARC files for tests with warcio (texts are our own words)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .server import ARTICLE, SPORTS


def warc_file(path: Path, records: list[tuple[str, str, bytes]] | None = None, *,
              compress: bool = True, extras: bool = True) -> Path:
    """(url, content type, body) response records, plus a request and an image record."""
    if records is None:
        records = [("https://news.example.org/flight", "text/html; charset=utf-8", ARTICLE.encode()),
                   ("https://news.example.org/derby", "text/html", SPORTS.encode())]
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    for url, ctype, body in records:
        if extras:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")],
                                   is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=req))
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype),
                                           ("Content-Length", str(len(body)))],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2025-03-06T10:00:00Z"}))
    if extras:
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 100), http_headers=http))
    path.write_bytes(buf.getvalue())
    return path


def truncate(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def one_stream_gzip(src: Path, dst: Path) -> Path:
    """The same WARC gzipped as one stream instead of one member per record."""
    dst.write_bytes(gzip.compress(gzip.decompress(src.read_bytes())))
    return dst
