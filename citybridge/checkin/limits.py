"""Rate limits of the public check-in: per address and per engagement, in Django's cache (the
one every process shares in production: CITYBRIDGE_CACHE_URL).

Counted per minute. A venue's phones often share one public address (its Wi-Fi) and a kiosk is
one device, so the limit per address is a rush's worth, not a person's; a refused submission
stays queued on the device and is sent again a minute later, so nothing is lost.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac

PER_ADDRESS = 60  # submissions a minute from one address
PER_ENGAGEMENT = 150  # submissions a minute to one engagement's check-in


def _hit(key: str, limit: int) -> bool:
    """Count one request under `key` in this minute; whether it is over the limit."""
    bucket = f"{key}:{int(time.time() // 60)}"
    cache.add(bucket, 0, timeout=120)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=120)
        count = 1
    return count > limit


def over_limit(address: str | None, check_in_id: int) -> bool:
    # The address only as a keyed hash: the cache holds no one's address.
    who = salted_hmac("citybridge.checkin", address or "", algorithm="sha256").hexdigest()[:32]
    by_address = _hit(f"checkin:address:{who}", PER_ADDRESS)
    by_engagement = _hit(f"checkin:engagement:{check_in_id}", PER_ENGAGEMENT)
    return by_address or by_engagement
