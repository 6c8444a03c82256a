"""The brief pages: the list, the preview, publishing, the frozen brief and its files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import Person
from citybridge.reports.briefs.actions import publish_brief
from citybridge.reports.models import PublishedBrief

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2023-01-01", "end": "2023-12-31", "lang": "en", "funder": ""}


@pytest.fixture
def records(hub, city):
    """An engagement in Testgrad with three people on its sheet."""
    engagement = Engagement.objects.create(
        hub=hub,
        key="T01",
        title="Testgrad roundtable",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=dt.date(2023, 5, 4),
        ends_on=dt.date(2023, 5, 4),
        host_city=city,
    )
    for row, name in enumerate(["Ana Testić", "Marko Probić", "Ivana Primerić"], start=1):
        person = Person.objects.create(hub=hub, full_name=name, city=city)
        Attendance.objects.create(
            engagement=engagement,
            source_file="T01.csv",
            row_number=row,
            full_name=name,
            person=person,
            role_kind="mayor" if row == 1 else "",
        )
    return engagement


def test_members_see_the_list_and_staff_the_form(client_for, officer, donor, records):
    page = client_for(officer).get(reverse("reports:brief_list"))
    assert page.status_code == 200
    assert reverse("reports:brief_preview") in page.content.decode()
    page = client_for(donor).get(reverse("reports:brief_list"))
    assert page.status_code == 200
    assert reverse("reports:brief_preview") not in page.content.decode()


def test_preview_shows_the_brief_from_the_records(client_for, officer, records):
    page = client_for(officer).get(reverse("reports:brief_preview"), PERIOD)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Key figures" in html and "Publish this brief" in html
    assert '<span class="brief-figure">3</span>' in html


def test_preview_downloads_each_format(client_for, officer, records):
    client = client_for(officer)
    for fmt, start in (("html", b"<!doctype html>"), ("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(reverse("reports:brief_preview"), {**PERIOD, "format": fmt})
        assert response.status_code == 200
        assert response.content.startswith(start)


def test_preview_refuses_a_donor_and_shows_an_outsider_only_their_hub(
    client_for, donor, outsider, records
):
    assert client_for(donor).get(reverse("reports:brief_preview"), PERIOD).status_code == 404
    page = client_for(outsider).get(reverse("reports:brief_preview"), PERIOD)
    html = page.content.decode()
    assert "Elsewhere Hub" in html and "Western Balkans" not in html
    assert '<span class="brief-figure">3</span>' not in html


def test_preview_explains_a_bad_period(client_for, officer):
    page = client_for(officer).get(
        reverse("reports:brief_preview"), {**PERIOD, "start": "2024-01-01"}
    )
    assert page.status_code == 400
    assert "on or after its start" in page.content.decode()


def test_publish_freezes_the_numbers(client_for, officer, hub, records):
    response = client_for(officer).post(reverse("reports:brief_publish"), PERIOD)
    published = PublishedBrief.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:brief_detail", args=[published.pk])
    assert published.hub == hub and published.published_by == officer
    assert published.figures["individuals_engaged"]["value"] == 3
    assert published.figures["leaders_engaged"]["value"] == 1
    assert published.pdf[:4] == b"%PDF" and bytes(published.docx)[:2] == b"PK"


def test_publish_rejects_get(client_for, officer, records):
    response = client_for(officer).get(reverse("reports:brief_publish"), PERIOD)
    assert response.status_code == 405
    assert not PublishedBrief.objects.exists()


def test_publish_refuses_the_donor_and_a_user_without_a_role(client_for, donor, records):
    assert client_for(donor).post(reverse("reports:brief_publish"), PERIOD).status_code == 404
    nobody = make_user("nobody")
    assert client_for(nobody).post(reverse("reports:brief_publish"), PERIOD).status_code == 404
    assert not PublishedBrief.objects.exists()


def test_publish_by_an_outsider_never_touches_this_hub(client_for, outsider, hub, records):
    client_for(outsider).post(reverse("reports:brief_publish"), PERIOD)
    assert not PublishedBrief.objects.filter(hub=hub).exists()
    theirs = PublishedBrief.objects.get()
    assert theirs.figures["individuals_engaged"]["value"] == 0


def test_the_frozen_brief_says_what_changed_since(client_for, officer, donor, hub, records):
    published = publish_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), acting_user=officer)
    person = Person.objects.create(hub=hub, full_name="Novi Dodatić")
    Attendance.objects.create(
        engagement=records, source_file="T01.csv", row_number=4, full_name="Novi", person=person
    )
    page = client_for(donor).get(reverse("reports:brief_detail", args=[published.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<span class="brief-figure">3</span>' in html  # the brief as published
    # Not "now 4": beside the published 3 that would tell one person was added.
    assert "published 3" in html and "fewer than 5 added" in html and "now 4" not in html
    assert "Novi Dodatić" not in html and "Ana Testić" not in html


def test_published_files_are_downloaded_as_published(client_for, donor, officer, hub, records):
    published = publish_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), acting_user=officer)
    client = client_for(donor)
    pdf = client.get(reverse("reports:brief_download", args=[published.pk, "pdf"]))
    assert pdf.content == bytes(published.pdf)
    assert "attachment" in pdf["Content-Disposition"]
    html = client.get(reverse("reports:brief_download", args=[published.pk, "html"]))
    assert published.article in html.content.decode()
    assert (
        client.get(reverse("reports:brief_download", args=[published.pk, "exe"])).status_code == 404
    )


def test_an_outsider_never_sees_a_published_brief(client_for, outsider, officer, hub, records):
    published = publish_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), acting_user=officer)
    client = client_for(outsider)
    assert client.get(reverse("reports:brief_detail", args=[published.pk])).status_code == 404
    url = reverse("reports:brief_download", args=[published.pk, "pdf"])
    assert client.get(url).status_code == 404


def test_the_period_defaults_to_the_last_full_year_or_since_the_last_brief():
    from citybridge.reports.briefs.forms import default_period

    today = dt.date(2026, 12, 6)
    launched = dt.date(2022, 11, 10)
    assert default_period(launched, None, today) == (launched, dt.date(2025, 12, 31))
    since = default_period(launched, dt.date(2023, 12, 31), today)
    assert since == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    # the last full year is published already: up to today
    assert default_period(launched, dt.date(2025, 12, 31), today) == (dt.date(2026, 1, 1), today)
    assert default_period(None, None, today) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_preview_works_on_the_first_click(client_for, officer, hub, records):
    """The form as the list page fills it is a valid preview, as sent by the browser."""
    page = client_for(officer).get(reverse("reports:brief_list"))
    form = page.context["form"]
    query = {name: form[name].value() for name in ("start", "end", "lang")}
    assert query["end"] == dt.date(timezone.localdate().year - 1, 12, 31)
    query = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in query.items()}
    preview = client_for(officer).get(reverse("reports:brief_preview"), {**query, "funder": ""})
    assert preview.status_code == 200


def test_a_bad_period_keeps_the_published_briefs_in_sight(client_for, officer, hub, records):
    publish_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), acting_user=officer)
    page = client_for(officer).get(reverse("reports:brief_preview"), {**PERIOD, "end": ""})
    assert page.status_code == 400
    assert "Delivering impact in the Western Balkans" in page.content.decode()


def test_what_a_donor_reads_has_no_codes_or_versions(client_for, officer, donor, hub, records):
    published = publish_brief(
        hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), lang="sr-latn", acting_user=officer
    )
    listing = client_for(donor).get(reverse("reports:brief_list")).content.decode()
    assert "<td>Serbian (Latin)</td>" in listing and "<td>sr-latn</td>" not in listing
    html = client_for(donor).get(reverse("reports:brief_detail", args=[published.pk]))
    html = html.content.decode()
    assert published.definition_version not in html and "definitions " not in html
    assert "2023-01-01" not in html and "2023-12-31" not in html
    # the figures are labelled as on the rest of the site, in the reader's language
    person = Person.objects.create(hub=hub, full_name="Novi Dodatić")
    Attendance.objects.create(
        engagement=records, source_file="T01.csv", row_number=4, full_name="Novi", person=person
    )
    html = client_for(donor).get(reverse("reports:brief_detail", args=[published.pk]))
    assert "<strong>Individual stakeholders engaged</strong>" in html.content.decode()
    staff = client_for(officer).get(reverse("reports:brief_detail", args=[published.pk]))
    assert published.definition_version in staff.content.decode()


def test_a_hub_without_a_region_is_named_as_in_sentences(hub):
    from citybridge.reports.briefs.assemble import assemble_brief

    hub.region = ""
    hub.save()
    brief = assemble_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert brief.title == f"Delivering impact: the {hub.name}"
