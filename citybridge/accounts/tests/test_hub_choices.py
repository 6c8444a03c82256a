"""Every choice list and filter stays in its hub (issue #13, finding 9).

Elsewhere Hub (Norway) has a city, its own theme, an organisation, a person, an engagement, a
need, an expert and a support action. Every form of every app, built for the Western Balkans
hub, must neither offer nor accept any of them; the lists' `?city=` and `?theme=` filters must
not name them. A form class with a model choice field that is missing here fails the test.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from citybridge.accounts.forms import AccessLogFilterForm, RoleForm, UserAddForm
from citybridge.accounts.models import User
from citybridge.advocacy import forms as advocacy_forms
from citybridge.advocacy.forms import AdvocacyActionForm
from citybridge.engagement.forms import EngagementForm
from citybridge.engagement.models import Engagement
from citybridge.imports.forms import UploadForm
from citybridge.matching.forms import MatchForm, MatchSupportForm, PeerExchangeForm
from citybridge.needs.forms import ConsultationNeedForm, FindingForm, NeedForm
from citybridge.needs.models import Need
from citybridge.network.forms import CityForm, PersonForm, PositionForm
from citybridge.network.models import Country, Hub, LocalGovernment, Organisation, Person, Theme
from citybridge.practices.forms import PracticeForm
from citybridge.reports.briefs.forms import BriefForm
from citybridge.support.forms import ActionPlanForm, MechanismForm, SupportActionForm
from citybridge.support.models import Expert, SupportAction

FJORDBY = "Fjordbyen"


@pytest.fixture
def elsewhere(outsider) -> dict:
    """Another hub's records, by model."""
    hub = Hub.objects.get(slug="elsewhere")
    city = LocalGovernment.objects.create(name=FJORDBY, country_id="NO")
    engagement = Engagement.objects.create(
        hub=hub,
        key="N1",
        title="Fjord forum",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2023, 5, 1),
        ends_on=dt.date(2023, 5, 1),
        host_city=city,
    )
    theme = Theme.objects.create(slug="fjord-safety", name="Fjord safety", hub=hub)
    return {
        LocalGovernment: city,
        Theme: theme,
        Organisation: Organisation.objects.create(
            name="Fjord Youth", kind=Organisation.Kind.CIVIL_SOCIETY, country_id="NO"
        ),
        Person: Person.objects.create(hub=hub, full_name="Ola Fjordmann", consent_contact=True),
        Engagement: engagement,
        Need: Need.objects.create(
            hub=hub,
            city=city,
            theme=theme,
            statement="A youth council",
            priority=Need.Priority.HIGH,
            raised_on=dt.date(2023, 5, 1),
        ),
        Expert: Expert.objects.create(hub=hub, full_name="Kari Fjord"),
        SupportAction: SupportAction.objects.create(
            hub=hub, title="Fjord guidance", kind=SupportAction.Kind.GUIDANCE, city=city
        ),
    }


def forms_of_this_hub(hub: Hub, officer, consultation: Engagement) -> dict[type, forms.BaseForm]:
    return {
        CityForm: CityForm(hub=hub),
        PersonForm: PersonForm(hub=hub),
        PositionForm: PositionForm(hub=hub),
        EngagementForm: EngagementForm(hub=hub),
        UploadForm: UploadForm(hub=hub),
        NeedForm: NeedForm(hub=hub),
        FindingForm: FindingForm(engagement=consultation),
        ConsultationNeedForm: ConsultationNeedForm(hub=hub),
        MatchForm: MatchForm(hub=hub),
        MatchSupportForm: MatchSupportForm(hub=hub),
        PeerExchangeForm: PeerExchangeForm(hub=hub),
        PracticeForm: PracticeForm(hub=hub, user=officer),
        SupportActionForm: SupportActionForm(hub=hub),
        MechanismForm: MechanismForm(hub=hub),
        ActionPlanForm: ActionPlanForm(hub=hub),
        AdvocacyActionForm: AdvocacyActionForm(hub=hub, user=officer),
        advocacy_forms.TestimonialForm: advocacy_forms.TestimonialForm(hub=hub, user=officer),
        RoleForm: RoleForm(hubs=[hub.pk]),
        UserAddForm: UserAddForm(hubs=[hub.pk]),
        AccessLogFilterForm: AccessLogFilterForm(users=User.objects.filter(roles__hub=hub)),
        BriefForm: BriefForm(),  # funders are the network's, not a hub's
    }


def forms_with_model_choices() -> set[type]:
    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("citybridge."):
            continue
        for module_name in (f"{config.name}.forms", f"{config.name}.briefs.forms"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                    continue
                fields = getattr(cls, "base_fields", {}).values()
                if any(isinstance(f, forms.ModelChoiceField) for f in fields):
                    found.add(cls)
    return found


def test_no_form_offers_another_hubs_records(elsewhere, hub, officer, consultation):
    built = forms_of_this_hub(hub, officer, consultation)
    unlisted = sorted(c.__qualname__ for c in forms_with_model_choices() - set(built))
    assert not unlisted, f"Forms with model choices this test does not build: {unlisted}"
    offered = []
    for cls, form in built.items():
        for name, field in form.fields.items():
            choices = field.queryset if isinstance(field, forms.ModelChoiceField) else None
            if choices is None:
                continue
            foreign = elsewhere.get(choices.model)
            if foreign is not None and choices.filter(pk=foreign.pk).exists():
                offered.append((cls.__name__, name, str(foreign)))
    assert not offered, f"Another hub's records offered: {offered}"


def test_the_support_form_refuses_another_hubs_city_as_peer(
    client_for, officer, elsewhere, city, other_city
):
    client = client_for(officer)
    for title, peer in (("From afar", elsewhere[LocalGovernment]), ("From near", other_city)):
        client.post(
            reverse("support:support_create"),
            {
                "title": title,
                "kind": SupportAction.Kind.GUIDANCE,
                "city": city.pk,
                "peer_cities": [peer.pk],
            },
        )
    saved = SupportAction.objects.filter(city=city)
    assert [(a.title, [c.name for c in a.peer_cities.all()]) for a in saved] == [
        ("From near", ["Drugovo"])
    ]


@pytest.mark.parametrize("url", ["support:support_list", "advocacy:advocacy_list"])
def test_list_filters_do_not_name_another_hubs_city_or_theme(client_for, officer, elsewhere, url):
    client = client_for(officer)
    city = client.get(reverse(url), {"city": elsewhere[LocalGovernment].pk})
    theme = client.get(reverse(url), {"theme": elsewhere[Theme].slug})
    assert (city.status_code, theme.status_code) == (200, 200)
    assert FJORDBY not in city.content.decode()
    assert "Fjord safety" not in theme.content.decode()


def test_the_engagement_list_offers_this_hubs_themes_only(client_for, officer, elsewhere):
    body = client_for(officer).get(reverse("engagement:engagement_list")).content.decode()
    assert "Fjord safety" not in body
    assert Theme.objects.get(slug="youth-engagement").name in body


def test_countries_stay_the_networks(hub):
    """Engagements happen abroad (the summit in New York): the country list is not a hub's."""
    form = EngagementForm(hub=hub)
    assert form.fields["country"].queryset.filter(pk="US").exists()  # type: ignore[attr-defined]
    assert Country.objects.filter(pk="NO").exists()
