"""Users, the roles they hold in hubs, and the append-only log of who looked at personal data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class NameScript(models.TextChoices):
    """How a reader sees people's and places' names (citybridge.lib.scripts)."""

    AS_WRITTEN = "written", _("As written")
    LATIN = "latin", _("In Latin script")
    CYRILLIC = "cyrillic", _("In Cyrillic script")


class User(AbstractUser):
    """A person who signs in. What they may see comes only from their roles."""

    # Production refuses to start while a demonstration user exists (accounts.checks).
    is_demo = models.BooleanField(default=False, editable=False)
    # The interface language the user chose ('' until they choose: then the cookie, the browser
    # and their hub's default decide; network.middleware.LanguageMiddleware).
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    # The script people's and places' names are shown in (accounts.names); sorting never
    # depends on it: lists sort by the folded name.
    name_script = models.CharField(
        _("names"), max_length=10, default=NameScript.AS_WRITTEN, choices=NameScript.choices
    )
    # The weekly e-mail digest of an officer's or focal point's work (citybridge.mail), which
    # they may switch off under Preferences.
    weekly_digest = models.BooleanField(_("weekly digest by e-mail"), default=True)

    # Who changed a user's name, e-mail, flags or groups; never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.Model):
    """One role of a user in one hub; a user may hold roles in several hubs."""

    class Kind(models.TextChoices):
        HUB_ADMIN = "hub_admin", _("Hub admin")
        OFFICER = "officer", _("Hub officer")
        FOCAL_POINT = "focal_point", _("City focal point")
        EXPERT = "expert", _("Expert")
        DONOR = "donor", _("Donor viewer")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    city = models.ForeignKey(
        "network.LocalGovernment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="focal_roles",
        help_text=_("Only for a city focal point: the city they serve."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "hub", "kind", "city"], name="role_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="focal_point", city__isnull=False)
                | (~models.Q(kind="focal_point") & models.Q(city__isnull=True)),
                name="role_city_only_for_focal_point",
            ),
        ]

    def __str__(self) -> str:
        where = f" ({self.city})" if self.city_id else ""
        return f"{self.user} — {self.get_kind_display()}, {self.hub}{where}"

    @property
    def sees_people(self) -> bool:
        return self.kind != self.Kind.DONOR


class AppendOnly(Exception):
    """Raised on any attempt to change or delete a row of the access log."""


# The label of the network app's person model (accounts may not import network).
PERSON = "network.person"


class AppendOnlyQuerySet(models.QuerySet):
    """The access log's tables refuse bulk changes as their rows refuse single ones."""

    def update(self, **kwargs):
        raise AppendOnly("The access log is append-only.")

    def delete(self):
        raise AppendOnly("The access log is append-only.")


class AppendOnlyModel(models.Model):
    """A row written once: saving it again or deleting it raises AppendOnly."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The access log is append-only.")


class AccessLogQuerySet(AppendOnlyQuerySet):
    def about(self, obj: models.Model) -> AccessLogQuerySet:
        """The rows about `obj`; for a person, every look at them (`about_person`)."""
        if obj._meta.label_lower == PERSON:
            return self.about_person(obj.pk)
        return self.filter(object_type=obj._meta.label_lower, object_id=obj.pk)

    def about_person(self, person_id: int) -> AccessLogQuerySet:
        """Every row about the person or whose page, search or export showed them."""
        shown = PersonShown.objects.filter(person_id=person_id).values("entry")
        return self.filter(
            models.Q(object_type=PERSON, object_id=person_id) | models.Q(pk__in=shown)
        )


class AccessLog(AppendOnlyModel):
    """One look at (or change to) personal data: who, when, what kind of look, at which record.

    Append-only: rows are written by `citybridge.accounts.access_log.log_access` and never updated
    or deleted through the ORM. No row holds a name or searched text in clear: a search is kept
    as a keyed hash and its number of results, so the log itself never needs erasing.
    """

    class Action(models.TextChoices):
        PERSON_VIEWED = "person_viewed", _("Person viewed")
        PEOPLE_VIEWED = "people_viewed", _("People listed")
        PEOPLE_SEARCHED = "people_searched", _("People searched")
        EXPORT = "export", _("Personal data exported")
        IMPORT = "import", _("Attendance imported")
        MERGE = "merge", _("Records merged")
        SPLIT = "split", _("Records split")
        DECISION_UNDONE = "decision_undone", _("Merge or split undone")
        ERASURE = "erasure", _("Person erased")
        PSEUDONYMISATION = "pseudonymisation", _("Attendance pseudonymised")
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        MFA_ENROLLED = "mfa_enrolled", _("Second factor set up")
        MFA_FAILED = "mfa_failed", _("Second factor refused")
        MFA_RESET = "mfa_reset", _("Second factor reset")
        ROLE_CHANGED = "role_changed", _("Role changed")
        USER_ADDED = "user_added", _("User added")
        USER_DEACTIVATED = "user_deactivated", _("User deactivated")
        USER_REACTIVATED = "user_reactivated", _("User reactivated")
        PASSWORD_LINK = "password_link", _("Set-password link made")
        RESTORE = "restore", _("Database restored from a backup")

    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    hub = models.ForeignKey(
        "network.Hub", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The record looked at, as "app.model" and its id: ids are not names, and an erased person
    # keeps their id behind a pseudonym.
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    # Keyed hash of searched text or an attempted username: repeated searches can be matched,
    # the text cannot be read back.
    text_hash = models.CharField(max_length=64, blank=True)
    detail = models.CharField(
        _("detail"), max_length=100, blank=True, help_text=_("Never a name: a format, a verdict.")
    )

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        default_permissions = ("view",)
        indexes = [
            # The log page: a hub's rows, newest first, filtered by record or user.
            models.Index(fields=["hub", "at"], name="access_log_hub_at"),
            models.Index(fields=["object_type", "object_id"], name="access_log_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id or '-'} {self.action}"


class PersonShown(AppendOnlyModel):
    """One person that the page, search or export of an access-log row showed: the row is one
    per look, however many people it showed, and these say who they were."""

    entry = models.ForeignKey(AccessLog, on_delete=models.CASCADE, related_name="people")
    # An id, not a foreign key: the log outlives merges, and an erased person keeps their id
    # behind a pseudonym. Indexed for "who saw this person" (AccessLog.objects.about).
    person_id = models.PositiveBigIntegerField(db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("person shown")
        verbose_name_plural = _("people shown")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["entry", "person_id"], name="person_shown_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.person_id}"
