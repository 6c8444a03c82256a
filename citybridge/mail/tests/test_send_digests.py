"""The weekly digest arrives through a real SMTP server on localhost, in each reader's language,
once a week, only to those who want it, and a focal point's holds their city only."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.core.management import call_command

from citybridge.accounts.models import Role
from citybridge.accounts.tests.smtp import html_of, smtp_server, text_of
from citybridge.conftest import make_user
from citybridge.mail.models import DigestSent
from citybridge.needs.models import Need
from citybridge.support.actions import add_milestone, save_support_action
from citybridge.support.models import Milestone, SupportAction

__all__ = ["smtp_server"]  # the fixture, used by name

LATE = dt.date(2024, 11, 4)


def late_milestone(hub, city, title: str) -> Milestone:
    action = save_support_action(
        SupportAction(title="Help with the council", kind="guidance", city=city),
        hub=hub,
        acting_user=None,
    )
    return add_milestone(Milestone(action=action, title=title, due_on=LATE), acting_user=None)


def new_need(hub, city, theme) -> Need:
    return Need.objects.create(
        hub=hub, city=city, theme=theme, statement="Treba nam savjet.", raised_on=LATE
    )


@pytest.fixture
def work(hub, city, other_city, councils, youth):
    """Late milestones and new needs in two cities of the hub, and a pair waiting for review
    (only its count ever reaches an e-mail)."""
    late_milestone(hub, city, "Statute drafted")
    late_milestone(hub, other_city, "Drugovo workshop held")
    new_need(hub, city, councils)
    new_need(hub, other_city, youth)


def with_address(user, address: str, language: str = ""):
    user.email, user.language = address, language
    user.save()
    return user


def test_an_officers_digest_arrives_in_their_language(officer, work, smtp_server):
    with_address(officer, "officer@example.org", "sr")
    officer.name_script = "cyrillic"
    officer.save()
    call_command("send_digests")
    [message] = smtp_server.to("officer@example.org")
    assert message["Content-Language"] == "sr-Cyrl"
    assert re.search("[А-Яа-я]", message["Subject"]), message["Subject"]
    text, html = text_of(message), html_of(message)
    assert "milestones are overdue" not in text  # Serbian, not English
    for part in (text, html):
        assert "Statute drafted" in part and "Drugovo workshop held" in part  # the whole hub
    assert "Тестград" in text and "Testgrad" not in text  # names in the reader's script
    assert "http://127.0.0.1:8000/support/overdue/" in text
    assert 'href="http://127.0.0.1:8000/accounts/preferences/"' in html
    assert DigestSent.objects.filter(user=officer).count() == 1


def test_a_focal_points_digest_holds_only_their_city(focal, work, smtp_server):
    with_address(focal, "focal@example.org")
    call_command("send_digests")
    [message] = smtp_server.to("focal@example.org")
    text, html = text_of(message), html_of(message)
    for part in (text, html):
        assert "Statute drafted" in part and "Testgrad" in part
        assert "Drugovo" not in part and "Youth" not in part
    assert "review" not in text  # the review queue is the officers'


def test_switched_off_users_and_donors_get_none(officer, focal, donor, work, smtp_server):
    with_address(officer, "officer@example.org").weekly_digest = False
    officer.save()
    with_address(donor, "donor@example.org")
    with_address(focal, "focal@example.org")
    call_command("send_digests")
    assert [rcpt for rcpt, _m in smtp_server.received] == [["focal@example.org"]]


def test_two_runs_in_a_week_send_once(officer, work, smtp_server, capsys):
    with_address(officer, "officer@example.org")
    call_command("send_digests")
    call_command("send_digests")
    assert len(smtp_server.to("officer@example.org")) == 1
    assert "sent=0 already_sent=1" in capsys.readouterr().out.splitlines()[-1]


def test_a_week_with_nothing_to_report_sends_nothing(officer, smtp_server):
    with_address(officer, "officer@example.org")
    call_command("send_digests")
    assert smtp_server.received == []
    assert not DigestSent.objects.exists()


def test_a_refused_digest_is_sent_by_the_next_run_and_the_log_names_no_one(
    officer, work, smtp_server, settings, caplog, capsys
):
    with_address(officer, "private.officer@example.org")
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens there
    with caplog.at_level(logging.INFO):
        call_command("send_digests")
    assert "failed=1" in capsys.readouterr().out
    assert not DigestSent.objects.exists()
    assert f"user {officer.pk}" in caplog.text and "private.officer" not in caplog.text
    settings.EMAIL_PORT = port
    call_command("send_digests")
    assert len(smtp_server.to("private.officer@example.org")) == 1


def test_a_user_with_roles_in_two_hubs_gets_each_hubs_part(
    hub, officer, other_city, work, smtp_server
):
    """Officer here and focal point of a city of another hub: the hub's whole list, and of
    the other hub their city only."""
    from citybridge.network.models import Country, Hub, LocalGovernment

    north = Hub.objects.create(slug="north", name="North Hub")
    north.countries.add(Country.objects.get(code="NO"))
    tromso = LocalGovernment.objects.create(name="Tromsø", country_id="NO")
    bodo = LocalGovernment.objects.create(name="Bodø", country_id="NO")
    Role.objects.create(user=officer, hub=north, kind=Role.Kind.FOCAL_POINT, city=tromso)
    late_milestone(north, tromso, "Tromsø milestone")
    late_milestone(north, bodo, "Bodø milestone")
    with_address(officer, "officer@example.org")
    call_command("send_digests")
    text = text_of(smtp_server.to("officer@example.org")[0])
    assert "Tromsø milestone" in text and "Drugovo workshop held" in text
    assert "Bodø milestone" not in text


def test_no_digest_roles_but_staff_and_focal(hub, smtp_server, work):
    expert = with_address(make_user("expert", hub, Role.Kind.EXPERT), "expert@example.org")
    call_command("send_digests")
    assert smtp_server.to(expert.email) == []


def test_the_digest_is_switched_off_and_on_under_preferences(client_for, focal, donor):
    client = client_for(focal)
    page = client.get("/accounts/preferences/").content.decode()
    assert re.search(r'name="weekly_digest"[^>]*checked', page)  # on unless switched off
    client.post("/accounts/preferences/", {"language": "en", "name_script": "written"})
    focal.refresh_from_db()
    assert not focal.weekly_digest  # the box left unticked
    client.post(
        "/accounts/preferences/",
        {"language": "en", "name_script": "written", "weekly_digest": "on"},
    )
    focal.refresh_from_db()
    assert focal.weekly_digest
    # A donor gets no digest, so is offered no such choice, and saving leaves it alone.
    donor_client = client_for(donor)
    assert 'name="weekly_digest"' not in donor_client.get("/accounts/preferences/").content.decode()
    donor_client.post("/accounts/preferences/", {"language": "en", "name_script": "written"})
    donor.refresh_from_db()
    assert donor.weekly_digest
