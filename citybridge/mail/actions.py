"""`send_digests`: this week's digest to every officer and focal point who wants one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from citybridge.accounts.emails import compose, deliver, language_of
from citybridge.accounts.models import Role, User
from citybridge.mail.digests import Digest, digest_for, monday_of
from citybridge.mail.models import DigestSent
from citybridge.network import names

DIGEST_ROLES = (Role.Kind.HUB_ADMIN, Role.Kind.OFFICER, Role.Kind.FOCAL_POINT)


@dataclass
class Outcome:
    """How many users each way went: counts only, never who."""

    sent: int = 0
    already_sent: int = 0
    nothing_to_report: int = 0
    switched_off: int = 0
    no_address: int = 0
    failed: int = 0


def send_digests(*, now: dt.datetime | None = None) -> Outcome:
    """Send this ISO week's digest to each active officer, hub admin and focal point with an
    e-mail address who has not switched it off, once: a user whose digest of this week was
    sent is skipped, so a second run (or a run of the scheduler beside it) sends nothing
    again. A digest with nothing to report is not sent (nor recorded: a later run of the same
    week sends it if something came up). Safe to run at any time; meant for Monday mornings."""
    if not settings.EMAIL_CONFIGURED:
        return Outcome()
    now = now or timezone.now()
    today = timezone.localdate(now)
    week, since = monday_of(today), now - dt.timedelta(days=7)
    outcome = Outcome()
    users = User.objects.filter(is_active=True, roles__kind__in=DIGEST_ROLES).distinct()
    for user in users.order_by("pk"):
        if not user.weekly_digest:
            outcome.switched_off += 1
        elif not user.email:
            outcome.no_address += 1
        elif DigestSent.objects.filter(user=user, week=week).exists():
            outcome.already_sent += 1
        else:
            digest = digest_for(user, today=today, since=since)
            if digest.is_empty:
                outcome.nothing_to_report += 1
            else:
                send_one(digest, outcome)
    return outcome


def send_one(digest: Digest, outcome: Outcome) -> None:
    user = digest.user
    try:
        with transaction.atomic():
            claim = DigestSent.objects.create(user=user, week=digest.week)
    except IntegrityError:  # another run claimed it a moment ago
        outcome.already_sent += 1
        return
    token = names.activate(user.name_script)  # names in the reader's script, as on pages
    try:
        message = compose(
            "mail/digest", context_of(digest), to=user.email, language=language_of(user)
        )
    finally:
        names.deactivate(token)
    if deliver(message, user, "Digest"):
        outcome.sent += 1
    else:
        claim.delete()  # not sent: the next run tries again
        outcome.failed += 1


def context_of(digest: Digest) -> dict:
    site = settings.SITE_URL
    return {
        "digest": digest,
        "user": digest.user,
        "site": site,
        "links": {
            "home": site + reverse("reports:home"),
            "overdue": site + reverse("support:milestone_overdue"),
            "review": site + reverse("engagement:review_list"),
            "needs": site + reverse("needs:need_list"),
            "preferences": site + reverse("accounts:preferences"),
        },
    }
