"""The client's address: the connection's, or the one the trusted proxies forwarded."""

import pytest
from django.test import RequestFactory

from core.network import client_address


def request(remote="10.0.0.5", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.5"),  # no proxy: the header is the client's own invention
        (1, None, "10.0.0.5"),  # straight from the load balancer (its health check)
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.1, 198.51.100.1", "198.51.100.1"),  # made-up entries on the left
        (2, "192.0.2.1, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.5"),  # fewer entries than proxies: not through them all
        (1, "198.51.100.1:51234", "198.51.100.1"),  # a port some proxies add
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8::0:1", "2001:db8::1"),
        (1, "not-an-address", "10.0.0.5"),
        (1, "192.0.2.1, ", "192.0.2.1"),
    ],
)
def test_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(forwarded=forwarded)) == expected
