"""Writes to the practice library: one atomic function per change, the acting user named."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.lib.text import fold
from citybridge.network.models import LocalGovernment, Theme
from citybridge.practices.models import Practice, PracticeResource, PracticeTranslation, TargetGroup


def known_city(name: str, country_code: str) -> LocalGovernment | None:
    """The platform's record of the practice's city, when it knows it (any script)."""
    key = fold(name)
    if not key:
        return None
    cities = LocalGovernment.objects.filter(country_id=country_code)
    return (
        cities.filter(name_key=key).first()
        or cities.filter(place_names__key=key).distinct().first()
    )


@records_acting_user
@transaction.atomic
def save_practice(
    practice: Practice,
    *,
    themes: Iterable[Theme],
    target_groups: Iterable[TargetGroup] = (),
    acting_user: User | None,
) -> Practice:
    practice.origin_city = known_city(practice.origin_city_name, practice.origin_country_id)
    practice.full_clean(exclude=["contact"])
    practice.save()
    practice.themes.set(themes)
    practice.target_groups.set(target_groups)
    practice.refresh_search_text()
    return practice


@records_acting_user
@transaction.atomic
def save_translation(
    practice: Practice, *, language: str, title: str, summary: str, acting_user: User | None
) -> PracticeTranslation:
    """Add the title and summary in a language, or replace the ones already there."""
    translation, _ = PracticeTranslation.objects.update_or_create(
        practice=practice,
        language=language.strip().lower(),
        defaults={"title": title.strip(), "summary": summary.strip()},
    )
    practice.refresh_search_text()
    return translation


@records_acting_user
@transaction.atomic
def add_resource(resource: PracticeResource, *, acting_user: User | None) -> PracticeResource:
    resource.full_clean()
    resource.save()
    return resource
