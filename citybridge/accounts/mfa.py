"""Multi-factor sign-in with django-otp: a TOTP authenticator and ten single-use recovery codes.

Hub admins, hub officers and anyone with admin-site access must pass a second factor when
`settings.MFA_REQUIRED` (on by default in production). A user who set up a factor is always
asked for it, required or not.
"""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from citybridge.accounts.models import User
from citybridge.accounts.scopes import scope_of

RECOVERY_CODES = 10
AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


def mfa_required(user: User) -> bool:
    if not settings.MFA_REQUIRED:
        return False
    return bool(scope_of(user).staff_hubs) or user.is_staff or user.is_superuser


def has_second_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def pending_authenticator(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one at a time; a new visit keeps its key)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in (base32, in groups of four)."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """Make `device` the user's only authenticator and issue new recovery codes (returned once)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return new_recovery_codes(device.user)


@transaction.atomic
def remove_second_factor(user: User) -> None:
    """Delete every device of `user` (authenticator, recovery codes, half-set-up ones): their
    next sign-in asks for a password only, then for a new set-up if `mfa_required`."""
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes
