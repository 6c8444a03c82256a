"""Hub admins manage their hub's users: add (with a set-password link), give and remove roles,
deactivate (their sessions end at once). Another hub's users and roles are a 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from citybridge.accounts.models import AccessLog, Role, User
from citybridge.conftest import make_user
from citybridge.network.models import Country, Hub

PASSWORD = "pass-for-tests-only"


@pytest.fixture
def other_hub(db) -> Hub:
    hub = Hub.objects.create(slug="north", name="North Hub")
    hub.countries.add(Country.objects.get(code="NO"))
    return hub


@pytest.fixture
def other_admin(other_hub) -> User:
    return make_user("northadmin", other_hub, Role.Kind.HUB_ADMIN)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def signs_in(username: str, password: str = PASSWORD) -> bool:
    """A sign-in through the page, as a person does (django-axes wants the request)."""
    data = {"username": username, "password": password}
    return Client().post(reverse("accounts:login"), data).status_code == 302


def logged(action: str, **filters) -> list[AccessLog]:
    return list(AccessLog.objects.filter(action=action, **filters).order_by("pk"))


def test_the_list_shows_the_hubs_users_and_their_roles_to_hub_admins_only(
    hub_admin, officer, focal, donor, outsider
):
    page = signed_in(hub_admin).get(reverse("accounts:user_list"))
    assert page.status_code == 200
    text = page.content.decode()
    for user in (hub_admin, officer, focal, donor):
        assert user.username in text
    assert "City focal point: Testgrad" in text
    assert "outsider" not in text  # a user of another hub
    assert reverse("accounts:user_list") in text  # in the navigation
    for user in (officer, focal, donor, outsider):
        client = signed_in(user)
        assert client.get(reverse("accounts:user_list")).status_code == 404
        assert (
            reverse("accounts:user_list")
            not in client.get(reverse("reports:home")).content.decode()
        )


def test_a_new_user_sets_their_own_password_through_the_link(hub, city, hub_admin, client):
    admin = signed_in(hub_admin)
    response = admin.post(
        reverse("accounts:user_add"),
        {
            "username": "vesna",
            "first_name": "Vesna",
            "last_name": "Novak",
            "email": "vesna@example.org",
            "hub": hub.pk,
            "kind": Role.Kind.FOCAL_POINT,
            "city": city.pk,
        },
    )
    assert response.status_code == 200
    user = User.objects.get(username="vesna")
    assert not user.has_usable_password() and user.is_active
    assert [(r.hub, r.kind, r.city) for r in user.roles.all()] == [(hub, "focal_point", city)]
    link = response.context["link"]
    assert link.startswith("http://testserver/accounts/password/")
    assert logged("user_added", object_id=user.pk)[0].user == hub_admin
    assert (
        logged("role_changed", object_id=user.pk)[0].detail
        == f"granted focal_point for city {city.pk}"
    )
    assert logged("password_link", object_id=user.pk)

    # The person opens the link, chooses a password and signs in with it.
    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Brisk-otter-42", "new_password2": "Brisk-otter-42"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_set_done")
    assert signs_in("vesna", "Brisk-otter-42")
    # The link worked once.
    assert not Client().get(link, follow=True).context["validlink"]


def test_a_focal_point_needs_a_city_of_the_hub(hub, hub_admin, other_hub):
    from citybridge.network.models import LocalGovernment

    oslo = LocalGovernment.objects.create(name="Oslo", country_id="NO")
    url = reverse("accounts:user_add")
    data = {"username": "ana", "first_name": "Ana", "last_name": "B", "hub": hub.pk}
    data["kind"] = Role.Kind.FOCAL_POINT
    assert signed_in(hub_admin).post(url, data).status_code == 200  # the form again
    data["city"] = oslo.pk  # a city of another hub's country
    page = signed_in(hub_admin).post(url, data)
    assert "Select a valid choice" in page.content.decode() or "city of this hub" in (
        page.content.decode()
    )
    data["hub"] = other_hub.pk  # a hub the admin does not administer
    assert signed_in(hub_admin).post(url, data).status_code == 200
    assert not User.objects.filter(username="ana").exists()


def test_giving_and_removing_roles_is_logged_and_keeps_a_hub_admin(hub, city, hub_admin, officer):
    admin = signed_in(hub_admin)
    grant = reverse("accounts:role_grant", args=[officer.pk])
    admin.post(grant, {"hub": hub.pk, "kind": Role.Kind.FOCAL_POINT, "city": city.pk})
    admin.post(grant, {"hub": hub.pk, "kind": Role.Kind.DONOR})
    admin.post(grant, {"hub": hub.pk, "kind": Role.Kind.DONOR})  # already held: refused
    assert sorted(officer.roles.values_list("kind", flat=True)) == [
        "donor",
        "focal_point",
        "officer",
    ]
    for role in officer.roles.exclude(kind=Role.Kind.OFFICER).order_by("pk"):
        assert admin.post(reverse("accounts:role_remove", args=[role.pk])).status_code == 302
    assert list(officer.roles.values_list("kind", flat=True)) == ["officer"]
    details = [r.detail for r in logged("role_changed", object_id=officer.pk, user=hub_admin)]
    assert details == [
        f"granted focal_point for city {city.pk}",
        "granted donor",
        f"removed focal_point for city {city.pk}",
        "removed donor",
    ]
    # Their only role, and the hub's only hub admin, stay.
    admin.post(reverse("accounts:role_remove", args=[officer.roles.get().pk]))
    own = Role.objects.get(user=hub_admin)
    admin.post(reverse("accounts:role_remove", args=[own.pk]))
    assert officer.roles.count() == 1 and Role.objects.filter(pk=own.pk).exists()
    assert len(logged("role_changed")) == 4


def test_deactivating_ends_the_users_sessions_at_once(hub_admin, officer):
    theirs = signed_in(officer)
    assert theirs.get(reverse("network:person_list")).status_code == 200
    admin = signed_in(hub_admin)

    assert admin.post(reverse("accounts:user_deactivate", args=[officer.pk])).status_code == 302

    officer.refresh_from_db()
    assert not officer.is_active
    response = theirs.get(reverse("network:person_list"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not signs_in("officer")
    row = logged("user_deactivated", object_id=officer.pk)[0]
    assert (row.user, row.count) == (hub_admin, 1)
    admin.post(reverse("accounts:user_reactivate", args=[officer.pk]))
    assert signs_in("officer")
    assert logged("user_reactivated", object_id=officer.pk)


def test_an_admin_cannot_deactivate_themselves_or_a_site_administrator(hub, hub_admin):
    root = make_user("root", hub, Role.Kind.OFFICER)
    root.is_superuser = root.is_staff = True
    root.save()
    admin = signed_in(hub_admin)
    for user in (hub_admin, root):
        admin.post(reverse("accounts:user_deactivate", args=[user.pk]))
        response = admin.post(reverse("accounts:user_password_link", args=[user.pk]))
        assert response.status_code == 302  # back to the user, with the reason
        user.refresh_from_db()
        assert user.is_active
    assert not logged("user_deactivated") and not logged("password_link")


def test_another_hubs_admin_gets_a_404_for_every_user_and_role_of_this_hub(hub, focal, other_admin):
    role = Role.objects.get(user=focal)
    north = signed_in(other_admin)
    assert focal.username not in north.get(reverse("accounts:user_list")).content.decode()
    assert north.get(reverse("accounts:user_detail", args=[focal.pk])).status_code == 404
    posts = [
        (reverse("accounts:role_grant", args=[focal.pk]), {"kind": Role.Kind.DONOR}),
        (reverse("accounts:role_remove", args=[role.pk]), {}),
        (reverse("accounts:user_deactivate", args=[focal.pk]), {}),
        (reverse("accounts:user_reactivate", args=[focal.pk]), {}),
        (reverse("accounts:user_password_link", args=[focal.pk]), {}),
    ]
    for url, data in posts:
        assert north.post(url, data).status_code == 404, url
    focal.refresh_from_db()
    assert focal.is_active and list(focal.roles.all()) == [role]
    assert not AccessLog.objects.filter(user=other_admin).exclude(action="sign_in").exists()


def test_a_user_of_two_hubs_is_managed_here_only_for_this_hubs_roles(
    hub, hub_admin, other_hub, other_admin
):
    shared = make_user("shared", hub, Role.Kind.OFFICER)
    north_role = Role.objects.create(user=shared, hub=other_hub, kind=Role.Kind.DONOR)
    admin = signed_in(hub_admin)
    page = admin.get(reverse("accounts:user_detail", args=[shared.pk]))
    assert [r.hub for r in page.context["managed"].managed_roles] == [hub]
    assert "North Hub" not in page.content.decode()
    assert admin.post(reverse("accounts:role_remove", args=[north_role.pk])).status_code == 404
    # The account is also North's: deactivating it or resetting its password is refused here.
    admin.post(reverse("accounts:user_deactivate", args=[shared.pk]))
    admin.post(reverse("accounts:user_password_link", args=[shared.pk]))
    shared.refresh_from_db()
    assert shared.is_active and not logged("password_link")
    # Removing its role here is allowed: it stays North's user.
    here = Role.objects.get(user=shared, hub=hub)
    assert admin.post(reverse("accounts:role_remove", args=[here.pk]))["Location"] == reverse(
        "accounts:user_list"
    )
    assert list(shared.roles.all()) == [north_role]
    assert admin.get(reverse("accounts:user_detail", args=[shared.pk])).status_code == 404
