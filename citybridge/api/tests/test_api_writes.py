"""Writing through the API: an upload's preview is the page's, confirming imports it as the
officer; a need is recorded and a support action moved through the pages' forms and actions,
with the token's owner in the history; refusals say why."""

from __future__ import annotations

import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance
from citybridge.needs.models import Need
from citybridge.support.models import SupportAction

HEADER = "Ime i prezime,Institucija,Grad,E-mail,Telefon\r\n"
ROWS = (
    "Петровић Марија,Општина Тестград,Тестград,,+382 67 000 001\r\n"
    "Jovana Novakov,NVO Most,Testgrad,jn@example.org,+382 67 000 002\r\n"
)


def csv_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("T77.csv", (HEADER + ROWS).encode(), content_type="text/csv")


def test_an_upload_gives_the_pages_preview_and_confirming_imports_it(
    client_for, officer, hub, forum, api_as
):
    page = client_for(officer).post(
        reverse("imports:upload"), {"kind": "attendance", "sheets": [csv_file()]}
    )
    assert page.status_code == 200
    shown = json.loads(json.dumps(page.context["result"], cls=DjangoJSONEncoder))

    api = api_as(officer, hub)
    started = api.post("/api/v1/imports", {"kind": "attendance", "sheets": [csv_file()]})
    assert started.status_code == 202, started.json()
    job = api.get(started.json()["url"]).json()
    assert job["status"] == "done" and job["kind"] == "preview"
    assert job["result"] == shown
    # The preview names the file's people: its answer and each read of it are logged.
    logged = AccessLog.objects.filter(user=officer, detail="api import preview")
    assert [row.count for row in logged] == [2, 2]
    assert job["result"]["sheets"][0]["columns"][4]["how"] == "not used"
    assert not Attendance.objects.exists()

    confirmed = api.post(job["confirm_url"])
    assert confirmed.status_code == 202
    done = api.get(confirmed.json()["url"]).json()
    assert (done["kind"], done["status"]) == ("import", "done")
    assert Attendance.objects.filter(engagement=forum).count() == 2
    row = Attendance.objects.select_related("sheet").order_by("row_number")[0]
    assert row.sheet is not None and row.sheet.imported_by == officer
    again = api.post(job["confirm_url"])
    assert again.status_code == 409
    assert Attendance.objects.count() == 2


def test_a_refused_upload_says_why_and_cannot_be_confirmed(officer, hub, forum, api_as):
    api = api_as(officer, hub)
    wrong = api.post("/api/v1/imports", {"kind": "minutes", "sheets": [csv_file()]})
    assert wrong.status_code == 400
    assert wrong.json()["errors"]["kind"]
    bad = SimpleUploadedFile("T77.csv", b"Telefon\r\n123\r\n", content_type="text/csv")
    started = api.post("/api/v1/imports", {"kind": "attendance", "sheets": [bad]})
    job = api.get(started.json()["url"]).json()
    assert job["result"]["problems"] and job["confirm_url"] is None
    refused = api.post(f"/api/v1/imports/{job['id']}/confirm")
    assert refused.status_code == 409 and "problems" in refused.json()["detail"]


def test_only_hub_staff_upload_and_only_the_uploader_confirms(
    officer, hub_admin, focal, hub, forum, api_as
):
    refused = api_as(focal, hub).post(
        "/api/v1/imports", {"kind": "attendance", "sheets": [csv_file()]}
    )
    assert refused.status_code == 403
    started = api_as(officer, hub).post(
        "/api/v1/imports", {"kind": "attendance", "sheets": [csv_file()]}
    )
    other = api_as(hub_admin, hub).post(f"/api/v1/imports/{started.json()['id']}/confirm")
    assert other.status_code == 404
    assert not Attendance.objects.exists()


def test_a_need_is_recorded_through_the_pages_form(officer, focal, hub, city, consultation, api_as):
    api = api_as(officer, hub)
    answer = api.post_json(
        "/api/v1/needs",
        {
            "city": city.pk,
            "theme": "youth-engagement",
            "statement": "A youth council",
            "language": "sr",
            "priority": "high",
            "source_engagement": consultation.pk,
        },
    )
    assert answer.status_code == 201, answer.json()
    need = Need.objects.get()
    assert answer.json()["id"] == need.pk
    assert (need.recorded_by, need.raised_on) == (officer, dt.date(2023, 3, 16))
    assert need.history.get().history_user == officer

    wrong = api.post_json(
        "/api/v1/needs",
        {"city": 999999, "theme": "no-such-theme", "statement": " ", "language": "sr"},
    )
    assert wrong.status_code == 400
    assert set(wrong.json()["errors"]) >= {"city", "theme", "statement"}
    assert api_as(focal, hub).post_json("/api/v1/needs", {}).status_code in (403, 422)
    assert Need.objects.count() == 1


def test_a_support_actions_status_moves_with_its_reason(officer, focal, hub, city, api_as):
    action = SupportAction.objects.create(
        hub=hub, title="Council set-up", kind=SupportAction.Kind.GUIDANCE, city=city
    )
    api = api_as(officer, hub)
    url = f"/api/v1/support/{action.pk}/status"
    no_reason = api.post_json(url, {"to": "approved", "reason": " "})
    assert no_reason.status_code == 400 and no_reason.json()["errors"]["reason"]
    skip = api.post_json(url, {"to": "completed", "reason": "done"})
    assert skip.status_code == 400 and skip.json()["errors"]["to"]
    moved = api.post_json(url, {"to": "approved", "reason": "Board said yes"})
    assert moved.status_code == 200
    change = moved.json()["status_changes"][-1]
    assert (change["to_status"], change["reason"], change["changed_by"]) == (
        "approved",
        "Board said yes",
        "officer",
    )
    action.refresh_from_db()
    assert action.status == "approved"
    assert (
        api_as(focal, hub).post_json(url, {"to": "in_progress", "reason": "x"}).status_code == 403
    )
    action.refresh_from_db()
    assert action.status == "approved"
