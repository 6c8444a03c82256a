"""insert_rows and set_column write what the ORM would, on the test's database engine."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citybridge.lib import bulk_writes
from citybridge.lib.bulk_writes import insert_rows, set_column
from citybridge.network.models import Hub, Organisation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    return Hub.objects.create(slug="wb", name="Western Balkans")


def test_insert_rows_returns_the_keys_in_the_records_order(hub, monkeypatch):
    monkeypatch.setattr(bulk_writes, "ROWS_PER_STATEMENT", 3)  # several statements
    names = [f"Person {n}" for n in range(8)]
    ids = insert_rows(
        Person, [{"hub_id": hub.pk, "full_name": name, "name_key": name.lower()} for name in names]
    )
    assert len(ids) == 8
    assert dict(Person.objects.values_list("pk", "full_name")) == dict(zip(ids, names, strict=True))


def test_insert_rows_fills_defaults_and_timestamps(hub):
    organisation = Organisation.objects.create(name="Opština Nikšić")
    [pk] = insert_rows(
        Person,
        [{"hub_id": hub.pk, "full_name": "Ana Đurić", "organisation_id": organisation.pk}],
    )
    person = Person.objects.get(pk=pk)
    assert person.organisation == organisation
    assert person.version == 1
    assert person.notes == ""
    assert person.consent_contact is False
    assert person.consent_recorded_on is None
    assert person.created_at is not None
    assert person.updated_at == person.created_at


def test_insert_rows_of_nothing():
    assert insert_rows(Person, []) == []


def test_set_column_sets_each_row_its_value(hub, monkeypatch):
    monkeypatch.setattr(bulk_writes, "ROWS_PER_STATEMENT", 2)
    people = [Person.objects.create(hub=hub, full_name=f"P{n}") for n in range(5)]
    organisations = [Organisation.objects.create(name=f"O{n}") for n in range(2)]
    changes = {p.pk: organisations[n % 2].pk for n, p in enumerate(people[:4])}
    set_column(Person, "organisation", changes)
    assert dict(Person.objects.values_list("pk", "organisation_id")) == {
        **changes,
        people[4].pk: None,
    }
    set_column(Person, "full_name", [(people[0].pk, "Marija")])
    assert Person.objects.get(pk=people[0].pk).full_name == "Marija"
    set_column(Person, "organisation", {})  # nothing to do


def test_bulk_statements_are_not_kept_in_development_but_a_test_still_sees_them(hub, settings):
    settings.DEBUG = True  # development: Django keeps every statement, parameters spelt out
    logged = len(connection.queries_log)
    [pk] = insert_rows(Person, [{"hub_id": hub.pk, "full_name": "Ana Đurić"}])
    set_column(Person, "full_name", {pk: "Ana Đurić-Petrović"})
    assert len(connection.queries_log) == logged
    assert Person.objects.get(pk=pk).full_name == "Ana Đurić-Petrović"
    with CaptureQueriesContext(connection) as captured:
        set_column(Person, "full_name", {pk: "Ana Đurić"})
    assert [q["sql"] for q in captured.captured_queries if "UPDATE" in q["sql"]]
