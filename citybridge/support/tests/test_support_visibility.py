from django.urls import reverse

from citybridge.accounts.models import Role, User
from citybridge.support.models import Expert, SupportAction


def test_focal_point_sees_their_city_support_only(
    client_for, focal, make_support, city, other_city
):
    mine = make_support(city=city, title="Testgrad safety council")
    theirs = make_support(city=other_city, title="Drugovo youth grant")
    assert list(SupportAction.objects.visible_to(focal)) == [mine]
    body = client_for(focal).get(reverse("support:support_list")).content.decode()
    assert "Testgrad safety council" in body and "Drugovo youth grant" not in body
    url = reverse("support:support_detail", args=[theirs.pk])
    assert client_for(focal).get(url).status_code == 404


def test_a_peer_city_focal_point_sees_the_support_it_helped_with(
    focal, make_support, city, other_city
):
    action = make_support(city=other_city, peer_cities=[city])
    assert list(SupportAction.objects.visible_to(focal)) == [action]


def test_donor_sees_no_rows_only_the_pipeline(client_for, donor, make_support, city):
    action = make_support(city=city, title="Testgrad safety council")
    assert not SupportAction.objects.visible_to(donor).exists()
    assert client_for(donor).get(reverse("support:support_list")).status_code == 404
    url = reverse("support:support_detail", args=[action.pk])
    assert client_for(donor).get(url).status_code == 404
    body = client_for(donor).get(reverse("support:support_pipeline")).content.decode()
    assert "Testgrad safety council" not in body
    assert reverse("support:support_list") + "?" not in body  # numbers do not open rows


def test_expert_sees_the_actions_they_are_deployed_on(hub, make_support, city, other_city):
    user = User.objects.create_user(username="expert")
    Role.objects.create(user=user, hub=hub, kind=Role.Kind.EXPERT)
    expert = Expert.objects.create(hub=hub, full_name="Invented Expert", languages="en", user=user)
    deployed = make_support(city=city, kind=SupportAction.Kind.EXPERT, experts=[expert])
    make_support(city=other_city)
    assert list(SupportAction.objects.visible_to(user)) == [deployed]


def test_outsider_sees_no_support(client_for, outsider, make_support, city):
    action = make_support(city=city, title="Testgrad safety council")
    assert not SupportAction.objects.visible_to(outsider).exists()
    url = reverse("support:support_detail", args=[action.pk])
    assert client_for(outsider).get(url).status_code == 404
    body = client_for(outsider).get(reverse("support:support_pipeline")).content.decode()
    assert "Testgrad" not in body
