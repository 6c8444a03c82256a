"""The worker resolves arrivals when the door is quiet, and during a long rush at least every
MOST_WAIT; what check-in stores stays safe when exported."""

import datetime as dt
import io

from django.utils import timezone

from citybridge.checkin.actions import record_arrival
from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.models import Arrival
from citybridge.checkin.tasks import MOST_WAIT, QUIET, resolve_check_ins
from citybridge.checkin.tests.conftest import answers
from citybridge.engagement.models import Attendance
from citybridge.lib.exports import csv_writer


def stored(check_in, name: str, ago: dt.timedelta, **extra) -> Arrival:
    """An arrival received `ago`, waiting for resolution (as the database queue leaves it
    until its task's time; the tests' immediate backend resolves at once, undone here)."""
    form = ArrivalForm(answers(name, **extra))
    assert form.is_valid(), form.errors
    arrival, _created = record_arrival(check_in, form.answers("en"))
    Arrival.objects.filter(pk=arrival.pk).update(received_at=timezone.now() - ago)
    waiting()
    return arrival


def waiting() -> None:
    Attendance.objects.update(person=None)
    Arrival.objects.update(resolved_at=None)


def test_a_task_during_a_rush_leaves_it_to_the_next(check_in):
    arrival = stored(check_in, "Milica Petrović", dt.timedelta(seconds=5))
    resolve_check_ins.call(check_in.engagement.hub_id, wait=True)
    arrival.refresh_from_db()
    assert arrival.resolved_at is None
    assert Attendance.objects.get(arrival=arrival).person is None


def test_a_quiet_door_is_resolved(check_in):
    arrival = stored(check_in, "Milica Petrović", QUIET + dt.timedelta(seconds=1))
    resolve_check_ins.call(check_in.engagement.hub_id, wait=True)
    arrival.refresh_from_db()
    assert arrival.resolved_at is not None
    assert Attendance.objects.get(arrival=arrival).person is not None


def test_a_long_rush_is_resolved_every_few_minutes(check_in):
    old = stored(check_in, "Milica Petrović", MOST_WAIT + dt.timedelta(seconds=1))
    new = stored(check_in, "Arben Krasniqi", dt.timedelta(seconds=1))
    resolve_check_ins.call(check_in.engagement.hub_id, wait=True)
    assert Arrival.objects.filter(pk__in=[old.pk, new.pk], resolved_at__isnull=False).count() == 2


def test_what_a_participant_writes_never_runs_as_a_formula_when_exported(check_in):
    arrival = stored(
        check_in,
        '=HYPERLINK("http://example.org","Ana")',
        QUIET * 2,
        organisation="@SUM(1+1)",
    )
    row = Attendance.objects.get(arrival=arrival)
    assert row.full_name.startswith("=HYPERLINK")  # stored as written
    out = io.StringIO()
    csv_writer(out).writerow([row.full_name, row.organisation])
    assert out.getvalue().startswith("\"'=HYPERLINK") and ",'@SUM" in out.getvalue()
