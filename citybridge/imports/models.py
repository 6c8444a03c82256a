"""What the hub's officers told the platform about partners' columns, remembered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citybridge.network.models import Hub


class ColumnChoiceQuerySet(models.QuerySet["ColumnChoice"]):
    def remembered(self, hub: Hub, kind: str) -> dict[str, str]:
        """{heading key: field, or "" for not used}: what the hub chose for this kind before."""
        return dict(self.filter(hub=hub, kind=kind).values_list("heading_key", "field"))


class ColumnChoice(models.Model):
    """An officer's answer to "which field does this column hold?" for a heading the platform
    did not know, kept per hub and kind of file and applied to the next file with that heading
    (a partner sends the same headings every time)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="column_choices")
    kind = models.CharField(max_length=40)
    heading = models.CharField(_("heading"), max_length=250)
    """As first written; heading_key is what matches (case, diacritics and script aside)."""
    heading_key = models.CharField(max_length=250)
    field = models.CharField(_("read as"), max_length=40, blank=True)
    """The field's name; "" when the column is not used."""
    file_name = models.CharField(_("chosen on"), max_length=255, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    chosen_at = models.DateTimeField(auto_now=True)

    objects = ColumnChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "heading"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "kind", "heading_key"], name="column_choice_unique_per_heading"
            )
        ]

    def __str__(self) -> str:
        return f"{self.heading} → {self.field or '-'}"
