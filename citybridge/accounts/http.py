"""The request a view gets once it is signed in (behind `login_required` or a role decorator):
its user is a `User`, never the anonymous one. network.http.HubRequest adds the hub."""

from __future__ import annotations

from django.http import HttpRequest

from citybridge.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User  # narrower than HttpRequest's: the decorators have signed the user in
