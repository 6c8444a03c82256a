"""Erasure that keeps the counts, subject access, retention and consent."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from citybridge.accounts.models import AccessLog
from citybridge.accounts.tests.erasure_cast import CYRILLIC, EMAIL, NAME, figures_of
from citybridge.accounts.tests.traces import traces_in_database
from citybridge.advocacy import models as advocacy
from citybridge.engagement.models import Attendance
from citybridge.engagement.resolution import resolve_hub
from citybridge.engagement.retention import pseudonymise_attendance
from citybridge.lib.text import fold
from citybridge.network.actions import erase_person
from citybridge.network.models import Person


def test_erasure_leaves_no_trace_and_the_same_figures(
    hub, city, records, officer, hub_admin, client_for
):
    person = records
    assert Attendance.objects.filter(person=person).count() == 2
    person.notes = f"Call {NAME} before the roundtable."
    person.consent_quote, person.consent_recorded_on = True, dt.date(2023, 7, 1)
    person.save()
    other = Person.objects.get(full_name="Ana Ostaje")
    other.notes = f"Came with {NAME}."
    other.save()
    advocacy.Testimonial.objects.create(
        hub=hub,
        person=person,
        quote="My words.",
        attribution=f"{NAME}, mayor",
        city=city,
        said_on=dt.date(2023, 7, 1),
        publication_consent=True,
    )
    client_for(hub_admin).get(reverse("network:person_detail", args=[person.pk]))
    assert traces_in_database([NAME, EMAIL])
    before = figures_of(hub)

    report = erase_person(person, acting_user=hub_admin)

    assert report.records == 2
    needles = [NAME, CYRILLIC, EMAIL, fold(NAME), fold(CYRILLIC)]
    assert traces_in_database(needles) == []
    assert figures_of(hub) == before
    resolve_hub(hub)  # a later import resolves everything again: still the same people
    assert figures_of(hub) == before
    person.refresh_from_db()
    assert person.is_pseudonymised and person.full_name == report.placeholder
    assert not advocacy.Testimonial.objects.filter(person=person).exists()
    assert AccessLog.objects.about(person).filter(action=AccessLog.Action.ERASURE).exists()


def test_erase_page_is_for_hub_admins_and_works(client_for, records, hub_admin, officer):
    url = reverse("network:person_erase", args=[records.pk])
    assert client_for(officer).post(url, {"confirm": "erase"}).status_code == 404
    assert client_for(hub_admin).get(url).status_code == 200
    assert client_for(hub_admin).post(url, {"confirm": "erase"}).status_code == 302
    records.refresh_from_db()
    assert records.is_pseudonymised


def test_subject_access_export_holds_everything_and_is_logged(
    client_for, records, hub_admin, officer
):
    url = reverse("network:person_export", args=[records.pk])
    assert client_for(officer).get(url).status_code == 404
    client = client_for(hub_admin)
    data = client.get(url, {"format": "json"}).json()
    assert data["person"]["full name"] == records.full_name
    assert len(data["records"]["attendance records"]) == 2
    page = client.get(url)
    assert page.status_code == 200 and EMAIL in page.content.decode()
    exports = AccessLog.objects.about(records).filter(action=AccessLog.Action.EXPORT)
    assert [e.detail for e in exports.order_by("at")] == ["json", "html"]


def test_retention_pseudonymises_old_rows_and_keeps_the_figures(hub, records, settings):
    before = figures_of(hub)
    done = pseudonymise_attendance(dt.date(2023, 6, 1), acting_user=None)
    assert done == 4  # the four rows of the February workshop
    old = Attendance.objects.filter(engagement__key="E1")
    assert all(r.full_name.startswith("Erased ") and not r.email for r in old)
    assert NAME not in str(list(old.values_list("cells", flat=True)))
    assert Attendance.objects.filter(engagement__key="E2", full_name=CYRILLIC).exists()
    resolve_hub(hub)
    assert figures_of(hub) == before
    assert pseudonymise_attendance(dt.date(2023, 6, 1), acting_user=None) == 0


def test_quotes_without_consent_never_count_as_publishable(hub, city, records):
    person = records
    quote = advocacy.Testimonial.objects.create(
        hub=hub,
        person=person,
        quote="Words.",
        attribution="Mayor",
        city=city,
        said_on=dt.date(2023, 7, 1),
        publication_consent=True,
    )
    assert not advocacy.Testimonial.objects.publishable().exists()  # the person never agreed
    person.consent_quote = True
    person.save()
    assert list(advocacy.Testimonial.objects.publishable()) == [quote]
    person.consent_quote = False  # consent withdrawn
    person.save()
    assert not advocacy.Testimonial.objects.publishable().exists()
