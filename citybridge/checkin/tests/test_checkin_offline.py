"""Offline check-in in Debian's Chromium at a phone's width: submissions made with the network cut
arrive exactly once when it returns, and so does one cut mid-request.

The page is loaded once online (its service worker keeps it), then the network is cut: the page
opens again from the worker, takes 30 check-ins into its queue on the device, and sends them
when the network is back. Skipped, saying why, without Chromium or Playwright (as the
accessibility check is).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from citybridge.checkin.actions import open_check_in
from citybridge.checkin.models import SOURCE, Arrival
from citybridge.demo.tests.test_accessibility import CHROMIUM
from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import Hub

QUEUED = "() => JSON.parse(localStorage.getItem('citybridge-checkin-queue') || '[]').length"


def fill_and_send(page, name: str) -> None:
    page.fill("input[name=name]", name)
    page.fill("input[name=city]", "Podgorica")
    page.click("#checkin-form button[type=submit]")
    page.wait_for_selector("#checkin-done:not([hidden])")
    page.click("#checkin-done [data-next]")


@pytest.mark.slow
# serialized_rollback: without it the flush after this test re-creates the content types, and the
# next transactional test that restores the serialized database fails on them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_check_ins_made_offline_arrive_exactly_once(live_server, monkeypatch):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not at {CHROMIUM}")
    hub = Hub.objects.get(slug="western-balkans")
    engagement = Engagement.objects.create(
        hub=hub,
        key="OFF1",
        title="Workshop with no network",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2026, 12, 7),
        ends_on=dt.date(2026, 12, 7),
    )
    now = timezone.now()
    check_in = open_check_in(
        engagement, opens_at=now, closes_at=now + dt.timedelta(hours=1), acting_user=None
    )
    # Playwright's sync API runs an event loop in this thread; the queries here are the test's.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    link = f"{live_server.url}/c/{check_in.token}/?lang=sr-latn"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(link)
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        # The worker keeps what the page names (itself, its languages, styles and script).
        page.wait_for_function(
            "() => caches.keys().then(k => k.length > 0)", polling=200, timeout=10_000
        )
        page.wait_for_timeout(500)

        context.set_offline(True)
        page.reload()  # from the service worker: there is no network
        page.wait_for_selector("#checkin-form")
        for n in range(30):
            fill_and_send(page, f"Učesnik Bez Mreže {n}")
        assert page.evaluate(QUEUED) == 30
        assert not Attendance.objects.filter(engagement=engagement).exists()

        context.set_offline(False)
        page.evaluate("() => window.dispatchEvent(new Event('online'))")
        page.wait_for_function(f"() => ({QUEUED})() === 0", polling=250, timeout=60_000)

        # Cut mid-request: the server stores it, the phone never hears back and sends again.
        answered = {"n": 0}

        def drop_first_answer(route):
            response = route.fetch()
            answered["n"] += 1
            if answered["n"] == 1:
                route.abort("connectionreset")
            else:
                route.fulfill(response=response)

        page.route("**/send/**", drop_first_answer)
        fill_and_send(page, "Prekinuti Zahtev")
        assert page.evaluate(QUEUED) == 1
        page.evaluate("() => window.dispatchEvent(new Event('online'))")
        page.wait_for_function(f"() => ({QUEUED})() === 0", polling=250, timeout=30_000)
        browser.close()

    rows = Attendance.objects.filter(engagement=engagement, source_file=SOURCE)
    names = list(rows.values_list("full_name", flat=True))
    assert len(names) == 31 == len(set(names))
    assert sorted(names) == sorted(
        [f"Učesnik Bez Mreže {n}" for n in range(30)] + ["Prekinuti Zahtev"]
    )
    assert Arrival.objects.filter(check_in=check_in).count() == 31
    assert answered["n"] == 2
