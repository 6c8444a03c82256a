"""Pages for cities and people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.models import AccessLog
from citybridge.accounts.scopes import scope_of
from citybridge.lib.exports import download_format, list_download, rows_download
from citybridge.lib.inputs import parse_id
from citybridge.network import actions, notice
from citybridge.network.access import get_city_for_user, get_hubs_for_user, get_person_for_user
from citybridge.network.decorators import (
    hub_admin_required,
    hub_member_required,
    hub_staff_required,
    people_viewer_required,
)
from citybridge.network.downloads import city_columns, person_columns
from citybridge.network.forms import (
    CityForm,
    HubSettingsForm,
    HubTextsForm,
    MembershipForm,
    PersonFilterForm,
    PersonForm,
    PositionForm,
    PrivacyNoticeForm,
)
from citybridge.network.http import HubRequest, count_on_page, list_template, page_of
from citybridge.network.models import (
    LocalGovernment,
    Membership,
    Person,
    Position,
    RoleKind,
    in_reader_order,
)
from citybridge.network.places import gazetteer_names
from citybridge.network.versions import EditConflict


@hub_member_required
def city_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    today = timezone.localdate()
    cities = LocalGovernment.objects.visible_to(request.user).of_hub(hub).select_related("country")
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    member = request.GET.get("member", "")
    if q:
        cities = cities.search(q)
    if country:
        cities = cities.filter(country_id=country)
    member_ids = set(LocalGovernment.objects.members_on(today).values_list("pk", flat=True))
    if member == "yes":
        cities = cities.filter(pk__in=member_ids)
    elif member == "no":
        cities = cities.exclude(pk__in=member_ids)
    cities = cities.order_by("name_key")
    columns = city_columns(member_ids)
    if download := list_download(
        request, name="cities", title=_("Cities"), columns=columns, rows=cities
    ):
        return download
    page = page_of(request, cities)
    context = {
        "page": page,
        "member_ids": member_ids,
        "q": q,
        "country": country,
        "member": member,
        "countries": in_reader_order(hub.countries.all()),
    }
    return render(
        request, list_template(request, "network/city_list.html", "network/city_rows.html"), context
    )


@hub_member_required
def city_detail(request: HubRequest, pk: int) -> HttpResponse:
    city = get_city_for_user(request.user, pk)
    # Those it hosted or took part in (EngagementQuerySet.involving), reached through the city's
    # reverse relation: network does not import the app above it (STYLE.md's order).
    engagements = (
        city.engagements.model.objects.visible_to(request.user)
        .involving(city)
        .order_by("-starts_on")[:20]
    )
    people = list(
        Person.objects.visible_to(request.user)
        .filter(city=city)
        .select_related("organisation")[:50]
    )
    log_people_shown(request.user, people, hub=request.hub, obj=city)
    context = {
        "city": city,
        "memberships": city.memberships.all(),
        "membership_form": MembershipForm(),
        "engagements": engagements,
        "people": people,
        "is_member": city.is_member_on(timezone.localdate()),
    }
    return render(request, "network/city_detail.html", context)


@hub_staff_required
def city_create(request: HubRequest) -> HttpResponse:
    return city_form(request, LocalGovernment())


@hub_staff_required
def city_edit(request: HubRequest, pk: int) -> HttpResponse:
    return city_form(request, get_city_for_user(request.user, pk))


def city_form(request: HubRequest, city: LocalGovernment) -> HttpResponse:
    form = CityForm(request.POST or None, instance=city, hub=request.hub)
    if request.method == "POST" and form.is_valid():
        # A new city takes the gazetteer's other names for it, so sheets resolve any of them.
        names = [] if city.pk else gazetteer_names(form.instance)
        try:
            city = actions.save_city(form.instance, acting_user=request.user, extra_names=names)
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": city.name})
            return redirect("network:city_detail", pk=city.pk)
    return render(request, "network/city_form.html", {"form": form, "city": city})


@require_POST
@hub_staff_required
def membership_add(request: HubRequest, pk: int) -> HttpResponse:
    city = get_city_for_user(request.user, pk)
    form = MembershipForm(request.POST, instance=Membership(city=city))
    if form.is_valid():
        actions.add_membership(form.instance, acting_user=request.user)
        messages.success(request, _("Membership added."))
        return redirect("network:city_detail", pk=city.pk)
    context = {
        "city": city,
        "memberships": city.memberships.all(),
        "membership_form": form,
        "engagements": [],
        "people": [],
        "is_member": city.is_member_on(timezone.localdate()),
    }
    return render(request, "network/city_detail.html", context, status=400)


@people_viewer_required
def person_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = PersonFilterForm(request.GET or None)
    people = form.apply(
        Person.objects.visible_to(request.user).of_hub(hub).select_related("organisation", "city")
    )
    people = people.order_by("name_key")
    q = form.in_force().get("q")
    if fmt := download_format(request):
        return person_download(request, people, fmt=fmt, searched=q or "")
    page = page_of(request, people)
    count_on_page(page, engagement_count=Count("attendances__engagement", distinct=True))
    log_people_shown(
        request.user,
        page.object_list,
        hub=hub,
        action=AccessLog.Action.PEOPLE_SEARCHED if q else AccessLog.Action.PEOPLE_VIEWED,
        text=q,
        count=page.paginator.count if q else None,
    )
    context = {
        "page": page,
        "form": form,
        "params": form.texts(),
        "roles": RoleKind.choices,
        "cities": LocalGovernment.objects.of_hub(hub),
    }
    return render(
        request,
        list_template(request, "network/person_list.html", "network/person_rows.html"),
        context,
    )


def person_download(request: HubRequest, people, *, fmt: str, searched: str) -> HttpResponse:
    """Every person the list's filters find, logged like the page (one row naming them all, as
    an export), with their engagements counted in one query."""
    rows = list(people.annotate(engagement_count=Count("attendances__engagement", distinct=True)))
    log_people_shown(
        request.user,
        rows,
        hub=request.hub,
        action=AccessLog.Action.EXPORT,
        text=searched or None,
        count=len(rows),
        detail=fmt,
    )
    columns = person_columns(with_email=scope_of(request.user).is_staff_of(request.hub.pk))
    return rows_download(request, fmt, name="people", title=_("People"), columns=columns, rows=rows)


@people_viewer_required
def person_detail(request: HubRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    log_people_shown(
        request.user, [person], hub=person.hub_id, obj=person, action=AccessLog.Action.PERSON_VIEWED
    )
    attendances = (
        person.attendances.visible_to(request.user)
        .select_related("engagement")
        .order_by("-engagement__starts_on")
    )
    sheet_roles = (
        attendances.exclude(role_kind="")
        .order_by()
        .values("role_kind")
        .annotate(
            first=Min("engagement__starts_on"),
            last=Max("engagement__starts_on"),
            records=Count("pk"),
        )
        .order_by("first")
    )
    labels = dict(RoleKind.choices)
    context = {
        "person": person,
        "sheet_roles": [
            r | {"label": labels.get(r["role_kind"], r["role_kind"])} for r in sheet_roles
        ],
        "positions": person.positions.select_related("city", "organisation"),
        "attendances": attendances,
        "position_form": PositionForm(hub=request.hub),
    }
    return render(request, "network/person_detail.html", context)


@hub_staff_required
def person_create(request: HubRequest) -> HttpResponse:
    return person_form(request, Person())


@hub_staff_required
def person_edit(request: HubRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    log_people_shown(
        request.user,
        [person],
        hub=person.hub_id,
        obj=person,
        action=AccessLog.Action.PERSON_VIEWED,
        detail="edit",
    )
    return person_form(request, person)


def person_form(request: HubRequest, person: Person) -> HttpResponse:
    hub = request.hub
    form = PersonForm(request.POST or None, instance=person, hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.save_person(form.instance, hub=hub, acting_user=request.user)
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": person.full_name})
            return redirect("network:person_detail", pk=person.pk)
    return render(request, "network/person_form.html", {"form": form, "person": person})


@require_POST
@hub_staff_required
def position_add(request: HubRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    form = PositionForm(request.POST, instance=Position(person=person), hub=request.hub)
    if form.is_valid():
        actions.add_position(form.instance, acting_user=request.user)
        messages.success(request, _("Position added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect("network:person_detail", pk=person.pk)


@hub_admin_required
def person_export(request: HubRequest, pk: int) -> HttpResponse:
    """Subject access: everything held about the person, readable (HTML) or `?format=json`."""
    from citybridge.network.subject_access import subject_access

    person = get_person_for_user(request.user, pk)
    fmt = "json" if request.GET.get("format") == "json" else "html"
    data = subject_access(person)
    log_people_shown(
        request.user,
        [person],
        hub=person.hub_id,
        obj=person,
        action=AccessLog.Action.EXPORT,
        detail=fmt,
    )
    if fmt == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response
    return render(request, "network/person_export.html", {"person": person, "data": data})


@hub_admin_required
def person_erase(request: HubRequest, pk: int) -> HttpResponse:
    """Erasure on request: a confirmation page, then the POST that erases (network.erasure)."""
    person = get_person_for_user(request.user, pk)
    if request.method == "POST" and request.POST.get("confirm") == "erase":
        report = actions.erase_person(person, acting_user=request.user)
        messages.success(
            request,
            _("Erased: the person is now %(name)s; %(n)s records keep counting.")
            % {"name": report.placeholder, "n": report.records},
        )
        for what in report.rewritten + report.files_rewritten:
            messages.info(request, _("Rewritten without their name: %(what)s.") % {"what": what})
        for path in report.files_removed:
            messages.warning(
                request,
                _(
                    "Removed, because it named them and cannot be rewritten safely: %(path)s. "
                    "Upload a copy without their name if it is still needed."
                )
                % {"path": path},
            )
        for path in report.files_to_check:
            messages.warning(request, _("Check this by hand: %(path)s") % {"path": path})
        # Every place, however many: the access log keeps only their number.
        for place in report.to_check:
            messages.warning(
                request,
                _(
                    "Check this by hand: %(place)s writes their family name without their "
                    "given name. It may be them, or a relative: rewrite it if it is them."
                )
                % {"place": place},
            )
        return redirect("network:person_detail", pk=person.pk)
    log_people_shown(
        request.user,
        [person],
        hub=person.hub_id,
        obj=person,
        action=AccessLog.Action.PERSON_VIEWED,
        detail="erase",
    )
    return render(request, "network/person_erase.html", {"person": person})


@require_POST
@login_required
def hub_choose(request: HttpRequest) -> HttpResponse:
    """Work in another of the user's hubs: every page then shows and allows what their role in
    that hub gives (network.decorators), and nothing of the hub they leave."""
    hubs = {hub.pk: hub for hub in get_hubs_for_user(request.user)}
    hub = hubs.get(parse_id(request.POST.get("hub")) or 0)
    if hub is None:
        raise Http404("No such hub among yours.")
    request.session["hub_id"] = hub.pk
    messages.success(request, _("You are working in %(hub)s.") % {"hub": hub.local_name})
    return redirect("reports:home")


def hub_form_page(request: HubRequest, form_class, save, saved: str, template: str) -> HttpResponse:
    """A hub admin's page that edits the hub itself: the form, the action, back with a word."""
    hub = request.hub
    form = form_class(request.POST or None, instance=hub)
    if request.method == "POST" and form.is_valid():
        save(form.instance, acting_user=request.user)
        messages.success(request, saved)
        return redirect(request.path)
    return render(request, template, {"form": form, "hub": hub})


@hub_admin_required
def hub_texts(request: HubRequest) -> HttpResponse:
    """The hub's name, region, mission, head's title and address, in each language."""
    return hub_form_page(
        request,
        HubTextsForm,
        actions.save_hub_texts,
        _("The hub's texts are saved."),
        "network/hub_texts.html",
    )


@hub_admin_required
def hub_notice(request: HubRequest) -> HttpResponse:
    """The privacy notice participants read at check-in, in each language, written by the hub's
    admins (who answer for what the hub keeps about people: access, erasure); each change a
    new version, stamped on the consents given under it."""
    hub = request.hub
    current = notice.latest(hub)
    form = PrivacyNoticeForm(request.POST or None, texts=current.texts if current else {})
    if request.method == "POST" and form.is_valid():
        saved = notice.save_notice(hub, form.texts(), acting_user=request.user)
        if saved is None:
            messages.info(request, _("The privacy notice is unchanged."))
        else:
            messages.success(
                request,
                _("The privacy notice is saved as version %(version)s.")
                % {"version": saved.version},
            )
        return redirect(request.path)
    return render(
        request,
        "network/hub_notice.html",
        {
            "form": form,
            "hub": hub,
            "current": notice.notice_for(hub),
            "product": notice.product_paragraphs(hub),
            "versions": hub.privacy_notices.select_related("hub", "created_by")[:20],
        },
    )


@hub_admin_required
def hub_settings(request: HubRequest) -> HttpResponse:
    """The hub's own settings, for its admins: the default language and the idle sign-out."""
    return hub_form_page(
        request,
        HubSettingsForm,
        actions.save_hub_settings,
        _("The hub's settings are saved."),
        "network/hub_settings.html",
    )
