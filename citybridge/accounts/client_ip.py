"""The address a sign-in came from, as django-axes locks it out (AXES_CLIENT_IP_CALLABLE).

Behind reverse proxies every request arrives from the nearest proxy: locking by REMOTE_ADDR
would lock everybody together. Each proxy appends the address it received the request from to
X-Forwarded-For, so with `TRUSTED_PROXIES = n` (CITYBRIDGE_TRUSTED_PROXIES) the client is the
n-th address from the right: what the outermost of our own proxies saw. Addresses further left
were written by the client and are never believed. With 0 (the default: no proxy) the header is
ignored, since anyone can send it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    trusted = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    if trusted <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < trusted:
        # Fewer hops than our proxies add: the request did not come through them all.
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
