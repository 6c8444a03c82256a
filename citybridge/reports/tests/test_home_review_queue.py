"""The officer's home says how many possible duplicates wait for review; nobody else's does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.accounts.tests.erasure_cast import make_records
from citybridge.engagement.models import Attendance, Engagement, ReviewPair

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(hub, city):
    make_records(hub, city)
    e1 = Engagement.objects.get(key="E1")
    ana, petar = (
        Attendance.objects.get(engagement=e1, full_name=n) for n in ("Ana Ostaje", "Petar Petrović")
    )
    return ReviewPair.objects.create(hub=hub, first=ana, second=petar, score=0.6)


def test_the_officers_home_names_the_review_queues_size(client_for, officer, waiting):
    html = client_for(officer).get(reverse("reports:home")).content.decode()
    assert "1 possible duplicate waits for your review" in html
    assert reverse("engagement:review_list") in html


def test_focal_points_and_donors_are_not_told_of_the_queue(client_for, focal, donor, waiting):
    for user in (focal, donor):
        html = client_for(user).get(reverse("reports:home")).content.decode()
        assert "possible duplicate" not in html
