"""The client's address, as far as the deployment lets us know it.

Served directly, it is the connection's address (REMOTE_ADDR). Behind load balancers or
reverse proxies (TRUSTED_PROXY_COUNT of them), each proxy appends the address it took the
request from to X-Forwarded-For, so the client's address is the entry that many places
from the right: everything to its left was written by the client and may be made up.
Sign-in lock-out (AXES_CLIENT_IP_CALLABLE) and the audit trail both use this.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Not through every proxy (a health check from the load balancer, say).
        return remote
    return _address(forwarded[-proxies]) or remote


def _address(value: str) -> str | None:
    """The IP address in `value` (a port some proxies add is dropped), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 198.51.100.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
