"""Set-password and password-reset links are e-mailed to the user, in their language, through a
real SMTP server on localhost; the hub admin never sees a link that was sent."""

from __future__ import annotations

import logging
import re

from django.test import Client
from django.urls import reverse

from citybridge.accounts.models import AccessLog, Role, User
from citybridge.accounts.tests.smtp import html_of, smtp_server, text_of
from citybridge.conftest import make_user

__all__ = ["smtp_server"]  # the fixture, used by name

LINK = re.compile(r"https?://\S+/accounts/password/[^/\s]+/[^/\s\"]+/")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sets_password(link: str, password: str) -> bool:
    client = Client()
    form = client.get(link, follow=True)
    if not form.context["validlink"]:
        return False
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    return done.status_code == 302


def test_a_new_users_set_password_link_arrives_by_e_mail_and_is_not_shown(
    hub, city, hub_admin, smtp_server
):
    response = signed_in(hub_admin).post(
        reverse("accounts:user_add"),
        {
            "username": "vesna",
            "first_name": "Vesna",
            "last_name": "Novak",
            "email": "vesna@example.org",
            "hub": hub.pk,
            "kind": Role.Kind.FOCAL_POINT,
            "city": city.pk,
        },
    )
    assert response.status_code == 200 and response.context["sent"]
    assert "/accounts/password/" not in response.content.decode()  # the admin never sees it
    [message] = smtp_server.to("vesna@example.org")
    assert message["Subject"] == "Your CityBridge account: choose your password"
    text, html = text_of(message), html_of(message)
    assert "Your username is vesna." in text
    link = LINK.search(text).group(0)  # type: ignore[union-attr]
    assert f'href="{link}"' in html
    assert sets_password(link, "Brisk-otter-42")
    assert User.objects.get(username="vesna").check_password("Brisk-otter-42")


def test_a_set_password_e_mail_is_in_the_users_language(hub, hub_admin, smtp_server):
    user = make_user("milica", hub, Role.Kind.OFFICER)
    user.email, user.language = "milica@example.org", "sr"
    user.save()
    # The admin reads English; the mail is written in the reader's language, Serbian Cyrillic.
    signed_in(hub_admin).post(reverse("accounts:user_password_link", args=[user.pk]))
    [message] = smtp_server.to("milica@example.org")
    assert message["Content-Language"] == "sr-Cyrl"
    assert re.search("[А-Яа-я]", message["Subject"]), message["Subject"]
    assert "Choose your password" not in text_of(message)
    assert 'lang="sr-Cyrl"' in html_of(message)


def test_without_an_address_or_a_server_the_admin_is_shown_the_link(
    hub, hub_admin, smtp_server, settings, caplog
):
    nobody = make_user("noaddress", hub, Role.Kind.OFFICER)
    page = signed_in(hub_admin).post(reverse("accounts:user_password_link", args=[nobody.pk]))
    assert not page.context["sent"] and LINK.search(page.context["link"])
    assert "no e-mail address" in page.context["why"]

    # The server does not answer: the link is shown, and the log names the user by id only.
    secret = make_user("secretive", hub, Role.Kind.OFFICER)
    secret.email = "very.private@example.org"
    secret.save()
    settings.EMAIL_PORT = 1  # nothing listens there
    with caplog.at_level(logging.WARNING):
        page = signed_in(hub_admin).post(reverse("accounts:user_password_link", args=[secret.pk]))
    assert not page.context["sent"] and LINK.search(page.context["link"])
    assert f"user {secret.pk}" in caplog.text
    assert "very.private" not in caplog.text and "secretive" not in caplog.text
    assert smtp_server.received == []


def test_a_forgotten_password_is_reset_by_e_mail_in_the_users_language(hub, smtp_server):
    user = make_user("arta", hub, Role.Kind.OFFICER)
    user.email, user.language = "Arta@Example.org", "sq"
    user.save()
    client = Client()
    login = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login

    known = client.post(reverse("accounts:password_reset"), {"email": "arta@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    # The same answer either way: the page tells nobody who has an account.
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_sent")
    [(recipients, message)] = smtp_server.received
    assert recipients == ["Arta@Example.org"]
    assert message["Content-Language"] == "sq"
    text = text_of(message)
    assert "Someone asked" not in text and "arta" in text  # Albanian, naming the account
    assert sets_password(LINK.search(text).group(0), "Quiet-heron-77")  # type: ignore[union-attr]
    user.refresh_from_db()
    assert user.check_password("Quiet-heron-77")


def test_an_inactive_user_gets_no_reset_link(hub, smtp_server):
    user = make_user("gone", hub, Role.Kind.OFFICER)
    user.email, user.is_active = "gone@example.org", False
    user.save()
    Client().post(reverse("accounts:password_reset"), {"email": "gone@example.org"})
    assert smtp_server.received == []


def test_asking_again_and_again_sends_one_link_and_the_log_says_so(hub, smtp_server):
    user = make_user("asked", hub, Role.Kind.OFFICER)
    user.email = "asked@example.org"
    user.save()
    client = Client()
    for _ in range(3):
        client.post(reverse("accounts:password_reset"), {"email": "asked@example.org"})
    assert len(smtp_server.to("asked@example.org")) == 1
    [row] = AccessLog.objects.filter(action="password_link", object_id=user.pk)
    assert (row.user, row.hub, row.detail) == (None, hub, "password reset e-mailed")
