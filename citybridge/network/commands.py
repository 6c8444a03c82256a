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


def speak(options: dict, hub: Hub | None = None) -> str:
    """Activate the command's language for the rest of the command; returns it."""
    language = options.get("lang") or (hub.default_language if hub else "") or "en"
    translation.activate(language)
    return language
