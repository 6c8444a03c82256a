"""What the `citybridge` commands share: the hub a `--hub` option names, and the language of the
commands that print sentences for a person (--lang, else the hub's default language, else English)."""

from __future__ import annotations

from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from citybridge.network.models import Hub


def add_language_option(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=[code for code, _name in settings.LANGUAGES],
        help="The language of the messages (default: the hub's default language).",
    )


def speaking(options: dict, hub: Hub | None = None) -> translation.override:
    """`with speaking(options, hub):` the command's language for what it says inside, restored
    afterwards (a command called from code or a test leaves the caller's language alone)."""
    return translation.override(
        options.get("lang") or (hub.default_language if hub else "") or "en"
    )


def hub_from_option(slug: str | None) -> Hub:
    """--hub defaults to the only hub when there is one, and to western-balkans otherwise."""
    hubs = Hub.objects.all()
    if not slug:
        slug = hubs[0].slug if hubs.count() == 1 else "western-balkans"
    try:
        return hubs.get(slug=slug)
    except Hub.DoesNotExist:
        known = ", ".join(hubs.values_list("slug", flat=True))
        raise CommandError(
            _("No hub '%(slug)s'. Known hubs: %(known)s.") % {"slug": slug, "known": known}
        ) from None
