"""The language of the `citybridge` commands that print sentences for a person: --lang, else the
hub's default language (Hub.default_language), else English."""

from __future__ import annotations

from argparse import ArgumentParser

from django.conf import settings
from django.utils import translation

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
