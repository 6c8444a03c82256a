"""The API tokens page: a user's own tokens in the hub they work in, made and revoked there."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.scopes import scope_of
from citybridge.api.actions import create_token, revoke_token
from citybridge.api.forms import TokenForm
from citybridge.api.models import ApiToken
from citybridge.network.decorators import hub_member_required
from citybridge.network.http import HubRequest


@hub_member_required
def token_list(request: HubRequest) -> HttpResponse:
    """The user's tokens (of every hub: they are theirs), and the form of a new one for the hub
    they work in. A new token's secret is shown in this one answer and never again."""
    form = TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        _token, secret = create_token(
            request.user,
            request.hub,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            acting_user=request.user,
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).select_related("hub")
    sees_people = scope_of(request.user).sees_people_of(request.hub.pk)
    context = {
        "form": form,
        "secret": secret,
        "tokens": tokens,
        "hub": request.hub,
        "sees_people": sees_people,
        "example": example(request, secret, sees_people) if secret else "",
    }
    return render(request, "api/token_list.html", context, status=200)


def example(request: HubRequest, secret: str, sees_people: bool) -> str:
    """A curl line that reads with the new token a route the user's role reads: this year's
    engagements, or for a donor or an expert this year's key figures."""
    year = timezone.localdate().year
    if sees_people:
        url = f"{reverse('api_v1:engagement_list')}?year={year}"
    else:
        url = f"{reverse('api_v1:figures')}?from={year}-01-01"
    return f'curl -H "Authorization: Bearer {secret}" \\\n  "{request.build_absolute_uri(url)}"'


@require_POST
@hub_member_required
def token_revoke(request: HubRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404("No such token of yours.")
    revoke_token(token, acting_user=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:token_list")
