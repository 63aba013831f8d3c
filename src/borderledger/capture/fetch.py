"""Fetch one URL as evidence: bounded in size and time, every redirect hop checked.

``Fetcher.fetch(url)`` returns a ``Fetched`` holding every HTTP exchange (redirects first),
the body exactly as transferred (for the WARC) and decoded (for the text stage and the
blob store), or raises a ``FetchError`` with one plain sentence. Nothing is written here:
a failed fetch leaves no trace, the caller stores only complete captures.

Safety rules:
- only ``http``/``https``; the host is resolved and every address checked (``net.py``), and
  the connection goes to the checked address (Host header and TLS SNI keep the name);
- redirects are followed by hand, up to ``max_redirects``, each hop checked the same way;
- the body is streamed with ``iter_raw`` and stops at ``max_bytes`` raw bytes, and is
  decoded here with a bounded inflater that also stops at ``max_bytes`` decoded bytes, so a
  gzip bomb costs at most ``max_bytes`` of memory;
- connect/read timeouts plus a deadline for the whole fetch (slow-drip servers).
"""

from __future__ import annotations

import hashlib
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from .. import __version__
from ..errors import InputError
from .net import Resolver, checked_addresses, system_resolver

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"BorderLedger/{__version__} (+evidence capture)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchError(InputError):
    """A URL that could not be captured (network, HTTP status, size, time, policy)."""


class TooLarge(FetchError):
    pass


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch; the CLI exposes the ones a user may need to change."""

    max_bytes: int = DEFAULT_MAX_BYTES
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Exchange:
    """One request and its response (a redirect hop or the final answer)."""

    url: str
    ip: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    raw_body: bytes  # as transferred: Content-Encoding still applied
    started_at: datetime

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.response_headers:
            if key.lower() == name:
                return value
        return None


@dataclass(frozen=True)
class Fetched:
    requested_url: str
    exchanges: list[Exchange]
    body: bytes  # decoded payload of the final response
    retrieved_at: datetime = field(default_factory=utcnow)

    @property
    def final(self) -> Exchange:
        return self.exchanges[-1]

    @property
    def final_url(self) -> str:
        return self.final.url

    @property
    def status(self) -> int:
        return self.final.status

    @property
    def not_modified(self) -> bool:
        return self.final.status == 304

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def content_type(self) -> str:
        return (self.final.header("content-type") or "").split(";", 1)[0].strip().lower()

    def header(self, name: str) -> str | None:
        return self.final.header(name)


class _BoundedInflater:
    """Undo gzip/deflate Content-Encoding without ever holding more than ``limit`` bytes."""

    def __init__(self, encodings: list[str], limit: int, url: str):
        self.limit = limit
        self.url = url
        self.size = 0
        unknown = [e for e in encodings if e not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise FetchError(f"{url}: unsupported Content-Encoding {', '.join(unknown)}")
        if len(encodings) > 1:
            raise FetchError(f"{url}: stacked Content-Encodings ({', '.join(encodings)}) "
                             f"are not supported")
        self.encoding = encodings[0] if encodings else None
        self._d: zlib._Decompress | None = None  # type: ignore[name-defined]

    def _new(self, first: bytes):
        if self.encoding == "deflate" and first[:1] and (first[0] & 0x0F) != 8:
            return zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header

    def _grow(self, n: int) -> None:
        self.size += n
        if self.size > self.limit:
            raise TooLarge(f"{self.url}: decoded response exceeds the size limit of "
                           f"{self.limit:,} bytes (compressed data expands too much; raise "
                           f"it with --max-bytes if this is expected)")

    def feed(self, data: bytes) -> list[bytes]:
        if self.encoding is None:
            self._grow(len(data))
            return [data]
        out: list[bytes] = []
        while data:
            if self._d is None:
                self._d = self._new(data)
            try:
                part = self._d.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise FetchError(f"{self.url}: corrupt {self.encoding} body ({exc})") from exc
            self._grow(len(part))
            out.append(part)
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._d.unused_data:
                data, self._d = self._d.unused_data, None  # another gzip member follows
            else:
                data = b""
        return out

    def finish(self) -> list[bytes]:
        if self.encoding is None or self._d is None:
            return []
        try:
            tail = self._d.flush()
        except zlib.error as exc:
            raise FetchError(f"{self.url}: corrupt {self.encoding} body ({exc})") from exc
        self._grow(len(tail))
        if not self._d.eof:
            raise FetchError(f"{self.url}: {self.encoding} body ends early (truncated)")
        return [tail]


class Fetcher:
    """``Fetcher(policy).fetch(url)``; ``resolver`` and ``transport`` are injectable."""

    def __init__(self, policy: FetchPolicy | None = None, *, resolver: Resolver = system_resolver,
                 transport: httpx.BaseTransport | None = None):
        self.policy = policy or FetchPolicy()
        self.resolver = resolver
        self.client = httpx.Client(
            transport=transport, follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": self.policy.user_agent, "Accept": ACCEPT,
                     "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` following checked redirects. Raises FetchError; 304 is returned."""
        deadline = time.monotonic() + self.policy.total_timeout
        exchanges: list[Exchange] = []
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            exchange, body = self._one(current, headers or {}, deadline)
            exchanges.append(exchange)
            if exchange.status in REDIRECTS:
                location = exchange.header("location")
                if not location:
                    raise FetchError(f"{current}: redirect ({exchange.status}) without a Location")
                current = str(httpx.URL(current).join(location).copy_with(fragment=None))
                continue
            if exchange.status == 304:
                return Fetched(url, exchanges, b"", exchange.started_at)
            if not 200 <= exchange.status < 300:
                raise FetchError(f"{current}: HTTP {exchange.status} {exchange.reason}".rstrip())
            return Fetched(url, exchanges, body, exchange.started_at)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")

    def _one(self, url: str, extra: dict[str, str], deadline: float) -> tuple[Exchange, bytes]:
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(f"{url}: not a valid URL ({exc})") from exc
        if target.scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs can be captured")
        if not target.host:
            raise FetchError(f"{url}: the URL has no host")
        if target.userinfo:
            raise FetchError(f"{url}: URLs with a user name or password are not captured")
        port = target.port or (443 if target.scheme == "https" else 80)
        host = target.raw_host.decode("ascii")
        addresses = checked_addresses(host, port, allow_private=self.policy.allow_private,
                                      resolver=self.resolver)
        host_header = target.netloc.decode("ascii")
        started = utcnow()
        for attempt, ip in enumerate(addresses, 1):
            # connect to the checked address itself; Host and SNI keep the name
            request = self.client.build_request(
                "GET", target.copy_with(host=ip, fragment=None),
                headers={**extra, "Host": host_header}, extensions={"sni_hostname": host},
            )
            try:
                response = self.client.send(request, stream=True)
                break
            except httpx.ConnectError as exc:
                if attempt < len(addresses):
                    continue  # e.g. no IPv6 route: try the next checked address
                raise FetchError(f"{url}: cannot connect ({exc or type(exc).__name__})") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: timed out connecting or waiting for the response") \
                    from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: cannot fetch ({exc or type(exc).__name__})") from exc
        try:
            raw, body = self._read_body(url, response, deadline)
        finally:
            response.close()
        request_headers = [(k.decode("latin-1"), v.decode("latin-1"))
                           for k, v in response.request.headers.raw]
        response_headers = [(k.decode("latin-1"), v.decode("latin-1"))
                            for k, v in response.headers.raw]
        exchange = Exchange(
            url=str(target.copy_with(fragment=None)), ip=ip, method="GET",
            request_headers=request_headers, status=response.status_code,
            reason=response.reason_phrase, http_version=response.http_version,
            response_headers=response_headers, raw_body=raw, started_at=started,
        )
        return exchange, body

    def _read_body(self, url: str, response: httpx.Response,
                   deadline: float) -> tuple[bytes, bytes]:
        """(bytes as transferred, decoded bytes); decoded is empty unless the status is 2xx."""
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise TooLarge(f"{url}: response is {int(declared):,} bytes, over the size limit of "
                           f"{cap:,} bytes (raise it with --max-bytes)")
        encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")
                     if e.strip() and e.strip().lower() != "identity"]
        # decode alongside the download so a bomb stops as soon as it passes the cap
        inflater = _BoundedInflater(encodings, cap, url) if 200 <= response.status_code < 300 \
            else None
        parts: list[bytes] = []
        decoded: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_raw(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise TooLarge(f"{url}: response exceeds the size limit of {cap:,} bytes "
                                   f"(stopped reading; raise it with --max-bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: took longer than {self.policy.total_timeout:g} s "
                                     f"(stopped reading)")
                if inflater is not None:
                    decoded.extend(inflater.feed(chunk))
                parts.append(chunk)
            if inflater is not None:
                decoded.extend(inflater.finish())
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out while reading the response") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: connection broke while reading ({exc or type(exc).__name__})") \
                from exc
        return b"".join(parts), b"".join(decoded)
