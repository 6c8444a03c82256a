"""The writes of reports outside the briefs (reports.briefs.actions): the officer's city story."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.lib.translations import set_translations
from citybridge.network.models import Hub, LocalGovernment
from citybridge.reports.models import CityStory
from citybridge.reports.stories import draft_story


class StoryError(ValueError):
    pass


@records_acting_user
@transaction.atomic
def save_story(
    city: LocalGovernment,
    *,
    hub: Hub,
    starts_on: dt.date,
    ends_on: dt.date,
    text: str,
    approve: bool,
    acting_user: User | None,
    translations: dict[str, str] | None = None,
) -> CityStory:
    """Keep the officer's text for the city and period, and its paragraph in other languages
    (`translations`: language -> text; an empty text removes that language). Approving makes it
    printable; saving without approving (any edit) makes it a draft again."""
    text = text.strip()
    if not text:
        raise StoryError(_("Write the story, or start again from the records."))
    if ends_on < starts_on:
        raise StoryError(_("The end of the period must be on or after its start."))
    story, _created = CityStory.objects.select_for_update().get_or_create(
        city=city, starts_on=starts_on, ends_on=ends_on, defaults={"hub": hub, "text": text}
    )
    now = timezone.now()
    story.text = text
    if translations is not None:
        set_translations(story, "text", translations)
    story.drafted_text = draft_story(city, hub, starts_on, ends_on)
    story.edited_by, story.edited_at = acting_user, now
    if approve:
        story.status = CityStory.Status.APPROVED
        story.approved_by, story.approved_at = acting_user, now
    else:
        story.status = CityStory.Status.DRAFT
        story.approved_by, story.approved_at = None, None
    story.save()
    return story
