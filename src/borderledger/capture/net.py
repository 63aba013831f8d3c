"""Which addresses a capture may connect to: public unicast only, checked after DNS.

A URL handed to ``capture`` or found in a feed must not make BorderLedger reach into the
machine or network it runs on (loopback, private ranges, cloud metadata at 169.254.169.254).
Every host is resolved here, every address it resolves to is checked, and the fetcher then
connects to the checked address itself, so a second DNS answer cannot swap it (rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from ..errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: host → the addresses it resolves to (injectable for tests and air-gapped setups).
Resolver = Callable[[str, int], list[str]]


class BlockedAddress(InputError):
    """The URL leads to an address a capture must not reach."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, deduplicated."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve host {host!r} ({exc})") from exc
    seen: list[str] = []
    for *_, sockaddr in infos:
        ip = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if ip not in seen:
            seen.append(ip)
    return seen


#: Cloud instance-metadata endpoints: credentials live there, so they are never fetched.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))


def why_blocked(ip: IPAddress) -> str | None:
    """The reason an address is refused, or None for a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            inner = why_blocked(mapped)
            return f"{inner} (inside IPv6 {ip})" if inner else None
        if ip.teredo is not None:
            return "a Teredo tunnel address"
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attr, label in checks:
        if getattr(ip, attr):
            return label
    if not ip.is_global:  # shared address space (100.64/10) and other non-global ranges
        return "not a globally routable address"
    return None


def parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def checked_addresses(host: str, port: int, *, allow_private: bool = False,
                      resolver: Resolver = system_resolver) -> list[str]:
    """Resolve ``host`` and return its addresses; raise BlockedAddress if any is not public.

    All addresses must pass, not just the first: a name that resolves to one public and one
    private address is refused (the connection could land on either).
    """
    literal = parse_ip(host)
    addresses = [str(literal)] if literal is not None else resolver(host, port)
    if not addresses:
        raise InputError(f"host {host!r} resolves to no address")
    for text in addresses:
        ip = parse_ip(text)
        if ip is not None and ip in METADATA_ADDRESSES:
            raise BlockedAddress(f"refusing to fetch from {host}: {ip} is a cloud metadata "
                                 "address (never allowed, not even with --allow-private)")
    if allow_private:
        return addresses
    for text in addresses:
        ip = parse_ip(text)
        if ip is None:
            raise BlockedAddress(f"host {host!r} resolved to something that is not an IP "
                                 f"address ({text!r})")
        reason = why_blocked(ip)
        if reason:
            shown = host if literal is not None else f"{host} ({ip})"
            raise BlockedAddress(f"refusing to fetch from {shown}: {reason} "
                                 f"(use --allow-private to permit it)")
    return addresses
