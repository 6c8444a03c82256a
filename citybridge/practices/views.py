"""Pages of the good-practice library: search and filters, a practice, writing one, importing."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.scopes import scope_of
from citybridge.lib.exports import list_download
from citybridge.lib.file_responses import file_response
from citybridge.network.decorators import hub_member_required, hub_staff_required
from citybridge.network.http import HubRequest, list_template, page_of
from citybridge.network.models import Country, LocalGovernment, Theme, in_reader_order
from citybridge.practices import actions
from citybridge.practices.access import (
    get_practice_for_user,
    get_resource_for_user,
    visible_contact,
)
from citybridge.practices.downloads import PRACTICE_COLUMNS
from citybridge.practices.forms import (
    PracticeFilterForm,
    PracticeForm,
    ResourceForm,
    TranslationForm,
)
from citybridge.practices.models import Practice, PracticeResource, TargetGroup
from citybridge.practices.suggestions import suggestions_for


@hub_member_required
def practice_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = PracticeFilterForm(request.GET or None)
    practices = form.apply(
        Practice.objects.select_related("origin_country").prefetch_related(
            "themes", "target_groups"
        )
    )
    if download := list_download(
        request,
        name="practices",
        title=_("Practices"),
        columns=PRACTICE_COLUMNS,
        rows=practices.prefetch_related("themes__hub"),
    ):
        return download
    page = page_of(request, practices)
    q = form.in_force().get("q")
    context = {
        "page": page,
        "form": form,
        "params": form.texts(),
        # Nothing found for the words searched: what to try instead (practices.suggestions).
        "suggestions": suggestions_for(q, hub) if q and not page.paginator.count else None,
        "themes": Theme.objects.of_hub(hub).order_by("name"),
        "countries": in_reader_order(Country.objects.filter(practice__isnull=False).distinct()),
        "targets": TargetGroup.objects.all(),
        "evidence_levels": Practice.Evidence.choices,
    }
    return render(
        request,
        list_template(request, "practices/practice_list.html", "practices/practice_rows.html"),
        context,
    )


def detail_context(request: HubRequest, practice: Practice, **forms) -> dict:
    hub = request.hub
    contact = visible_contact(request.user, practice)
    log_people_shown(request.user, [contact], hub=hub, obj=practice)
    return {
        "practice": practice,
        "themes": practice.themes.all(),
        "target_groups": practice.target_groups.all(),
        "themes_unplaced": practice.themes_unplaced(),
        "target_groups_unplaced": practice.target_groups_unplaced(),
        "translations": practice.translations.all(),
        "resources": practice.resources.all(),
        "contact": contact,
        # The library is the network's: its city may be another hub's, whose page is a 404 here.
        "origin_city_visible": practice.origin_city_id is not None
        and LocalGovernment.objects.visible_to(request.user)
        .filter(pk=practice.origin_city_id)
        .exists(),
        # Whom to ask when the contact is not shown: the contact's hub, else the reader's own.
        "contact_hub": practice.contact.hub if practice.contact else hub,
        "is_staff": scope_of(request.user).is_staff_of(hub.pk),
        "translation_form": forms.get("translation_form") or TranslationForm(),
        "resource_form": forms.get("resource_form") or ResourceForm(),
    }


@hub_member_required
def practice_detail(request: HubRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    return render(request, "practices/practice_detail.html", detail_context(request, practice))


@hub_staff_required
def practice_create(request: HubRequest) -> HttpResponse:
    return practice_form(request, Practice())


@hub_staff_required
def practice_edit(request: HubRequest, pk: int) -> HttpResponse:
    return practice_form(request, get_practice_for_user(request.user, pk))


def practice_form(request: HubRequest, practice: Practice) -> HttpResponse:
    form = PracticeForm(
        request.POST or None,
        instance=practice,
        hub=request.hub,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        practice = actions.save_practice(
            form.instance,
            themes=form.cleaned_data["themes"],
            target_groups=form.cleaned_data["target_groups"],
            acting_user=request.user,
        )
        messages.success(request, _("Saved %(title)s.") % {"title": practice.title})
        return redirect("practices:practice_detail", pk=practice.pk)
    return render(request, "practices/practice_form.html", {"form": form, "practice": practice})


@require_POST
@hub_staff_required
def translation_add(request: HubRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    form = TranslationForm(request.POST)
    if form.is_valid():
        actions.save_translation(practice, **form.cleaned_data, acting_user=request.user)
        messages.success(request, _("Translation saved."))
        return redirect("practices:practice_detail", pk=practice.pk)
    context = detail_context(request, practice, translation_form=form)
    return render(request, "practices/practice_detail.html", context, status=400)


@require_POST
@hub_staff_required
def resource_add(request: HubRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    form = ResourceForm(request.POST, request.FILES, instance=PracticeResource(practice=practice))
    if form.is_valid():
        actions.add_resource(form.instance, acting_user=request.user)
        messages.success(request, _("Resource added."))
        return redirect("practices:practice_detail", pk=practice.pk)
    context = detail_context(request, practice, resource_form=form)
    return render(request, "practices/practice_detail.html", context, status=400)


@hub_member_required
def resource_download(request: HubRequest, pk: int) -> HttpResponse:
    """A practice's file, only to those who may read the practice, and always as a download
    of its checked type: a browser never renders or guesses at it on our origin."""
    resource = get_resource_for_user(request.user, pk)
    kind = resource.document_type()
    try:
        # Streamed from the storage, or sent by the proxy (CITYBRIDGE_FILE_SENDER).
        response = file_response(
            resource.file,
            content_type=kind.content_type if kind else "application/octet-stream",
            filename=resource.download_name(),
        )
    except FileNotFoundError:
        raise Http404("No such resource.") from None
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private"
    # A streamed file (FileResponse): the decorators pass any response through untouched.
    return cast(HttpResponse, response)
