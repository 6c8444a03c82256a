"""The health page a monitor polls: JSON, 200 when all is well, 503 when anything is not."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citybridge.operations import health


@never_cache
@require_safe
def health_check(request: HttpRequest) -> JsonResponse:
    found = health.checks()
    ok = all(c.ok for c in found)
    body = {
        "status": "ok" if ok else "failing",
        "checks": {c.name: {"ok": c.ok, **c.figures} for c in found},
    }
    return JsonResponse(body, status=200 if ok else 503)
