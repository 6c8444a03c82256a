import datetime as dt

from django.urls import reverse

from citybridge.needs.models import Need


def add(hub, city, theme, day="2023-03-16", priority="medium"):
    return Need.objects.create(
        hub=hub,
        city=city,
        theme=theme,
        statement="x",
        priority=priority,
        raised_on=dt.date.fromisoformat(day),
    )


def test_ranks_themes_by_cities_with_the_brief_sentence(
    client_for, officer, hub, city, other_city, councils, youth
):
    add(hub, city, councils)
    add(hub, city, councils)
    add(hub, other_city, councils)
    add(hub, city, youth)
    response = client_for(officer).get(reverse("needs:regional_priorities"), {"to": "2023-12-31"})
    ranks = response.context["ranks"]
    assert [theme for theme, _rank in ranks] == [councils, youth]
    members = response.context["member_count"]
    body = response.content.decode()
    # Only Testgrad is a member city; Drugovo raised the theme too but is not one.
    assert f"1 of {members} member cities" in body and "2 cities in all" in body


def test_filters_by_country_and_period(client_for, officer, hub, city, other_city, councils, youth):
    add(hub, city, councils, day="2023-03-16")
    add(hub, other_city, youth, day="2024-02-01")
    response = client_for(officer).get(reverse("needs:regional_priorities"), {"country": "MK"})
    assert [t for t, _r in response.context["ranks"]] == [youth]
    response = client_for(officer).get(reverse("needs:regional_priorities"), {"to": "2023-12-31"})
    assert [t for t, _r in response.context["ranks"]] == [councils]


def test_cells_open_the_needs_for_staff_but_donors_see_counts_only(
    client_for, officer, donor, hub, city, councils
):
    add(hub, city, councils)
    cell_link = f"{reverse('needs:need_list')}?city={city.pk}&amp;theme={councils.slug}"
    assert (
        cell_link in client_for(officer).get(reverse("needs:regional_priorities")).content.decode()
    )
    donor_page = client_for(donor).get(reverse("needs:regional_priorities"))
    assert donor_page.status_code == 200
    body = donor_page.content.decode()
    assert "Testgrad" in body and cell_link not in body


def test_outsider_sees_nothing_of_the_hub(client_for, outsider, hub, city, councils):
    add(hub, city, councils)
    response = client_for(outsider).get(reverse("needs:regional_priorities"))
    assert response.status_code == 404 or "Testgrad" not in response.content.decode()


def test_the_heat_map_shades_by_number_alone_with_a_legend_and_a_phone_list(
    client_for, officer, hub, city, councils, youth
):
    """One high-priority need is a light "1 ▲", not a dark cell that reads as three; the same
    cells are listed per city for a phone."""
    add(hub, city, councils, priority="high")
    for _ in range(3):
        add(hub, city, youth)
    body = client_for(officer).get(reverse("needs:regional_priorities")).content.decode()
    assert "The colour says how many" in body and "at least one high priority" in body
    assert 'class="cell l1"' in body and 'class="cell l3"' in body
    assert "Testgrad, Multi-actor prevention mechanisms: 1 need, high priority" in body
    assert "Testgrad, Youth engagement: 3 needs" in body
    assert 'class="heat-list"' in body and "darker means more, or a high priority" not in body
