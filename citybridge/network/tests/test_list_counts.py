"""The counts a list shows beside its rows (network.http.count_on_page): the engagement list's
records and people, the people list's engagements, counted for the rows of the page."""

from django.urls import reverse

from citybridge.engagement.models import Attendance
from citybridge.network.models import Person


def attend(engagement, person, row: int) -> None:
    Attendance.objects.create(
        engagement=engagement,
        source_file="T77.csv",
        row_number=row,
        cells={"Name": person.full_name},
        full_name=person.full_name,
        person=person,
    )


def test_the_lists_count_records_people_and_engagements(client_for, officer, hub, forum):
    ana = Person.objects.create(hub=hub, full_name="Ana Test")
    Person.objects.create(hub=hub, full_name="Boris Test")
    attend(forum, ana, 1)
    attend(forum, ana, 2)  # twice on the sheets: two records, one person
    client = client_for(officer)

    engagements = client.get(reverse("engagement:engagement_list")).context["page"]
    assert [(e.records, e.people) for e in engagements.object_list] == [(2, 1)]

    people = client.get(reverse("network:person_list")).context["page"]
    assert {p.full_name: p.engagement_count for p in people.object_list} == {
        "Ana Test": 1,
        "Boris Test": 0,
    }
