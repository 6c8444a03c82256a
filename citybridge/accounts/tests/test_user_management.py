"""Hub admins manage their hub's users: add (with a set-password link), give and remove roles,
deactivate (their sessions end at once), reset a lost second factor. Another hub's users and
roles are a 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from citybridge.accounts import mfa
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


def with_authenticator(user: User) -> None:
    """`user` sets up an authenticator app (and gets recovery codes), as on the set-up page."""
    mfa.confirm_authenticator(mfa.pending_authenticator(user))


def signed_in_with_code(user: User) -> Client:
    """A session that passed the second factor, as `mfa_verify` leaves it."""
    client = signed_in(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


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
    """Without an e-mail address the hub admin is shown the link to pass on (with one, it is
    e-mailed and never shown: accounts/tests/test_password_mail.py)."""
    admin = signed_in(hub_admin)
    response = admin.post(
        reverse("accounts:user_add"),
        {
            "username": "vesna",
            "first_name": "Vesna",
            "last_name": "Novak",
            "email": "",
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
    with_authenticator(root)
    for user in (hub_admin, root):
        admin.post(reverse("accounts:user_deactivate", args=[user.pk]))
        response = admin.post(reverse("accounts:user_password_link", args=[user.pk]))
        assert response.status_code == 302  # back to the user, with the reason
        reset = reverse("accounts:user_mfa_reset", args=[user.pk])
        assert admin.post(reset, {"confirm": "reset"}).status_code == 302
        user.refresh_from_db()
        assert user.is_active
    assert mfa.has_second_factor(root)
    assert not logged("user_deactivated") and not logged("password_link")
    assert not logged("mfa_reset")


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
        (reverse("accounts:user_mfa_reset", args=[focal.pk]), {"confirm": "reset"}),
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
    # The account is also North's: deactivating it, resetting its password or its second
    # factor is refused here.
    with_authenticator(shared)
    admin.post(reverse("accounts:user_deactivate", args=[shared.pk]))
    admin.post(reverse("accounts:user_password_link", args=[shared.pk]))
    admin.post(reverse("accounts:user_mfa_reset", args=[shared.pk]), {"confirm": "reset"})
    shared.refresh_from_db()
    assert shared.is_active and not logged("password_link")
    assert mfa.has_second_factor(shared) and not logged("mfa_reset")
    # Removing its role here is allowed: it stays North's user.
    here = Role.objects.get(user=shared, hub=hub)
    assert admin.post(reverse("accounts:role_remove", args=[here.pk]))["Location"] == reverse(
        "accounts:user_list"
    )
    assert list(shared.roles.all()) == [north_role]
    assert admin.get(reverse("accounts:user_detail", args=[shared.pk])).status_code == 404


def test_resetting_two_step_sign_in_removes_the_factor_and_ends_their_sessions(
    settings, hub, hub_admin, officer
):
    with_authenticator(officer)
    theirs = signed_in_with_code(officer)
    assert theirs.get(reverse("network:person_list")).status_code == 200
    admin = signed_in(hub_admin)
    detail = reverse("accounts:user_detail", args=[officer.pk])
    url = reverse("accounts:user_mfa_reset", args=[officer.pk])
    assert url in admin.get(detail).content.decode()  # the button

    # The button asks first; nothing changes until the confirmation is posted.
    confirm = admin.post(url)
    assert confirm.status_code == 200 and 'value="reset"' in confirm.content.decode()
    assert mfa.has_second_factor(officer) and not logged("mfa_reset")
    assert admin.post(url, {"confirm": "reset"})["Location"] == detail

    assert list(devices_for_user(officer, confirmed=None)) == []  # app and recovery codes
    response = theirs.get(reverse("network:person_list"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert admin.get(detail).status_code == 200  # only their sessions ended
    [row] = logged("mfa_reset")
    assert (row.user, row.object_id, row.hub, row.count) == (hub_admin, officer.pk, hub, 1)
    # Their role requires a second factor: the next sign-in sets up a new one first.
    settings.MFA_REQUIRED = True
    client = Client()
    client.post(reverse("accounts:login"), {"username": "officer", "password": PASSWORD})
    assert client.get(reverse("network:person_list"))["Location"].startswith(
        reverse("accounts:mfa_setup")
    )


def test_resetting_two_step_sign_in_refuses_get(hub_admin, officer):
    with_authenticator(officer)
    url = reverse("accounts:user_mfa_reset", args=[officer.pk])
    assert signed_in(hub_admin).get(url, {"confirm": "reset"}).status_code == 405
    assert mfa.has_second_factor(officer) and not logged("mfa_reset")


def test_resetting_two_step_sign_in_is_a_404_to_all_but_this_hubs_admins(
    officer, focal, donor, outsider, other_admin
):
    with_authenticator(focal)
    url = reverse("accounts:user_mfa_reset", args=[focal.pk])
    for user in (officer, donor, outsider, other_admin):
        assert signed_in(user).post(url, {"confirm": "reset"}).status_code == 404, user
    assert mfa.has_second_factor(focal) and not logged("mfa_reset")


def test_a_user_without_a_second_factor_has_nothing_to_reset(hub_admin, officer):
    admin = signed_in(hub_admin)
    detail = admin.get(reverse("accounts:user_detail", args=[officer.pk])).content.decode()
    url = reverse("accounts:user_mfa_reset", args=[officer.pk])
    assert url not in detail
    assert admin.post(url, {"confirm": "reset"}).status_code == 302
    assert not logged("mfa_reset")
