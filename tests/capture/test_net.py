from __future__ import annotations

import ipaddress

import pytest

from borderledger.capture.net import BlockedAddress, checked_addresses, why_blocked


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "0.0.0.0", "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3",
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
])
def test_non_public_addresses_are_refused(address):
    assert why_blocked(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert why_blocked(ipaddress.ip_address(address)) is None


def test_every_resolved_address_must_be_public():
    def resolver(host, port):
        return ["93.184.216.34", "10.1.1.1"]

    with pytest.raises(BlockedAddress, match="10.1.1.1.*private"):
        checked_addresses("mixed.example", 80, resolver=resolver)


def test_ip_literals_are_checked_without_dns():
    def resolver(host, port):
        raise AssertionError("no DNS lookup for a literal")

    with pytest.raises(BlockedAddress, match="loopback"):
        checked_addresses("::1", 80, resolver=resolver)
    assert checked_addresses("127.0.0.1", 80, allow_private=True, resolver=resolver) == ["127.0.0.1"]


def test_cloud_metadata_is_refused_even_when_private_addresses_are_allowed():
    import pytest as _pytest

    from borderledger.capture.net import BlockedAddress, checked_addresses

    for host in ("169.254.169.254", "[fd00:ec2::254]"):
        with _pytest.raises(BlockedAddress, match="cloud metadata"):
            checked_addresses(host, 80, allow_private=True)
    assert checked_addresses("127.0.0.1", 80, allow_private=True) == ["127.0.0.1"]
