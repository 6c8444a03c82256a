"""A practice keeps its target groups and themes as written beside the matched ones, and its page
shows the written words when some of them no group or theme stands for."""

from django.conf import settings
from django.urls import reverse

from citybridge.practices.models import Practice, TargetGroup


def test_the_page_shows_the_groups_as_written_when_some_were_not_placed(
    client_for, officer, practice
):
    Practice.objects.filter(pk=practice.pk).update(
        target_groups_as_written="municipal officials; Roma elders; diaspora"
    )
    practice.refresh_from_db()
    assert practice.target_groups_unplaced() == ("Roma elders", "diaspora")
    page = client_for(officer).get(reverse("practices:practice_detail", args=[practice.pk]))
    assert "As written: municipal officials; Roma elders; diaspora" in page.content.decode()


def test_nothing_is_added_when_every_written_group_was_placed(client_for, officer, practice):
    Practice.objects.filter(pk=practice.pk).update(target_groups_as_written="Mladi; youth")
    practice.refresh_from_db()
    assert practice.target_groups_unplaced() == ()
    page = client_for(officer).get(reverse("practices:practice_detail", args=[practice.pk]))
    assert "As written" not in page.content.decode()


def test_a_group_the_hub_added_places_its_words(practice):
    Practice.objects.filter(pk=practice.pk).update(target_groups_as_written="Diaspora")
    practice.refresh_from_db()
    assert practice.target_groups_unplaced() == ("Diaspora",)
    TargetGroup.objects.create(
        slug="diaspora", name="Diaspora", translations={"sr": {"name": "Дијаспора"}}
    )
    assert practice.target_groups_unplaced() == ()


def test_the_label_is_in_the_readers_language(client_for, officer, practice):
    Practice.objects.filter(pk=practice.pk).update(target_groups_as_written="Roma elders")
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sq"
    page = client.get(reverse("practices:practice_detail", args=[practice.pk]))
    assert "Siç janë shkruar: Roma elders" in page.content.decode()


def test_the_themes_as_written_are_shown_when_one_was_not_placed(client_for, officer, practice):
    Practice.objects.filter(pk=practice.pk).update(themes_as_written="youth; street dance")
    practice.refresh_from_db()
    assert practice.themes_unplaced() == ("street dance",)
    page = client_for(officer).get(reverse("practices:practice_detail", args=[practice.pk]))
    assert "As written: youth; street dance" in page.content.decode()
