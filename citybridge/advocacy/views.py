"""Pages for advocacy actions, their pipeline, and testimonials."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.disclosure import sees_exact_counts
from citybridge.accounts.scopes import scope_of
from citybridge.advocacy import actions
from citybridge.advocacy.access import (
    get_advocacy_action_for_user,
    get_testimonial_for_user,
    sees_advocacy_rows,
)
from citybridge.advocacy.downloads import ADVOCACY_COLUMNS
from citybridge.advocacy.forms import AdvocacyActionForm, AdvocacyFilterForm, TestimonialForm
from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.advocacy.pipeline import advocacy_breakdowns
from citybridge.lib.exports import list_download
from citybridge.network.decorators import (
    hub_member_required,
    hub_staff_required,
    people_viewer_required,
)
from citybridge.network.http import HubRequest, list_template, page_of
from citybridge.network.models import Person
from citybridge.network.pipelines import also_filtered, pipeline_page


@hub_member_required
def advocacy_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    if not sees_advocacy_rows(request.user, hub.pk):
        raise Http404
    form = AdvocacyFilterForm(request.GET or None)
    found = form.apply(AdvocacyAction.objects.visible_to(request.user).of_hub(hub))
    rows = list(
        found.select_related("organisation")
        .prefetch_related("cities", "themes")
        .order_by("-date", "-pk")
    )
    if download := list_download(
        request,
        name="advocacy-actions",
        title=_("Advocacy actions"),
        columns=ADVOCACY_COLUMNS,
        rows=rows,
    ):
        return download
    filters = form.active_filters()
    context = {
        "form": form,
        "page": page_of(request, rows),
        "query": urlencode(filters),
        "also_filtered": also_filtered(filters, hub, ("theme", "country", "city")),
    }
    template = list_template(request, "advocacy/advocacy_list.html", "advocacy/advocacy_rows.html")
    return render(request, template, context)


@hub_member_required
def advocacy_detail(request: HubRequest, pk: int) -> HttpResponse:
    action = get_advocacy_action_for_user(request.user, pk)
    people = list(Person.objects.visible_to(request.user).filter(advocacy_actions=action))
    log_people_shown(request.user, people, hub=action.hub_id, obj=action)
    context = {
        "action": action,
        "cities": action.cities.select_related("country"),
        "people": people,
        "needs": action.needs.select_related("city", "theme"),
        "themes": action.themes.all(),
        "is_staff": scope_of(request.user).is_staff_of(action.hub_id),
    }
    return render(request, "advocacy/advocacy_detail.html", context)


@hub_staff_required
def advocacy_create(request: HubRequest) -> HttpResponse:
    return advocacy_form(request, AdvocacyAction())


@hub_staff_required
def advocacy_edit(request: HubRequest, pk: int) -> HttpResponse:
    return advocacy_form(request, get_advocacy_action_for_user(request.user, pk))


def advocacy_form(request: HubRequest, action: AdvocacyAction) -> HttpResponse:
    hub = request.hub
    form = AdvocacyActionForm(request.POST or None, instance=action, hub=hub, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = actions.save_advocacy_action(
            form.instance,
            hub=hub,
            cities=data["cities"],
            people=data["people"],
            needs=data["needs"],
            themes=data["themes"],
            acting_user=request.user,
        )
        messages.success(request, _("Saved %(title)s.") % {"title": action.title})
        return redirect("advocacy:advocacy_detail", pk=action.pk)
    return render(request, "advocacy/advocacy_form.html", {"form": form, "action": action})


@hub_member_required
def advocacy_pipeline(request: HubRequest) -> HttpResponse:
    hub = request.hub
    return pipeline_page(
        request,
        base=AdvocacyAction.objects.of_hub(hub),
        form=AdvocacyFilterForm(request.GET or None),
        breakdowns_of=partial(
            advocacy_breakdowns, hide_small=not sees_exact_counts(request.user, hub.pk)
        ),
        name="advocacy-pipeline",
        opens_records=sees_advocacy_rows(request.user, hub.pk),
        template="advocacy/pipeline.html",
    )


@people_viewer_required
def testimonial_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    testimonials = list(
        Testimonial.objects.visible_to(request.user).of_hub(hub).select_related("person", "city")
    )
    log_people_shown(request.user, [t.person_id for t in testimonials], hub=hub)
    context = {
        "testimonials": testimonials,
        "is_staff": scope_of(request.user).is_staff_of(hub.pk),
    }
    return render(request, "advocacy/testimonial_list.html", context)


@hub_staff_required
def testimonial_create(request: HubRequest) -> HttpResponse:
    return testimonial_form(request, Testimonial())


@hub_staff_required
def testimonial_edit(request: HubRequest, pk: int) -> HttpResponse:
    return testimonial_form(request, get_testimonial_for_user(request.user, pk))


def testimonial_form(request: HubRequest, testimonial: Testimonial) -> HttpResponse:
    hub = request.hub
    form = TestimonialForm(request.POST or None, instance=testimonial, hub=hub, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.save_testimonial(form.instance, hub=hub, acting_user=request.user)
        messages.success(request, _("Testimonial saved."))
        return redirect("advocacy:testimonial_list")
    context = {"form": form, "testimonial": testimonial}
    return render(request, "advocacy/testimonial_form.html", context)
