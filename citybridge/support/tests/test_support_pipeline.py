import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from citybridge.network.models import Funder, Theme
from citybridge.support.models import Disbursement, SupportAction
from citybridge.support.pipeline import pipeline_breakdowns


def build(make_support, city, other_city):
    youth = Theme.objects.get(slug="youth-engagement")
    funder = Funder.objects.create(name="Invented Foundation")
    granted = make_support(
        city=city,
        title="=Youth grant",
        kind=SupportAction.Kind.GRANT,
        status=SupportAction.Status.IN_PROGRESS,
        amount=Decimal(10000),
        currency="EUR",
        themes=[youth],
    )
    granted.funder = funder
    granted.save()
    Disbursement.objects.create(action=granted, amount=Decimal(4000), paid_on=dt.date(2023, 4, 1))
    make_support(
        city=other_city,
        kind=SupportAction.Kind.GRANT,
        amount=Decimal(5000),
        currency="EUR",
    )  # requested only: not committed
    make_support(city=city, status=SupportAction.Status.DECLINED)
    return granted


def breakdown(breakdowns, key):
    return next(b for b in breakdowns if b.key == key)


def test_pipeline_counts_and_amounts(hub, make_support, city, other_city):
    build(make_support, city, other_city)
    breakdowns = pipeline_breakdowns(SupportAction.objects.of_hub(hub))
    total = breakdown(breakdowns, "all").rows[0]
    assert total.count == 3
    assert total.committed == {"EUR": Decimal(10000)}
    assert total.disbursed == {"EUR": Decimal(4000)}
    by_status = {r.label: r.count for r in breakdown(breakdowns, "status").rows}
    assert by_status == {"Requested": 1, "In progress": 1, "Declined": 1}
    by_country = {r.query["country"]: r.count for r in breakdown(breakdowns, "country").rows}
    assert by_country == {"ME": 2, "MK": 1}
    themes = {r.label: r.count for r in breakdown(breakdowns, "theme").rows}
    assert themes == {"Youth engagement": 1, "None recorded": 2}


def test_every_number_opens_its_records(client_for, officer, make_support, city, other_city):
    build(make_support, city, other_city)
    client = client_for(officer)
    body = client.get(reverse("support:support_pipeline")).content.decode()
    assert 'href="/support/?country=MK"' in body
    rows = client.get(reverse("support:support_list"), {"country": "MK"}).content.decode()
    assert "1 support action" in rows
    rows = client.get(reverse("support:support_list"), {"theme": "youth-engagement"})
    assert "=Youth grant" in rows.content.decode()


def test_download_holds_exactly_the_tables_shown(
    client_for, officer, make_support, city, other_city
):
    build(make_support, city, other_city)
    client = client_for(officer)
    url = reverse("support:support_pipeline")
    csv_text = client.get(url, {"kind": "grant", "format": "csv"}).content.decode("utf-8-sig")
    assert "Committed (EUR),Disbursed (EUR)" in csv_text
    assert "All support,2,10000.00,4000.00" in csv_text
    response = client.get(url, {"kind": "grant", "format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["All support"][2]] == ["All support", 2, 10000, 4000]


def test_list_download_neutralises_formulas(client_for, officer, make_support, city, other_city):
    build(make_support, city, other_city)
    response = client_for(officer).get(reverse("support:support_list"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "'=Youth grant" in text
    assert "\n=Youth" not in text


def test_donor_downloads_the_numbers(client_for, donor, make_support, city, other_city):
    build(make_support, city, other_city)
    response = client_for(donor).get(reverse("support:support_pipeline"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "All support,3," in text and "Youth grant" not in text
