"""The privacy notice a participant reads before consenting, and its version.

The product's notice (with the hub's name and contact) is the default. A hub's admins may write
their own, per language (PrivacyNotice): each edit is a new version. A participant reads the
hub's latest text in their language, else the product's in it; the version of what they read
is recorded with each consent they give, so a change of the words always comes with a new
version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.network.models import Hub, PrivacyNotice

# The product's notice: a change of its words needs a new day here.
NOTICE_VERSION = "2026-12-07"


@dataclass(frozen=True)
class Notice:
    version: str
    paragraphs: list[str]
    by_hub: bool


def product_paragraphs(hub: Hub) -> list[str]:
    """The product's notice in the active language, paragraph by paragraph."""
    contact = hub.contact_email or _("the hub's staff at this event")
    return [
        _(
            "%(hub)s keeps what you write here as the record that you took part in this event: "
            "to count the people it works with and, if you agree, to contact you, use "
            "photographs of you or quote you."
        )
        % {"hub": hub.local_name},
        _(
            "Only the hub's staff see your name and details; donors and partners see totals, "
            "never names. Nobody else who checks in sees what you write."
        ),
        _(
            "Each agreement is yours to give or not, and you can withdraw it at any time. You "
            "may ask to see, correct or erase what the hub keeps about you: %(contact)s."
        )
        % {"contact": contact},
    ]


def paragraphs_of(text: str) -> list[str]:
    """A notice as written (paragraphs apart by a blank line), paragraph by paragraph."""
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def latest(hub: Hub) -> PrivacyNotice | None:
    return PrivacyNotice.objects.filter(hub=hub).select_related("hub").first()


def notice_for(hub: Hub, language: str | None = None) -> Notice:
    """The notice a participant reading `language` (the active one when None) is shown: the
    hub's latest words in it, else the product's."""
    language = language or translation.get_language() or hub.default_language
    own = latest(hub)
    if own is not None and (text := own.texts.get(language, "")).strip():
        return Notice(own.version, paragraphs_of(text), by_hub=True)
    with translation.override(language):
        return Notice(NOTICE_VERSION, product_paragraphs(hub), by_hub=False)


def version_on(hub: Hub, day: dt.date) -> str:
    """The version in force at the end of `day`: the hub's latest written by then, else the
    product's (a paper sheet's consents, given on the engagement's day, are recorded with it)."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    own = PrivacyNotice.objects.filter(hub=hub, created_at__lt=end).first()
    return own.version if own is not None and own.texts else NOTICE_VERSION


@records_acting_user
@transaction.atomic
def save_notice(
    hub: Hub, texts: dict[str, str], *, acting_user: User | None
) -> PrivacyNotice | None:
    """The hub's notice as written now ({language: text}): a new version, the earlier ones
    kept (consents name them); None when it says what the latest says. All empty: the
    product's notice is shown again."""
    Hub.objects.select_for_update().filter(pk=hub.pk).first()  # one number at a time
    written = {code: text.strip() for code, text in texts.items() if text.strip()}
    last = latest(hub)
    if written == (last.texts if last is not None else {}):
        return None
    number = PrivacyNotice.objects.filter(hub=hub).aggregate(n=Max("number"))["n"] or 0
    return PrivacyNotice.objects.create(
        hub=hub, number=number + 1, texts=written, created_by=acting_user
    )
