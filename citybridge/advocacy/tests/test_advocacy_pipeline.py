import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from citybridge.advocacy.actions import save_advocacy_action
from citybridge.advocacy.models import AdvocacyAction
from citybridge.advocacy.pipeline import advocacy_breakdowns
from citybridge.network.models import Theme


def build(hub, city, other_city):
    nlc = Theme.objects.get(slug="national-local-cooperation")
    for title, audience, form, cities, themes in [
        ("EU partner event", "eu", "partner_event", [city], [nlc]),
        ("GCTF meeting", "gctf", "meeting", [city, other_city], [nlc]),
        ("Summit", "city_network", "summit", [other_city], []),
    ]:
        save_advocacy_action(
            AdvocacyAction(title=title, date=dt.date(2023, 9, 20), audience=audience, form=form),
            hub=hub,
            cities=cities,
            themes=themes,
            acting_user=None,
        )


def test_counts_by_audience_and_theme(hub, city, other_city):
    build(hub, city, other_city)
    breakdowns = {b.key: b for b in advocacy_breakdowns(AdvocacyAction.objects.of_hub(hub))}
    total = breakdowns["all"].rows[0]
    assert (len(total.actions), len(total.cities)) == (3, 2)
    audience = {r.label: len(r.actions) for r in breakdowns["audience"].rows}
    assert audience == {"European Union": 1, "GCTF": 1, "Another city network": 1}
    theme = {r.label: len(r.actions) for r in breakdowns["theme"].rows}
    assert theme == {"National-local cooperation": 2, "None recorded": 1}


def test_numbers_open_records_and_download_matches(client_for, officer, hub, city, other_city):
    build(hub, city, other_city)
    client = client_for(officer)
    body = client.get(reverse("advocacy:advocacy_pipeline")).content.decode()
    assert 'href="/advocacy/?audience=gctf"' in body
    rows = client.get(reverse("advocacy:advocacy_list"), {"theme": "national-local-cooperation"})
    assert "2 advocacy actions" in rows.content.decode()
    response = client.get(reverse("advocacy:advocacy_pipeline"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Audience"][2]] == ["European Union", 1, 1, 0]


def test_donor_sees_numbers_without_links(client_for, donor, hub, city, other_city):
    build(hub, city, other_city)
    body = client_for(donor).get(reverse("advocacy:advocacy_pipeline")).content.decode()
    assert "European Union" in body and "/advocacy/?audience" not in body
