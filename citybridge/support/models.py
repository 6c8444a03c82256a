"""Support to cities: the Expert Pool, support actions, mechanisms and action plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Country, Funder, Hub, LocalGovernment, Organisation, Theme


class Expert(models.Model):
    """A member of the Expert Pool (personal data: scoped like people)."""

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="experts")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    bio = models.TextField(_("expertise"), blank=True)
    themes = models.ManyToManyField(Theme, related_name="experts", verbose_name=_("themes"))
    languages = models.CharField(
        _("languages"), max_length=100, help_text=_("Language codes, e.g. en, sr, sq.")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="experts", verbose_name=_("country experience")
    )
    available = models.BooleanField(_("available"), default=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.full_name


class SupportAction(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("Technical Support Fund grant")
        EXPERT = "expert", _("Expert Pool deployment")
        PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
        GUIDANCE = "guidance", _("Hub guidance")
        ACTION_PLAN = "action_plan", _("Action-plan support")
        POLICY_ADVICE = "policy_advice", _("Policy advice")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="support_actions")
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_actions",
        verbose_name=_("city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_actions",
        verbose_name=_("government"),
        help_text=_("When a government rather than a city is supported."),
    )
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField(Need, blank=True, related_name="support_actions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="support_actions")
    experts = models.ManyToManyField(Expert, blank=True, related_name="deployments")
    peer_cities = models.ManyToManyField(LocalGovernment, blank=True, related_name="peer_support")
    engagements = models.ManyToManyField(Engagement, blank=True, related_name="support_actions")
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    funder = models.ForeignKey(Funder, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    amount = models.DecimalField(
        _("grant amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("support action")
        verbose_name_plural = _("support actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False) | Q(organisation__isnull=False),
                name="support_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="support_amount_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    action = models.ForeignKey(
        SupportAction, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=SupportAction.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SupportAction.Status.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at"]


class Milestone(models.Model):
    action = models.ForeignKey(SupportAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [
            # Overdue work on the hub home: open milestones by due date.
            models.Index(fields=["done_on", "due_on"], name="milestone_open_due"),
        ]

    def __str__(self) -> str:
        return self.title


class Disbursement(models.Model):
    action = models.ForeignKey(
        SupportAction, on_delete=models.CASCADE, related_name="disbursements"
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))

    class Meta:
        ordering = ["paid_on"]


class Mechanism(models.Model):
    """A multi-actor prevention mechanism of a city, e.g. a Local Safety Council."""

    class Kind(models.TextChoices):
        LOCAL_SAFETY_COUNCIL = "local_safety_council", _("Local Safety Council")
        COMMUNITY_SAFETY_COUNCIL = "community_safety_council", _("Community safety council")
        PREVENTION_NETWORK = "prevention_network", _("Local prevention network")
        REFERRAL_MECHANISM = "referral_mechanism", _("Referral mechanism")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ESTABLISHED = "established", _("Established (legal act)")
        OPERATIONAL = "operational", _("Operational (meets regularly)")
        SUSTAINED = "sustained", _("Sustained (own budget line)")

    city = models.ForeignKey(LocalGovernment, on_delete=models.CASCADE, related_name="mechanisms")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("multi-actor mechanism")
        verbose_name_plural = _("multi-actor mechanisms")

    def __str__(self) -> str:
        return self.name or f"{self.get_kind_display()} {self.city}"


class MechanismStage(models.Model):
    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=Mechanism.Stage.choices)
    reached_on = models.DateField(_("reached on"))
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["reached_on"]
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "stage"], name="mechanism_stage_once")
        ]


class ActionPlan(models.Model):
    """A P/CVE action plan of a city or a government."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        ADOPTED = "adopted", _("Adopted")
        IMPLEMENTING = "implementing", _("Being implemented")
        EXPIRED = "expired", _("Expired")

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(_("title"), max_length=250)
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_plans",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="action_plans"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    support_actions = models.ManyToManyField(SupportAction, blank=True, related_name="action_plans")

    def __str__(self) -> str:
        return self.title
