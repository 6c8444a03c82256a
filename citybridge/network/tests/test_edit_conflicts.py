"""Two people editing one city, person or engagement: the second save is refused, never lost.

And 8 writers x 50 transactions on one record, through the real save action, lose nothing and
never see "database is locked" (SQLite: BEGIN IMMEDIATE with a 20 s timeout, WAL).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Attendance, Engagement
from citybridge.engagement.resolution import resolve_hub
from citybridge.imports.registry import run_import
from citybridge.network.actions import erase_person, save_city, save_person
from citybridge.network.models import LocalGovernment, Person
from citybridge.network.versions import EditConflict

WRITERS, TRANSACTIONS = 8, 50


def opened(client: Client, url: str) -> dict:
    """The edit form's values as the page showed them, the hidden version included."""
    form = client.get(url).context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is None:
            continue
        data[field.name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def engagement(hub, city) -> Engagement:
    return save_engagement(
        Engagement(
            key="T01",
            title="Roundtable",
            kind=Engagement.Kind.ROUNDTABLE,
            starts_on=dt.date(2024, 3, 1),
            ends_on=dt.date(2024, 3, 1),
            host_city=city,
        ),
        hub=hub,
        acting_user=None,
    )


@pytest.mark.parametrize(
    ("url_name", "field", "record"),
    [
        ("network:city_edit", "name", "city"),
        ("network:person_edit", "full_name", "person"),
        ("engagement:engagement_edit", "title", "engagement"),
    ],
)
def test_the_second_of_two_edits_is_refused_with_who_changed_it(
    request, officer, hub_admin, hub, city, url_name, field, record
):
    if record == "person":
        instance = Person.objects.create(hub=hub, full_name="Jelena Testić", city=city)
    else:
        instance = request.getfixturevalue(record)
    url = reverse(url_name, args=[instance.pk])
    hub_admin.first_name, hub_admin.last_name = "Ana", "Admin"
    hub_admin.save()
    mine, theirs = signed_in(officer), signed_in(hub_admin)
    my_form, their_form = opened(mine, url), opened(theirs, url)
    assert my_form["version"] == their_form["version"] == 1

    assert theirs.post(url, their_form | {field: "Their change"}).status_code == 302
    response = mine.post(url, my_form | {field: "My change"})

    assert response.status_code == 200
    assert "was changed by Ana Admin since you opened it. Nothing was saved" in (
        response.content.decode()
    )
    instance.refresh_from_db()
    assert (getattr(instance, field), instance.version) == ("Their change", 2)
    # Opened again, the page carries the new version and the edit goes through.
    assert mine.post(url, opened(mine, url) | {field: "My change"}).status_code == 302
    instance.refresh_from_db()
    assert (getattr(instance, field), instance.version) == ("My change", 3)


def test_a_stale_copy_is_refused_by_each_save_action(hub, city, engagement):
    person = Person.objects.create(hub=hub, full_name="Jelena Testić")
    for record, save in (
        (city, lambda r: save_city(r, acting_user=None)),
        (person, lambda r: save_person(r, hub=hub, acting_user=None)),
        (engagement, lambda r: save_engagement(r, hub=hub, acting_user=None)),
    ):
        first, second = (type(record).objects.get(pk=record.pk) for _ in range(2))
        save(first)
        with pytest.raises(EditConflict, match="changed by someone else since you opened it"):
            save(second)
        assert type(record).objects.get(pk=record.pk).version == record.version + 1


@pytest.fixture
def file_database(tmp_path, monkeypatch):
    """On SQLite, new connections (each writer thread's) open a file copy of the test database:
    the in-memory one cannot show how writers queue on a real file's lock."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "writers.sqlite3")
        connection.connection.backup(target)
        target.close()
        monkeypatch.setitem(
            connections.settings["default"], "NAME", str(tmp_path / "writers.sqlite3")
        )


def in_thread(work):
    """Run `work` on its own connection, as a web process's thread would."""

    def run():
        try:
            work()
        finally:
            connections.close_all()

    return threading.Thread(target=run)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_writers_lose_no_update_and_never_see_a_locked_database(file_database):
    results: dict[str, list] = {"locked": [], "conflicts": []}
    created: list[int] = []

    def create() -> None:
        city = LocalGovernment(name="Budva", country_id="ME", population=0)
        created.append(save_city(city, acting_user=None).pk)

    setup = in_thread(create)
    setup.start()
    setup.join()

    def writer() -> None:
        conflicts = 0
        for _ in range(TRANSACTIONS):
            while True:
                city = LocalGovernment.objects.get(pk=created[0])
                city.population = (city.population or 0) + 1
                try:
                    save_city(city, acting_user=None)
                    break
                except EditConflict:
                    conflicts += 1  # someone saved in between: open it again and redo the edit
                except OperationalError as error:
                    results["locked"].append(str(error))
                    break
        results["conflicts"].append(conflicts)

    threads = [in_thread(writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    values: list = []
    check = in_thread(
        lambda: values.extend(
            LocalGovernment.objects.filter(pk=created[0]).values_list("population", "version")
        )
    )
    check.start()
    check.join()
    print(f"{WRITERS}x{TRANSACTIONS}: conflicts retried {sum(results['conflicts'])}")
    assert results["locked"] == []
    assert values == [(WRITERS * TRANSACTIONS, WRITERS * TRANSACTIONS + 1)]


def test_an_import_that_changes_an_engagement_refuses_an_edit_opened_before_it(hub, engagement):
    opened_copy = Engagement.objects.get(pk=engagement.pk)
    sheet = "key,title,type,start\nT01,Roundtable renamed by the import,roundtable,2024-03-01\n"
    run_import("engagements", [("engagements.csv", sheet.encode())], hub=hub, acting_user=None)
    opened_copy.title = "My title"
    with pytest.raises(EditConflict):
        save_engagement(opened_copy, hub=hub, acting_user=None)
    engagement.refresh_from_db()
    assert (engagement.title, engagement.version) == ("Roundtable renamed by the import", 2)


# A person changed by resolution, an erasure or the admin site: an officer's form opened before
# is refused, naming what changed it, and nothing of the form (the name above all) is written.


@pytest.fixture
def person_with_a_record(hub, city):
    day = dt.date(2024, 3, 1)
    engagement = Engagement.objects.create(
        hub=hub, key="R1", title="Roundtable", kind="roundtable", starts_on=day, ends_on=day
    )
    for n in (1, 2):
        Attendance.objects.create(
            engagement=engagement,
            source_file="R1.csv",
            row_number=n,
            cells={"Name": "Jelena Testić"},
            full_name="Jelena Testić",
            email="jelena.testic@example.org" if n == 1 else "",
            resolved_city=city,
        )
    resolve_hub(hub)
    return Person.objects.get(full_name="Jelena Testić")


def refused_with(response, editor: str) -> bool:
    text = response.content.decode()
    return response.status_code == 200 and f"was changed by {editor} since you opened it" in text


def test_a_merge_by_resolution_refuses_a_form_opened_before(person_with_a_record, officer, hub):
    person = person_with_a_record
    url = reverse("network:person_edit", args=[person.pk])
    mine = signed_in(officer)
    form = opened(mine, url)
    # A later sheet: the same person again, merged into the record by resolution.
    Attendance.objects.create(
        engagement=Engagement.objects.get(key="R1"),
        source_file="R2.csv",
        row_number=1,
        cells={"Name": "Jelena Testic"},
        full_name="Jelena Testic",
        email="jelena.testic@example.org",
        resolved_city=person.city,
    )
    resolve_hub(hub)
    assert Attendance.objects.filter(person=person).count() == 3

    response = mine.post(url, form | {"notes": "Met her in Podgorica."})

    assert refused_with(response, "the resolution of people after an import or a merge")
    person.refresh_from_db()
    assert person.notes == "" and person.version == 2


def test_an_erasure_refuses_a_form_opened_before(person_with_a_record, officer, hub_admin):
    person = person_with_a_record
    hub_admin.first_name, hub_admin.last_name = "Ana", "Admin"
    hub_admin.save()
    url = reverse("network:person_edit", args=[person.pk])
    mine = signed_in(officer)
    form = opened(mine, url)
    report = erase_person(person, acting_user=hub_admin)

    response = mine.post(url, form | {"notes": "Call back."})

    assert refused_with(response, "Ana Admin")
    person.refresh_from_db()
    assert person.full_name == report.placeholder and person.email == "" and person.notes == ""


def test_a_change_in_the_admin_site_refuses_a_form_opened_before(
    person_with_a_record, officer, hub
):
    from citybridge.accounts.models import Role, User

    person = person_with_a_record
    url = reverse("network:person_edit", args=[person.pk])
    mine = signed_in(officer)
    form = opened(mine, url)
    root = User.objects.create_superuser("root", password="pass-for-tests-only")
    root.first_name, root.last_name = "Site", "Root"
    root.save()
    Role.objects.create(
        user=root, hub=hub, kind=Role.Kind.HUB_ADMIN
    )  # the admin site is scoped too
    admin_site = signed_in(root)
    admin_url = reverse("admin:network_person_change", args=[person.pk])
    page = admin_site.get(admin_url)
    data = {f.html_name: f.value() for f in page.context["adminform"].form if f.value() is not None}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {f.html_name: f.value() for f in management}
    saved = admin_site.post(admin_url, data | {"notes": "Corrected in the admin site."})
    assert saved.status_code == 302, saved.content.decode()[:2000]

    response = mine.post(url, form | {"notes": "My note."})

    assert refused_with(response, "Site Root")
    person.refresh_from_db()
    assert person.notes == "Corrected in the admin site." and person.version == 2
