"""The API's route for a need's matches (/api/v1/needs/{pk}/matches), for hub staff as the
matches page.

Kept here, not in the api app, which ranks beside matching in the import order:
citybridge/urls.py adds this router to the API. The request has passed the API's token check
(api.auth): its user is the token's owner, working in the token's hub (`request.auth.hub`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from citybridge.accounts.scopes import scope_of
from citybridge.matching.queries import match_need
from citybridge.needs.access import get_need_for_user

router = Router(tags=["needs"])


class MatchOut(Schema):
    id: int | str
    label: str
    score: float
    strength: str
    reasons: list[str]


class MatchesOut(Schema):
    practices: list[MatchOut]
    peer_cities: list[MatchOut]
    experts: list[MatchOut]


@router.get("/needs/{pk}/matches", response=MatchesOut, url_name="need_matches")
def need_matches(request: HttpRequest, pk: int):
    """Practices, peer cities and experts that could answer the need, each with its reasons."""
    if not scope_of(request.user).is_staff_of(request.auth.hub.pk):  # type: ignore[attr-defined]
        raise HttpError(
            403,
            _("Your role in this hub does not reach these records: they are for hub staff only."),
        )
    return match_need(get_need_for_user(request.user, pk)).as_dict()
