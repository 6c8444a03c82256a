"""Hubs, countries, local governments and memberships, organisations, people and positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
from citybridge.lib.language_names import territory_name
from citybridge.lib.text import collation_key, fold
from citybridge.lib.translations import Said, text_in, vocabulary_name
from citybridge.network import vocabulary


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name in the reader's language for the region's countries, else as recorded; Kosovo
        carries the designation footnote marker wherever countries are listed."""
        return (
            region_country_names().get(self.code)
            or territory_name(self.code)
            or (f"{self.name}*" if self.code == "XK" else self.name)
        )


def region_country_names() -> dict[str, str]:
    """The region's countries in the active language, by ISO code."""
    return {
        "AL": pgettext("country", "Albania"),
        "BA": pgettext("country", "Bosnia and Herzegovina"),
        "XK": pgettext("country", "Kosovo*"),
        "ME": pgettext("country", "Montenegro"),
        "MK": pgettext("country", "North Macedonia"),
        "RS": pgettext("country", "Serbia"),
    }


def in_reader_order(countries: Iterable[Country]) -> list[Country]:
    """Countries in the order of their names in the reader's language ("Албанија, Босна и
    Херцеговина, Косово*, Северна Македонија, Србија, Црна Гора" on a Serbian page), not the
    recorded English names' order."""
    return sorted(countries, key=lambda country: collation_key(country.public_name))


KOSOVO_FOOTNOTE = _(
    "*This designation is without prejudice to positions on status, and is in line with "
    "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence."
)


class Hub(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    countries = models.ManyToManyField(
        Country, related_name="hubs", verbose_name=_("jurisdictions")
    )
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    mission = models.TextField(_("mission"), blank=True)
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_(
            'The region as the brief\'s title names it, e.g. "the Western Balkans" in '
            '"Delivering impact in the Western Balkans".'
        ),
    )
    head_name = models.CharField(_("head of hub"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language of pages for people who have not chosen one and whose browser asks "
            "for none of CityBridge's languages."
        ),
    )
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("sign out after (minutes without activity)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
        help_text=_("Between 5 and 720 minutes. Applies to everyone with a role in this hub."),
    )
    # The name, region and mission in other languages (lib.translations).
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name

    def country_codes(self) -> list[str]:
        return sorted(c.code for c in self.countries.all())

    def adopt(self, record: models.Model) -> None:
        """Make `record` this hub's before it is saved: a new record joins the hub; a saved one
        must already be of it, as a save never moves a record to another hub."""
        if record.pk is None:
            record.hub = self  # type: ignore[attr-defined]
        elif record.hub_id != self.pk:  # type: ignore[attr-defined]
            raise ValueError(f"{record._meta.label} {record.pk} is of another hub than {self}.")

    def text(self, field: str, lang: str | None = None) -> Said:
        """The hub's name, region or mission in `lang` (the page's language when None), else
        in its default language."""
        return text_in(self, field, lang, self.default_language)

    @property
    def local_name(self) -> Said:
        """The hub's name in the page's language, as pages show it."""
        return self.text("name")

    @property
    def local_mission(self) -> Said:
        return self.text("mission")


class ThemeQuerySet(models.QuerySet["Theme"]):
    def of_hub(self, hub: Hub) -> ThemeQuerySet:
        """The shared taxonomy and the hub's own themes: never another hub's."""
        return self.filter(Q(hub__isnull=True) | Q(hub=hub))


class Theme(models.Model):
    """The shared taxonomy; a hub may extend it with its own themes."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, null=True, blank=True, related_name="own_themes"
    )
    # A hub's own theme in other languages: {"sq": {"name": "…"}} (lib.translations).
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> Said:
        """The name in the reader's language (seeded themes by the catalogs)."""
        fallback = self.hub.default_language if self.hub_id else None  # type: ignore[union-attr]
        return vocabulary_name(self, vocabulary.THEMES, fallback)

    @staticmethod
    def label_of(name: str, translations: dict | None, hub_language: str | None) -> Said:
        """`label` of a theme read as values (its name, translations and its hub's default
        language), for a count that names its themes without reading them again."""
        theme = Theme(name=name, translations=translations or {})
        return vocabulary_name(theme, vocabulary.THEMES, hub_language)


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acknowledgement = models.TextField(
        _("acknowledgement"),
        blank=True,
        help_text=_("The sentence that thanks this funder at the end of a brief."),
    )
    # The acknowledgement in other languages: {"sq": {"acknowledgement": "…"}}.
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name


class LocalGovernmentQuerySet(models.QuerySet["LocalGovernment"]):
    def visible_to(self, user) -> LocalGovernmentQuerySet:
        """Cities are public knowledge within the user's hubs; nothing outside them."""
        return self.filter(country__hubs__in=scope_of(user).hubs).distinct()

    def of_hub(self, hub: Hub) -> LocalGovernmentQuerySet:
        return self.filter(country__hubs=hub)

    def members_on(self, day: dt.date) -> LocalGovernmentQuerySet:
        return self.filter(
            Q(memberships__joined_on__lte=day)
            & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=day))
        ).distinct()

    def search(self, text: str) -> LocalGovernmentQuerySet:
        key = fold(text)
        return self.filter(Q(name_key__contains=key) | Q(place_names__key__contains=key)).distinct()


class LocalGovernment(models.Model):
    """A city, municipality or district: the unit the hub serves."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        MUNICIPALITY = "municipality", _("Municipality")
        DISTRICT = "district", _("District")

    name = models.CharField(_("name (Latin)"), max_length=150)
    name_cyrillic = models.CharField(_("name (Cyrillic)"), max_length=150, blank=True)
    name_albanian = models.CharField(_("name (Albanian)"), max_length=150, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="local_governments",
        verbose_name=_("country"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    geonameid = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Denormalised fold(name): serves the city search across scripts and diacritics, and the
    # order of city lists (Meta.ordering).
    name_key = models.CharField(max_length=150, editable=False, db_index=True)
    # The optimistic lock of network.versions: each edit through the save action claims the next.
    version = models.PositiveIntegerField(default=1)

    objects = LocalGovernmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        # Folded, so "Ниш" sorts beside "Nis" and "Čačak" among the Cs, whatever the script.
        ordering = ["name_key"]
        verbose_name = _("local government")
        verbose_name_plural = _("local governments")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name_key"], name="local_government_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    def all_names(self) -> list[str]:
        return [n for n in (self.name, self.name_cyrillic, self.name_albanian) if n]

    def is_member_on(self, day: dt.date) -> bool:
        return any(m.is_active_on(day) for m in self.memberships.all())


class PlaceName(models.Model):
    """Another way a local government is written (gazetteer alternates, partners' spellings)."""

    city = models.ForeignKey(LocalGovernment, on_delete=models.CASCADE, related_name="place_names")
    name = models.CharField(max_length=150)
    # fold(name): serves place resolution in imports and the city search.
    key = models.CharField(max_length=150, db_index=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["city", "key"], name="place_name_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A local government's membership of the network, from joined to (maybe) left."""

    city = models.ForeignKey(LocalGovernment, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["joined_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="membership_left_after_joined",
            )
        ]

    def __str__(self) -> str:
        return f"{self.city}: {self.joined_on}–{self.left_on or ''}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)

    def overlaps(self, other: Membership) -> bool:
        far = dt.date.max
        return self.joined_on < (other.left_on or far) and other.joined_on < (self.left_on or far)

    def clean(self) -> None:
        if self.left_on and self.left_on <= self.joined_on:
            raise ValidationError(
                {"left_on": _("The date it left must be after the date it joined.")}
            )
        if self.city_id:
            siblings = Membership.objects.filter(city_id=self.city_id)
            if any(self.overlaps(m) for m in siblings.exclude(pk=self.pk)):
                raise ValidationError(
                    _(
                        "This city is already a member during these dates. Edit that membership instead."
                    )
                )


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def of_hub(self, hub: Hub) -> OrganisationQuerySet:
        """Organisations of the hub's jurisdictions, and the international ones every hub works
        with."""
        return self.filter(
            Q(country__in=hub.countries.all()) | Q(kind=Organisation.Kind.INTERNATIONAL)
        )

    def governments_of(self, hub: Hub) -> OrganisationQuerySet:
        """The national, entity and local government offices of the hub's countries: who
        receives or gives a support action beside a city."""
        return self.filter(
            kind__in=[Organisation.Kind.GOVERNMENT, Organisation.Kind.LOCAL_GOVERNMENT],
            country__in=hub.countries.all(),
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Local government office")
        GOVERNMENT = "government", _("National or entity government")
        POLICE = "police", _("Police")
        SOCIAL_SERVICES = "social_services", _("Social services")
        SCHOOL = "school", _("School or university")
        RELIGIOUS = "religious", _("Religious community")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        INTERNATIONAL = "international", _("International organisation")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    # fold(name): serves matching organisations written in several scripts on import.
    name_key = models.CharField(max_length=250, editable=False, db_index=True)

    objects = OrganisationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)


class RoleKind(models.TextChoices):
    """The role vocabulary that sheets' role cells are normalised into (citybridge.lib.roles)."""

    MAYOR = "mayor", _("Mayor")
    DEPUTY_MAYOR = "deputy_mayor", _("Deputy mayor")
    COUNCIL_CHAIR = "council_chair", _("Chair of the municipal assembly/council")
    DISTRICT_HEAD = "district_head", _("Head of a district government")
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal official")
    POLICE = "police", _("Police")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    TEACHER = "teacher", _("Teacher")
    RELIGIOUS_LEADER = "religious_leader", _("Religious leader")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    YOUTH = "youth", _("Youth")
    NATIONAL_OFFICIAL = "national_official", _("National official")
    INTERNATIONAL = "international", _("International partner")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


LOCAL_LEADER_ROLES = frozenset(
    {RoleKind.MAYOR, RoleKind.DEPUTY_MAYOR, RoleKind.COUNCIL_CHAIR, RoleKind.DISTRICT_HEAD}
)
# The same in one fixed order, for a query that must be written as the partial index it reads
# (engagement's attendance_leader_engagement): SQLite matches an IN list term by term, and a
# frozenset's order changes from one process to the next.
LOCAL_LEADER_ROLE_LIST = tuple(sorted(LOCAL_LEADER_ROLES))


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "", _("Not stated")


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user) -> PersonQuerySet:
        """Hub staff see the hub's people; a focal point the people of their own city (the others
        at their city's engagements only as counts: engagement.models.participant_counts);
        everyone else sees no one."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id, city__in=cities)
        return self.filter(q)

    def of_hub(self, hub: Hub) -> PersonQuerySet:
        return self.filter(hub=hub)

    def search(self, text: str) -> PersonQuerySet:
        q = Q()
        for token in fold(text).split():
            q &= Q(name_key__contains=token)
        return self.filter(q)


class Person(models.Model):
    """A stakeholder the hub engages. Personal data: reach it only through scoped lookups."""

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("city"),
    )
    notes = models.TextField(_("notes"), blank=True)
    consent_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    consent_quote = models.BooleanField(_("agreed to have a quote published"), default=False)
    consent_photo = models.BooleanField(_("agreed to have a photo used"), default=False)
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    consent_how = models.CharField(_("how consent was given"), max_length=200, blank=True)
    is_pseudonymised = models.BooleanField(default=False, editable=False)
    # Created by resolution from sign-in sheets (not by hand): resolution may retire it when a
    # merge leaves it without records.
    from_import = models.BooleanField(default=False, editable=False)
    # fold(full_name): serves the people search across scripts and diacritics, and the order of
    # people lists (Meta.ordering).
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The optimistic lock of network.versions: each edit through the save action claims the next.
    version = models.PositiveIntegerField(default=1)

    objects = PersonQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        # Folded, so "Гордана" sorts beside "Gordana", not after Z.
        ordering = ["name_key"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The hub home's stamp of the records (reports.dashboard.records_state): the hub's
            # latest edit and its number of people, from this index alone rather than from
            # each of a large hub's 20,000 rows (16 ms of every visit of the home without it).
            models.Index(fields=["hub", "updated_at"], name="person_hub_updated"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.name_key = fold(self.full_name)
        super().save(*args, **kwargs)


class Position(models.Model):
    """A role a person held, from when to when; the official who becomes mayor gets a new one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(_("role"), max_length=30, choices=RoleKind.choices)
    title = models.CharField(_("title as written"), max_length=200, blank=True)
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["started_on"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="position_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"

    @property
    def is_local_leader(self) -> bool:
        return self.role in LOCAL_LEADER_ROLES

    def is_held_on(self, day: dt.date) -> bool:
        started = self.started_on is None or self.started_on <= day
        return started and (self.ended_on is None or self.ended_on >= day)


class PrivacyNotice(models.Model):
    """One version of a hub's privacy notice as its admins wrote it, in each language they
    wrote it in; each edit is a new version, and the version a participant was shown is
    stamped on the consents they gave (network.notice)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="privacy_notices")
    number = models.PositiveIntegerField()
    # {language code: the notice, paragraphs separated by a blank line}; a language without
    # one shows the product's notice (network.notice).
    texts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["hub", "-number"]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        constraints = [
            models.UniqueConstraint(fields=["hub", "number"], name="privacy_notice_number")
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def version(self) -> str:
        """As stamped on consents ("hub-3 2026-12-07"): the hub's third, written that day; the
        product's own notice is a day alone (network.notice.NOTICE_VERSION)."""
        return f"hub-{self.number} {self.created_at:%Y-%m-%d}"
