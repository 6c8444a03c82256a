"""Users and the roles they hold in hubs."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see comes only from their roles."""

    # Production refuses to start while a demonstration user exists (accounts.checks).
    is_demo = models.BooleanField(default=False, editable=False)

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
