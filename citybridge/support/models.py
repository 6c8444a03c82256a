"""Support to cities: the Expert Pool, support actions, mechanisms and action plans."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.full_name


CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


class SupportActionQuerySet(models.QuerySet["SupportAction"]):
    def visible_to(self, user) -> SupportActionQuerySet:
        """Hub staff see the hub's support; a focal point the support their city received or gave
        as a peer; an expert the actions they are deployed on. Donors see no rows, only the
        pipeline's numbers."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id) & (
                Q(city__in=cities) | Q(organisation__city__in=cities) | Q(peer_cities__in=cities)
            )
        if scope.expert_hubs:
            q |= Q(hub__in=scope.expert_hubs) & Q(experts__user=user)
        return self.filter(q).distinct()

    def of_hub(self, hub: Hub) -> SupportActionQuerySet:
        return self.filter(hub=hub)

    def not_withdrawn(self) -> SupportActionQuerySet:
        """The support on record: what every count, list, pipeline, figure and brief uses. A
        withdrawn action (recorded by mistake) stays, with who withdrew it and why, on its own
        page and on the needs it named."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self) -> SupportActionQuerySet:
        return self.filter(withdrawn_at__isnull=False)

    def received_by(self, city: LocalGovernment) -> SupportActionQuerySet:
        """Support to the city itself or to its own government offices."""
        return self.filter(Q(city=city) | Q(organisation__city=city)).distinct()

    def starting_between(self, start: dt.date | None, end: dt.date | None) -> SupportActionQuerySet:
        """Actions that started within [start, end]; an action without a start date counts by the
        day it was recorded."""
        qs = self
        if start:
            qs = qs.filter(
                Q(starts_on__gte=start) | Q(starts_on__isnull=True, created_at__date__gte=start)
            )
        if end:
            qs = qs.filter(
                Q(starts_on__lte=end) | Q(starts_on__isnull=True, created_at__date__lte=end)
            )
        return qs


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
    needs = models.ManyToManyField(
        Need, blank=True, related_name="support_actions", verbose_name=_("needs it answers")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="support_actions", verbose_name=_("themes")
    )
    experts = models.ManyToManyField(
        Expert, blank=True, related_name="deployments", verbose_name=_("experts deployed")
    )
    peer_cities = models.ManyToManyField(
        LocalGovernment, blank=True, related_name="peer_support", verbose_name=_("peer cities")
    )
    engagements = models.ManyToManyField(
        Engagement,
        blank=True,
        related_name="support_actions",
        verbose_name=_("engagements it produced"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    funder = models.ForeignKey(
        Funder, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("funder")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    amount = models.DecimalField(
        _("grant amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO code, e.g. EUR.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A record made by mistake is withdrawn, never deleted: when, by whom and why
    # (support.actions.withdraw_support_action). Every count leaves it out (not_withdrawn).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    # The needs this action moved from open to being addressed (support.actions.answer_need):
    # withdrawing the action puts them back.
    moved_needs = models.ManyToManyField(
        Need, blank=True, related_name="moved_by_support", verbose_name=_("needs it moved")
    )

    objects = SupportActionQuerySet.as_manager()

    # The workflow: where each status may move next. Completed, declined and cancelled are final.
    WORKFLOW: dict[str, tuple[str, ...]] = {
        Status.REQUESTED: (Status.APPROVED, Status.DECLINED, Status.CANCELLED),
        Status.APPROVED: (Status.IN_PROGRESS, Status.CANCELLED),
        Status.IN_PROGRESS: (Status.COMPLETED, Status.CANCELLED),
        Status.COMPLETED: (),
        Status.DECLINED: (),
        Status.CANCELLED: (),
    }
    # Where the workflow ends.
    FINAL = tuple(status for status, after in WORKFLOW.items() if not after)
    # Support that never took place: left out of what the city's story, the brief and matching
    # tell about a city.
    NOT_HAPPENED = (Status.DECLINED, Status.CANCELLED)
    # Statuses whose grant amount counts as committed in the pipeline.
    COMMITTED = (Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED)

    history = HistoricalRecords()

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

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if not self.city_id and not self.organisation_id:
            errors["city"] = _("Choose the city or the government that is supported.")
        if self.currency:
            self.currency = self.currency.strip().upper()
        if self.amount is not None:
            if self.kind and self.kind != self.Kind.GRANT:
                errors["amount"] = _("Only a Technical Support Fund grant has an amount.")
            elif self.amount <= 0:
                errors["amount"] = _("The amount must be more than zero.")
            elif not self.currency:
                errors["currency"] = _("Enter the currency of the amount, e.g. EUR.")
        if self.currency and not CURRENCY_CODE.match(self.currency):
            errors["currency"] = _("Enter a three-letter currency code, e.g. EUR.")
        elif self.currency and self.amount is None:
            errors["amount"] = _("Enter the amount, or leave the currency empty.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date must be on or after the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def recipient(self) -> LocalGovernment | Organisation | None:
        return self.city or self.organisation

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_final(self) -> bool:
        """Nothing more happens to it: a final status, or withdrawn."""
        return self.is_withdrawn or self.status in self.FINAL

    def next_statuses(self) -> list[tuple[str, str]]:
        """The moves the workflow allows from the current status, as (value, label)."""
        if self.is_withdrawn:
            return []
        return [(s, str(self.Status(s).label)) for s in self.WORKFLOW[self.status]]

    def can_move_to(self, status: str) -> bool:
        return not self.is_withdrawn and status in self.WORKFLOW.get(self.status, ())

    def workflow_error(self, status: str) -> str | None:
        """Why the workflow refuses a move to `status`, in words; None when it allows it."""
        if self.can_move_to(status):
            return None
        current = self.get_status_display()
        target = str(dict(self.Status.choices).get(status, status))
        if self.is_withdrawn:
            return str(_("This support action was withdrawn: its status no longer moves."))
        if self.is_final:
            return _(
                "This support action is %(current)s: that is final, so it cannot move to "
                "%(target)s."
            ) % {"current": current, "target": target}
        allowed = ", ".join(label for _value, label in self.next_statuses())
        return _(
            "A support action that is %(current)s cannot move to %(target)s. "
            "From %(current)s it can move to: %(allowed)s."
        ) % {"current": current, "target": target, "allowed": allowed}

    def disbursed(self) -> Decimal:
        total = self.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        return Decimal(total).quantize(Decimal("0.01"))

    def remaining(self) -> Decimal | None:
        return None if self.amount is None else self.amount - self.disbursed()


class StatusChange(models.Model):
    """One move of a support action's status: who made it, when, why. Never edited."""

    action = models.ForeignKey(
        SupportAction, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=SupportAction.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SupportAction.Status.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    # The day the move took effect, which may precede the day it was recorded (changed_at).
    effective_on = models.DateField(_("took effect on"), default=timezone.localdate)

    class Meta:
        ordering = ["effective_on", "changed_at"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status or '—'} → {self.to_status}"


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def visible_to(self, user) -> MilestoneQuerySet:
        return self.filter(action__in=SupportAction.objects.visible_to(user))

    def of_hub(self, hub: Hub) -> MilestoneQuerySet:
        return self.filter(action__hub=hub)

    def open(self) -> MilestoneQuerySet:
        """Not done, on an action that is still going (not completed, declined, cancelled or
        withdrawn)."""
        return self.filter(done_on__isnull=True, action__withdrawn_at__isnull=True).exclude(
            action__status__in=SupportAction.FINAL
        )

    def overdue(self, *, on: dt.date) -> MilestoneQuerySet:
        """Open milestones due before `on`: the overdue work the hub home lists."""
        return self.open().filter(due_on__lt=on)


class Milestone(models.Model):
    action = models.ForeignKey(SupportAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        indexes = [
            # Overdue work on the hub home: open milestones by due date.
            models.Index(fields=["done_on", "due_on"], name="milestone_open_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        start = self.action.starts_on if self.action_id else None
        if start and self.due_on and self.due_on < start:
            raise ValidationError(
                {
                    "due_on": _("A milestone cannot be due before the action starts (%(start)s).")
                    % {"start": date_format(start)}
                }
            )
        if self.done_on and start and self.done_on < start:
            raise ValidationError(
                {"done_on": _("A milestone cannot be done before the action starts.")}
            )

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.done_on is None and self.due_on < day and not self.action.is_final


class Disbursement(models.Model):
    action = models.ForeignKey(
        SupportAction, on_delete=models.CASCADE, related_name="disbursements"
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.action.currency} ({self.paid_on})"

    def clean(self) -> None:
        action = self.action
        if action.amount is None:
            raise ValidationError(
                _(
                    "Only a grant with an amount can have disbursements. "
                    "Enter the grant amount first."
                )
            )
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("The amount must be more than zero.")})
        if self.amount is not None:
            others = action.disbursements.exclude(pk=self.pk).aggregate(total=Sum("amount"))
            if (others["total"] or 0) + self.amount > action.amount:
                raise ValidationError(
                    {
                        "amount": _(
                            "This would pay out more than the grant: %(paid)s of %(amount)s "
                            "%(currency)s is already disbursed."
                        )
                        % {
                            "paid": others["total"] or 0,
                            "amount": action.amount,
                            "currency": action.currency,
                        }
                    }
                )
        if self.paid_on and action.starts_on and self.paid_on < action.starts_on:
            raise ValidationError(
                {"paid_on": _("A disbursement cannot be paid before the action starts.")}
            )


class MechanismQuerySet(models.QuerySet["Mechanism"]):
    def visible_to(self, user) -> MechanismQuerySet:
        """About a city, not people: every member of the city's hub may see it."""
        return self.filter(city__country__hubs__in=scope_of(user).hubs).distinct()

    def of_hub(self, hub: Hub) -> MechanismQuerySet:
        return self.filter(city__country__hubs=hub)


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

    city = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="mechanisms", verbose_name=_("city")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    support_actions = models.ManyToManyField(
        SupportAction,
        blank=True,
        related_name="mechanisms",
        verbose_name=_("support that helped"),
    )

    objects = MechanismQuerySet.as_manager()

    STAGE_ORDER = [s.value for s in Stage]

    history = HistoricalRecords()

    class Meta:
        ordering = ["city__name", "kind"]
        verbose_name = _("multi-actor mechanism")
        verbose_name_plural = _("multi-actor mechanisms")

    def __str__(self) -> str:
        return self.name or f"{self.get_kind_display()} {self.city}"

    def current_stage(self, on: dt.date | None = None) -> MechanismStage | None:
        """The furthest stage reached (by `on`, when given)."""
        reached = [s for s in self.stages.all() if on is None or s.reached_on <= on]
        return max(reached, key=lambda s: self.STAGE_ORDER.index(s.stage), default=None)


class MechanismStage(models.Model):
    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=Mechanism.Stage.choices)
    reached_on = models.DateField(_("reached on"))
    evidence = models.TextField(
        _("evidence"),
        help_text=_("What shows it: the legal act, minutes of meetings, the budget line."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["reached_on"]
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "stage"], name="mechanism_stage_once")
        ]

    def __str__(self) -> str:
        return f"{self.mechanism}: {self.get_stage_display()} ({self.reached_on})"

    def clean(self) -> None:
        if not self.mechanism_id or not self.stage or not self.reached_on:
            return
        order = Mechanism.STAGE_ORDER
        others = self.mechanism.stages.exclude(pk=self.pk)
        if others.filter(stage=self.stage).exists():
            raise ValidationError(
                {"stage": _("This stage is already recorded for this mechanism.")}
            )
        for other in others:
            earlier = order.index(other.stage) < order.index(self.stage)
            if earlier and other.reached_on > self.reached_on:
                raise ValidationError(
                    {
                        "reached_on": _(
                            "It was %(other)s on %(day)s: a later stage cannot come before it."
                        )
                        % {"other": other.get_stage_display(), "day": date_format(other.reached_on)}
                    }
                )
            if not earlier and other.reached_on < self.reached_on:
                raise ValidationError(
                    {
                        "reached_on": _(
                            "It was already %(other)s on %(day)s: an earlier stage cannot come "
                            "after it."
                        )
                        % {"other": other.get_stage_display(), "day": date_format(other.reached_on)}
                    }
                )


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def visible_to(self, user) -> ActionPlanQuerySet:
        """Plans are public documents of governments: every member of the hub may see them."""
        return self.filter(hub__in=scope_of(user).hubs)

    def of_hub(self, hub: Hub) -> ActionPlanQuerySet:
        return self.filter(hub=hub)


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
        verbose_name=_("city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("government"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    support_actions = models.ManyToManyField(
        SupportAction, blank=True, related_name="action_plans", verbose_name=_("support given")
    )

    objects = ActionPlanQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False) | Q(organisation__isnull=False),
                name="action_plan_has_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.city_id and not self.organisation_id:
            raise ValidationError(
                {"city": _("Choose the city or the government whose plan this is.")}
            )
        if self.status != self.Status.DRAFTING and not self.adopted_on:
            raise ValidationError({"adopted_on": _("Enter when the plan was adopted.")})

    @property
    def owner(self) -> LocalGovernment | Organisation | None:
        return self.city or self.organisation
