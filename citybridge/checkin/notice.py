"""The privacy notice a participant reads before consenting, and its version.

The version is recorded with each arrival and on the person with the consents: a change of
the notice's words must come with a new version.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from citybridge.network.models import Hub

NOTICE_VERSION = "2026-12-07"


def notice_paragraphs(hub: Hub) -> list[str]:
    """The notice in the active language, paragraph by paragraph."""
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
