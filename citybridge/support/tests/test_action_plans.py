from django.urls import reverse

from citybridge.network.models import Organisation
from citybridge.support.models import ActionPlan, SupportAction


def government():
    return Organisation.objects.create(
        name="Invented District Government", kind=Organisation.Kind.GOVERNMENT, country_id="BA"
    )


def test_add_an_action_plan_with_its_support(client_for, officer, make_support):
    gov = government()
    support = make_support(organisation=gov, kind=SupportAction.Kind.ACTION_PLAN)
    response = client_for(officer).post(
        reverse("support:action_plan_create"),
        {
            "title": "District P/CVE action plan 2023-2026",
            "organisation": gov.pk,
            "status": "adopted",
            "adopted_on": "2023-06-01",
            "support_actions": [support.pk],
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.owner == gov and list(plan.support_actions.all()) == [support]


def test_an_adopted_plan_needs_its_date(client_for, officer):
    gov = government()
    response = client_for(officer).post(
        reverse("support:action_plan_create"),
        {"title": "Plan", "organisation": gov.pk, "status": "adopted"},
    )
    assert "Enter when the plan was adopted." in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_action_plan_page_refuses_the_outsider_and_the_focal_point(client_for, outsider, focal):
    gov = government()
    data = {"title": "Plan", "organisation": gov.pk, "status": "drafting"}
    assert client_for(focal).post(reverse("support:action_plan_create"), data).status_code == 404
    client_for(outsider).post(reverse("support:action_plan_create"), data)
    assert not ActionPlan.objects.exists()
