"""Sign-in hardening: Argon2, lockout with a cool-off, session rotation, deactivation, MFA."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from citybridge.accounts.actions import deactivate_user
from citybridge.accounts.models import AccessLog

PASSWORD = "pass-for-tests-only"


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2(settings, officer):
    from citybridge import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # the tests use a fast hasher
    officer.set_password(PASSWORD)
    officer.save()
    assert identify_hasher(officer.password).algorithm == "argon2"
    assert officer.check_password(PASSWORD)


def test_sign_in_rotates_the_session_key_and_is_logged(client, officer):
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    assert sign_in(client, "officer").status_code == 302
    assert client.session.session_key != before
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.SIGN_IN).count() == 1


def test_five_failures_lock_for_fifteen_minutes_then_let_in(client, officer):
    for _ in range(4):
        assert sign_in(client, "officer", "wrong").status_code == 200
    assert sign_in(client, "officer", "wrong").status_code == 429  # the fifth locks
    locked = sign_in(client, "officer")  # even with the right password
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    failed = AccessLog.objects.filter(action=AccessLog.Action.SIGN_IN_FAILED)
    assert failed.count() >= 5 and all("officer" not in row.text_hash for row in failed)
    # Sixteen minutes later the lock is gone (not forever).
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in(client, "officer").status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def sign_in_from(client, forwarded_for: str, password: str = PASSWORD, username: str = "officer"):
    """A sign-in as it reaches the app through a proxy at 10.0.0.2 (the test client's
    REMOTE_ADDR stands for the proxy)."""
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
        REMOTE_ADDR="10.0.0.2",
    )


def test_five_failures_lock_the_account_from_every_address(client, officer, settings):
    """Ten addresses against one account get five tries between them, not five each."""
    settings.TRUSTED_PROXIES = 1
    for n in range(5):
        assert sign_in_from(Client(), f"203.0.113.{n + 1}", "wrong").status_code in {200, 429}
    assert sign_in_from(Client(), "198.51.100.20", "wrong").status_code == 429
    # The right password from a new address is refused too while the lock lasts.
    assert sign_in_from(Client(), "198.51.100.21").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in_from(Client(), "198.51.100.21").status_code == 302


def test_five_failures_from_one_address_lock_that_address(client, officer, focal, donor, settings):
    """Spraying several accounts with a few tries each from one address locks the address."""
    settings.TRUSTED_PROXIES = 1
    tries = [("officer", 2), ("focal", 2), ("donor", 1)]
    for username, n in tries:
        for _ in range(n):
            sign_in_from(client, "203.0.113.7", "wrong", username=username)
    assert sign_in_from(Client(), "203.0.113.7", username="donor").status_code == 429
    # None of the accounts reached five failures: from another address each signs in.
    assert sign_in_from(Client(), "198.51.100.20", username="officer").status_code == 302
    assert sign_in_from(Client(), "198.51.100.20", username="focal").status_code == 302


def test_behind_a_trusted_proxy_each_client_address_is_locked_alone(
    client, officer, focal, settings
):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        sign_in_from(client, "203.0.113.7", "wrong", username="nobody-here")
    assert sign_in_from(client, "203.0.113.7").status_code == 429
    # Another client behind the same proxy still signs in. What a client writes on the left of
    # the header (the proxy appends the real address on the right) changes nothing either way.
    assert sign_in_from(Client(), "198.51.100.20").status_code == 302
    assert sign_in_from(Client(), "203.0.113.7, 198.51.100.20", username="focal").status_code == 302
    assert sign_in_from(Client(), "198.51.100.20, 203.0.113.7", username="focal").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, officer, settings):
    assert settings.TRUSTED_PROXIES == 0  # the default: no proxy
    for _ in range(5):
        sign_in_from(client, "203.0.113.7", "wrong", username="nobody-here")
    # Every sign-in came from 10.0.0.2 whatever the header said: a forged header cannot get
    # round the lock.
    assert sign_in_from(Client(), "198.51.100.20").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.2"}


def test_deactivating_a_user_ends_their_session(client_for, officer, hub_admin):
    client = client_for(officer)
    assert client.get(reverse("network:person_list")).status_code == 200
    ended = deactivate_user(officer, acting_user=hub_admin)
    assert ended == 1
    response = client.get(reverse("network:person_list"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_deactivated_users_old_session_is_refused_even_if_kept(client_for, officer):
    client = client_for(officer)
    officer.is_active = False
    officer.save()
    assert client.get(reverse("network:person_list")).status_code == 302


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def production_mfa(settings):
    settings.MFA_REQUIRED = True


def test_development_never_asks_for_a_second_factor(client_for, officer):
    assert settings.MFA_REQUIRED is False  # the test settings are development's
    assert client_for(officer).get(reverse("reports:home")).status_code == 200


def test_mfa_is_required_for_staff_and_set_up_with_recovery_codes(
    production_mfa, client, client_for, officer, donor
):
    assert client_for(donor).get(reverse("reports:home")).status_code == 200
    client.logout()
    sign_in(client, "officer")
    home = client.get(reverse("reports:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("accounts:mfa_setup"))
    assert client.get(reverse("network:person_list")).status_code == 302
    assert client.get(reverse("accounts:mfa_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    wrong = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a wrong code
    done = client.post(reverse("accounts:mfa_setup"), {"token": current_code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get(reverse("network:person_list")).status_code == 200

    # Next sign-in: password, then a recovery code (once only).
    client.post(reverse("accounts:logout"))
    sign_in(client, "officer")
    assert client.get(reverse("network:person_list"))["Location"].startswith(
        reverse("accounts:mfa_verify")
    )
    # A stolen password cannot replace the authenticator.
    assert client.get(reverse("accounts:mfa_setup"))["Location"] == reverse("accounts:mfa_verify")
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("network:person_list")).status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, "officer")
    reused = client.post(reverse("accounts:mfa_verify"), {"token": codes[0]})
    assert reused.status_code == 200
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.MFA_FAILED).exists()
