"""Engagements the hub convenes or joins, and the attendance records of their sign-in sheets."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
from citybridge.network.models import (
    LOCAL_LEADER_ROLE_LIST,
    Country,
    Funder,
    Hub,
    LocalGovernment,
    Person,
    RoleKind,
    Theme,
)


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def visible_to(self, user) -> EngagementQuerySet:
        """Hub staff see the hub's engagements; a focal point those their city took part in."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id) & (Q(host_city__in=cities) | Q(participating_cities__in=cities))
        return self.filter(q).distinct()

    def of_hub(self, hub: Hub) -> EngagementQuerySet:
        return self.filter(hub=hub)

    def between(self, start: dt.date | None, end: dt.date | None) -> EngagementQuerySet:
        """Engagements that started within [start, end] (either bound may be open)."""
        qs = self
        if start:
            qs = qs.filter(starts_on__gte=start)
        if end:
            qs = qs.filter(starts_on__lte=end)
        return qs

    def involving(self, city: LocalGovernment) -> EngagementQuerySet:
        return self.filter(Q(host_city=city) | Q(participating_cities=city)).distinct()


class Engagement(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        WORKSHOP = "workshop", _("Workshop")
        ROUNDTABLE = "roundtable", _("Roundtable")
        LEARNING_EXCHANGE = "learning_exchange", _("Learning exchange")
        TRAINING = "training", _("Training")
        SUMMIT = "summit", _("Summit")
        WEBINAR = "webinar", _("Webinar")
        TECHNICAL_MEETING = "technical_meeting", _("Technical meeting")
        CONVENING = "convening", _("Convening")
        OTHER = "other", _("Other")

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="engagements")
    key = models.CharField(
        _("key"),
        max_length=40,
        help_text=_(
            "A short code for imports, e.g. E012. An attendance sheet named E012.csv belongs here."
        ),
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Venue or city as it should be printed."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("country")
    )
    host_city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_engagements",
        verbose_name=_("host city"),
    )
    participating_cities = models.ManyToManyField(
        LocalGovernment,
        blank=True,
        related_name="engagements",
        verbose_name=_("participating cities"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="engagements", verbose_name=_("themes")
    )
    funder = models.ForeignKey(
        Funder, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("funder")
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The optimistic lock of network.versions: each edit through the save action claims the next.
    version = models.PositiveIntegerField(default=1)

    objects = EngagementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(fields=["hub", "key"], name="engagement_key_unique_in_hub"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="engagement_ends_after_start"
            ),
        ]
        indexes = [
            # The key figures select a hub's engagements by date.
            models.Index(fields=["hub", "starts_on"], name="engagement_hub_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must be on or after the start date.")}
            )


class Sheet(models.Model):
    """One imported sign-in sheet: the file's name and fingerprint, so a re-import changes nothing."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sheets")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    encoding = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "file_name"], name="sheet_file_unique_per_engagement"
            )
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def format_label(self) -> str:
        """The file's format as the engagement page names it: "XLSX", or a CSV with the text
        encoding it was read in ("CSV, Windows-1250"), so an officer can tell which file of a
        partner's it was."""
        encoding = self.encoding.lower()
        if encoding in CSV_ENCODINGS:
            return gettext("CSV, %(encoding)s") % {"encoding": CSV_ENCODINGS[encoding]}
        if encoding:
            return encoding.upper()
        return self.file_name.rpartition(".")[2].upper() if "." in self.file_name else ""


# The encodings lib.spreadsheets reads a CSV in (Sheet.encoding), by their everyday names.
CSV_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
}


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def visible_to(self, user) -> AttendanceQuerySet:
        """Rows of sheets carry names: only hub staff, and a focal point the rows of their own
        city's people (the row's person's city; an unresolved row's own city) at the engagements
        their city took part in. The other rows reach them only as `participant_counts`."""
        scope = scope_of(user)
        q = Q(engagement__hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= (
                Q(engagement__hub_id=hub_id)
                & (
                    Q(engagement__host_city__in=cities)
                    | Q(engagement__participating_cities__in=cities)
                )
                & (Q(person__city__in=cities) | Q(person__isnull=True, resolved_city__in=cities))
            )
        return self.filter(q).distinct()

    def participant_counts(self) -> list[dict]:
        """The rows as counts by city and role (the person's, else the row's): how a focal point
        sees the other participants of an engagement, without a name or a contact."""
        return list(
            self.annotate(city_name=Coalesce("person__city__name", "resolved_city__name"))
            .order_by()
            .values("city_name", "role_kind")
            .annotate(n=Count("pk"))
            .order_by("city_name", "role_kind")
        )

    def of_hub(self, hub: Hub) -> AttendanceQuerySet:
        return self.filter(engagement__hub=hub)

    def between(self, start: dt.date | None, end: dt.date | None) -> AttendanceQuerySet:
        qs = self
        if start:
            qs = qs.filter(engagement__starts_on__gte=start)
        if end:
            qs = qs.filter(engagement__starts_on__lte=end)
        return qs


class Attendance(models.Model):
    """One row of a sign-in sheet, exactly as written: evidence, never rewritten, but for one
    case: a submission of a form tool (KoboToolbox, ODK) that was corrected on the tool's server
    is rewritten in place when a newer export is imported (its history keeps the earlier
    version, with the reason "re-sync").

    Resolution links it to a person; a human can correct that link.
    """

    class Link(models.TextChoices):
        AUTOMATIC = "automatic", _("Linked automatically")
        CONFIRMED = "confirmed", _("Confirmed by a person")
        MANUAL = "manual", _("Entered by hand")

    # No index of its own either: attendance_row_unique and attendance_engagement_person lead
    # with it. Each index is one more b-tree to write for every stored row.
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="attendances", db_index=False
    )
    sheet = models.ForeignKey(
        Sheet, on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    source_file = models.CharField(_("source file"), max_length=255)
    row_number = models.PositiveIntegerField(
        _("row"), help_text=_("1-based, the first row under the header.")
    )
    cells = models.JSONField(_("cells as written"), default=dict)
    full_name = models.CharField(_("name as written"), max_length=250)
    # Filled only when the sheet has separate given/family columns: which part is which is evidence.
    given_name = models.CharField(_("given name as written"), max_length=150, blank=True)
    family_name = models.CharField(_("family name as written"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation as written"), max_length=250, blank=True)
    role = models.CharField(_("role as written"), max_length=250, blank=True)
    city = models.CharField(_("city as written"), max_length=150, blank=True)
    email = models.CharField(_("e-mail as written"), max_length=250, blank=True)
    gender = models.CharField(_("gender as written"), max_length=20, blank=True)
    role_kind = models.CharField(_("role"), max_length=30, choices=RoleKind.choices, blank=True)
    # The city the row was resolved to (`city` above is the cell as written, like every bare
    # field of this model).
    resolved_city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("city"),
    )
    # No index of its own: attendance_person_engagement below leads with it and serves every
    # look-up by person. A third index holding person_id made resolution's writing of 100,000
    # rows' links (set_column) twice as slow on SQLite.
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
        db_index=False,
    )
    link = models.CharField(max_length=20, choices=Link.choices, default=Link.AUTOMATIC)
    # Every id the form tool gave the submission this row is (citybridge.lib.kobo
    # submission_keys: Kobo's `meta/rootUuid` and `_id`, ODK's `KEY`, this version's `_uuid`):
    # a re-import of a newer export finds its earlier rows by them. Empty for a paper sheet.
    # Read only when an export is imported, for the hub's rows that have any: no index.
    submission_keys = models.JSONField(_("submission ids"), default=list, blank=True)

    objects = AttendanceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "source_file", "row_number"]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "source_file", "row_number"], name="attendance_row_unique"
            )
        ]
        indexes = [
            # Key figures: distinct persons among a hub's attendance in a period.
            models.Index(fields=["person", "engagement"], name="attendance_person_engagement"),
            # Key figures, the hub home's charts and the brief: the persons (and the role on
            # the sheet) at a hub's engagements of a period, read from this index alone, without
            # touching the rows; on a hub of 200,000 records individuals_engaged went from 1.1 s
            # to 0.19 s with it.
            models.Index(
                fields=["engagement", "person", "role_kind"],
                name="attendance_engagement_person",
            ),
            # Key figures' leaders_engaged (the hub home counts it for two periods): the persons
            # named with a local leader's role on the sheet, read from these few entries instead
            # of every entry of the period in attendance_engagement_person (a year of one hub
            # of the 2M network: 23 -> 5 ms on PostgreSQL, 40 -> 17 ms on SQLite). With the
            # role too: SQLite reads it to test the condition again, from the row without it.
            models.Index(
                fields=["engagement", "person", "role_kind"],
                condition=Q(role_kind__in=LOCAL_LEADER_ROLE_LIST),
                name="attendance_leader_engagement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_file} row {self.row_number}"

    @property
    def is_local_leader(self) -> bool:
        from citybridge.network.models import LOCAL_LEADER_ROLES

        return self.role_kind in LOCAL_LEADER_ROLES


class LinkDecision(models.Model):
    """A person's verdict on two attendance records; re-applied on every later resolution."""

    class Verdict(models.TextChoices):
        SAME = "same", _("Same person")
        DIFFERENT = "different", _("Different people")

    first = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="link_decision_unique_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="link_decision_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} / {self.second_id}: {self.get_verdict_display()}"


class ReviewPair(models.Model):
    """Two records the resolver was unsure about, waiting for a hub officer's verdict."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="review_pairs")
    first = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    evidence = models.JSONField(default=list)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="review_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} / {self.second_id} ({self.score:.2f})"

    @property
    def likeness(self) -> tuple[str, str]:
        """How likely the two records are one person, in words, and a tag's class. The score
        is the engine's points through a logistic around the middle of review and link
        (citybridge.lib.resolution): a married name's question is 0.32, the queue's
        candidates start at 0.44, a pair just short of a link is 0.68."""
        if self.score >= 0.6:
            return str(_("likely one person")), "tag-ok"
        if self.score >= 0.4:
            return str(_("possibly one person")), "tag-warn"
        return str(_("less likely one person, worth a look")), ""


class ShortForm(models.Model):
    """An informal given name the hub's officers taught the resolver: their "same person" on
    two records written with it and with the full name ("Teja" / "Teodora"). Read by every
    later resolution of the hub like the lexicon's short forms; the decision is its evidence,
    and undoing the decision unlearns it."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="short_forms")
    short = models.CharField(_("short form"), max_length=150)  # folded
    full = models.CharField(_("full name"), max_length=150)  # folded
    decision = models.OneToOneField(
        LinkDecision, on_delete=models.CASCADE, related_name="short_form"
    )

    def __str__(self) -> str:
        return f"{self.short} = {self.full}"
