"""The shared cache: its setting, and the home counted by the worker ahead of its visitors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from citybridge.engagement.models import Attendance
from citybridge.network.models import Person
from citybridge.operations import homes
from citybridge.reports import dashboard
from citybridge.settings import cache


def test_the_cache_url_names_the_backend():
    assert cache("redis://127.0.0.1:6379/3") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    assert cache("db://")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured, match="CITYBRIDGE_CACHE_URL"):
        cache("memcached://x")


@pytest.fixture
def shared(monkeypatch):
    """The test process's own cache stands for a shared one; emptied first."""
    from django.core.cache import cache as the_cache

    the_cache.clear()
    monkeypatch.setattr(homes, "cache_is_shared", lambda: True)
    return the_cache


def counted_on_visit(hub) -> bool:
    """Whether the home's staff view would have to be counted by the next visitor."""
    start, end = dashboard.current_period(hub, timezone.localdate())
    return dashboard._summary(hub, start, end, hide_small=False, stamp=dashboard.data_stamp(hub))[1]


def test_warm_counts_each_view_once(shared, hub, officer):
    officer.language = "sq"
    officer.save()
    # Staff and donors' views, in English, the hub's default and the officer's Albanian.
    views = len(dashboard.home_languages(hub)) * 2
    assert "sq" in dashboard.home_languages(hub)
    assert dashboard.warm(hub, timezone.localdate()) == views
    assert dashboard.warm(hub, timezone.localdate()) == 0
    assert not counted_on_visit(hub)


def test_the_worker_counts_the_home_after_an_import(shared, monkeypatch, previewed, forum, hub):
    client, token = previewed()
    shared.clear()
    # The job's own signal alone, not the page's request for a refresh.
    monkeypatch.setattr(homes, "ask_refresh", lambda hub_id: None)
    client.post(reverse("imports:confirm"), {"token": token})  # the job runs at once here
    assert Attendance.objects.filter(engagement=forum).count() == 3
    assert not counted_on_visit(hub)


def test_a_change_on_a_page_queues_a_refresh(shared, client_for, officer, hub):
    dashboard.warm(hub, timezone.localdate())
    person = Person.objects.create(hub=hub, full_name="Testa Promenić")
    assert counted_on_visit(hub)  # the records changed: the cached view no longer answers
    shared.clear()
    client = client_for(officer)
    response = client.post(
        reverse("network:person_edit", args=[person.pk]),
        {"full_name": "Testa Promenić", "version": person.version},
    )
    assert response.status_code < 400
    assert not counted_on_visit(hub)  # the refresh ran (at once, with the immediate backend)


def test_nothing_is_counted_for_a_cache_of_ones_own(hub, client_for, officer):
    from django.core.cache import cache as the_cache

    the_cache.clear()
    assert not homes.cache_is_shared()  # the tests' LocMemCache
    homes.after_task(None, task_result=None)  # returns before reading the task
    assert counted_on_visit(hub)


def test_another_hubs_change_leaves_this_hubs_home_counted(hub, city):
    from citybridge.network.models import Country, Hub, LocalGovernment, Membership, Position

    elsewhere = Hub.objects.create(slug="elsewhere", name="Elsewhere Hub")
    elsewhere.countries.add(Country.objects.get(code="NO"))
    stamp = dashboard.data_stamp(hub)
    oslo = LocalGovernment.objects.create(name="Oslo", country_id="NO")
    Membership.objects.create(city=oslo, joined_on=timezone.localdate())
    there = Person.objects.create(hub=elsewhere, full_name="Ola Nordmann", city=oslo)
    Position.objects.create(person=there, role="mayor", city=oslo)
    assert dashboard.data_stamp(hub) == stamp  # nothing of this hub's changed
    here = Person.objects.create(hub=hub, full_name="Testa Gradić", city=city)
    stamp = dashboard.data_stamp(hub)
    Position.objects.create(person=here, role="mayor", city=city)
    assert dashboard.data_stamp(hub) != stamp
    stamp = dashboard.data_stamp(hub)
    Membership.objects.filter(city=city).update(left_on=timezone.localdate())
    assert dashboard.data_stamp(hub) != stamp
