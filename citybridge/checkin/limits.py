"""Rate limits of the public check-in: per address and per engagement (lib.rates).

Counted per minute. A venue's phones often share one public address (its Wi-Fi) and a kiosk is
one device, so the limit per address is a rush's worth, not a person's; a refused submission
stays queued on the device and is sent again a minute later, so nothing is lost.
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

from citybridge.lib.rates import hit

PER_ADDRESS = 60  # submissions a minute from one address
PER_ENGAGEMENT = 150  # submissions a minute to one engagement's check-in


def over_limit(address: str | None, check_in_id: int) -> bool:
    # The address only as a keyed hash: the cache holds no one's address.
    who = salted_hmac("citybridge.checkin", address or "", algorithm="sha256").hexdigest()[:32]
    by_address = hit(f"checkin:address:{who}", PER_ADDRESS).over
    by_engagement = hit(f"checkin:engagement:{check_in_id}", PER_ENGAGEMENT).over
    return by_address or by_engagement
