"""A per-minute rate limit counted in Django's cache: the shared one in production
(CITYBRIDGE_CACHE_URL, Redis), so every worker counts the same requests; each process its own
with the default local memory.

Counted per clock minute: a key's count starts again at each minute's start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache


def clock() -> float:
    """Seconds since the epoch (the tests hold it still, within one minute)."""
    return time.time()


@dataclass(frozen=True)
class Count:
    used: int
    """Requests under the key in this minute, this one included."""
    limit: int
    seconds_left: int
    """Until the minute ends and the count starts again (1 to 60)."""

    @property
    def over(self) -> bool:
        return self.used > self.limit


def hit(key: str, limit: int) -> Count:
    """Count one request under `key` in this clock minute."""
    now = clock()
    bucket = f"rate:{key}:{int(now // 60)}"
    cache.add(bucket, 0, timeout=120)
    try:
        used = cache.incr(bucket)
    except ValueError:  # expired or evicted between add and incr
        cache.set(bucket, 1, timeout=120)
        used = 1
    return Count(used, limit, 60 - int(now % 60))
