"""Hub admins correct the interface's translations in the product (django-rosetta)."""

from __future__ import annotations

from django.urls import reverse


def test_a_hub_admin_opens_the_projects_albanian_catalog(client_for, hub_admin):
    client = client_for(hub_admin)
    listing = client.get(reverse("rosetta-file-list", kwargs={"po_filter": "project"}))
    assert listing.status_code == 200
    assert b"citybridge" in listing.content.lower()
    form = client.get(
        reverse("rosetta-form", kwargs={"po_filter": "project", "lang_id": "sq", "idx": 0})
    )
    assert form.status_code == 200
    page = form.content.decode()
    assert "You cannot do this to your own account." in page
    assert "Nuk mund ta bëni këtë me llogarinë tuaj." in page


def test_only_the_products_own_catalogs_are_reachable(client_for, hub_admin):
    client = client_for(hub_admin)
    for po_filter in ("django", "third-party", "all"):
        url = reverse("rosetta-file-list", kwargs={"po_filter": po_filter})
        assert client.get(url).status_code == 404


def test_officers_and_donors_cannot_change_translations(client_for, officer, donor):
    url = reverse("rosetta-file-list", kwargs={"po_filter": "project"})
    for user in (officer, donor):
        response = client_for(user).get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
