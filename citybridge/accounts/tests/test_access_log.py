"""The access log: written by the views and actions, append-only, readable by hub admins."""

from __future__ import annotations

import pytest
from django.core import management
from django.test import RequestFactory
from django.urls import reverse

from citybridge.accounts.access_log import log_access, text_hash
from citybridge.accounts.checks import forbidden_grants
from citybridge.accounts.models import AccessLog, AppendOnly, Role
from citybridge.network.models import Person


@pytest.fixture
def person(hub, city) -> Person:
    return Person.objects.create(hub=hub, full_name="Invented Person", city=city)


def test_reading_a_person_and_searching_people_are_logged_without_names(
    client_for, officer, person
):
    client = client_for(officer)
    client.get(reverse("network:person_detail", args=[person.pk]))
    client.get(reverse("network:person_list"), {"q": "Invented"})
    viewed = AccessLog.objects.get(action=AccessLog.Action.PERSON_VIEWED)
    assert (viewed.user, viewed.object_type, viewed.object_id) == (
        officer,
        "network.person",
        person.pk,
    )
    searched = AccessLog.objects.get(action=AccessLog.Action.PEOPLE_SEARCHED)
    assert searched.count == 1 and searched.text_hash == text_hash("invented ")
    row_text = " ".join(str(v) for v in AccessLog.objects.values_list().all())
    assert "Invented" not in row_text


def test_the_log_is_append_only(officer, person):
    row = log_access(officer, AccessLog.Action.PERSON_VIEWED, obj=person)
    row.detail = "changed"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AccessLog.objects.all().update(detail="x")
    with pytest.raises(AppendOnly):
        AccessLog.objects.all().delete()
    from django.contrib import admin

    model_admin = admin.site._registry[AccessLog]
    request = RequestFactory().get("/admin/")
    request.user = officer
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_hub_admins_read_the_log_filtered_and_no_one_else(
    client_for, hub_admin, officer, donor, person
):
    log_access(officer, AccessLog.Action.PERSON_VIEWED, obj=person, hub=person.hub)
    log_access(donor, AccessLog.Action.SIGN_IN)
    url = reverse("accounts:access_log")
    for user in (officer, donor):
        assert client_for(user).get(url).status_code == 404
    client = client_for(hub_admin)
    page = client.get(url, {"person": person.pk})
    assert [r.action for r in page.context["page"]] == [AccessLog.Action.PERSON_VIEWED]
    page = client.get(url, {"action": "sign_in", "user": donor.pk})
    rows = list(page.context["page"])  # the log_access above and force_login's own sign-in
    assert rows and {(r.user, r.action) for r in rows} == {(donor, AccessLog.Action.SIGN_IN)}


def test_role_changes_are_logged(hub, officer, hub_admin):
    from citybridge.accounts.actions import remove_role, save_role

    role = save_role(Role(user=officer, hub=hub, kind=Role.Kind.DONOR), acting_user=hub_admin)
    remove_role(role, acting_user=hub_admin)
    changes = AccessLog.objects.filter(action=AccessLog.Action.ROLE_CHANGED, user=hub_admin)
    assert [c.detail for c in changes.order_by("pk")] == ["granted donor", "removed donor"]


def test_a_donor_with_people_permissions_fails_the_system_check(donor, officer):
    from django.contrib.auth.models import Permission

    assert forbidden_grants() == []
    donor.user_permissions.add(Permission.objects.get(codename="view_person"))
    officer.user_permissions.add(Permission.objects.get(codename="view_person"))  # staff may
    assert forbidden_grants() == ["donor: network.person.view_person"]
    donor.is_staff = True
    donor.save()
    with pytest.raises(management.base.SystemCheckError, match=r"citybridge\.E002"):
        management.call_command("check", "--database", "default")


def test_commands_that_print_person_level_data_are_logged(client_for, hub, city, hub_admin):
    import datetime as dt
    from io import StringIO

    from citybridge.engagement.models import Attendance, Engagement

    day = dt.date(2024, 3, 1)
    engagement = Engagement.objects.create(
        hub=hub, key="L1", title="Roundtable", kind="roundtable", starts_on=day, ends_on=day
    )
    for n in (1, 2, 3):
        Attendance.objects.create(
            engagement=engagement, source_file="L1.csv", row_number=n, full_name=f"Person {n}"
        )
    out = StringIO()
    management.call_command("people", "links", "--format", "csv", stdout=out)
    assert len(out.getvalue().splitlines()) == 4
    row = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (row.user, row.hub, row.count, row.detail) == (
        None,
        hub,
        3,
        "people links (command line)",
    )
    # The hub's admins read it in their log.
    page = client_for(hub_admin).get(reverse("accounts:access_log"), {"action": "export"})
    assert list(page.context["page"]) == [row]


def test_a_dump_of_the_database_is_logged_as_an_export(hub, tmp_path):
    management.call_command("dumpdata", "network.person", output=str(tmp_path / "people.json"))
    row = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (row.hub, row.detail) == (hub, "dumpdata network.person")
