"""Writes of check-in: open, close and reopen it, kiosk PIN, an arrival, spam removed."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.checkin.models import SOURCE, Arrival, CheckIn
from citybridge.engagement.models import Attendance, Engagement
from citybridge.engagement.resolution import resolve_hub
from citybridge.engagement.sheets import sheet_of, store_sheet
from citybridge.lib.places import PlaceIndex
from citybridge.lib.spreadsheets import Row
from citybridge.network.consents import CONSENTS, give_consents
from citybridge.network.models import Hub, LocalGovernment, PlaceName
from citybridge.network.places import known_places

# The headings of an arrival's cells: the importer's own (lib.headers.ATTENDANCE), so a row of
# check-in reads like a row of a sheet, and `COLUMNS` says which field each holds.
NAME, CITY, ORGANISATION, POSITION, EMAIL, GENDER = (
    "Name",
    "City / Municipality",
    "Organisation",
    "Position",
    "E-mail",
    "Gender",
)
COLUMNS = {
    "full_name": NAME,
    "city": CITY,
    "organisation": ORGANISATION,
    "role": POSITION,
    "email": EMAIL,
    "gender": GENDER,
}


@dataclass(frozen=True)
class Answers:
    """What a participant wrote, as the form normalised it."""

    uuid: uuid_module.UUID
    name: str
    city: str = ""
    organisation: str = ""
    position: str = ""
    email: str = ""
    gender: str = ""  # "female", "male", "other" or "" (prefer not to say)
    consent_contact: bool = False
    consent_photo: bool = False
    consent_quote: bool = False
    notice_version: str = ""
    language: str = ""

    def cells(self) -> dict[str, str]:
        return {
            NAME: self.name,
            CITY: self.city,
            ORGANISATION: self.organisation,
            POSITION: self.position,
            EMAIL: self.email,
            GENDER: self.gender,
        }


@records_acting_user
@transaction.atomic
def open_check_in(
    engagement: Engagement,
    *,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    acting_user: User | None,
) -> CheckIn:
    """Open (or reopen, with a new window) the engagement's check-in; its link stays the same."""
    check_in, _created = CheckIn.objects.update_or_create(
        engagement=engagement,
        defaults={"opens_at": opens_at, "closes_at": closes_at, "opened_by": acting_user},
    )
    return check_in


@records_acting_user
@transaction.atomic
def close_check_in(check_in: CheckIn, *, acting_user: User | None) -> CheckIn:
    """The link stops working now (a window that has not started yet ends before it starts)."""
    now = timezone.now()
    check_in.closes_at = now
    check_in.opens_at = min(check_in.opens_at, now)
    check_in.save(update_fields=["opens_at", "closes_at"])
    return check_in


@records_acting_user
@transaction.atomic
def set_kiosk_pin(check_in: CheckIn, pin: str, *, acting_user: User | None) -> CheckIn:
    """The PIN that lets a kiosk leave kiosk mode ("" for none), kept hashed."""
    check_in.kiosk_pin = make_password(pin) if pin else ""
    check_in.save(update_fields=["kiosk_pin"])
    return check_in


def record_arrival(
    check_in: CheckIn, answers: Answers, *, at: dt.datetime | None = None
) -> tuple[Arrival, bool]:
    """Store a participant's answers as an attendance row of the engagement (source file
    "check-in", the next row number), then have the hub's people resolved as after an import
    (`resolve_arrivals`, by the background worker: a rush at the door waits for no
    resolution). Returns (arrival, created): a submission whose UUID is known already (a
    retry, a double tap) changes nothing."""
    from citybridge.checkin.tasks import after_arrival

    # The city's name looked up before the transaction: on SQLite every other submission waits
    # for the one writer while it runs.
    city_id = _places(check_in.engagement.hub).lookup(answers.city)
    try:
        arrival, created = _store_arrival(check_in, answers, at or timezone.now(), city_id)
    except IntegrityError:
        # The same UUID stored meanwhile by another process: that one stands.
        return Arrival.objects.get(uuid=answers.uuid), False
    if created:
        # Stored (committed) first: the worker, in another process, must find the row.
        after_arrival(check_in.engagement.hub_id)
    return arrival, created


@transaction.atomic
def _store_arrival(
    check_in: CheckIn, answers: Answers, at: dt.datetime, city_id: int | None
) -> tuple[Arrival, bool]:
    engagement = check_in.engagement
    # One writer per check-in: its row numbers (SQLite writes one at a time anyway).
    CheckIn.objects.select_for_update().filter(pk=check_in.pk).first()
    known = Arrival.objects.filter(uuid=answers.uuid).first()
    if known is not None:
        return known, False
    number = (
        Attendance.objects.filter(engagement=engagement, source_file=SOURCE).aggregate(
            last=Max("row_number")
        )["last"]
        or 0
    ) + 1
    sheet = sheet_of(engagement, file_name=SOURCE, sha256="", encoding="", acting_user=None)
    store_sheet(
        engagement,
        file_name=SOURCE,
        sha256="",
        encoding="",
        rows=[Row(number, answers.cells())],
        columns=COLUMNS,
        place_of=lambda _written: city_id,
        acting_user=None,
        submission_keys={number: [str(answers.uuid)]},
        into=sheet,
    )
    attendance = Attendance.objects.get(
        engagement=engagement, source_file=SOURCE, row_number=number
    )
    arrival = Arrival.objects.create(
        check_in=check_in,
        uuid=answers.uuid,
        attendance=attendance,
        received_at=at,
        language=answers.language,
        consent_contact=answers.consent_contact,
        consent_photo=answers.consent_photo,
        consent_quote=answers.consent_quote,
        notice_version=answers.notice_version,
    )
    return arrival, True


# The hub's places as this process last read them, with the names they were read from: a rush
# at the door looks up a city for every submission, and indexing the names (folding each in
# every script) costs far more than reading them to see they are still the same.
_known: dict[tuple[str, ...], tuple[int, PlaceIndex]] = {}


def _places(hub: Hub) -> PlaceIndex:
    countries = tuple(hub.country_codes())
    names = hash(
        (
            tuple(
                LocalGovernment.objects.filter(country__in=countries)
                .order_by("pk")
                .values_list("pk", "country_id", "name", "name_cyrillic", "name_albanian")
            ),
            tuple(
                PlaceName.objects.filter(city__country__in=countries)
                .order_by("pk")
                .values_list("city_id", "name")
            ),
        )
    )
    seen, index = _known.get(countries, (0, None))
    if index is None or seen != names:
        index = known_places(countries)
        _known[countries] = (names, index)
    return index


@transaction.atomic
def resolve_arrivals(hub: Hub) -> int:
    """Resolve the hub's people if arrivals wait for it, as an import does (resolve_hub), and
    record on each arrival's person the consents it gave. Returns the arrivals resolved: 0
    when a resolution before this one took them all (a rush's tasks find little to do)."""
    # One resolution of a hub at a time: two at once could each make a person of one newcomer.
    Hub.objects.select_for_update().filter(pk=hub.pk).first()
    waiting = list(
        Arrival.objects.filter(
            check_in__engagement__hub=hub, resolved_at__isnull=True, attendance__isnull=False
        ).select_related("attendance", "check_in__engagement")
    )
    if not waiting:
        return 0
    resolve_hub(hub)
    people = dict(
        Attendance.objects.filter(pk__in=[a.attendance_id for a in waiting]).values_list(
            "pk", "person_id"
        )
    )
    for arrival in waiting:
        if arrival.attendance_id and (person_id := people.get(arrival.attendance_id)):
            _record_consent(person_id, arrival, arrival.check_in.engagement)
    Arrival.objects.filter(pk__in=[a.pk for a in waiting]).update(resolved_at=timezone.now())
    return len(waiting)


def _record_consent(person_id: int, arrival: Arrival, engagement: Engagement) -> None:
    """The consents ticked, added to the person's with the day, the time and the notice's
    version (network.consents)."""
    at = arrival.received_at.astimezone(dt.UTC)
    give_consents(
        person_id,
        [f for f in CONSENTS if getattr(arrival, f)],
        on=timezone.localdate(arrival.received_at),
        how=(
            f"check-in {engagement.key} {at:%Y-%m-%d %H:%M} UTC, "
            f"privacy notice {arrival.notice_version}"
        ),
        reason="check-in",
    )


@records_acting_user
@transaction.atomic
def remove_arrival(arrival: Arrival, *, acting_user: User | None) -> None:
    """Remove a submission as spam: its attendance row goes and the hub is resolved again; the
    arrival stays (without its row) so a retry of the same submission stays out."""
    if arrival.removed_at is not None:
        return
    hub = Hub.objects.select_for_update().get(pk=arrival.check_in.engagement.hub_id)
    if arrival.attendance_id is not None:
        Attendance.objects.filter(pk=arrival.attendance_id).delete()
    arrival.attendance = None
    arrival.removed_at = timezone.now()
    arrival.removed_by = acting_user
    arrival.save(update_fields=["attendance", "removed_at", "removed_by"])
    resolve_hub(hub)
