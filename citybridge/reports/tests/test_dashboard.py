"""The hub home: figures with their trend and their records, charts, needs, support, overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from citybridge.needs.models import Need
from citybridge.network.models import Gender, Person, Theme
from citybridge.reports.dashboard import current_period, open_needs_by_theme, previous_period
from citybridge.reports.tests.roundtables import roundtable
from citybridge.support.models import Milestone, SupportAction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def records(hub, city):
    """Two roundtables a year apart in Testgrad: two people, then three."""
    people = [
        Person.objects.create(hub=hub, full_name=name, gender=Gender.FEMALE, city=city)
        for name in ("Ana Testić", "Ivana Primerić", "Jelena Uzorić")
    ]
    for key, day, who in (
        ("T01", dt.date(2022, 5, 4), people[:2]),
        ("T02", dt.date(2023, 5, 4), people),
    ):
        roundtable(hub, city, key, day, who)
    theme = Theme.objects.get(slug="youth-engagement")
    Need.objects.create(
        hub=hub, city=city, theme=theme, statement="Youth council.", raised_on=dt.date(2023, 5, 4)
    )
    action = SupportAction.objects.create(
        hub=hub,
        title="Help with the youth council",
        kind=SupportAction.Kind.GUIDANCE,
        city=city,
        status=SupportAction.Status.IN_PROGRESS,
        starts_on=dt.date(2023, 5, 10),
    )
    Milestone.objects.create(action=action, title="Statute drafted", due_on=dt.date(2023, 9, 1))
    return people


def test_the_current_period_ends_with_the_latest_work(hub, records):
    start, end = current_period(hub, dt.date(2026, 11, 29))
    assert (start, end) == (dt.date(2022, 5, 5), dt.date(2023, 5, 4))
    assert previous_period(start, end) == (dt.date(2021, 5, 5), dt.date(2022, 5, 4))


def test_officer_sees_figures_with_their_trend_and_records(client_for, officer, records):
    html = client_for(officer).get(reverse("reports:home")).content.decode()
    detail = reverse("reports:figure_detail", args=["individuals_engaged"])
    assert f'href="{detail}?start=2022-05-05&amp;end=2023-05-04"' in html
    assert "▲ +1" in html  # three people this year, two the year before
    assert "vs 2 the year before" in html
    # The charts: inline SVG with a table for those who cannot see them.
    assert html.count("<svg") >= 4 and "<details" in html
    assert "Youth engagement" in html
    assert "Statute drafted" in html  # overdue milestone
    assert f"{reverse('support:support_list')}?status=in_progress" in html
    assert "Roundtable T02" in html


def test_a_donor_sees_no_names_and_no_small_counts(client_for, donor, officer, records):
    html = client_for(donor).get(reverse("reports:home")).content.decode()
    for person in records:
        assert person.full_name not in html
    assert "Statute drafted" not in html  # milestone rows are staff only
    assert "&lt;5" in html  # three women: suppressed for a donor
    cache.clear()
    staff = client_for(officer).get(reverse("reports:home")).content.decode()
    assert "&lt;5" not in staff


def test_an_outsider_sees_nothing_of_the_hub(client_for, outsider, records):
    response = client_for(outsider).get(reverse("reports:home"))
    html = response.content.decode()
    assert response.status_code == 200  # their own hub's home
    assert "Testgrad" not in html and "Roundtable" not in html
    assert "Ana Testić" not in html


def test_the_period_can_be_chosen(client_for, officer, records):
    html = (
        client_for(officer)
        .get(reverse("reports:home"), {"start": "2022-01-01", "end": "2022-12-31"})
        .content.decode()
    )
    assert "Key figures, 1 Jan 2022 – 31 Dec 2022" in html


def test_the_charts_speak_the_pages_language(client_for, officer, records):
    client = client_for(officer)
    english = client.get(reverse("reports:home")).content.decode()
    assert 'aria-label="Member cities"' in english
    officer.language = "sr"
    officer.save()
    serbian = client.get(reverse("reports:home")).content.decode()
    # The map's title, drawn for this language rather than taken from the English drawing.
    assert 'aria-label="Градови чланице"' in serbian and "Member cities" not in serbian
    officer.language = "sq"
    officer.save()
    albanian = client.get(reverse("reports:home")).content.decode()
    assert 'aria-label="Qytetet anëtare"' in albanian


def test_open_needs_are_counted_by_theme_named_in_the_readers_language(hub, city, records):
    hub.default_language = "sr-latn"
    hub.save()
    own = Theme.objects.create(
        slug="school-safety",
        name="Bezbednost u školama",
        hub=hub,
        translations={"sq": {"name": "Siguria në shkolla"}},
    )
    for statement in ("Cameras.", "Guards."):
        Need.objects.create(
            hub=hub, city=city, theme=own, statement=statement, raised_on=dt.date(2023, 5, 4)
        )
    youth = Theme.objects.get(slug="youth-engagement")
    for lang in ("sq", "mk", "sr", "en"):
        with translation.override(lang):
            counts = open_needs_by_theme(hub)
            assert [(t.slug, t.needs, t.cities) for t in counts] == [
                ("school-safety", 2, 1),
                ("youth-engagement", 1, 1),
            ]
            # As each theme names itself: the hub's own in its default language when not
            # given in the reader's, a seeded one by the catalogs.
            assert [(t.name, t.name.lang) for t in counts] == [
                (own.label, own.label.lang),
                (youth.label, youth.label.lang),
            ]


def test_kept_summaries_are_named_by_the_release_s_catalogs(hub, settings, tmp_path):
    # A release that changes a translation must not show the words kept in a shared cache.
    from citybridge.reports import dashboard

    day = dt.date(2023, 5, 4)

    def key() -> str:
        dashboard._release.cache_clear()
        return dashboard._summary_key(hub, day, day, False, "stamp")

    catalog = tmp_path / "sq" / "LC_MESSAGES" / "django.mo"
    catalog.parent.mkdir(parents=True)
    settings.LOCALE_PATHS = [tmp_path]
    catalog.write_bytes(b"one release")
    before = key()
    assert key() == before
    catalog.write_bytes(b"the next")
    assert key() != before
    dashboard._release.cache_clear()
