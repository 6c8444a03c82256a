import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from citybridge.advocacy.actions import save_advocacy_action
from citybridge.advocacy.models import AdvocacyAction
from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Engagement
from citybridge.reports.models import CityStory
from citybridge.reports.stories import (
    EngagementFact,
    MechanismFact,
    StoryFacts,
    SupportFact,
    compose_story,
)
from citybridge.support.actions import (
    move_support_status,
    record_mechanism_stage,
    save_mechanism,
    save_support_action,
)
from citybridge.support.models import Mechanism, MechanismStage, SupportAction

PERIOD = {"start": "2022-11-01", "end": "2023-12-31"}


def test_compose_story_tells_it_like_the_brief():
    facts = StoryFacts(
        city="Testgrad",
        country="Montenegro",
        support=[
            SupportFact(
                kind="guidance",
                title="A Local Safety Council",
                status="completed",
                day=dt.date(2023, 3, 20),
            ),
            SupportFact(
                kind="grant", title="Youth grant", status="declined", day=dt.date(2023, 4, 1)
            ),
        ],
        engagements=[
            EngagementFact(
                kind_label="Roundtable",
                title="Testgrad roundtable",
                day=dt.date(2023, 7, 12),
                hosted=True,
                peer_cities=("Drugovo", "Trecigrad"),
            ),
            EngagementFact(
                kind_label="Workshop", title="Elsewhere", day=dt.date(2023, 2, 1), hosted=False
            ),
        ],
        mechanisms=[
            MechanismFact(
                name="Local Safety Council",
                stages=(("proposed", dt.date(2023, 3, 20)), ("established", dt.date(2023, 10, 5))),
            )
        ],
    )
    assert compose_story(facts) == (
        "In Testgrad (Montenegro), the Hub provided guidance from March 2023 "
        "(A Local Safety Council). "
        "In July 2023, the Hub organised a roundtable in Testgrad (Testgrad roundtable) where "
        "counterparts from Drugovo and Trecigrad shared their experience. "
        "Testgrad took part in one other engagement of the Hub. "
        "Its Local Safety Council was proposed in March 2023 and established by a legal act in "
        "October 2023."
    )


@pytest.mark.parametrize(
    ("language", "listed"),
    [
        ("mk", "Drugovo, Trecigrad и Cetvrtograd"),
        ("hr", "Drugovo, Trecigrad i Cetvrtograd"),
        ("sr-latn", "Drugovo, Trecigrad i Cetvrtograd"),
        ("sq", "Drugovo, Trecigrad dhe Cetvrtograd"),
    ],
)
def test_a_list_of_cities_keeps_its_spaces_in_every_language(language, listed):
    # Django's own Macedonian, Croatian and Serbian Latin catalogs translate ", " as ",".
    facts = StoryFacts(
        city="Testgrad",
        country="Montenegro",
        engagements=[
            EngagementFact(
                kind_label="Roundtable",
                title="T",
                day=dt.date(2023, 7, 12),
                hosted=True,
                peer_cities=("Drugovo", "Trecigrad", "Cetvrtograd"),
            )
        ],
    )
    with translation.override(language):
        assert listed in compose_story(facts)


def test_compose_story_without_records_says_so():
    text = compose_story(StoryFacts(city="Testgrad", country="Montenegro"))
    assert text == "No support, engagement or advocacy for Testgrad is recorded in this period."


def build_story(hub, city, other_city, officer):
    action = save_support_action(
        SupportAction(
            title="Local Safety Council help",
            kind="guidance",
            city=city,
            starts_on=dt.date(2023, 3, 20),
        ),
        hub=hub,
        acting_user=officer,
    )
    move_support_status(
        action,
        "approved",
        reason="Mayor asked.",
        acting_user=officer,
        effective_on=dt.date(2023, 4, 1),
    )
    save_support_action(
        SupportAction(
            title="Testgrad youth grant",
            kind="grant",
            city=city,
            starts_on=dt.date(2023, 5, 1),
            amount=Decimal(9000),
            currency="EUR",
        ),
        hub=hub,
        acting_user=officer,
    )
    save_engagement(
        Engagement(
            key="T1",
            title="Testgrad roundtable",
            kind="roundtable",
            starts_on=dt.date(2023, 7, 12),
            ends_on=dt.date(2023, 7, 12),
            host_city=city,
        ),
        hub=hub,
        participating_cities=[other_city],
        acting_user=officer,
    )
    council = save_mechanism(Mechanism(city=city, kind="local_safety_council"), acting_user=None)
    record_mechanism_stage(
        MechanismStage(
            mechanism=council,
            stage="proposed",
            reached_on=dt.date(2023, 3, 20),
            evidence="Mayor's letter",
        ),
        acting_user=officer,
    )
    save_advocacy_action(
        AdvocacyAction(
            title="Invented summit",
            date=dt.date(2023, 9, 20),
            audience="city_network",
            form="summit",
        ),
        hub=hub,
        cities=[city],
        acting_user=officer,
    )
    return action


def test_the_page_tells_the_story(client_for, officer, hub, city, other_city):
    build_story(hub, city, other_city, officer)
    response = client_for(officer).get(reverse("reports:city_story", args=[city.pk]), PERIOD)
    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Local Safety Council help",
        "Testgrad youth grant",
        "9,000.00 EUR",
        "Established (legal act)",
        "Invented summit",
        "Testgrad roundtable",
        "Proposed",
    ]:
        assert text in body
    # The draft, ready to edit:
    assert "where counterparts from Drugovo shared their experience" in body
    # The timeline has every dated record in order.
    timeline = body[body.index('id="timeline-title"') :]
    assert (
        timeline.index("Local Safety Council help: Requested")
        < timeline.index("Testgrad roundtable (hosted)")
        < timeline.index("Invented summit")
    )


def test_save_and_approve_a_story_works(client_for, officer, hub, city, other_city):
    build_story(hub, city, other_city, officer)
    response = client_for(officer).post(
        reverse("reports:city_story_save", args=[city.pk]),
        {**PERIOD, "text": "In Testgrad, the newly elected mayor asked for help.", "approve": "1"},
    )
    assert response.status_code == 302
    story = CityStory.objects.get()
    assert story.is_approved and story.approved_by == officer
    assert story.text == "In Testgrad, the newly elected mayor asked for help."
    assert "Local Safety Council help" in story.drafted_text
    assert (story.starts_on, story.ends_on) == (dt.date(2022, 11, 1), dt.date(2023, 12, 31))


def test_save_story_rejects_get(client_for, officer, city):
    response = client_for(officer).get(reverse("reports:city_story_save", args=[city.pk]))
    assert response.status_code == 405


def test_save_story_refuses_the_outsider_the_focal_point_and_the_donor(
    client_for, outsider, focal, donor, city
):
    for user in (outsider, focal, donor):
        response = client_for(user).post(
            reverse("reports:city_story_save", args=[city.pk]),
            {**PERIOD, "text": "Not theirs to write.", "approve": "1"},
        )
        assert response.status_code == 404
    assert not CityStory.objects.exists()


def test_an_empty_story_is_refused(client_for, officer, city):
    response = client_for(officer).post(
        reverse("reports:city_story_save", args=[city.pk]), {**PERIOD, "text": "  "}
    )
    assert response.status_code == 400
    assert not CityStory.objects.exists()


def test_editing_an_approved_story_makes_it_a_draft_again(client_for, officer, city):
    url = reverse("reports:city_story_save", args=[city.pk])
    client = client_for(officer)
    client.post(url, {**PERIOD, "text": "First.", "approve": "1"})
    client.post(url, {**PERIOD, "text": "Second."})
    story = CityStory.objects.get()
    assert (story.text, story.status, story.approved_by) == ("Second.", "draft", None)


def test_donor_sees_only_an_approved_story_and_no_rows(
    client_for, officer, donor, hub, city, other_city
):
    build_story(hub, city, other_city, officer)
    url = reverse("reports:city_story_save", args=[city.pk])
    client_for(officer).post(url, {**PERIOD, "text": "A draft only."})
    page = reverse("reports:city_story", args=[city.pk])
    body = client_for(donor).get(page, PERIOD).content.decode()
    assert "A draft only." not in body and "Local Safety Council help" not in body
    assert "2 support actions recorded." in body and "1 advocacy action in this period." in body
    client_for(officer).post(url, {**PERIOD, "text": "Approved words.", "approve": "1"})
    body = client_for(donor).get(page, PERIOD).content.decode()
    assert "Approved words." in body


def test_outsider_cannot_open_the_page(client_for, outsider, city):
    response = client_for(outsider).get(reverse("reports:city_story", args=[city.pk]))
    assert response.status_code == 404


def test_the_page_opens_on_the_latest_story(client_for, officer, focal, city):
    url = reverse("reports:city_story_save", args=[city.pk])
    client_for(officer).post(url, {**PERIOD, "text": "The approved words.", "approve": "1"})
    body = client_for(focal).get(reverse("reports:city_story", args=[city.pk])).content.decode()
    assert "The approved words." in body and 'value="1 Nov 2022"' in body


def test_the_officer_gives_the_story_per_language(client_for, officer, hub, city, other_city):
    build_story(hub, city, other_city, officer)
    url = reverse("reports:city_story_save", args=[city.pk])
    client = client_for(officer)
    page = client.get(reverse("reports:city_story", args=[city.pk]), PERIOD)
    assert 'name="text__sq"' in page.content.decode()
    response = client.post(
        url,
        {
            **PERIOD,
            "text": "In Testgrad.",
            "text__sq": "Në Testgrad.",
            "text__mk": "",
            "approve": "1",
        },
    )
    assert response.status_code == 302
    story = CityStory.objects.get()
    assert story.is_approved and story.translations == {"sq": {"text": "Në Testgrad."}}
    page = client.get(reverse("reports:city_story", args=[city.pk]), PERIOD)
    assert "Në Testgrad." in page.content.decode()
