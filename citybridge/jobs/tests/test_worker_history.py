"""Work done in the worker is recorded as the user who started it: every history row names them."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from simple_history.models import registered_models

from citybridge.engagement.models import Engagement
from citybridge.jobs.models import Job
from citybridge.jobs.tests.conftest import ROWS, sheet
from citybridge.jobs.tests.test_worker import DATABASE_QUEUE, one_pass


def history_since(moment) -> list[tuple[str, str, str | None]]:
    """(model, history type, username) of every history row written since `moment`."""
    rows = []
    for model in set(registered_models.values()):
        for kind, username in model.history.filter(history_date__gte=moment).values_list(
            "history_type", "history_user__username"
        ):
            rows.append((model.__name__, kind, username))
    return rows


def test_imports_and_a_brief_run_by_the_worker_name_their_starter_in_the_history(
    settings, monkeypatch, previewed, forum, officer
):
    settings.TASKS = DATABASE_QUEUE
    client, token = previewed()
    client.post(reverse("imports:confirm"), {"token": token})
    # A later engagement's sheet with one of the same people: resolution links her new row to
    # the person the first made, a change to that person the history keeps.
    day = dt.date(2024, 9, 2)
    Engagement.objects.create(
        hub=forum.hub, key="T78", title="Follow-up", kind=forum.kind, starts_on=day, ends_on=day
    )
    client, token = previewed(sheet(ROWS[0]), "T78.csv")
    client.post(reverse("imports:confirm"), {"token": token})
    data = "Key,Title,Type,Start,End\nT88,Workshop of test cities,workshop,2024-06-03,\n"
    upload = SimpleUploadedFile("engagements.csv", data.encode(), content_type="text/csv")
    preview = client.post(reverse("imports:upload"), {"kind": "engagements", "sheets": [upload]})
    client.post(reverse("imports:confirm"), {"token": preview.context["token"]})
    period = {"start": "2024-01-01", "end": "2024-12-31", "lang": "en", "funder": ""}
    client.post(reverse("reports:brief_publish"), period)
    assert Job.objects.filter(status=Job.Status.QUEUED).count() == 4

    moment = timezone.now()
    one_pass(monkeypatch)  # outside any request, as the worker process runs

    assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.DONE}
    rows = history_since(moment)
    assert ("Engagement", "+", "officer") in rows and ("Person", "~", "officer") in rows
    assert {username for _model, _kind, username in rows} == {"officer"}
