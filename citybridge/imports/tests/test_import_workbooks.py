"""Attendance sheets saved as Excel 97-2003 (.xls) and OpenDocument (.ods) import like any
other, and the upload page says it takes them. The workbooks are citybridge/lib/tests/workbooks/
(invented names)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.imports.registry import run_import

WORKBOOKS = Path(__file__).parents[2] / "lib" / "tests" / "workbooks"


@pytest.fixture
def engagement(hub) -> Engagement:
    return Engagement.objects.create(
        hub=hub,
        key="W01",
        title="Workbooks",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2024, 7, 19),
        ends_on=dt.date(2024, 7, 19),
    )


@pytest.mark.parametrize("name", ["attendance.xls", "attendance.ods"])
def test_xls_and_ods_sheets_import(hub, engagement, name):
    data = (WORKBOOKS / name).read_bytes()
    file_name = f"W01.{name.split('.')[1]}"
    report = run_import("attendance", [(file_name, data)], hub=hub, acting_user=None)
    assert report.created == 3
    assert list(
        Attendance.objects.filter(engagement=engagement)
        .order_by("row_number")
        .values_list("full_name", flat=True)
    ) == ["Šemsa Ćorić", "Ђорђе Жижић", "Ëndrit Çelaj"]
    # The engagement page names the sheet's format as what the file was, not "XLSX".
    assert Sheet.objects.get().format_label == name.split(".")[1].upper()


def test_the_upload_page_offers_xls_and_ods(client_for, officer):
    html = client_for(officer).get(reverse("imports:upload")).content.decode()
    assert 'accept=".csv,.xlsx,.xls,.ods"' in html
    assert "Excel (.xlsx, .xls) or OpenDocument (.ods)" in html
