"""The named cast of the tests: a hub officer, a city focal point, a donor viewer, an outsider."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from citybridge.accounts.models import Role, User
from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Country, Hub, LocalGovernment, Membership, Theme


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Argon2 spends ~0.4 s a hash by design; the tests' users need none of that strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def page_language_stays_in_its_test():
    """A page the test client opens activates its reader's language for the thread (the
    language middleware); the next test starts in the default language again."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings) -> None:
    """Background jobs run inside the request, as with CITYBRIDGE_TASKS_IMMEDIATE=1; the tests of
    the database queue and its worker (citybridge/jobs/tests) switch it back."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def own_files(settings, tmp_path) -> None:
    """Uploaded and staged files and the erasure ledger of each test in its own folder: an erasure
    in a test must never rewrite a developer's var/media, nor a restore re-apply another test's
    erasures, nor an upload land in the project's var/."""
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ERASURE_LEDGER = tmp_path / "erasure-ledger.jsonl"


SEED_MIGRATIONS = (
    "citybridge.network.migrations.0002_seed_countries_hub_themes",
    "citybridge.practices.migrations.0003_seed_target_groups",
)


def reseed() -> None:
    """Put back what migrations seed (countries, themes, the hub, target groups).

    A transactional test ends by emptying every table, seeded rows included; tests that run
    after it in the same session still expect a freshly migrated database."""
    if Hub.objects.filter(slug="western-balkans").exists():
        return
    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(django_apps, None)


@pytest.fixture(autouse=True)
def _seeded(request) -> None:
    """Every test with database access starts from a freshly migrated database's content."""
    for name in ("db", "transactional_db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            reseed()
            return


@pytest.fixture
def hub(db) -> Hub:
    return Hub.objects.get(slug="western-balkans")


@pytest.fixture
def city(hub) -> LocalGovernment:
    """A member city of the hub, invented for the tests."""
    city = LocalGovernment.objects.create(
        name="Testgrad", name_cyrillic="Тестград", country_id="ME"
    )
    Membership.objects.create(city=city, joined_on=dt.date(2022, 11, 15))
    return city


@pytest.fixture
def other_city(hub) -> LocalGovernment:
    return LocalGovernment.objects.create(name="Drugovo", name_cyrillic="Другово", country_id="MK")


def make_user(username: str, hub: Hub | None = None, kind: str | None = None, city=None) -> User:
    user = User.objects.create_user(username=username, password="pass-for-tests-only")
    if hub and kind:
        Role.objects.create(user=user, hub=hub, kind=kind, city=city)
    return user


@pytest.fixture
def officer(hub) -> User:
    return make_user("officer", hub, Role.Kind.OFFICER)


@pytest.fixture
def hub_admin(hub) -> User:
    return make_user("hubadmin", hub, Role.Kind.HUB_ADMIN)


@pytest.fixture
def focal(hub, city) -> User:
    return make_user("focal", hub, Role.Kind.FOCAL_POINT, city=city)


@pytest.fixture
def donor(hub) -> User:
    return make_user("donor", hub, Role.Kind.DONOR)


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but with a role only in another hub."""
    other = Hub.objects.create(slug="elsewhere", name="Elsewhere Hub")
    other.countries.add(Country.objects.get(code="NO"))
    return make_user("outsider", other, Role.Kind.OFFICER)


@pytest.fixture
def client_for(client):
    def sign_in(user: User):
        client.force_login(user)
        return client

    return sign_in


# Imports and jobs tests: an engagement to import sheets into.
@pytest.fixture
def forum(hub, city) -> Engagement:
    return Engagement.objects.create(
        hub=hub,
        key="T77",
        title="Forum of test municipalities",
        kind=Engagement.Kind.CONSULTATION,
        starts_on=dt.date(2024, 5, 6),
        ends_on=dt.date(2024, 5, 6),
        host_city=city,
    )


# Needs, matching and support tests: two themes, a consultation and a need raised at it.
@pytest.fixture
def councils(db) -> Theme:
    return Theme.objects.get(slug="multi-actor-prevention-mechanisms")


@pytest.fixture
def youth(db) -> Theme:
    return Theme.objects.get(slug="youth-engagement")


@pytest.fixture
def consultation(hub, city, other_city) -> Engagement:
    engagement = Engagement.objects.create(
        hub=hub,
        key="T01",
        title="Consultation with test municipalities",
        kind=Engagement.Kind.CONSULTATION,
        starts_on=dt.date(2023, 3, 16),
        ends_on=dt.date(2023, 3, 16),
        host_city=city,
    )
    engagement.participating_cities.add(other_city)
    return engagement


@pytest.fixture
def need(hub, city, councils, consultation) -> Need:
    return Need.objects.create(
        hub=hub,
        city=city,
        theme=councils,
        statement="Potreban nam je Savjet za bezbjednost koji radi.",
        language="cnr",
        priority=Need.Priority.HIGH,
        source_engagement=consultation,
        raised_on=consultation.starts_on,
    )
